"""Each outlet's language: what choosing an outlet fills in as an article's source language."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from translate_flow.domain.models import Outlet


def outlet_languages(session: Session) -> dict[int, str]:
    """Outlet id → its language code, for outlets that have one."""
    rows = session.execute(select(Outlet.id, Outlet.language).where(Outlet.language != ""))
    return {int(outlet_id): str(language) for outlet_id, language in rows}


def language_of_outlet(session: Session, outlet_id: int) -> str:
    """The outlet's language, "" for an unknown outlet or one without a language."""
    return session.scalar(select(Outlet.language).where(Outlet.id == outlet_id)) or ""
