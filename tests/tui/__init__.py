"""Tests of the Textual app: Pilot flows at 80×24 and snapshots of what a cashier sees."""
