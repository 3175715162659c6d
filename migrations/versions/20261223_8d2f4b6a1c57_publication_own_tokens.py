"""Publications keep only their own words in their search tokens: the public search finds a
translation by its original's words through the article's index. Emptying the column makes
`translate-flow db upgrade` reindex the publications once, without the original's tokens
(half of their index).

Revision ID: 8d2f4b6a1c57
Revises: 5a7c9e1f3b20
Create Date: 2026-12-23 09:00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "8d2f4b6a1c57"
down_revision: str | Sequence[str] | None = "5a7c9e1f3b20"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute("UPDATE publications SET search_tokens = NULL")


def downgrade() -> None:
    # The earlier code carries the original's tokens in each publication's: it refills them.
    op.execute("UPDATE publications SET search_tokens = NULL")
