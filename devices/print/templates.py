"""Print templates: sandboxed Jinja2 producing the line markup of devices.print.markup.

The shipped templates travel in the package (``receipts/``, a package read through
importlib.resources); a shop's own folder (``[printer] templates``), when given, is searched
first, so a file there overrides the shipped one of the same name. Templates are never looked
up in the current folder. A product type can have its own
warranty card: ``render_template("warranty_card.j2", ctx, variant="laptop")`` uses
``warranty_card.laptop.j2`` when it exists and ``warranty_card.j2`` otherwise. A missing or
broken template raises TemplateError naming the file and line. Besides Jinja's own, the
test ``is code128`` tells whether a value can be printed as a Code 128 barcode.

Context keys (plain dicts and lists; money as formatted strings such as "1 299,00 грн",
dates as ISO or formatted strings; templates do no arithmetic):

    sale_receipt.j2
        shop{name, address, phone}
        document{number, date, kind}        kind: "sale" or "return"
        customer{name, phone} or None
        lines[{sku, name, quantity, unit_price, total, serials[], warranty_end or None}]
        total
        payment{method, tendered or None, change or None}
    warranty_card.j2 (and warranty_card.<product type>.j2)
        shop{name, address, phone}
        product{sku, name}
        serial
        sale{number, date}
        warranty{period, end}
        customer{name, phone} or None
        components[{sku, name, serial or None}]   parts of a bundle, may be empty
        verify_url                                 optional: URL or text, printed as a QR code
    sn_label.j2
        product{sku, name, price}
        serial
    day_summary.j2
        shop{name, address, phone}
        day, till ("" for the whole shop), closed, closed_by
        payments[{method, sales, refunds}]
        documents[{kind, count}]
        overrides[{document, sku, quantity, list_price, sold_price, operator}]
        paid_in, paid_out, cash_expected
"""

from __future__ import annotations

import time
import traceback
from collections.abc import Callable, Mapping
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import jinja2
from jinja2.exceptions import SecurityError
from jinja2.loaders import split_template_path
from jinja2.sandbox import SandboxedEnvironment

from devices.i18n import _
from devices.print.document import Document
from devices.print.errors import TemplateError
from devices.print.markup import MarkupError, parse, protect

SHIPPED_PACKAGE = "receipts"
"""The package whose data files are the shipped templates (the project's ``receipts/``)."""


MAX_OUTPUT = 200_000
"""The most characters one rendered template may produce: a receipt is a few thousand."""
MAX_SECONDS = 2.0
"""How long rendering one template may take."""


class BoundedSandbox(SandboxedEnvironment):
    """The sandbox, with ``*`` and ``**`` refused where they would build a huge value
    (``'a' * 10**9``): a shop's template can neither exhaust memory nor hang the till."""

    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        """``left operator right`` when the result stays small."""
        if operator == "**" and _number(left) and _number(right) and abs(right) > 64:
            raise SecurityError(f"the power {left!r} ** {right!r} is too large")
        if operator == "*":
            size = _repeated_size(left, right) or _repeated_size(right, left)
            if size > MAX_OUTPUT:
                raise SecurityError(f"a value repeated to {size} items is too large")
        return super().call_binop(context, operator, left, right)


def _number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _repeated_size(sequence: object, times: object) -> int:
    """How long ``sequence * times`` would be (0 when it is no repetition)."""
    if isinstance(sequence, str | list | tuple) and isinstance(times, int):
        return len(sequence) * max(times, 0)
    return 0


class ShippedLoader(jinja2.BaseLoader):
    """Loads the templates that travel in the package, through importlib.resources."""

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str | None, Callable[[], bool] | None]:
        """The template's text and where it lives; TemplateNotFound when not shipped."""
        resource = files(SHIPPED_PACKAGE)
        for piece in split_template_path(template):
            resource = resource.joinpath(piece)
        if not resource.is_file():
            raise jinja2.TemplateNotFound(template)
        return resource.read_text(encoding="utf-8"), str(resource), lambda: True


@lru_cache(maxsize=8)
def _environment(shop_dir: Path | None) -> BoundedSandbox:
    """A sandboxed environment loading from the shop's folder, then the shipped templates;
    unknown names are errors."""
    loaders: list[jinja2.BaseLoader] = [ShippedLoader()]
    if shop_dir is not None:
        loaders.insert(0, jinja2.FileSystemLoader(str(shop_dir)))
    env = BoundedSandbox(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=False,
        undefined=jinja2.StrictUndefined,
        finalize=protect,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.tests["code128"] = fits_code128
    return env


def fits_code128(value: object) -> bool:
    """Template test: ``value`` is non-empty printable ASCII, which Code 128 can encode."""
    return isinstance(value, str) and value != "" and value.isascii() and value.isprintable()


def render_template(
    name: str,
    context: Mapping[str, Any],
    *,
    templates_dir: Path | None = None,
    variant: str | None = None,
) -> Document:
    """Render the template ``name`` (from ``templates_dir`` if it has it, else the shipped
    one) into a Document."""
    shop_dir = templates_dir.expanduser().resolve() if templates_dir is not None else None
    candidates = [_variant_name(name, variant), name] if variant else [name]
    template = _load(_environment(shop_dir), candidates, shop_dir)
    filename = template.filename or name
    try:
        text = _bounded_render(template, context, filename)
    except TemplateError:
        raise
    except Exception as error:
        raise TemplateError(
            f"{filename}, line {_template_line(error, filename)}: {error}"
        ) from None
    try:
        return parse(text)
    except MarkupError as error:
        raise TemplateError(f"{filename}: {error}") from None


def _bounded_render(template: jinja2.Template, context: Mapping[str, Any], filename: str) -> str:
    """Render chunk by chunk, stopping a template that grows past ``MAX_OUTPUT`` characters
    or runs longer than ``MAX_SECONDS``."""
    started, size, chunks = time.monotonic(), 0, []
    for chunk in template.generate(dict(context)):
        size += len(chunk)
        chunks.append(chunk)
        if size > MAX_OUTPUT:
            raise TemplateError(
                _("{file}: the template produced more than {limit} characters.").format(
                    file=filename, limit=MAX_OUTPUT
                )
            )
        if time.monotonic() - started > MAX_SECONDS:
            raise TemplateError(
                _("{file}: the template took longer than {limit} seconds.").format(
                    file=filename, limit=MAX_SECONDS
                )
            )
    return "".join(chunks)


def _variant_name(name: str, variant: str) -> str:
    """warranty_card.j2 + laptop → warranty_card.laptop.j2."""
    stem, dot, suffix = name.rpartition(".")
    safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in variant.lower())
    return f"{stem}.{safe}.{suffix}" if dot else f"{name}.{safe}"


def _load(env: SandboxedEnvironment, names: list[str], shop_dir: Path | None) -> jinja2.Template:
    """The first template that exists, with clear errors for missing or invalid ones."""
    try:
        return env.select_template(names)
    except jinja2.TemplatesNotFound:
        if shop_dir is None:
            message = _("No print template {name!r} among the shipped templates.")
        else:
            message = _("No print template {name!r} in {directory} nor among the shipped ones.")
        raise TemplateError(message.format(name=names[-1], directory=shop_dir)) from None
    except jinja2.TemplateSyntaxError as error:
        where = error.filename or names[-1]
        raise TemplateError(f"{where}, line {error.lineno}: {error.message}") from None


def _template_line(error: BaseException, filename: str) -> int | str:
    """The template line where rendering failed, from Jinja's rewritten traceback."""
    frames = traceback.extract_tb(error.__traceback__)
    lines = [frame.lineno for frame in frames if frame.filename == filename]
    return lines[-1] if lines and lines[-1] is not None else "?"
