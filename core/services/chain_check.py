"""`till journal verify`: walk the tamper-evident chain and name what was changed behind the
app's back — the first row edited, removed or inserted, and every one after it."""

from __future__ import annotations

from core.domain.chain import ChainProblem
from core.i18n import _
from core.persistence import chain_repo
from core.persistence.unit_of_work import UnitOfWork
from core.views import ChainReport


def describe(problem: ChainProblem) -> str:
    """One line naming the row and what happened to it."""
    where = f"{problem.table} {problem.row_id}"
    if problem.what == "edited":
        text = _("link {seq}: {row} was edited behind the app's back")
    elif problem.what == "removed":
        text = _("link {seq}: {row} was removed behind the app's back")
    elif problem.what == "unlinked":
        text = _("link {seq}: the links before it were removed")
    else:
        text = _("{row} was inserted behind the app's back (no link covers it)")
    return text.format(seq=problem.seq, row=where)


def verify_chain(uow: UnitOfWork) -> ChainReport:
    """Check every link against its row, then look for rows no link covers."""
    with uow:
        problems: list[ChainProblem] = []
        links = 0
        for found in chain_repo.walk(uow.sql):
            if isinstance(found, ChainProblem):
                problems.append(found)
            else:
                links = found
        problems.extend(chain_repo.unlinked_rows(uow.sql, chain_repo.CHAINED))
        seq, head = chain_repo.head(uow.sql)
    return ChainReport(links, seq, head, tuple(problems), tuple(map(describe, problems)))
