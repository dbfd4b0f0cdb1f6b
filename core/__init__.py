"""Headless core of serial-till: domain rules, persistence and services."""
