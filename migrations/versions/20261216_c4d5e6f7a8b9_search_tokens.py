"""Search by the analyser's tokens: one `search_tokens` column on articles and publications,
indexed as it is (FTS5 with the `ascii` tokenizer on SQLite, a GIN index on the tsvector of
the same tokens on PostgreSQL), instead of each database splitting title and text its own way.

The tokens are the application's analyser's, which a migration does not import: the column
starts NULL ("not indexed yet"), and `db upgrade` fills it right after migrating (the same
work as `search reindex`). Until then a search finds only rows written since.

Revision ID: c4d5e6f7a8b9
Revises: b3c4d5e6f7a8
Create Date: 2026-12-16 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "c4d5e6f7a8b9"
down_revision: str | Sequence[str] | None = "b3c4d5e6f7a8"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = (("articles", "article_search"), ("publications", "publication_search"))
NEW_VECTOR = "array_to_tsvector(string_to_array(search_tokens, ' '))"
OLD_VECTOR = "to_tsvector('simple', coalesce(title, '') || ' ' || coalesce(search_text, ''))"


def _new_fts5(table: str, source: str) -> list[str]:
    return [
        f"CREATE VIRTUAL TABLE {table} USING fts5(search_tokens, content='{source}', "
        "content_rowid='id', tokenize=\"ascii tokenchars ':'\")",
        f"CREATE TRIGGER {source}_search_insert AFTER INSERT ON {source} BEGIN "  # noqa: S608
        f"INSERT INTO {table}(rowid, search_tokens) VALUES (new.id, new.search_tokens); END",
        f"CREATE TRIGGER {source}_search_delete AFTER DELETE ON {source} BEGIN "  # noqa: S608
        f"INSERT INTO {table}({table}, rowid, search_tokens) "
        "VALUES ('delete', old.id, old.search_tokens); END",
        f"CREATE TRIGGER {source}_search_update AFTER UPDATE OF search_tokens ON {source} "  # noqa: S608
        f"BEGIN INSERT INTO {table}({table}, rowid, search_tokens) "
        "VALUES ('delete', old.id, old.search_tokens); "
        f"INSERT INTO {table}(rowid, search_tokens) VALUES (new.id, new.search_tokens); END",
    ]


def _old_fts5(table: str, source: str) -> list[str]:
    return [
        f"CREATE VIRTUAL TABLE {table} USING fts5(title, search_text, content='{source}', "
        "content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
        f"CREATE TRIGGER {source}_search_insert AFTER INSERT ON {source} BEGIN "  # noqa: S608
        f"INSERT INTO {table}(rowid, title, search_text) "
        "VALUES (new.id, new.title, new.search_text); END",
        f"CREATE TRIGGER {source}_search_delete AFTER DELETE ON {source} BEGIN "  # noqa: S608
        f"INSERT INTO {table}({table}, rowid, title, search_text) "
        "VALUES ('delete', old.id, old.title, old.search_text); END",
        f"CREATE TRIGGER {source}_search_update AFTER UPDATE OF title, search_text ON {source} "  # noqa: S608
        f"BEGIN INSERT INTO {table}({table}, rowid, title, search_text) "
        "VALUES ('delete', old.id, old.title, old.search_text); "
        f"INSERT INTO {table}(rowid, title, search_text) "
        "VALUES (new.id, new.title, new.search_text); "
        "END",
        f"INSERT INTO {table}({table}) VALUES ('rebuild')",  # noqa: S608
    ]


def _drop_fts5(table: str, source: str) -> None:
    for trigger in ("insert", "delete", "update"):
        op.execute(f"DROP TRIGGER IF EXISTS {source}_search_{trigger}")
    op.execute(f"DROP TABLE IF EXISTS {table}")


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for source, table in TABLES:
        if sqlite:
            _drop_fts5(table, source)
        else:
            op.execute(f"DROP INDEX IF EXISTS ix_{source}_search")
        op.add_column(source, sa.Column("search_tokens", sa.Text(), nullable=True))
        if sqlite:
            for statement in _new_fts5(table, source):
                op.execute(statement)
        else:
            op.execute(f"CREATE INDEX ix_{source}_search ON {source} USING gin (({NEW_VECTOR}))")


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for source, table in TABLES:
        if sqlite:
            _drop_fts5(table, source)
        else:
            op.execute(f"DROP INDEX IF EXISTS ix_{source}_search")
        with op.batch_alter_table(source) as batch_op:
            batch_op.drop_column("search_tokens")
        if sqlite:
            for statement in _old_fts5(table, source):
                op.execute(statement)
        else:
            op.execute(f"CREATE INDEX ix_{source}_search ON {source} USING gin (({OLD_VECTOR}))")
