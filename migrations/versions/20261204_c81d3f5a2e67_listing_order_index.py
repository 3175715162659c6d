"""Indexes in the article list's own order, on the translations' target language, and live
publications with their ids.

The list sorts by priority descending, then oldest first. An ascending index could not give
that order, so a deep page made the database sort every active article (on disk, at 100,000).
The board's pair filter skips through the target-language index instead of reading every
translation. A feed's version is the latest id, publish and take-down, each one index probe.

Revision ID: c81d3f5a2e67
Revises: a4c1e2b7d9f0
Create Date: 2026-12-04 23:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "c81d3f5a2e67"
down_revision: str | Sequence[str] | None = "a4c1e2b7d9f0"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

LISTING = ["status", sa.desc(sa.column("priority")), "created_at", "id"]
LIVE = ["unpublished_at", "first_published_at", "published_at"]


def upgrade() -> None:
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.drop_index("ix_articles_listing")
        batch_op.create_index("ix_articles_listing", LISTING, unique=False)
        batch_op.drop_index("ix_articles_language")
        batch_op.create_index("ix_articles_language", ["source_language", *LISTING], unique=False)
    with op.batch_alter_table("translations", schema=None) as batch_op:
        batch_op.create_index("ix_translations_target_language", ["target_language"], unique=False)
    with op.batch_alter_table("publications", schema=None) as batch_op:
        batch_op.drop_index("ix_publications_live")
        batch_op.create_index("ix_publications_live", [*LIVE, "id"], unique=False)
        batch_op.create_index("ix_publications_published_at", ["published_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("publications", schema=None) as batch_op:
        batch_op.drop_index("ix_publications_published_at")
        batch_op.drop_index("ix_publications_live")
        batch_op.create_index("ix_publications_live", LIVE, unique=False)
    with op.batch_alter_table("translations", schema=None) as batch_op:
        batch_op.drop_index("ix_translations_target_language")
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.drop_index("ix_articles_language")
        batch_op.create_index(
            "ix_articles_language",
            ["source_language", "status", "priority", "created_at"],
            unique=False,
        )
        batch_op.drop_index("ix_articles_listing")
        batch_op.create_index(
            "ix_articles_listing", ["status", "priority", "created_at"], unique=False
        )
