"""The base of the back-office screens that a shop of several locations narrows to one.

A shop with one location sees nothing of this: the choice appears only once the screen has
read that the shop has several."""

from __future__ import annotations

from typing import ClassVar

from textual import on, work
from textual.message import Message

from core.domain.errors import TillError
from core.domain.sites import Site
from tui.dialogs.form import Answer, Field
from tui.i18n import N_, _
from tui.messages import Refused
from tui.screens.back_office import BackOfficeScreen

ALL = N_("all")
"""What the location field says for every location."""


class LocationScreen(BackOfficeScreen):
    """Reads the shop's locations on mount; the filter form gains a location field if several."""

    FIELD: ClassVar[str] = "location"
    """The key of the location field in a filter form's answer."""

    class Known(Message):
        """The shop's locations, read from the database."""

        def __init__(self, sites: list[Site]) -> None:
            super().__init__()
            self.sites = tuple(sites)

    sites: tuple[Site, ...] = ()
    """The shop's locations, by code; empty until read."""

    def on_mount(self) -> None:
        """Read the locations (a subclass's own ``on_mount`` runs as well)."""
        self.read_sites()

    @work(thread=True, exclusive=True, exit_on_error=False, group="sites")
    def read_sites(self) -> None:
        """Read the shop's locations."""
        try:
            self.post_message(self.Known(self.services.office.sites()))
        except TillError as error:
            self.post_message(Refused(error))

    @on(Known)
    def known(self, message: Known) -> None:
        """Keep the locations; a shop of several gets its location choice shown."""
        self.sites = message.sites
        if self.several_sites:
            self.show_locations()

    @property
    def several_sites(self) -> bool:
        """Whether the shop has more than one location (only then is there a choice)."""
        return len(self.sites) > 1

    def show_locations(self) -> None:
        """Show what a shop of several locations sees (a column, the filter's words)."""

    def location_fields(self, code: str | None) -> list[Field]:
        """The filter form's location field (the chosen code, or empty for all); none at all
        when the shop has one location."""
        if not self.several_sites:
            return []
        codes = ", ".join(site.code for site in self.sites)
        return [Field(self.FIELD, _("Location"), code or "", codes, _("empty: all"))]

    def site_typed(self, answer: Answer) -> str | None:
        """The code of the location typed (its code or name, any case); None: every one."""
        text = answer.get(self.FIELD, "").strip().casefold()
        if text in ("", ALL, _(ALL).casefold()):
            return None
        for site in self.sites:
            if text in (site.code, site.name.casefold()):
                return site.code
        raise LookupError(text)

    def location_problem(self, answer: Answer) -> str | None:
        """Why the typed location is not one of the shop's, or None."""
        try:
            self.site_typed(answer)
        except LookupError:
            typed = answer[self.FIELD].strip()
            known = ", ".join(site.code for site in self.sites)
            return _("The shop has no location “{typed}”: choose one of {known}.").format(
                typed=typed, known=known
            )
        return None

    def location_words(self, code: str | None) -> str:
        """The chosen location for the filter line: nothing for a shop of one location."""
        if not self.several_sites:
            return ""
        return "   " + _("Location: {site}").format(site=code or _(ALL))
