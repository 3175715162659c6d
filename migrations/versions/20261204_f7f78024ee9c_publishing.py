"""Publishing: the public record of each published translation, readers' comments, publishing
rights per language pair, publications planned for later; a search index over publications.

Nobody has publishing rights for a pair at first (coordinators publish anyway). The search
index is written out here as on the articles (SQL copied, not imported).

Revision ID: f7f78024ee9c
Revises: 9311cc4300d6
Create Date: 2026-12-04 19:44:05.433080
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "f7f78024ee9c"
down_revision: str | Sequence[str] | None = "9311cc4300d6"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TSVECTOR_SQL = "to_tsvector('simple', coalesce(title, '') || ' ' || coalesce(search_text, ''))"
POSTGRES_SEARCH_DDL = (
    f"CREATE INDEX ix_publications_search ON publications USING gin (({TSVECTOR_SQL}))"
)
SQLITE_SEARCH_DDL = [
    "CREATE VIRTUAL TABLE publication_search USING fts5("
    "title, search_text, content='publications', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER publications_search_insert AFTER INSERT ON publications BEGIN "
    "INSERT INTO publication_search(rowid, title, search_text) "
    "VALUES (new.id, new.title, new.search_text); END",
    "CREATE TRIGGER publications_search_delete AFTER DELETE ON publications BEGIN "
    "INSERT INTO publication_search(publication_search, rowid, title, search_text) "
    "VALUES ('delete', old.id, old.title, old.search_text); END",
    "CREATE TRIGGER publications_search_update AFTER UPDATE OF title, search_text ON "
    "publications BEGIN INSERT INTO publication_search(publication_search, rowid, title, "
    "search_text) VALUES ('delete', old.id, old.title, old.search_text); "
    "INSERT INTO publication_search(rowid, title, search_text) "
    "VALUES (new.id, new.title, new.search_text); END",
]
COMMENT_STATUSES = ("pending", "approved", "deleted")


def upgrade() -> None:
    op.create_table(
        "publications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("translation_id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=200), nullable=False),
        sa.Column("snapshot_id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("search_text", sa.Text(), nullable=False),
        sa.Column("source_language", sa.String(length=20), nullable=False),
        sa.Column("target_language", sa.String(length=20), nullable=False),
        sa.Column("word_count", sa.Integer(), nullable=False),
        sa.Column("translator_id", sa.Integer(), nullable=True),
        sa.Column("reviewer_id", sa.Integer(), nullable=True),
        sa.Column("first_published_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("unpublished_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name=op.f("fk_publications_article_id_articles"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["reviewer_id"],
            ["users.id"],
            name=op.f("fk_publications_reviewer_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["snapshot_id"], ["snapshots.id"], name=op.f("fk_publications_snapshot_id_snapshots")
        ),
        sa.ForeignKeyConstraint(
            ["translation_id"],
            ["translations.id"],
            name=op.f("fk_publications_translation_id_translations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["translator_id"],
            ["users.id"],
            name=op.f("fk_publications_translator_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_publications")),
        sa.UniqueConstraint("slug", name=op.f("uq_publications_slug")),
        sa.UniqueConstraint("translation_id", name=op.f("uq_publications_translation_id")),
    )
    with op.batch_alter_table("publications", schema=None) as batch_op:
        batch_op.create_index("ix_publications_article", ["article_id"], unique=False)
        batch_op.create_index(
            "ix_publications_language", ["source_language", "first_published_at"], unique=False
        )
        batch_op.create_index(
            "ix_publications_live", ["unpublished_at", "first_published_at"], unique=False
        )
        batch_op.create_index(
            "ix_publications_translator", ["translator_id", "first_published_at"], unique=False
        )

    op.create_table(
        "reader_comments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("publication_id", sa.Integer(), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                *COMMENT_STATUSES,
                name="reader_comment_status",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("moderated_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("moderated_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["author_id"],
            ["users.id"],
            name=op.f("fk_reader_comments_author_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["moderated_by_id"],
            ["users.id"],
            name=op.f("fk_reader_comments_moderated_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["parent_id"],
            ["reader_comments.id"],
            name=op.f("fk_reader_comments_parent_id_reader_comments"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["publication_id"],
            ["publications.id"],
            name=op.f("fk_reader_comments_publication_id_publications"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reader_comments")),
    )
    with op.batch_alter_table("reader_comments", schema=None) as batch_op:
        batch_op.create_index(
            "ix_reader_comments_publication", ["publication_id", "status", "id"], unique=False
        )
        batch_op.create_index("ix_reader_comments_queue", ["status", "id"], unique=False)

    with op.batch_alter_table("language_pairs", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("can_publish", sa.Boolean(), nullable=False, server_default=sa.false())
        )

    with op.batch_alter_table("translations", schema=None) as batch_op:
        batch_op.add_column(sa.Column("publish_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("publish_by_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_translations_publish_by_id_users"),
            "users",
            ["publish_by_id"],
            ["id"],
            ondelete="SET NULL",
        )

    if op.get_bind().dialect.name == "sqlite":
        for statement in SQLITE_SEARCH_DDL:
            op.execute(statement)
    else:
        op.execute(POSTGRES_SEARCH_DDL)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for trigger in ("insert", "delete", "update"):
            op.execute(f"DROP TRIGGER publications_search_{trigger}")
        op.execute("DROP TABLE publication_search")
    else:
        op.execute("DROP INDEX ix_publications_search")

    with op.batch_alter_table("translations", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_translations_publish_by_id_users"), type_="foreignkey"
        )
        batch_op.drop_column("publish_by_id")
        batch_op.drop_column("publish_at")

    with op.batch_alter_table("language_pairs", schema=None) as batch_op:
        batch_op.drop_column("can_publish")

    with op.batch_alter_table("reader_comments", schema=None) as batch_op:
        batch_op.drop_index("ix_reader_comments_queue")
        batch_op.drop_index("ix_reader_comments_publication")
    op.drop_table("reader_comments")
    with op.batch_alter_table("publications", schema=None) as batch_op:
        batch_op.drop_index("ix_publications_translator")
        batch_op.drop_index("ix_publications_live")
        batch_op.drop_index("ix_publications_language")
        batch_op.drop_index("ix_publications_article")
    op.drop_table("publications")
