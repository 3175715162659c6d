"""Outbox lease: a message being sent is held by one worker until its lease runs out.

Adds the `sending` status and `lease_until`, so that a worker killed mid-send leaves
the message to be picked up again once the lease has expired. Enum values are written
out here. SQLite cannot alter a CHECK constraint in place: batch mode copies the table.

Revision ID: 13de554b0522
Revises: 98b8ef75bc31
Create Date: 2026-11-25 17:20:02.859598
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "13de554b0522"
down_revision: str | Sequence[str] | None = "98b8ef75bc31"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD_STATUSES = "status IN ('pending', 'sent', 'failed')"
NEW_STATUSES = "status IN ('pending', 'sending', 'sent', 'failed')"


def upgrade() -> None:
    with op.batch_alter_table("outbox_emails", schema=None) as batch_op:
        batch_op.add_column(sa.Column("lease_until", sa.DateTime(timezone=True), nullable=True))
        batch_op.drop_constraint("mail_status", type_="check")
        batch_op.create_check_constraint("mail_status", NEW_STATUSES)


def downgrade() -> None:
    # A message caught mid-send goes back to waiting: the older code sends it again.
    op.execute("UPDATE outbox_emails SET status = 'pending' WHERE status = 'sending'")
    with op.batch_alter_table("outbox_emails", schema=None) as batch_op:
        batch_op.drop_constraint("mail_status", type_="check")
        batch_op.create_check_constraint("mail_status", OLD_STATUSES)
        batch_op.drop_column("lease_until")
