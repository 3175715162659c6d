"""Each segment's quality-check findings as its last save found them, with the key of what they
were found from, so that the editor page need not run every check on every row.

Nothing is filled here: a row without a result (or with one whose key no longer matches) is
checked when the page is read, and stored at its next save.

Revision ID: f1a2b3c4d5e6
Revises: e255c36eca0d
Create Date: 2026-12-13 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "f1a2b3c4d5e6"
down_revision: str | Sequence[str] | None = "e255c36eca0d"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "check_results",
        sa.Column("translation_segment_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("terms_version", sa.String(length=80), nullable=False),
        sa.Column("terms", sa.String(length=40), nullable=False),
        sa.Column("findings", sa.JSON(), nullable=False),
        sa.Column("computed_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["translation_segment_id"],
            ["translation_segments.id"],
            name=op.f("fk_check_results_translation_segment_id_translation_segments"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("translation_segment_id", name=op.f("pk_check_results")),
    )


def downgrade() -> None:
    op.drop_table("check_results")
