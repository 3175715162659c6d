"""Editor: each segment's revisions, comments, "reviewer's changes seen", the done flag.

Existing segments are not done. Text written before this migration gets a first revision
at its current version, because the editor reads "the text as of version v" from the
revisions (the base of a merge). Enum values are written out here.

Revision ID: 9311cc4300d6
Revises: 13de554b0522
Create Date: 2026-12-04 18:48:23.959979
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "9311cc4300d6"
down_revision: str | Sequence[str] | None = "13de554b0522"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

REVISION_ORIGINS = ("typed", "reviewer", "merged", "conflict", "kept_after_conflict", "restored")


def upgrade() -> None:
    op.create_table(
        "comments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("translation_id", sa.Integer(), nullable=False),
        sa.Column("translation_segment_id", sa.Integer(), nullable=True),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("resolved_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["author_id"],
            ["users.id"],
            name=op.f("fk_comments_author_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["parent_id"],
            ["comments.id"],
            name=op.f("fk_comments_parent_id_comments"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["resolved_by_id"],
            ["users.id"],
            name=op.f("fk_comments_resolved_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["translation_id"],
            ["translations.id"],
            name=op.f("fk_comments_translation_id_translations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["translation_segment_id"],
            ["translation_segments.id"],
            name=op.f("fk_comments_translation_segment_id_translation_segments"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_comments")),
    )
    with op.batch_alter_table("comments", schema=None) as batch_op:
        batch_op.create_index("ix_comments_translation", ["translation_id", "id"], unique=False)

    op.create_table(
        "review_seen",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("snapshot_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["snapshot_id"],
            ["snapshots.id"],
            name=op.f("fk_review_seen_snapshot_id_snapshots"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_review_seen_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_seen")),
        sa.UniqueConstraint(
            "snapshot_id", "user_id", name=op.f("uq_review_seen_snapshot_id_user_id")
        ),
    )

    op.create_table(
        "segment_revisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("translation_segment_id", sa.Integer(), nullable=False),
        sa.Column("translation_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column(
            "origin",
            sa.Enum(
                *REVISION_ORIGINS,
                name="revision_origin",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=True),
        sa.Column("base_version", sa.Integer(), nullable=False),
        sa.Column("restored_from_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["author_id"],
            ["users.id"],
            name=op.f("fk_segment_revisions_author_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["restored_from_id"],
            ["segment_revisions.id"],
            name=op.f("fk_segment_revisions_restored_from_id_segment_revisions"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["translation_id"],
            ["translations.id"],
            name=op.f("fk_segment_revisions_translation_id_translations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["translation_segment_id"],
            ["translation_segments.id"],
            name=op.f("fk_segment_revisions_translation_segment_id_translation_segments"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_segment_revisions")),
    )
    with op.batch_alter_table("segment_revisions", schema=None) as batch_op:
        batch_op.create_index(
            "ix_segment_revisions_segment", ["translation_segment_id", "id"], unique=False
        )
        batch_op.create_index(
            "ix_segment_revisions_translation", ["translation_id", "id"], unique=False
        )
        batch_op.create_index(
            "ix_segment_revisions_version", ["translation_segment_id", "version"], unique=False
        )

    with op.batch_alter_table("translation_segments", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("is_done", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    op.execute(
        "INSERT INTO segment_revisions (translation_segment_id, translation_id, origin, text,"
        " version, base_version, created_at)"
        " SELECT id, translation_id, 'typed', text, version, version, updated_at"
        " FROM translation_segments WHERE text <> ''"
    )


def downgrade() -> None:
    with op.batch_alter_table("translation_segments", schema=None) as batch_op:
        batch_op.drop_column("is_done")

    with op.batch_alter_table("segment_revisions", schema=None) as batch_op:
        batch_op.drop_index("ix_segment_revisions_version")
        batch_op.drop_index("ix_segment_revisions_translation")
        batch_op.drop_index("ix_segment_revisions_segment")
    op.drop_table("segment_revisions")
    op.drop_table("review_seen")
    with op.batch_alter_table("comments", schema=None) as batch_op:
        batch_op.drop_index("ix_comments_translation")
    op.drop_table("comments")
