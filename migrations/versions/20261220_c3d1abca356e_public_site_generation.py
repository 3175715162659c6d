"""The public site's generation: one row whose number goes up whenever anything a reader's page
shows changes (a publication, a correction, a take-down, a moderated comment, a translator's
name or bio, an outlet). The public pages' ETag and Last-Modified are derived from it.

The row is made here, at generation 0, as of the migration.

Revision ID: c3d1abca356e
Revises: e9f0a1b2c3d4
Create Date: 2026-12-20 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "c3d1abca356e"
down_revision: str | Sequence[str] | None = "e9f0a1b2c3d4"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "public_site_generation",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("generation", sa.Integer(), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_public_site_generation_single_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_public_site_generation")),
    )
    op.execute(
        "INSERT INTO public_site_generation (id, generation, changed_at)"
        " VALUES (1, 0, CURRENT_TIMESTAMP)"
    )


def downgrade() -> None:
    op.drop_table("public_site_generation")
