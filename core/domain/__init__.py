"""Pure domain model: no database, no clock, no devices."""
