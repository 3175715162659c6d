"""Every row of every table, to prove that a refused request changed nothing."""

from typing import Any

from sqlalchemy import select

from translate_flow.core.db import Database
from translate_flow.domain.models import Base


def database_snapshot(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    with db.session(write=False) as session:
        return {
            table.name: [
                tuple(row)
                for row in session.execute(
                    select(table).order_by(*(column for column in table.primary_key.columns))
                )
            ]
            for table in Base.metadata.sorted_tables
        }
