"""Suggestions found in outlets' feeds, waiting for a coordinator to import or dismiss them."""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from translate_flow.domain.models.base import Base, state_column_type, utcnow
from translate_flow.domain.models.outlets import Outlet


class SuggestionStatus(StrEnum):
    NEW = "new"
    ACCEPTED = "accepted"  # imported as an article
    DISMISSED = "dismissed"


class FeedSuggestion(Base):
    __tablename__ = "feed_suggestions"

    id: Mapped[int] = mapped_column(primary_key=True)
    outlet_id: Mapped[int] = mapped_column(ForeignKey("outlets.id", ondelete="CASCADE"))
    url: Mapped[str] = mapped_column(String(2000))
    # A feed entry is suggested once, however often the feed repeats it.
    url_key: Mapped[str] = mapped_column(String(2000), unique=True)
    title: Mapped[str] = mapped_column(String(500), default="")
    summary: Mapped[str] = mapped_column(Text, default="")
    author: Mapped[str] = mapped_column(String(200), default="")
    published_at: Mapped[datetime | None]
    status: Mapped[SuggestionStatus] = mapped_column(
        state_column_type(SuggestionStatus, "suggestion_status"), default=SuggestionStatus.NEW
    )
    article_id: Mapped[int | None] = mapped_column(ForeignKey("articles.id", ondelete="SET NULL"))
    found_at: Mapped[datetime] = mapped_column(default=utcnow)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime | None]

    outlet: Mapped[Outlet] = relationship(lazy="joined")

    __table_args__ = (Index("ix_feed_suggestions_inbox", "status", "found_at"),)
