"""The statistics' rollups: one row per translation (its milestones), one per counted event
(claims, submissions, decisions, first publications, releases and expiries), one per stretch
of the path through the desk, and segment saves per translation, person and day.

They are derived from the history and start empty; `db upgrade` fills them right after
migrating (the same work as `statistics rebuild`).

Revision ID: e9f0a1b2c3d4
Revises: d8e9f0a1b2c3
Create Date: 2026-12-19 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "e9f0a1b2c3d4"
down_revision: str | Sequence[str] | None = "d8e9f0a1b2c3"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

WHEN = sa.DateTime(timezone=True)


def _translation(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["translation_id"],
        ["translations.id"],
        name=op.f(f"fk_{table}_translation_id_translations"),
        ondelete="CASCADE",
    )


def _person(table: str, column: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], ["users.id"], name=op.f(f"fk_{table}_{column}_users"), ondelete="SET NULL"
    )


def _pair() -> list[sa.Column[str]]:
    return [
        sa.Column("source_language", sa.String(length=20), nullable=False),
        sa.Column("target_language", sa.String(length=20), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "statistics_translations",
        sa.Column("translation_id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("outlet_id", sa.Integer(), nullable=True),
        *_pair(),
        sa.Column("created_at", WHEN, nullable=False),
        sa.Column("created_on", sa.Date(), nullable=False),
        sa.Column("first_translator_id", sa.Integer(), nullable=True),
        sa.Column("first_claimed_at", WHEN, nullable=True),
        sa.Column("first_published_at", WHEN, nullable=True),
        sa.Column("first_published_on", sa.Date(), nullable=True),
        sa.Column("published_translator_id", sa.Integer(), nullable=True),
        sa.Column("published_snapshot_id", sa.Integer(), nullable=True),
        sa.Column("published_words", sa.Integer(), nullable=True),
        _person("statistics_translations", "first_translator_id"),
        _person("statistics_translations", "published_translator_id"),
        _translation("statistics_translations"),
        sa.PrimaryKeyConstraint("translation_id", name=op.f("pk_statistics_translations")),
    )
    op.create_index(
        "ix_statistics_translations_created",
        "statistics_translations",
        ["created_on", "source_language"],
    )
    op.create_index(
        "ix_statistics_translations_published",
        "statistics_translations",
        ["first_published_on", "source_language"],
    )
    op.create_index(
        "ix_statistics_translations_translator",
        "statistics_translations",
        ["published_translator_id", "first_published_on"],
    )
    op.create_table(
        "statistics_moves",
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("translation_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("happened_at", WHEN, nullable=False),
        sa.Column("happened_on", sa.Date(), nullable=False),
        *_pair(),
        sa.Column("outlet_id", sa.Integer(), nullable=True),
        sa.Column("translator_id", sa.Integer(), nullable=True),
        sa.Column("words", sa.Integer(), nullable=False),
        sa.Column("on_time", sa.Boolean(), nullable=True),
        sa.Column("rounds", sa.Integer(), nullable=True),
        sa.Column("change_reason", sa.String(length=20), nullable=True),
        sa.Column("changed_chars", sa.Integer(), nullable=True),
        sa.Column("compared_chars", sa.Integer(), nullable=True),
        _translation("statistics_moves"),
        _person("statistics_moves", "translator_id"),
        sa.PrimaryKeyConstraint("event_id", name=op.f("pk_statistics_moves")),
    )
    op.create_index(
        "ix_statistics_moves_kind", "statistics_moves", ["kind", "happened_on", "source_language"]
    )
    op.create_index(
        "ix_statistics_moves_translator",
        "statistics_moves",
        ["translator_id", "kind", "happened_on"],
    )
    op.create_index("ix_statistics_moves_translation", "statistics_moves", ["translation_id"])
    op.create_table(
        "statistics_stretches",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("translation_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("started_at", WHEN, nullable=False),
        sa.Column("ended_at", WHEN, nullable=False),
        sa.Column("ended_on", sa.Date(), nullable=False),
        sa.Column("hours", sa.Float(), nullable=False),
        *_pair(),
        sa.Column("outlet_id", sa.Integer(), nullable=True),
        sa.Column("translator_id", sa.Integer(), nullable=True),
        _translation("statistics_stretches"),
        _person("statistics_stretches", "translator_id"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_statistics_stretches")),
    )
    op.create_index(
        "ix_statistics_stretches_kind", "statistics_stretches", ["kind", "ended_on", "hours"]
    )
    op.create_index(
        "ix_statistics_stretches_translation", "statistics_stretches", ["translation_id"]
    )
    op.create_index(
        "ix_statistics_stretches_translator",
        "statistics_stretches",
        ["translator_id", "kind", "ended_on"],
    )
    op.create_table(
        "statistics_saves",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("translation_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("saved_on", sa.Date(), nullable=False),
        *_pair(),
        sa.Column("outlet_id", sa.Integer(), nullable=True),
        sa.Column("saves", sa.Integer(), nullable=False),
        sa.Column("memory_insertions", sa.Integer(), nullable=False),
        sa.Column("machine_insertions", sa.Integer(), nullable=False),
        _translation("statistics_saves"),
        _person("statistics_saves", "author_id"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_statistics_saves")),
    )
    op.create_index("ix_statistics_saves_day", "statistics_saves", ["saved_on", "source_language"])
    op.create_index(
        "ix_statistics_saves_key", "statistics_saves", ["translation_id", "saved_on", "author_id"]
    )
    op.create_table(
        "statistics_marks",
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("last_id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_statistics_marks")),
    )


def downgrade() -> None:
    for table in (
        "statistics_marks",
        "statistics_saves",
        "statistics_stretches",
        "statistics_moves",
        "statistics_translations",
    ):
        op.drop_table(table)
