"""The board's columns read in their own order from an index, never sorted whole: a moving
item's dated cards by (state, due_at, created_at, id), complete so that a deep page skips
through the index without sorting ties; a finished item's latest change first by
(state, updated_at, id).

Revision ID: 0febde2d3a41
Revises: c3d1abca356e
Create Date: 2026-12-21 09:00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0febde2d3a41"
down_revision: str | Sequence[str] | None = "c3d1abca356e"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.drop_index("ix_translations_due", table_name="translations")
    op.create_index("ix_translations_due", "translations", ["state", "due_at", "created_at", "id"])
    op.create_index("ix_translations_updated", "translations", ["state", "updated_at", "id"])


def downgrade() -> None:
    op.drop_index("ix_translations_updated", table_name="translations")
    op.drop_index("ix_translations_due", table_name="translations")
    op.create_index("ix_translations_due", "translations", ["state", "due_at"])
