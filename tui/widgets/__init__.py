"""Widgets the screens are built from; attributes go down, messages come up."""
