"""Comments on a translation or on one of its segments: threads that can be resolved."""

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from translate_flow.domain.models.base import Base, utcnow
from translate_flow.domain.models.people import User


class Comment(Base):
    """A comment opens a thread (`parent_id` None) or replies to one; threads get resolved."""

    __tablename__ = "comments"

    id: Mapped[int] = mapped_column(primary_key=True)
    translation_id: Mapped[int] = mapped_column(ForeignKey("translations.id", ondelete="CASCADE"))
    # The translated segment's row, which survives source corrections (a source segment's
    # id does not); None for a comment on the whole translation.
    translation_segment_id: Mapped[int | None] = mapped_column(
        ForeignKey("translation_segments.id", ondelete="CASCADE")
    )
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("comments.id", ondelete="CASCADE"))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Set on the thread's first comment only.
    resolved_at: Mapped[datetime | None]
    resolved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    author: Mapped[User | None] = relationship(foreign_keys=[author_id], lazy="joined")
    resolved_by: Mapped[User | None] = relationship(foreign_keys=[resolved_by_id])

    __table_args__ = (Index("ix_comments_translation", "translation_id", "id"),)

    @property
    def is_resolved(self) -> bool:
        return self.resolved_at is not None
