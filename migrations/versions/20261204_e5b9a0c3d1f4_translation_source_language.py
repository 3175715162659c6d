"""Translations carry their article's source language, with an index by state and pair.

The board's coverage strip counted the open translations of each pair by joining every one of
them to its article (25,000 at 100,000 articles: 26 ms on PostgreSQL, 105 ms on SQLite).

The column is added NOT NULL with an empty default, so that SQLite adds it in place instead of
copying the table, then filled from the articles. PostgreSQL drops the default afterwards;
SQLite cannot without copying the table, and keeps it unused (the code always sets the column).

Revision ID: e5b9a0c3d1f4
Revises: c81d3f5a2e67
Create Date: 2026-12-04 23:50:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "e5b9a0c3d1f4"
down_revision: str | Sequence[str] | None = "c81d3f5a2e67"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "translations",
        sa.Column("source_language", sa.String(length=20), nullable=False, server_default=""),
    )
    op.execute(
        "UPDATE translations SET source_language = "
        "(SELECT articles.source_language FROM articles WHERE articles.id = translations.article_id)"
    )
    if op.get_bind().dialect.name != "sqlite":
        op.alter_column("translations", "source_language", server_default=None)
    op.create_index(
        "ix_translations_pair",
        "translations",
        ["state", "source_language", "target_language", "created_at"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index("ix_translations_pair", table_name="translations")
    with op.batch_alter_table("translations", schema=None) as batch_op:
        batch_op.drop_column("source_language")
