"""Reviewers' per-segment "checked" marks, and a reviewer's proposed due date.

Requesting changes used to replace the coordinator's due date; now a reviewer proposes one
and a coordinator accepts or declines it.

Revision ID: 5d2f9c4b7e10
Revises: 3b8e61d0c2a7
Create Date: 2026-12-06 08:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "5d2f9c4b7e10"
down_revision: str | Sequence[str] | None = "3b8e61d0c2a7"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "review_marks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("translation_segment_id", sa.Integer(), nullable=False),
        sa.Column("translation_id", sa.Integer(), nullable=False),
        sa.Column("checked_text", sa.Text(), nullable=False),
        sa.Column("checked_by_id", sa.Integer(), nullable=True),
        sa.Column("checked_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["checked_by_id"],
            ["users.id"],
            name=op.f("fk_review_marks_checked_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["translation_id"],
            ["translations.id"],
            name=op.f("fk_review_marks_translation_id_translations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["translation_segment_id"],
            ["translation_segments.id"],
            name=op.f("fk_review_marks_translation_segment_id_translation_segments"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_marks")),
        sa.UniqueConstraint(
            "translation_segment_id", name=op.f("uq_review_marks_translation_segment_id")
        ),
    )
    op.create_index(
        op.f("ix_review_marks_translation_id"), "review_marks", ["translation_id"], unique=False
    )
    with op.batch_alter_table("translations", schema=None) as batch_op:
        batch_op.add_column(sa.Column("proposed_due_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("proposed_due_by_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_translations_proposed_due_by_id_users"),
            "users",
            ["proposed_due_by_id"],
            ["id"],
            ondelete="SET NULL",
        )


def downgrade() -> None:
    with op.batch_alter_table("translations", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_translations_proposed_due_by_id_users"), type_="foreignkey"
        )
        batch_op.drop_column("proposed_due_by_id")
        batch_op.drop_column("proposed_due_at")
    op.drop_index(op.f("ix_review_marks_translation_id"), table_name="review_marks")
    op.drop_table("review_marks")
