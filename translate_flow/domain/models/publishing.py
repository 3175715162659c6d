"""What the public site shows: each published translation's public record, and readers' comments."""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from translate_flow.domain.models.articles import Article
from translate_flow.domain.models.base import Base, state_column_type, utcnow
from translate_flow.domain.models.people import User
from translate_flow.domain.models.translations import Snapshot


class Publication(Base):
    """A translation as the public reads it: the text of its latest publish snapshot.

    Reopening a published translation for corrections changes nothing here; republishing
    points the publication at the new snapshot and keeps its slug, so its address holds.
    """

    __tablename__ = "publications"

    id: Mapped[int] = mapped_column(primary_key=True)
    translation_id: Mapped[int] = mapped_column(
        ForeignKey("translations.id", ondelete="CASCADE"), unique=True
    )
    slug: Mapped[str] = mapped_column(String(200), unique=True)
    snapshot_id: Mapped[int] = mapped_column(ForeignKey("snapshots.id"))
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    # Copied from the snapshot and the article at each publish, for lists, filters and feeds.
    title: Mapped[str] = mapped_column(String(500))
    summary: Mapped[str] = mapped_column(Text, default="")
    # Deferred: only the search's tokens are made from it, and lists of twenty publications
    # fetched twenty translations' text to show their titles.
    search_text: Mapped[str] = mapped_column(Text, default="", deferred=True)
    # The search analyser's tokens of the title and text (`models.search`);
    # NULL: not indexed yet (`search reindex`).
    search_tokens: Mapped[str | None] = mapped_column(Text, deferred=True)
    source_language: Mapped[str] = mapped_column(String(20))
    target_language: Mapped[str] = mapped_column(String(20))
    word_count: Mapped[int] = mapped_column(default=0)
    # The credit as it stood when it was last published.
    translator_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    reviewer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    first_published_at: Mapped[datetime] = mapped_column(default=utcnow)
    published_at: Mapped[datetime] = mapped_column(default=utcnow)  # the latest (re)publish
    unpublished_at: Mapped[datetime | None]

    snapshot: Mapped[Snapshot] = relationship()
    article: Mapped[Article] = relationship()
    translator: Mapped[User | None] = relationship(foreign_keys=[translator_id])
    reviewer: Mapped[User | None] = relationship(foreign_keys=[reviewer_id])

    __table_args__ = (
        # The public lists: newest first among the live ones, by language or by translator.
        # (published_at and id too, so that a feed's version — count, newest, latest republish,
        # highest id — comes from the index without reading the long rows.)
        Index("ix_publications_live", "unpublished_at", "first_published_at", "published_at", "id"),
        Index("ix_publications_language", "source_language", "first_published_at"),
        # The latest publish or republish: part of every feed's version, one probe.
        Index("ix_publications_published_at", "published_at"),
        # A translator's live work: counted for every byline, listed on their page.
        Index(
            "ix_publications_translator", "translator_id", "unpublished_at", "first_published_at"
        ),
        # The public search's publications of matching originals, ids from the index alone.
        Index("ix_publications_article", "article_id", "id"),
    )

    @property
    def is_live(self) -> bool:
        return self.unpublished_at is None

    @property
    def was_updated(self) -> bool:
        """Republished after a correction: the page says "Updated <date>"."""
        return self.published_at > self.first_published_at


class ReaderCommentStatus(StrEnum):
    PENDING = "pending"  # held for moderation
    APPROVED = "approved"
    DELETED = "deleted"  # kept out of sight, not out of the record


class ReaderComment(Base):
    """A reader's comment on a published translation, or a coordinator's reply to one."""

    __tablename__ = "reader_comments"

    id: Mapped[int] = mapped_column(primary_key=True)
    publication_id: Mapped[int] = mapped_column(ForeignKey("publications.id", ondelete="CASCADE"))
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("reader_comments.id", ondelete="CASCADE")
    )
    name: Mapped[str] = mapped_column(String(100))
    email: Mapped[str] = mapped_column(String(254), default="")  # never shown
    body: Mapped[str] = mapped_column(Text)
    status: Mapped[ReaderCommentStatus] = mapped_column(
        state_column_type(ReaderCommentStatus, "reader_comment_status"),
        default=ReaderCommentStatus.PENDING,
    )
    # A reply written on the desk: who wrote it (shown as the site's).
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    moderated_at: Mapped[datetime | None]
    moderated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    publication: Mapped[Publication] = relationship()

    __table_args__ = (
        Index("ix_reader_comments_publication", "publication_id", "status", "id"),
        Index("ix_reader_comments_queue", "status", "id"),
    )


class PublicSiteGeneration(Base):
    """One row whose number goes up whenever anything the public site shows changes.

    The public pages' validators (ETag, Last-Modified) and the per-process page cache are
    derived from it, so a reader's page is rendered again only after a change. Kept up to date
    by `publishing.site_listener` in the flush that writes the change; it starts at 0.
    """

    __tablename__ = "public_site_generation"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    generation: Mapped[int] = mapped_column(default=0)
    changed_at: Mapped[datetime] = mapped_column(default=utcnow)

    # One row: every writer updates the same one, so two changes can never both be
    # generation 5 (see `site_generation.bump`).
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)
