"""Workflow: who holds a translation and until when, snapshots, notifications, e-mail preference.

Existing rows get server defaults for the new NOT NULL columns (nothing left
untranslated; e-mail notifications immediate). Enum values are written out here.

Revision ID: 98b8ef75bc31
Revises: 797cf4e768f4
Create Date: 2026-11-25 17:12:22.370470
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "98b8ef75bc31"
down_revision: str | Sequence[str] | None = "797cf4e768f4"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "notifications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=60), nullable=False),
        sa.Column("translation_id", sa.Integer(), nullable=True),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("read_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("digested_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["translation_id"],
            ["translations.id"],
            name=op.f("fk_notifications_translation_id_translations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_notifications_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notifications")),
    )
    with op.batch_alter_table("notifications", schema=None) as batch_op:
        batch_op.create_index("ix_notifications_unread", ["user_id", "read_at", "id"], unique=False)

    op.create_table(
        "snapshots",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("translation_id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column(
            "state",
            sa.Enum(
                "open",
                "draft",
                "in_review",
                "approved",
                "published",
                "unpublished",
                "withdrawn",
                name="snapshot_state",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("source_revision_id", sa.Integer(), nullable=False),
        sa.Column("segments", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["actor_id"],
            ["users.id"],
            name=op.f("fk_snapshots_actor_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["source_revision_id"],
            ["source_revisions.id"],
            name=op.f("fk_snapshots_source_revision_id_source_revisions"),
        ),
        sa.ForeignKeyConstraint(
            ["translation_id"],
            ["translations.id"],
            name=op.f("fk_snapshots_translation_id_translations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_snapshots")),
    )
    with op.batch_alter_table("snapshots", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_snapshots_translation_id"), ["translation_id"], unique=False
        )

    with op.batch_alter_table("translation_segments", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("leave_untranslated", sa.Boolean(), nullable=False, server_default=sa.false())
        )

    with op.batch_alter_table("translations", schema=None) as batch_op:
        batch_op.add_column(sa.Column("translator_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("reviewer_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("due_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("reminded_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("nudged_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index("ix_translations_due", ["state", "due_at"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_translations_reviewer_id"), ["reviewer_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_translations_translator_id"), ["translator_id"], unique=False
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_translations_translator_id_users"), "users", ["translator_id"], ["id"]
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_translations_reviewer_id_users"), "users", ["reviewer_id"], ["id"]
        )

    # The column first, its CHECK in a second step: SQLite's batch copy cannot build the
    # constraint on a column the table does not have yet.
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "email_notifications",
                sa.String(length=20),
                nullable=False,
                server_default="immediate",
            )
        )
        batch_op.add_column(sa.Column("last_digest_at", sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.create_check_constraint(
            "email_preference", "email_notifications IN ('immediate', 'digest', 'off')"
        )


def downgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_constraint("email_preference", type_="check")
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("last_digest_at")
        batch_op.drop_column("email_notifications")

    with op.batch_alter_table("translations", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_translations_reviewer_id_users"), type_="foreignkey"
        )
        batch_op.drop_constraint(
            batch_op.f("fk_translations_translator_id_users"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_translations_translator_id"))
        batch_op.drop_index(batch_op.f("ix_translations_reviewer_id"))
        batch_op.drop_index("ix_translations_due")
        batch_op.drop_column("nudged_at")
        batch_op.drop_column("reminded_at")
        batch_op.drop_column("submitted_at")
        batch_op.drop_column("claimed_at")
        batch_op.drop_column("due_at")
        batch_op.drop_column("reviewer_id")
        batch_op.drop_column("translator_id")

    with op.batch_alter_table("translation_segments", schema=None) as batch_op:
        batch_op.drop_column("leave_untranslated")

    with op.batch_alter_table("snapshots", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_snapshots_translation_id"))

    op.drop_table("snapshots")
    with op.batch_alter_table("notifications", schema=None) as batch_op:
        batch_op.drop_index("ix_notifications_unread")

    op.drop_table("notifications")
