"""People and outlets get a collation key, so their lists page in SQL in the Unicode Collation
Algorithm's order ("Ärzte" with A, "Ёлка" with Е) on SQLite and PostgreSQL alike.

The key is written out here as the text layer's `collation_key` computes it (pyuca's root
weights, 16-bit big-endian, white space collapsed), as migrations import no application code;
terms' keys are recomputed the same way so that every stored key agrees.

Revision ID: c7d8e9f0a1b2
Revises: c4d5e6f7a8b9
Create Date: 2026-12-17 09:00:00
"""

import struct
from collections.abc import Sequence

import pyuca
import sqlalchemy as sa
from alembic import op

revision: str = "c7d8e9f0a1b2"
down_revision: str | Sequence[str] | None = "c4d5e6f7a8b9"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# (table, the column holding the name, the index on its key)
KEYED = (
    ("users", "display_name", "ix_users_sort_key"),
    ("outlets", "name", "ix_outlets_sort_key"),
)


def _fill(collator: pyuca.Collator, table_name: str, name_column: str) -> None:
    table = sa.table(
        table_name,
        sa.column("id", sa.Integer),
        sa.column(name_column, sa.String),
        sa.column("sort_key", sa.LargeBinary),
    )
    connection = op.get_bind()
    rows = connection.execute(sa.select(table.c.id, table.c[name_column])).all()
    for row_id, name in rows:
        weights = collator.sort_key(" ".join((name or "").split()))
        connection.execute(
            table.update()
            .where(table.c.id == row_id)
            .values(sort_key=struct.pack(f">{len(weights)}H", *weights))
        )


def upgrade() -> None:
    collator = pyuca.Collator()
    for table_name, name_column, index in KEYED:
        with op.batch_alter_table(table_name, schema=None) as batch_op:
            batch_op.add_column(sa.Column("sort_key", sa.LargeBinary(), nullable=True))
        _fill(collator, table_name, name_column)
        with op.batch_alter_table(table_name, schema=None) as batch_op:
            batch_op.alter_column("sort_key", existing_type=sa.LargeBinary(), nullable=False)
            batch_op.create_index(index, ["sort_key"], unique=False)
    _fill(collator, "terms", "source")


def downgrade() -> None:
    for table_name, _name_column, index in reversed(KEYED):
        with op.batch_alter_table(table_name, schema=None) as batch_op:
            batch_op.drop_index(index)
            batch_op.drop_column("sort_key")
