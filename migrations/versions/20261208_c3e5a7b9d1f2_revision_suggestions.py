"""What a revision was inserted from: a memory unit (or, later, a machine engine) and its score.

Adds the `prefilled` origin (a draft filled from exact memory matches in one action) and three
nullable columns. The unit's id is kept without a foreign key: a coordinator may delete the
unit, and the history must still say that the text came from memory and with what score.
SQLite cannot alter a CHECK constraint in place: batch mode copies the table.

Revision ID: c3e5a7b9d1f2
Revises: b2d4f6a8c0e1
Create Date: 2026-12-08 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "c3e5a7b9d1f2"
down_revision: str | Sequence[str] | None = "b2d4f6a8c0e1"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD_ORIGINS = (
    "origin IN ('typed', 'reviewer', 'merged', 'conflict', 'kept_after_conflict', 'restored')"
)
NEW_ORIGINS = (
    "origin IN ('typed', 'reviewer', 'merged', 'conflict', 'kept_after_conflict', 'restored', "
    "'prefilled')"
)


def upgrade() -> None:
    with op.batch_alter_table("segment_revisions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("suggestion_kind", sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column("suggestion_unit_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("suggestion_score", sa.Integer(), nullable=True))
        batch_op.drop_constraint("revision_origin", type_="check")
        batch_op.create_check_constraint("revision_origin", NEW_ORIGINS)


def downgrade() -> None:
    # A prefilled text was a draft its translator could have typed: it stays, as typed.
    op.execute("UPDATE segment_revisions SET origin = 'typed' WHERE origin = 'prefilled'")
    with op.batch_alter_table("segment_revisions", schema=None) as batch_op:
        batch_op.drop_constraint("revision_origin", type_="check")
        batch_op.create_check_constraint("revision_origin", OLD_ORIGINS)
        batch_op.drop_column("suggestion_score")
        batch_op.drop_column("suggestion_unit_id")
        batch_op.drop_column("suggestion_kind")
