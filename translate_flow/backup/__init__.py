"""Backups that restore: a consistent copy of a working desk, and its restore into an empty one."""
