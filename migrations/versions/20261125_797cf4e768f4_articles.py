"""Outlets, articles with their source revisions and segments, feed suggestions, translations.

Also the full-text search index: FTS5 with triggers on SQLite, a GIN expression index
on PostgreSQL (kept out of autogenerate; see models/search.py in the package). Enum
values and the search DDL are written out here, not imported.

Revision ID: 797cf4e768f4
Revises: 67f763cbc4e4
Create Date: 2026-11-25 16:10:31.481181
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "797cf4e768f4"
down_revision: str | Sequence[str] | None = "67f763cbc4e4"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TSVECTOR_SQL = "to_tsvector('simple', coalesce(title, '') || ' ' || coalesce(search_text, ''))"
POSTGRES_SEARCH_DDL = f"CREATE INDEX ix_articles_search ON articles USING gin (({TSVECTOR_SQL}))"
SQLITE_SEARCH_DDL = [
    "CREATE VIRTUAL TABLE article_search USING fts5("
    "title, search_text, content='articles', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER articles_search_insert AFTER INSERT ON articles BEGIN "
    "INSERT INTO article_search(rowid, title, search_text) "
    "VALUES (new.id, new.title, new.search_text); END",
    "CREATE TRIGGER articles_search_delete AFTER DELETE ON articles BEGIN "
    "INSERT INTO article_search(article_search, rowid, title, search_text) "
    "VALUES ('delete', old.id, old.title, old.search_text); END",
    "CREATE TRIGGER articles_search_update AFTER UPDATE OF title, search_text ON articles BEGIN "
    "INSERT INTO article_search(article_search, rowid, title, search_text) "
    "VALUES ('delete', old.id, old.title, old.search_text); "
    "INSERT INTO article_search(rowid, title, search_text) "
    "VALUES (new.id, new.title, new.search_text); END",
]


def upgrade() -> None:
    op.create_table(
        "outlets",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("name_key", sa.String(length=200), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column("language", sa.String(length=20), nullable=False),
        sa.Column("homepage", sa.String(length=2000), nullable=False),
        sa.Column("feed_url", sa.String(length=2000), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("feed_checked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("feed_error", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outlets")),
        sa.UniqueConstraint("name_key", name=op.f("uq_outlets_name_key")),
    )
    op.create_table(
        "articles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("standfirst", sa.Text(), nullable=False),
        sa.Column("author", sa.String(length=200), nullable=False),
        sa.Column("outlet_id", sa.Integer(), nullable=True),
        sa.Column("source_url", sa.String(length=2000), nullable=False),
        sa.Column("url_key", sa.String(length=2000), nullable=True),
        sa.Column("source_language", sa.String(length=20), nullable=False),
        sa.Column("published_on", sa.Date(), nullable=True),
        sa.Column("priority", sa.Integer(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "active",
                "archived",
                name="article_status",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("current_revision_id", sa.Integer(), nullable=True),
        sa.Column("segment_count", sa.Integer(), nullable=False),
        sa.Column("word_count", sa.Integer(), nullable=False),
        sa.Column("search_text", sa.Text(), nullable=False),
        sa.CheckConstraint("priority BETWEEN 1 AND 4", name=op.f("ck_articles_priority_range")),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["users.id"],
            name=op.f("fk_articles_created_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["outlet_id"], ["outlets.id"], name=op.f("fk_articles_outlet_id_outlets")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_articles")),
        sa.UniqueConstraint("url_key", name=op.f("uq_articles_url_key")),
    )
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.create_index("ix_articles_language", ["source_language"], unique=False)
        batch_op.create_index(
            "ix_articles_listing", ["status", "priority", "created_at"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_articles_outlet_id"), ["outlet_id"], unique=False)
        batch_op.create_index("ix_articles_published_on", ["published_on"], unique=False)

    op.create_table(
        "article_tags",
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("tag", sa.String(length=60), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name=op.f("fk_article_tags_article_id_articles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("article_id", "tag", name=op.f("pk_article_tags")),
    )
    with op.batch_alter_table("article_tags", schema=None) as batch_op:
        batch_op.create_index("ix_article_tags_tag", ["tag", "article_id"], unique=False)

    op.create_table(
        "feed_suggestions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("outlet_id", sa.Integer(), nullable=False),
        sa.Column("url", sa.String(length=2000), nullable=False),
        sa.Column("url_key", sa.String(length=2000), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("author", sa.String(length=200), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "new",
                "accepted",
                "dismissed",
                name="suggestion_status",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("article_id", sa.Integer(), nullable=True),
        sa.Column("found_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("decided_by_id", sa.Integer(), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name=op.f("fk_feed_suggestions_article_id_articles"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["decided_by_id"],
            ["users.id"],
            name=op.f("fk_feed_suggestions_decided_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["outlet_id"],
            ["outlets.id"],
            name=op.f("fk_feed_suggestions_outlet_id_outlets"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feed_suggestions")),
        sa.UniqueConstraint("url_key", name=op.f("uq_feed_suggestions_url_key")),
    )
    with op.batch_alter_table("feed_suggestions", schema=None) as batch_op:
        batch_op.create_index("ix_feed_suggestions_inbox", ["status", "found_at"], unique=False)

    op.create_table(
        "source_revisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("standfirst", sa.Text(), nullable=False),
        sa.Column("body_html", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("segment_count", sa.Integer(), nullable=False),
        sa.Column("word_count", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name=op.f("fk_source_revisions_article_id_articles"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["users.id"],
            name=op.f("fk_source_revisions_created_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_source_revisions")),
        sa.UniqueConstraint(
            "article_id", "number", name=op.f("uq_source_revisions_article_id_number")
        ),
    )
    op.create_table(
        "segments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("revision_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "title",
                "standfirst",
                "heading",
                "paragraph",
                "quote",
                "list_item",
                "caption",
                name="segment_kind",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("html", sa.Text(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("word_count", sa.Integer(), nullable=False),
        sa.Column("previous_id", sa.Integer(), nullable=True),
        sa.Column(
            "change",
            sa.Enum(
                "unchanged",
                "changed",
                "added",
                name="segment_change",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=True,
        ),
        sa.ForeignKeyConstraint(
            ["previous_id"],
            ["segments.id"],
            name=op.f("fk_segments_previous_id_segments"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["revision_id"],
            ["source_revisions.id"],
            name=op.f("fk_segments_revision_id_source_revisions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_segments")),
        sa.UniqueConstraint(
            "revision_id", "position", name=op.f("uq_segments_revision_id_position")
        ),
    )
    with op.batch_alter_table("segments", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_segments_previous_id"), ["previous_id"], unique=False)

    # Articles and revisions point at each other, so this key comes once both exist.
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.create_foreign_key(
            "fk_articles_current_revision", "source_revisions", ["current_revision_id"], ["id"]
        )

    op.create_table(
        "translations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("target_language", sa.String(length=20), nullable=False),
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
                name="translation_state",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("source_revision_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name=op.f("fk_translations_article_id_articles"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["source_revision_id"],
            ["source_revisions.id"],
            name=op.f("fk_translations_source_revision_id_source_revisions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_translations")),
        sa.UniqueConstraint(
            "article_id", "target_language", name=op.f("uq_translations_article_id_target_language")
        ),
    )
    with op.batch_alter_table("translations", schema=None) as batch_op:
        batch_op.create_index("ix_translations_state", ["state", "target_language"], unique=False)

    op.create_table(
        "translation_segments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("translation_id", sa.Integer(), nullable=False),
        sa.Column("segment_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("source_changed_from_id", sa.Integer(), nullable=True),
        sa.Column("set_aside_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["segment_id"],
            ["segments.id"],
            name=op.f("fk_translation_segments_segment_id_segments"),
        ),
        sa.ForeignKeyConstraint(
            ["source_changed_from_id"],
            ["segments.id"],
            name=op.f("fk_translation_segments_source_changed_from_id_segments"),
        ),
        sa.ForeignKeyConstraint(
            ["translation_id"],
            ["translations.id"],
            name=op.f("fk_translation_segments_translation_id_translations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_translation_segments")),
        sa.UniqueConstraint(
            "translation_id",
            "segment_id",
            name=op.f("uq_translation_segments_translation_id_segment_id"),
        ),
    )
    with op.batch_alter_table("translation_segments", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_translation_segments_segment_id"), ["segment_id"], unique=False
        )

    if op.get_bind().dialect.name == "sqlite":
        for statement in SQLITE_SEARCH_DDL:
            op.execute(statement)
    else:
        op.execute(POSTGRES_SEARCH_DDL)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for trigger in ("insert", "delete", "update"):
            op.execute(f"DROP TRIGGER articles_search_{trigger}")
        op.execute("DROP TABLE article_search")
    else:
        op.execute("DROP INDEX ix_articles_search")
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.drop_constraint("fk_articles_current_revision", type_="foreignkey")
    with op.batch_alter_table("translation_segments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_translation_segments_segment_id"))

    op.drop_table("translation_segments")
    with op.batch_alter_table("translations", schema=None) as batch_op:
        batch_op.drop_index("ix_translations_state")

    op.drop_table("translations")
    with op.batch_alter_table("segments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_segments_previous_id"))

    op.drop_table("segments")
    op.drop_table("source_revisions")
    with op.batch_alter_table("feed_suggestions", schema=None) as batch_op:
        batch_op.drop_index("ix_feed_suggestions_inbox")

    op.drop_table("feed_suggestions")
    with op.batch_alter_table("article_tags", schema=None) as batch_op:
        batch_op.drop_index("ix_article_tags_tag")

    op.drop_table("article_tags")
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.drop_index("ix_articles_published_on")
        batch_op.drop_index(batch_op.f("ix_articles_outlet_id"))
        batch_op.drop_index("ix_articles_listing")
        batch_op.drop_index("ix_articles_language")

    op.drop_table("articles")
    op.drop_table("outlets")
