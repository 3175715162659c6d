"""What a backup learnt of the database in the same snapshot as its payload."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Snapshot:
    schema_revision: str
    tables: dict[str, int]
    server_version: str
    dump_version: str | None = None
