"""The translation memory: collections, units and the inverted index of their terms.

Revision ID: b2d4f6a8c0e1
Revises: 5d2f9c4b7e10
Create Date: 2026-12-07 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "b2d4f6a8c0e1"
down_revision: str | Sequence[str] | None = "5d2f9c4b7e10"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "memory_collections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("source_language", sa.String(length=20), nullable=False),
        sa.Column("target_language", sa.String(length=20), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["users.id"],
            name=op.f("fk_memory_collections_created_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_memory_collections")),
        sa.UniqueConstraint(
            "source_language",
            "target_language",
            "name",
            name=op.f("uq_memory_collections_source_language_target_language_name"),
        ),
    )
    op.create_table(
        "memory_units",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source_language", sa.String(length=20), nullable=False),
        sa.Column("target_language", sa.String(length=20), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("target", sa.Text(), nullable=False),
        sa.Column("source_key", sa.Text(), nullable=False),
        sa.Column("target_key", sa.Text(), nullable=False),
        sa.Column("source_hash", sa.BigInteger(), nullable=False),
        sa.Column("previous_hash", sa.BigInteger(), nullable=True),
        sa.Column("translation_id", sa.Integer(), nullable=True),
        sa.Column("segment_id", sa.Integer(), nullable=True),
        sa.Column("collection_id", sa.Integer(), nullable=True),
        sa.Column("translator_id", sa.Integer(), nullable=True),
        sa.Column("reviewer_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("withdrawn", sa.Boolean(), nullable=False),
        sa.CheckConstraint(
            "translation_id IS NULL OR collection_id IS NULL",
            name=op.f("ck_memory_units_one_origin"),
        ),
        sa.ForeignKeyConstraint(
            ["collection_id"],
            ["memory_collections.id"],
            name=op.f("fk_memory_units_collection_id_memory_collections"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["reviewer_id"],
            ["users.id"],
            name=op.f("fk_memory_units_reviewer_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["segment_id"],
            ["segments.id"],
            name=op.f("fk_memory_units_segment_id_segments"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["translation_id"],
            ["translations.id"],
            name=op.f("fk_memory_units_translation_id_translations"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["translator_id"],
            ["users.id"],
            name=op.f("fk_memory_units_translator_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_memory_units")),
        sa.UniqueConstraint(
            "translation_id", "segment_id", name=op.f("uq_memory_units_translation_id_segment_id")
        ),
    )
    op.create_index(
        "ix_memory_units_exact",
        "memory_units",
        ["source_language", "target_language", "source_hash"],
        unique=False,
    )
    op.create_index(
        "ix_memory_units_pair", "memory_units", ["source_language", "target_language", "id"]
    )
    op.create_index(op.f("ix_memory_units_segment_id"), "memory_units", ["segment_id"])
    op.create_index(op.f("ix_memory_units_collection_id"), "memory_units", ["collection_id"])
    op.create_table(
        "memory_terms",
        sa.Column("term", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["unit_id"],
            ["memory_units.id"],
            name=op.f("fk_memory_terms_unit_id_memory_units"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("term", "unit_id", name=op.f("pk_memory_terms")),
        sqlite_with_rowid=False,
    )
    op.create_index(op.f("ix_memory_terms_unit_id"), "memory_terms", ["unit_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_memory_terms_unit_id"), table_name="memory_terms")
    op.drop_table("memory_terms")
    op.drop_index(op.f("ix_memory_units_collection_id"), table_name="memory_units")
    op.drop_index(op.f("ix_memory_units_segment_id"), table_name="memory_units")
    op.drop_index("ix_memory_units_pair", table_name="memory_units")
    op.drop_index("ix_memory_units_exact", table_name="memory_units")
    op.drop_table("memory_units")
    op.drop_table("memory_collections")
