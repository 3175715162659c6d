"""How many units have each term of the memory's index (its document frequency).

Matching picks a segment's rarest terms by looking their counts up here, one primary-key row
each, instead of counting index ranges. Filled from the index as it stands.

Revision ID: d4f6b8c0e2a3
Revises: c3e5a7b9d1f2
Create Date: 2026-12-09 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "d4f6b8c0e2a3"
down_revision: str | Sequence[str] | None = "c3e5a7b9d1f2"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "memory_term_counts",
        sa.Column("term", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("units", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("term", name=op.f("pk_memory_term_counts")),
        sqlite_with_rowid=False,
    )
    op.execute(
        "INSERT INTO memory_term_counts (term, units) "
        "SELECT term, count(*) FROM memory_terms GROUP BY term"
    )


def downgrade() -> None:
    op.drop_table("memory_term_counts")
