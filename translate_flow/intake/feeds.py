"""Feed suggestions: what outlets' feeds offer, waiting for a coordinator to import or dismiss."""

from collections.abc import Iterable
from datetime import datetime, timedelta

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from translate_flow.core.errors import Conflict, NotFound, PermissionDenied
from translate_flow.core.paging import Page, paginate
from translate_flow.domain.audit import record_event
from translate_flow.domain.models import (
    Article,
    FeedSuggestion,
    Outlet,
    SuggestionStatus,
    User,
    utcnow,
)
from translate_flow.domain.permissions import can_manage_articles
from translate_flow.intake.feed_parsing import FeedEntry
from translate_flow.text.urls import canonical_url, is_http_url, url_key

MAX_URL_LENGTH = 2000  # the column's size


def outlets_due(session: Session, *, every: timedelta, now: datetime | None = None) -> list[Outlet]:
    """Active outlets with a feed not checked within `every` (all of them when `every` is 0)."""
    cutoff = (now or utcnow()) - every
    return list(
        session.scalars(
            select(Outlet)
            .where(Outlet.is_active.is_(True), Outlet.feed_url != "")
            .where(or_(Outlet.feed_checked_at.is_(None), Outlet.feed_checked_at <= cutoff))
            .order_by(Outlet.id)
        )
    )


def record_feed_entries(session: Session, outlet: Outlet, entries: Iterable[FeedEntry]) -> int:
    """Suggest each entry the desk has not seen, as an article or a suggestion; returns how many."""
    new = 0
    seen: set[str] = set()
    for entry in entries:
        if len(entry.url) > MAX_URL_LENGTH or not is_http_url(entry.url):
            continue
        key = url_key(entry.url)
        if key in seen:
            continue
        seen.add(key)
        known = session.scalar(
            select(func.count()).select_from(Article).where(Article.url_key == key)
        ) or session.scalar(
            select(func.count()).select_from(FeedSuggestion).where(FeedSuggestion.url_key == key)
        )
        if known:
            continue
        session.add(
            FeedSuggestion(
                outlet_id=outlet.id,
                url=canonical_url(entry.url),
                url_key=key,
                title=entry.title[:500],
                summary=entry.summary,
                author=entry.author[:200],
                published_at=entry.published_at,
            )
        )
        new += 1
    outlet.feed_checked_at = utcnow()
    outlet.feed_error = ""
    session.flush()
    return new


def record_feed_failure(session: Session, outlet: Outlet, message: str) -> None:
    outlet.feed_checked_at = utcnow()
    outlet.feed_error = message
    session.flush()


def inbox(
    session: Session, *, outlet_id: int | None = None, page: int = 1, per_page: int = 50
) -> Page[FeedSuggestion]:
    """New suggestions, newest first."""
    query = select(FeedSuggestion).where(FeedSuggestion.status == SuggestionStatus.NEW)
    if outlet_id is not None:
        query = query.where(FeedSuggestion.outlet_id == outlet_id)
    return paginate(
        session,
        query,
        func.coalesce(FeedSuggestion.published_at, FeedSuggestion.found_at).desc(),
        FeedSuggestion.id.desc(),
        page=page,
        per_page=per_page,
    )


def get_suggestion(session: Session, suggestion_id: int) -> FeedSuggestion:
    suggestion = session.get(FeedSuggestion, suggestion_id)
    if suggestion is None:
        raise NotFound("There is no such suggestion.")
    return suggestion


def _decide(
    session: Session, actor: User, suggestion: FeedSuggestion, status: SuggestionStatus
) -> None:
    if not can_manage_articles(actor):
        raise PermissionDenied("Only coordinators sort the feed inbox.")
    if suggestion.status != SuggestionStatus.NEW:
        raise Conflict(f"This suggestion was already {suggestion.status.value}.")
    suggestion.status = status
    suggestion.decided_by_id = actor.id
    suggestion.decided_at = utcnow()


def dismiss_suggestion(session: Session, actor: User, suggestion: FeedSuggestion) -> None:
    _decide(session, actor, suggestion, SuggestionStatus.DISMISSED)
    session.flush()
    record_event(
        session,
        "suggestion:dismissed",
        actor=actor,
        subject_type="feed_suggestion",
        subject_id=suggestion.id,
    )


def mark_imported(
    session: Session, actor: User, article: Article, *, suggestion_id: int | None = None
) -> None:
    """Close the suggestion an import came from (by id, or else by the article's address)."""
    matches = []
    if suggestion_id is not None:
        matches.append(FeedSuggestion.id == suggestion_id)
    if article.url_key is not None:
        # The page's canonical address may differ from the feed's link, and the feed may
        # list both: every suggestion of this article is settled.
        matches.append(FeedSuggestion.url_key == article.url_key)
    if not matches:
        return
    query = select(FeedSuggestion).where(
        FeedSuggestion.status == SuggestionStatus.NEW, or_(*matches)
    )
    for suggestion in session.scalars(query):
        _decide(session, actor, suggestion, SuggestionStatus.ACCEPTED)
        suggestion.article_id = article.id
    session.flush()
