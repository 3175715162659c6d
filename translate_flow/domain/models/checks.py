"""Dismissed quality-check findings: who said a finding was wrong for this text, and why.

A dismissal holds while the segment keeps the text it was made on (`text`); any change of the
text brings the check's findings back. Rows are never updated, so the reviewer reads every
dismissal with its reason, including those a later edit made void.
"""

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from translate_flow.domain.models.base import Base, utcnow


class CheckDismissal(Base):
    __tablename__ = "check_dismissals"

    id: Mapped[int] = mapped_column(primary_key=True)
    translation_segment_id: Mapped[int] = mapped_column(
        ForeignKey("translation_segments.id", ondelete="CASCADE")
    )
    translation_id: Mapped[int] = mapped_column(ForeignKey("translations.id", ondelete="CASCADE"))
    check: Mapped[str] = mapped_column(String(40))  # the check's stable name
    text: Mapped[str] = mapped_column(Text)  # the segment's text when it was dismissed
    reason: Mapped[str] = mapped_column(Text)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (
        Index("ix_check_dismissals_segment", "translation_segment_id", "check", "id"),
        Index("ix_check_dismissals_translation", "translation_id", "id"),
    )
