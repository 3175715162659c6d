"""Outlets: the foreign publications source articles come from."""

from datetime import datetime

from sqlalchemy import LargeBinary, String, Text
from sqlalchemy.engine.default import DefaultExecutionContext
from sqlalchemy.orm import Mapped, mapped_column, validates

from translate_flow.domain.models.base import Base, utcnow
from translate_flow.text.collation import collation_key


def _name_sort_key(context: DefaultExecutionContext) -> bytes:
    # Rows inserted without the ORM (the benchmark's synthetic desk) get their key here.
    return collation_key(str((context.current_parameters or {})["name"]))


class Outlet(Base):
    __tablename__ = "outlets"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    # Two outlets named "Asahi" and "asahi" would be one outlet entered twice.
    name_key: Mapped[str] = mapped_column(String(200), unique=True)
    # The name's collation key (`text.collation`): lists and choices of outlets are in the
    # order readers expect in any script ("Ärzte Zeitung" with A); kept by `_keep_sort_key`.
    sort_key: Mapped[bytes] = mapped_column(LargeBinary, default=_name_sort_key, index=True)
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

    @validates("name")
    def _keep_sort_key(self, _key: str, name: str) -> str:
        self.sort_key = collation_key(name)
        return name

    def __repr__(self) -> str:
        return f"<Outlet {self.id} {self.name!r}>"


def outlet_name_key(name: str) -> str:
    return " ".join(name.split()).casefold()
