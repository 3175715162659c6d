"""Outlets: the publications articles come from."""

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from translate_flow.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from translate_flow.domain.audit import record_event
from translate_flow.domain.models import Article, Outlet, User, outlet_name_key
from translate_flow.domain.permissions import can_manage_articles
from translate_flow.text.countries import country_names
from translate_flow.text.languages import get_language
from translate_flow.text.urls import is_http_url


@dataclass(frozen=True)
class OutletInput:
    name: str
    language: str
    country: str = ""
    homepage: str = ""
    feed_url: str = ""
    notes: str = ""
    is_active: bool = True


def _clean(data: OutletInput) -> OutletInput:
    name = " ".join(data.name.split())
    if not name:
        raise ValidationFailed("Give the outlet a name.")
    if len(name) > 200:
        raise ValidationFailed("Keep the outlet's name under 200 characters.")
    if not data.language.strip():
        raise ValidationFailed("Give the language the outlet publishes in, e.g. ja.")
    country = data.country.strip().upper()
    if country and country not in country_names():
        raise ValidationFailed(f"“{data.country}” is not a country code we know (e.g. JP, DE).")
    for label, url in (("homepage", data.homepage), ("feed address", data.feed_url)):
        if url.strip() and not is_http_url(url.strip()):
            raise ValidationFailed(f"The {label} must be an http:// or https:// address.")
    return OutletInput(
        name=name,
        language=get_language(data.language.strip()).code,
        country=country,
        homepage=data.homepage.strip(),
        feed_url=data.feed_url.strip(),
        notes=data.notes.strip(),
        is_active=data.is_active,
    )


def _ensure_name_free(session: Session, name: str, *, except_id: int | None = None) -> None:
    existing = session.scalar(select(Outlet).where(Outlet.name_key == outlet_name_key(name)))
    if existing is not None and existing.id != except_id:
        raise Conflict(f"There is already an outlet called “{existing.name}”.")


def create_outlet(session: Session, actor: User, data: OutletInput) -> Outlet:
    if not can_manage_articles(actor):
        raise PermissionDenied("Only coordinators manage outlets.")
    clean = _clean(data)
    _ensure_name_free(session, clean.name)
    outlet = Outlet(
        name=clean.name,
        name_key=outlet_name_key(clean.name),
        language=clean.language,
        country=clean.country,
        homepage=clean.homepage,
        feed_url=clean.feed_url,
        notes=clean.notes,
        is_active=clean.is_active,
    )
    session.add(outlet)
    session.flush()
    record_event(
        session, "outlet:created", actor=actor, subject_type="outlet", subject_id=outlet.id
    )
    return outlet


def update_outlet(session: Session, actor: User, outlet: Outlet, data: OutletInput) -> Outlet:
    if not can_manage_articles(actor):
        raise PermissionDenied("Only coordinators manage outlets.")
    clean = _clean(data)
    _ensure_name_free(session, clean.name, except_id=outlet.id)
    if clean.feed_url != outlet.feed_url:
        outlet.feed_error = ""
        outlet.feed_checked_at = None
    outlet.name = clean.name
    outlet.name_key = outlet_name_key(clean.name)
    outlet.language = clean.language
    outlet.country = clean.country
    outlet.homepage = clean.homepage
    outlet.feed_url = clean.feed_url
    outlet.notes = clean.notes
    outlet.is_active = clean.is_active
    session.flush()
    record_event(
        session, "outlet:updated", actor=actor, subject_type="outlet", subject_id=outlet.id
    )
    return outlet


def get_outlet(session: Session, outlet_id: int) -> Outlet:
    outlet = session.get(Outlet, outlet_id)
    if outlet is None:
        raise NotFound("There is no such outlet.")
    return outlet


def list_outlets(session: Session, *, include_inactive: bool = True) -> list[Outlet]:
    query = select(Outlet).order_by(Outlet.sort_key, Outlet.id)
    if not include_inactive:
        query = query.where(Outlet.is_active.is_(True))
    return list(session.scalars(query))


def outlet_names(session: Session) -> list[tuple[int, str]]:
    """(id, name) of every outlet by name: for choices, without loading whole outlets."""
    rows = session.execute(select(Outlet.id, Outlet.name).order_by(Outlet.sort_key, Outlet.id))
    return [(outlet_id, name) for outlet_id, name in rows]


def article_counts(session: Session) -> dict[int, int]:
    """How many articles each outlet has given the desk."""
    rows = session.execute(
        select(Article.outlet_id, func.count())
        .where(Article.outlet_id.is_not(None))
        .group_by(Article.outlet_id)
    )
    return {outlet_id: count for outlet_id, count in rows if outlet_id is not None}
