"""Source articles, their revisions (each correction is one) and the segments of each revision."""

from datetime import date, datetime
from enum import IntEnum, StrEnum
from typing import TYPE_CHECKING

from sqlalchemy import (
    CheckConstraint,
    ForeignKey,
    Index,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

if TYPE_CHECKING:
    from translate_flow.domain.models.people import User

from translate_flow.domain.models.base import Base, state_column_type, utcnow
from translate_flow.domain.models.outlets import Outlet
from translate_flow.domain.models.segment_kinds import SegmentKind


class Priority(IntEnum):
    """How soon the desk should get to an article; lists sort by it, highest first."""

    LOW = 1
    NORMAL = 2
    HIGH = 3
    URGENT = 4

    @property
    def label(self) -> str:
        return self.name.capitalize()


class ArticleStatus(StrEnum):
    ACTIVE = "active"  # on the desk
    ARCHIVED = "archived"  # kept with its history, but out of the lists by default


class SegmentChange(StrEnum):
    """How a segment relates to the revision before it (none for an article's first revision)."""

    UNCHANGED = "unchanged"
    CHANGED = "changed"  # matched to a previous segment whose text differs
    ADDED = "added"  # no counterpart in the previous revision


class Article(Base):
    """A source item; its text lives in revisions, the newest of which is `current_revision`."""

    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Title, standfirst and counts repeat the current revision's, for lists and search.
    title: Mapped[str] = mapped_column(String(500))
    standfirst: Mapped[str] = mapped_column(Text, default="")
    author: Mapped[str] = mapped_column(String(200), default="")
    outlet_id: Mapped[int | None] = mapped_column(ForeignKey("outlets.id"), index=True)
    source_url: Mapped[str] = mapped_column(String(2000), default="")
    # The address without scheme, tracking parameters and the like (see urls.url_key):
    # one article per address, whichever way it was written.
    url_key: Mapped[str | None] = mapped_column(String(2000), unique=True)
    source_language: Mapped[str] = mapped_column(String(20))
    published_on: Mapped[date | None]
    priority: Mapped[int] = mapped_column(default=Priority.NORMAL)
    notes: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[ArticleStatus] = mapped_column(
        state_column_type(ArticleStatus, "article_status"), default=ArticleStatus.ACTIVE
    )
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    current_revision_id: Mapped[int | None] = mapped_column(
        ForeignKey("source_revisions.id", use_alter=True, name="fk_articles_current_revision")
    )
    segment_count: Mapped[int] = mapped_column(default=0)
    word_count: Mapped[int] = mapped_column(default=0)
    # Plain text of the current revision's body: what full-text search reads, in SQL only, so
    # never loaded with the article (it is as long as the article).
    search_text: Mapped[str] = mapped_column(Text, default="", deferred=True)
    # The search analyser's tokens of the title and that text (`models.search` keeps and
    # indexes them); read by the index only. NULL: not indexed yet (`search reindex`).
    search_tokens: Mapped[str | None] = mapped_column(Text, deferred=True)

    outlet: Mapped[Outlet | None] = relationship(lazy="joined")
    tag_rows: Mapped[list["ArticleTag"]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="ArticleTag.tag"
    )
    current_revision: Mapped["SourceRevision | None"] = relationship(
        foreign_keys=[current_revision_id], post_update=True
    )

    __table_args__ = (
        CheckConstraint("priority BETWEEN 1 AND 4", name="priority_range"),
        Index("ix_articles_published_on", "published_on"),
    )

    @property
    def tags(self) -> list[str]:
        return [row.tag for row in self.tag_rows]

    @property
    def priority_label(self) -> str:
        return Priority(self.priority).label

    def __repr__(self) -> str:
        return f"<Article {self.id} {self.title[:40]!r}>"


# The list's own order (most urgent first, then oldest), so that a page is read from the index
# alone: with ascending priority the database sorted every active article, on disk at 100,000,
# to reach a deep page. Declared after the class because the order needs its columns.
Index(
    "ix_articles_listing",
    Article.status,
    Article.priority.desc(),
    Article.created_at,
    Article.id,
)
# Filtered by language, the list counts and sorts from the index alone: with the language
# only, each match meant reading the whole (long) article row.
Index(
    "ix_articles_language",
    Article.source_language,
    Article.status,
    Article.priority.desc(),
    Article.created_at,
    Article.id,
)


class ArticleTag(Base):
    __tablename__ = "article_tags"

    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )
    tag: Mapped[str] = mapped_column(String(60), primary_key=True)

    __table_args__ = (Index("ix_article_tags_tag", "tag", "article_id"),)


class SourceRevision(Base):
    """The article's text as of one version: the first intake, then each correction."""

    __tablename__ = "source_revisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    number: Mapped[int]  # 1 for the text as first brought in
    title: Mapped[str] = mapped_column(String(500))
    standfirst: Mapped[str] = mapped_column(Text, default="")
    body_html: Mapped[str] = mapped_column(Text)  # sanitised
    note: Mapped[str] = mapped_column(Text, default="")  # what the correction was
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    segment_count: Mapped[int] = mapped_column(default=0)
    word_count: Mapped[int] = mapped_column(default=0)

    created_by: Mapped["User | None"] = relationship(lazy="joined")
    segments: Mapped[list["Segment"]] = relationship(
        back_populates="revision",
        cascade="all, delete-orphan",
        order_by="Segment.position",
        foreign_keys="Segment.revision_id",
    )

    __table_args__ = (UniqueConstraint("article_id", "number"),)


class Segment(Base):
    """One unit of translation: a title, heading, paragraph, quote, list item or caption."""

    __tablename__ = "segments"

    id: Mapped[int] = mapped_column(primary_key=True)
    revision_id: Mapped[int] = mapped_column(ForeignKey("source_revisions.id", ondelete="CASCADE"))
    position: Mapped[int]
    kind: Mapped[SegmentKind] = mapped_column(state_column_type(SegmentKind, "segment_kind"))
    html: Mapped[str] = mapped_column(Text)  # inline markup only, sanitised
    text: Mapped[str] = mapped_column(Text)
    word_count: Mapped[int] = mapped_column(default=0)
    # The segment of the previous revision this one continues, found by alignment.
    previous_id: Mapped[int | None] = mapped_column(
        ForeignKey("segments.id", ondelete="SET NULL"), index=True
    )
    change: Mapped[SegmentChange | None] = mapped_column(
        state_column_type(SegmentChange, "segment_change")
    )

    revision: Mapped[SourceRevision] = relationship(
        back_populates="segments", foreign_keys=[revision_id]
    )

    __table_args__ = (UniqueConstraint("revision_id", "position"),)
