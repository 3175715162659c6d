"""Machine translation: engines added by admins, each engine's mode per pair, the result cache.

Revision ID: a7b8c9d0e1f2
Revises: f1a2b3c4d5e6
Create Date: 2026-12-14 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "a7b8c9d0e1f2"
down_revision: str | Sequence[str] | None = "f1a2b3c4d5e6"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "machine_engines",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("label", sa.String(length=100), nullable=False),
        sa.Column("endpoint", sa.String(length=500), nullable=True),
        sa.Column("key", sa.Text(), nullable=True),
        sa.Column("model", sa.String(length=200), nullable=True),
        sa.Column("is_enabled", sa.Boolean(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["users.id"],
            name=op.f("fk_machine_engines_created_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_machine_engines")),
        sa.UniqueConstraint("name", name=op.f("uq_machine_engines_name")),
    )
    op.create_table(
        "machine_pair_settings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("engine", sa.String(length=40), nullable=False),
        sa.Column("source_language", sa.String(length=20), nullable=False),
        sa.Column("target_language", sa.String(length=20), nullable=False),
        sa.Column(
            "mode",
            sa.Enum(
                "off",
                "suggestions",
                "drafts",
                name="machine_mode",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("priority", sa.Integer(), nullable=False),
        sa.Column("updated_by_id", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["updated_by_id"],
            ["users.id"],
            name=op.f("fk_machine_pair_settings_updated_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_machine_pair_settings")),
        sa.UniqueConstraint(
            "engine",
            "source_language",
            "target_language",
            name="uq_machine_pair_settings_key",
        ),
    )
    op.create_table(
        "machine_cache",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("engine", sa.String(length=40), nullable=False),
        sa.Column("source_language", sa.String(length=20), nullable=False),
        sa.Column("target_language", sa.String(length=20), nullable=False),
        sa.Column("text_hash", sa.String(length=64), nullable=False),
        sa.Column("source_text", sa.Text(), nullable=False),
        sa.Column("result", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_machine_cache")),
        sa.UniqueConstraint(
            "engine",
            "source_language",
            "target_language",
            "text_hash",
            name="uq_machine_cache_key",
        ),
    )
    with op.batch_alter_table("machine_cache", schema=None) as batch_op:
        batch_op.create_index("ix_machine_cache_created_at", ["created_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("machine_cache", schema=None) as batch_op:
        batch_op.drop_index("ix_machine_cache_created_at")
    op.drop_table("machine_cache")
    op.drop_table("machine_pair_settings")
    op.drop_table("machine_engines")
