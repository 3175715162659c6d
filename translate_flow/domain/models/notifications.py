"""In-app notifications; e-mail copies go through the outbox as each person prefers."""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from translate_flow.domain.models.base import Base, utcnow


class EmailPreference(StrEnum):
    IMMEDIATE = "immediate"
    DIGEST = "digest"  # one e-mail a day with everything unread
    OFF = "off"


class Notification(Base):
    __tablename__ = "notifications"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    # e.g. "translation:assigned", "translation:changes_requested", "claim:expiring"
    kind: Mapped[str] = mapped_column(String(60))
    translation_id: Mapped[int | None] = mapped_column(
        ForeignKey("translations.id", ondelete="CASCADE")
    )
    message: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    read_at: Mapped[datetime | None]
    # When a daily digest carried it (digest readers only).
    digested_at: Mapped[datetime | None]

    # The unread count in the navigation is read on every page.
    __table_args__ = (Index("ix_notifications_unread", "user_id", "read_at", "id"),)
