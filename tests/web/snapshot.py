"""Every row of every table, to prove that a refused request changed nothing."""

from typing import Any

from sqlalchemy import select

from translate_flow.core.db import Database
from translate_flow.domain.models import Base

# Built once: a snapshot is taken before and after each of hundreds of refused requests.
_READ_EVERY_TABLE = [
    (table.name, select(table).order_by(*table.primary_key.columns))
    for table in Base.metadata.sorted_tables
]


def database_snapshot(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    # One connection and plain SQL: nothing here needs the ORM's sessions or objects.
    with db.engine.connect() as connection:
        return {
            name: [tuple(row) for row in connection.execute(statement)]
            for name, statement in _READ_EVERY_TABLE
        }
