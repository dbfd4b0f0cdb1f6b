"""Refuse serial-number patterns whose matching can take exponential time.

Python's ``re`` backtracks: ``(A+)+B`` against 39 letters runs for minutes, and a till that
checks every scan against such a pattern freezes. The classic cause is a repetition inside a
repetition where the inner one can match a varying number of characters, so the engine can
split the same text between the two loops in exponentially many ways. Such a pattern is
refused when it is set; every other pattern is matched against at most 64 characters.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

# The regular-expression parser of the standard library (private, without type stubs).
_parser: Any = import_module("re._parser")
_constants: Any = import_module("re._constants")

_REPEATS = {_constants.MAX_REPEAT, _constants.MIN_REPEAT}
_POSSESSIVE = getattr(_constants, "POSSESSIVE_REPEAT", None)


def nested_repetition(pattern: str) -> bool:
    """True when a repeated part of ``pattern`` holds a repetition of varying length.

    The pattern must compile; ``(A+)+``, ``(\\d*)*`` and ``(x[0-9]+)+`` are nested, while
    ``[A-Z]{2}\\d+`` and ``(AB-\\d{4})+`` (inner counts fixed) are not."""
    return _scan(_parser.parse(pattern), inside_repeat=False)


def _scan(items: Any, *, inside_repeat: bool) -> bool:
    """Walk a parsed pattern; True at the first variable repeat inside another repeat."""
    for op, value in items:
        if op in _REPEATS:
            low, high, body = value
            if inside_repeat and low != high:
                return True
            if _scan(body, inside_repeat=inside_repeat or high > 1):
                return True
        elif op == _POSSESSIVE:
            continue  # possessive loops never give characters back: no backtracking
        elif op == _constants.SUBPATTERN:
            if _scan(value[-1], inside_repeat=inside_repeat):
                return True
        elif op == _constants.BRANCH:
            if any(_scan(branch, inside_repeat=inside_repeat) for branch in value[1]):
                return True
        elif op in (_constants.ASSERT, _constants.ASSERT_NOT):
            if _scan(value[1], inside_repeat=inside_repeat):
                return True
    return False
