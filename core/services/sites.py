"""The shop's locations: listed, added and renamed by a manager; a till's own checked."""

from __future__ import annotations

from core.domain.errors import ConfigError, InputError
from core.domain.limits import TextLimit, text
from core.domain.permissions import Right
from core.domain.sites import Site, site_code
from core.i18n import _
from core.persistence.unit_of_work import UnitOfWork
from core.ports import Context
from core.services.authority import require


def all_sites(uow: UnitOfWork) -> list[Site]:
    """Every location of the shop, by code."""
    return uow.sites.all()


def add(uow: UnitOfWork, ctx: Context, code: str, name: str) -> Site:
    """A new location (a shop or a warehouse); a manager's change."""
    require(ctx, Right.SETTINGS)
    site = Site(site_code(code), text(_("Location name"), name, TextLimit.PARTY).strip())
    with uow:
        if uow.sites.get(site.code) is not None:
            raise InputError(_("The shop has a location {code} already.").format(code=site.code))
        uow.sites.add(site, ctx.clock.now())
    return site


def rename(uow: UnitOfWork, ctx: Context, code: str, name: str) -> Site:
    """Give a location another name; its code, which documents name, stays."""
    require(ctx, Right.SETTINGS)
    new_name = text(_("Location name"), name, TextLimit.PARTY).strip()
    with uow:
        site = uow.sites.get(site_code(code))
        if site is None:
            raise InputError(_("The shop has no location {code}.").format(code=code.strip()[:60]))
        uow.sites.rename(site.code, new_name)
    return Site(site.code, new_name)


def check_till_site(uow: UnitOfWork, code: str) -> Site:
    """This till's configured location, which must be one of the shop's."""
    site = uow.sites.get(code)
    known = [] if site is not None else uow.sites.all()
    if site is None:
        raise ConfigError(
            _(
                "This till's location “{code}” ([till] location in the config) is not one of "
                "the shop's locations ({known}): correct the config, or add it with "
                "`till location add {code} NAME`."
            ).format(code=code, known=", ".join(s.code for s in known))
        )
    return site
