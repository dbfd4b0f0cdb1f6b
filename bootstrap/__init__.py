"""Composition root: config, database, printers and scanners wired for the front ends."""
