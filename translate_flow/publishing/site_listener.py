"""Bumps the public site's generation (`site_generation`) in the transaction of every change a
reader's page could show: a publication made, corrected or taken down, a comment approved,
deleted or answered, a translator's name, bio or standing, an outlet, a published article's
credits or tags.

A session listener rather than a call in each writer, as the statistics' rollups are kept
(`statistics.listeners`): people are renamed in `people`, outlets edited in `intake`,
publications written by `workflow` through `publications`, comments moderated here, and a
writer added later changes the validators without knowing of them. What changed is read in
`before_flush` (attribute history: a sign-in that only sets `last_login_at` changes nothing);
the bump is one Core statement in `after_flush_postexec`, so the flush does not start again.
Bulk UPDATE and DELETE statements on the public tables (a take-down) bump as they run.

Not seen: SQL sent around the ORM (a script, psql). Publications and take-downs are still
caught by the publications' own marks in `SiteVersion`; anything else reaches readers within
the page cache's lifetime (`public_pages.STALE_SECONDS`).
"""

from typing import Any

from sqlalchemy import event, inspect, select
from sqlalchemy.orm import ORMExecuteState, Session, UOWTransaction

from translate_flow.domain.models import (
    Article,
    ArticleTag,
    Outlet,
    Publication,
    ReaderComment,
    ReaderCommentStatus,
    User,
    utcnow,
)
from translate_flow.publishing import site_generation

PENDING = "translate_flow.publishing.site_changed"

# What the public pages show of each; any change to a publication counts.
SHOWN: dict[type[Any], frozenset[str]] = {
    User: frozenset({"display_name", "bio", "is_active"}),
    Outlet: frozenset({"name", "country", "language", "homepage"}),
    Article: frozenset(
        {"title", "author", "source_url", "published_on", "outlet_id", "source_language"}
    ),
    ReaderComment: frozenset({"name", "body", "status", "parent_id", "publication_id"}),
}
# Bulk statements on these tables bump whatever they set.
BULK = (Publication, ReaderComment, Article, ArticleTag, Outlet)


def _changed(item: object, names: frozenset[str]) -> bool:
    attrs = inspect(item).attrs
    return any(attrs[name].history.has_changes() for name in names)


def _published(session: Session, article_ids: set[int]) -> bool:
    """Whether any of these articles has a publication (live or taken down: its 410 page
    and the lists both read the article)."""
    if not article_ids:
        return False
    found = session.scalar(
        select(Publication.id).where(Publication.article_id.in_(article_ids)).limit(1)
    )
    return found is not None


def shows_on_public_site(session: Session) -> bool:
    """Whether what this flush writes changes something a reader's page shows."""
    articles: set[int] = set()
    for item in session.new:
        if isinstance(item, Publication):
            return True
        if isinstance(item, ReaderComment) and item.status == ReaderCommentStatus.APPROVED:
            return True  # a desk reply, shown at once
        if isinstance(item, ArticleTag):
            articles.add(item.article_id)
    for item in session.dirty:
        if isinstance(item, Publication):
            if session.is_modified(item, include_collections=False):
                return True
        elif isinstance(item, Article):
            if _changed(item, SHOWN[Article]):
                articles.add(item.id)
        elif (names := SHOWN.get(type(item))) is not None and _changed(item, names):
            return True
    for item in session.deleted:
        if isinstance(item, Publication | ReaderComment | User | Outlet):
            return True
        if isinstance(item, Article):
            articles.add(item.id)
        elif isinstance(item, ArticleTag):
            articles.add(item.article_id)
    return _published(session, articles)


def _collect(session: Session, _context: UOWTransaction, _instances: object) -> None:
    if not session.info.get(PENDING) and shows_on_public_site(session):
        session.info[PENDING] = True


def _bump(session: Session, _context: UOWTransaction) -> None:
    if session.info.pop(PENDING, False):
        site_generation.bump(session, utcnow())


def _bulk(state: ORMExecuteState) -> None:
    mapper = state.bind_mapper
    if (state.is_update or state.is_delete) and mapper is not None and mapper.class_ in BULK:
        site_generation.bump(state.session, utcnow())


def _forget(session: Session, *_args: Any) -> None:
    session.info.pop(PENDING, None)


def install() -> None:
    """Listen on every session (idempotent)."""
    if event.contains(Session, "before_flush", _collect):
        return
    event.listen(Session, "before_flush", _collect)
    event.listen(Session, "after_flush_postexec", _bump)
    event.listen(Session, "do_orm_execute", _bulk)
    event.listen(Session, "after_rollback", _forget)
