"""Attempts that a limit counts (failed sign-ins, reset requests, readers' comments)."""

from datetime import datetime

from sqlalchemy import Index, String
from sqlalchemy.orm import Mapped, mapped_column

from translate_flow.domain.models.base import Base, utcnow


class LimitedAttempt(Base):
    """One attempt under a limit, for one key (an account or a client address).

    The counters live in the database, not in each process, so that every gunicorn worker
    counts the same attempts whether or not Redis is configured. Rows older than the limit's
    window are deleted as new ones come.
    """

    __tablename__ = "limited_attempts"

    id: Mapped[int] = mapped_column(primary_key=True)
    scope: Mapped[str] = mapped_column(String(40))
    key: Mapped[str] = mapped_column(String(320))
    attempted_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (Index("ix_limited_attempts_lookup", "scope", "key", "attempted_at"),)
