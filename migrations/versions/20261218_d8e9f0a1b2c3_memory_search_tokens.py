"""The concordance searches the memory by the analyser's tokens, as articles are searched: a
`search_tokens` column on memory_units, indexed as it is (FTS5 with the `ascii` tokenizer on
SQLite, a GIN index on the tsvector of the same tokens on PostgreSQL).

The column starts NULL ("not indexed yet"); `db upgrade` fills it right after migrating (the
same work as `search reindex`). Until then the concordance finds only units written since.

Revision ID: d8e9f0a1b2c3
Revises: c7d8e9f0a1b2
Create Date: 2026-12-18 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "d8e9f0a1b2c3"
down_revision: str | Sequence[str] | None = "c7d8e9f0a1b2"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SOURCE = "memory_units"
TABLE = "memory_search"
VECTOR = "array_to_tsvector(string_to_array(search_tokens, ' '))"
TRIGGERS = ("insert", "delete", "update")

FTS5 = [
    f"CREATE VIRTUAL TABLE {TABLE} USING fts5(search_tokens, content='{SOURCE}', "
    "content_rowid='id', tokenize=\"ascii tokenchars ':'\")",
    f"CREATE TRIGGER {SOURCE}_search_insert AFTER INSERT ON {SOURCE} BEGIN "  # noqa: S608
    f"INSERT INTO {TABLE}(rowid, search_tokens) VALUES (new.id, new.search_tokens); END",
    f"CREATE TRIGGER {SOURCE}_search_delete AFTER DELETE ON {SOURCE} BEGIN "  # noqa: S608
    f"INSERT INTO {TABLE}({TABLE}, rowid, search_tokens) "
    "VALUES ('delete', old.id, old.search_tokens); END",
    f"CREATE TRIGGER {SOURCE}_search_update AFTER UPDATE OF search_tokens ON {SOURCE} "  # noqa: S608
    f"BEGIN INSERT INTO {TABLE}({TABLE}, rowid, search_tokens) "
    "VALUES ('delete', old.id, old.search_tokens); "
    f"INSERT INTO {TABLE}(rowid, search_tokens) VALUES (new.id, new.search_tokens); END",
]


def upgrade() -> None:
    op.add_column(SOURCE, sa.Column("search_tokens", sa.Text(), nullable=True))
    if op.get_bind().dialect.name == "sqlite":
        for statement in FTS5:
            op.execute(statement)
    else:
        op.execute(f"CREATE INDEX ix_{SOURCE}_search ON {SOURCE} USING gin (({VECTOR}))")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for trigger in TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {SOURCE}_search_{trigger}")
        op.execute(f"DROP TABLE IF EXISTS {TABLE}")
    else:
        op.execute(f"DROP INDEX IF EXISTS ix_{SOURCE}_search")
    with op.batch_alter_table(SOURCE) as batch_op:
        batch_op.drop_column("search_tokens")
