"""Outlets: the foreign publications source articles come from."""

from datetime import datetime

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from translate_flow.domain.models.base import Base, utcnow


class Outlet(Base):
    __tablename__ = "outlets"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    # Two outlets named "Asahi" and "asahi" would be one outlet entered twice.
    name_key: Mapped[str] = mapped_column(String(200), unique=True)
    country: Mapped[str] = mapped_column(String(2), default="")  # ISO 3166-1 alpha-2
    language: Mapped[str] = mapped_column(String(20))
    homepage: Mapped[str] = mapped_column(String(2000), default="")
    feed_url: Mapped[str] = mapped_column(String(2000), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    is_active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    feed_checked_at: Mapped[datetime | None]
    # What went wrong the last time the feed was polled; empty when it worked.
    feed_error: Mapped[str] = mapped_column(Text, default="")

    def __repr__(self) -> str:
        return f"<Outlet {self.id} {self.name!r}>"


def outlet_name_key(name: str) -> str:
    return " ".join(name.split()).casefold()
