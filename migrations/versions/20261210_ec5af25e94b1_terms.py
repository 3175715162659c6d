"""The termbase: terms per language pair, and the history of every change to them.

JSON columns hold the lists a term has (target forms, variant source forms, forbidden forms
with their reasons): they are read and written whole, never queried inside.

Revision ID: ec5af25e94b1
Revises: d4f6b8c0e2a3
Create Date: 2026-12-10 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "ec5af25e94b1"
down_revision: str | Sequence[str] | None = "d4f6b8c0e2a3"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "term_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("term_id", sa.Integer(), nullable=False),
        sa.Column("source_language", sa.String(length=20), nullable=False),
        sa.Column("target_language", sa.String(length=20), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column(
            "action",
            sa.Enum(
                "created",
                "proposed",
                "edited",
                "approved",
                "rejected",
                "deleted",
                "imported",
                name="term_action",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("before", sa.JSON(), nullable=True),
        sa.Column("after", sa.JSON(), nullable=True),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["actor_id"],
            ["users.id"],
            name=op.f("fk_term_changes_actor_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_term_changes")),
    )
    with op.batch_alter_table("term_changes", schema=None) as batch_op:
        batch_op.create_index(
            "ix_term_changes_pair", ["source_language", "target_language", "id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_term_changes_term_id"), ["term_id"], unique=False)

    op.create_table(
        "terms",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source_language", sa.String(length=20), nullable=False),
        sa.Column("target_language", sa.String(length=20), nullable=False),
        sa.Column("source", sa.String(length=500), nullable=False),
        sa.Column("source_key", sa.String(length=500), nullable=False),
        sa.Column("variants", sa.JSON(), nullable=False),
        sa.Column("targets", sa.JSON(), nullable=False),
        sa.Column("forbidden", sa.JSON(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column(
            "category",
            sa.Enum(
                "person",
                "organisation",
                "place",
                "term",
                name="term_category",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("case_sensitive", sa.Boolean(), nullable=False),
        sa.Column("whole_word", sa.Boolean(), nullable=False),
        sa.Column("do_not_translate", sa.Boolean(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "proposed",
                "approved",
                "rejected",
                name="term_status",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("decided_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["users.id"],
            name=op.f("fk_terms_created_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["decided_by_id"],
            ["users.id"],
            name=op.f("fk_terms_decided_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_terms")),
    )
    with op.batch_alter_table("terms", schema=None) as batch_op:
        batch_op.create_index(
            "ix_terms_pair_key", ["source_language", "target_language", "source_key"], unique=False
        )
        batch_op.create_index(
            "ix_terms_pair_status", ["source_language", "target_language", "status"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("terms", schema=None) as batch_op:
        batch_op.drop_index("ix_terms_pair_status")
        batch_op.drop_index("ix_terms_pair_key")

    op.drop_table("terms")
    with op.batch_alter_table("term_changes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_term_changes_term_id"))
        batch_op.drop_index("ix_term_changes_pair")

    op.drop_table("term_changes")
