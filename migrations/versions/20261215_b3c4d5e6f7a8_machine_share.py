"""The machine's share: a revision keeps the engine and the text it was inserted from, and
each snapshot taken at submit, approval or publication keeps how much of it is unedited
machine output.

Adds the `machine_draft` origin (a whole-article machine draft, saved as such). SQLite cannot
alter a CHECK constraint in place: batch mode copies the table.

Revision ID: b3c4d5e6f7a8
Revises: a7b8c9d0e1f2
Create Date: 2026-12-15 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "b3c4d5e6f7a8"
down_revision: str | Sequence[str] | None = "a7b8c9d0e1f2"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD_ORIGINS = (
    "origin IN ('typed', 'reviewer', 'merged', 'conflict', 'kept_after_conflict', 'restored', "
    "'prefilled')"
)
NEW_ORIGINS = (
    "origin IN ('typed', 'reviewer', 'merged', 'conflict', 'kept_after_conflict', 'restored', "
    "'prefilled', 'machine_draft')"
)


def upgrade() -> None:
    with op.batch_alter_table("segment_revisions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("suggestion_engine", sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column("suggestion_text", sa.Text(), nullable=True))
        batch_op.drop_constraint("revision_origin", type_="check")
        batch_op.create_check_constraint("revision_origin", NEW_ORIGINS)
    op.create_table(
        "machine_shares",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("snapshot_id", sa.Integer(), nullable=False),
        sa.Column("share", sa.Float(), nullable=False),
        sa.Column("machine_tokens", sa.Integer(), nullable=False),
        sa.Column("total_tokens", sa.Integer(), nullable=False),
        sa.Column("machine_segments", sa.Integer(), nullable=False),
        sa.Column("untouched_segments", sa.Integer(), nullable=False),
        sa.Column("total_segments", sa.Integer(), nullable=False),
        sa.CheckConstraint("share >= 0 AND share <= 1", name=op.f("ck_machine_shares_share_range")),
        sa.CheckConstraint(
            "machine_tokens >= 0 AND machine_tokens <= total_tokens",
            name=op.f("ck_machine_shares_tokens"),
        ),
        sa.CheckConstraint(
            "untouched_segments >= 0 AND untouched_segments <= machine_segments "
            "AND machine_segments <= total_segments",
            name=op.f("ck_machine_shares_segments"),
        ),
        sa.ForeignKeyConstraint(
            ["snapshot_id"],
            ["snapshots.id"],
            name=op.f("fk_machine_shares_snapshot_id_snapshots"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_machine_shares")),
        sa.UniqueConstraint("snapshot_id", name=op.f("uq_machine_shares_snapshot_id")),
    )


def downgrade() -> None:
    op.drop_table("machine_shares")
    # A machine draft was a draft its translator could have typed: it stays, as typed.
    op.execute("UPDATE segment_revisions SET origin = 'typed' WHERE origin = 'machine_draft'")
    with op.batch_alter_table("segment_revisions", schema=None) as batch_op:
        batch_op.drop_constraint("revision_origin", type_="check")
        batch_op.create_check_constraint("revision_origin", OLD_ORIGINS)
        batch_op.drop_column("suggestion_text")
        batch_op.drop_column("suggestion_engine")
