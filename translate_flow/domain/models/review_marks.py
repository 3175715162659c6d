"""A reviewer's "checked" mark on one segment of a translation."""

from datetime import datetime

from sqlalchemy import ForeignKey, Text
from sqlalchemy.orm import Mapped, mapped_column

from translate_flow.domain.models.base import Base, utcnow


class ReviewMark(Base):
    """The reviewer read this segment and found it right, as its text stood then.

    The text checked is kept, not the row's version: a save that only toggles "done" bumps the
    version without changing a word. A mark whose text differs from the segment's text no
    longer counts (see `translate_flow.workflow.review_marks`), as a changed string loses its
    review in Weblate and Pontoon; marks of unchanged segments survive a return and a
    resubmission, so that a reviewer re-reads only what the translator changed.
    """

    __tablename__ = "review_marks"

    id: Mapped[int] = mapped_column(primary_key=True)
    # One mark per segment row: the row belongs to one translation.
    translation_segment_id: Mapped[int] = mapped_column(
        ForeignKey("translation_segments.id", ondelete="CASCADE"), unique=True
    )
    translation_id: Mapped[int] = mapped_column(
        ForeignKey("translations.id", ondelete="CASCADE"), index=True
    )
    checked_text: Mapped[str] = mapped_column(Text)
    checked_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    checked_at: Mapped[datetime] = mapped_column(default=utcnow)
