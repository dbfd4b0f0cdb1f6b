"""The shipped print templates: sale receipt, warranty card and SN label (Jinja2).

A shop overrides any of them from the folder set by ``[printer] templates``."""
