"""The public search's publications of the matching originals read from their index alone: by
(article_id, id). A word of the original in 9,000 of 100,000 articles joined the 35,000
publications' rows to learn their ids, 36 ms of a 67 ms search; from the index, 3 ms.

Revision ID: 3e6b1d9c4f82
Revises: 8d2f4b6a1c57
Create Date: 2026-12-24 09:00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "3e6b1d9c4f82"
down_revision: str | Sequence[str] | None = "8d2f4b6a1c57"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.drop_index("ix_publications_article", table_name="publications")
    op.create_index("ix_publications_article", "publications", ["article_id", "id"])


def downgrade() -> None:
    op.drop_index("ix_publications_article", table_name="publications")
    op.create_index("ix_publications_article", "publications", ["article_id"])
