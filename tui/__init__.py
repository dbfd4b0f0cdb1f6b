"""The till's user-facing shells: the `till` command line and the Textual app."""
