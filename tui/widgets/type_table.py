"""The product-type tree with each node's settings: those it does not set itself dimmed."""

from __future__ import annotations

from typing import ClassVar

from rich.style import Style
from rich.text import Text

from core.domain.catalogue import TypePolicy, TypeSettings
from tui.i18n import _
from tui.widgets.lines_table import LinesTable

Node = tuple[TypeSettings, TypePolicy]
"""A type as it sets itself and as it resolves."""


ALPHABET = "abcdefghijklmnopqrstuvwxyzабвгґдеєжзиіїйклмнопрстуфхцчшщьюя"
"""Letters in the order a Ukrainian shop sorts names (Latin first)."""


def collation(name: str) -> tuple[int, ...]:
    """A sort key for a name in alphabetical order, Ukrainian letters included."""
    return tuple(
        ALPHABET.index(char) if char in ALPHABET else len(ALPHABET) + ord(char)
        for char in name.casefold()
    )


def tree_order(nodes: list[Node]) -> list[Node]:
    """Parents before children, siblings by name."""
    return sorted(nodes, key=lambda node: [collation(part) for part in node[0].path.split("/")])


def indented(path: str) -> str:
    """A type's own name, indented under its parent's."""
    depth = path.count("/")
    name = path.rsplit("/", 1)[-1]
    return f"{'  ' * (depth - 1)}└ {name}" if depth else name


class TypeTable(LinesTable):
    """One row per type: tracking, warranty, SN check, pattern, case and card template."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"type-table--inherited"}

    def on_mount(self) -> None:
        self.watch(self.app, "theme", self._theme_changed, init=False)

    def _theme_changed(self) -> None:
        self.call_after_refresh(lambda: self.redraw() if self.redraw else None)

    def cell(self, own: object, inherited: bool, text: str) -> Text:
        """A setting: plain when the node sets it, else dimmed; ``^`` when a parent sets it."""
        if own is not None:
            return Text(text)
        style: Style = self.get_component_rich_style("type-table--inherited", partial=True)
        return Text(f"^{text}" if inherited else text, style=style)

    def show(self, nodes: list[Node], cursor: int = 0) -> None:
        """Show the tree."""
        self.redraw = lambda: self.show(nodes, self.cursor_row)
        self.set_columns(
            [
                ("type", _("Product type")),
                ("tracking", _("Tracking")),
                ("warranty", _("Warranty")),
                ("check", _("Check")),
                ("pattern", _("SN pattern")),
                ("case", _("Case")),
                ("card", _("Card")),
            ],
            {"tracking": 8, "warranty": 10, "check": 5, "pattern": 12, "case": 4, "card": 8},
            flexible="type",
        )
        for node, policy in nodes:
            rule = policy.rule
            shown = {
                "tracking": policy.tracking.value,
                "warranty": policy.warranty.describe(),
                "sn_check": (rule.check or "-").upper(),
                "sn_pattern": rule.pattern or "-",
                "sn_uppercase": "ABC" if rule.uppercase else "Abc",
                "card_template": policy.card_template or "-",
            }
            cells = (
                self.cell(getattr(node, name), name in policy.inherited, text)
                for name, text in shown.items()
            )
            self.add_row(Text(indented(node.path)), *cells)
        self.put_cursor(cursor)
