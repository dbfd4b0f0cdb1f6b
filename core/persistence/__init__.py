"""The only package that talks to the database (peewee on SQLite or PostgreSQL)."""
