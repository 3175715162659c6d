"""Dismissed quality-check findings, each with the segment text it was made on and a reason.

Revision ID: e89779d869d5
Revises: ec5af25e94b1
Create Date: 2026-12-11 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "e89779d869d5"
down_revision: str | Sequence[str] | None = "ec5af25e94b1"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "check_dismissals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("translation_segment_id", sa.Integer(), nullable=False),
        sa.Column("translation_id", sa.Integer(), nullable=False),
        sa.Column("check", sa.String(length=40), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["actor_id"],
            ["users.id"],
            name=op.f("fk_check_dismissals_actor_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["translation_id"],
            ["translations.id"],
            name=op.f("fk_check_dismissals_translation_id_translations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["translation_segment_id"],
            ["translation_segments.id"],
            name=op.f("fk_check_dismissals_translation_segment_id_translation_segments"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_check_dismissals")),
    )
    with op.batch_alter_table("check_dismissals", schema=None) as batch_op:
        batch_op.create_index(
            "ix_check_dismissals_segment", ["translation_segment_id", "check", "id"], unique=False
        )
        batch_op.create_index(
            "ix_check_dismissals_translation", ["translation_id", "id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("check_dismissals", schema=None) as batch_op:
        batch_op.drop_index("ix_check_dismissals_translation")
        batch_op.drop_index("ix_check_dismissals_segment")

    op.drop_table("check_dismissals")
