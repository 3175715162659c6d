"""Indexes the benchmark asked for: the board's undated cards of each state oldest first, the
article list filtered by language counted and sorted from the index alone, and a translator's
live publications counted (every byline does) from the index alone, and a feed's version
read from the index of live publications.

Revision ID: a4c1e2b7d9f0
Revises: f7f78024ee9c
Create Date: 2026-12-04 21:30:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "a4c1e2b7d9f0"
down_revision: str | Sequence[str] | None = "f7f78024ee9c"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("translations", schema=None) as batch_op:
        batch_op.create_index(
            "ix_translations_created", ["state", "created_at", "id"], unique=False
        )
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.drop_index("ix_articles_language")
        batch_op.create_index(
            "ix_articles_language",
            ["source_language", "status", "priority", "created_at"],
            unique=False,
        )
    with op.batch_alter_table("publications", schema=None) as batch_op:
        batch_op.drop_index("ix_publications_translator")
        batch_op.create_index(
            "ix_publications_translator",
            ["translator_id", "unpublished_at", "first_published_at"],
            unique=False,
        )
        batch_op.drop_index("ix_publications_live")
        batch_op.create_index(
            "ix_publications_live",
            ["unpublished_at", "first_published_at", "published_at"],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("publications", schema=None) as batch_op:
        batch_op.drop_index("ix_publications_live")
        batch_op.create_index(
            "ix_publications_live", ["unpublished_at", "first_published_at"], unique=False
        )
        batch_op.drop_index("ix_publications_translator")
        batch_op.create_index(
            "ix_publications_translator", ["translator_id", "first_published_at"], unique=False
        )
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.drop_index("ix_articles_language")
        batch_op.create_index("ix_articles_language", ["source_language"], unique=False)
    with op.batch_alter_table("translations", schema=None) as batch_op:
        batch_op.drop_index("ix_translations_created")
