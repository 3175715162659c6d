"""Limits on attempts counted in the database: failed sign-ins, reset requests, readers' comments.

They were counted by Flask-Limiter in each process's memory (or Redis when configured), so two
gunicorn workers without Redis let twice the attempts through.

Revision ID: 3b8e61d0c2a7
Revises: e5b9a0c3d1f4
Create Date: 2026-12-06 03:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "3b8e61d0c2a7"
down_revision: str | Sequence[str] | None = "e5b9a0c3d1f4"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "limited_attempts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("scope", sa.String(length=40), nullable=False),
        sa.Column("key", sa.String(length=320), nullable=False),
        sa.Column("attempted_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_limited_attempts")),
    )
    op.create_index(
        "ix_limited_attempts_lookup",
        "limited_attempts",
        ["scope", "key", "attempted_at"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index("ix_limited_attempts_lookup", table_name="limited_attempts")
    op.drop_table("limited_attempts")
