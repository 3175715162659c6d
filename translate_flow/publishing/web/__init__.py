"""Publishing's pages: the public site and the moderation of readers' comments; its API."""

from flask import Flask, g
from flask_login import current_user
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from translate_flow.core.kept import Keeper
from translate_flow.core.web.request_db import db_session
from translate_flow.domain.models import ReaderComment, ReaderCommentStatus
from translate_flow.domain.permissions import can_moderate_comments
from translate_flow.publishing import (
    api,  # noqa: F401  (registers its routes on the API)
    site_listener,
)
from translate_flow.publishing.exports import article_count
from translate_flow.publishing.web.moderation.views import bp as moderation
from translate_flow.publishing.web.public import comments, views  # noqa: F401  (their routes)
from translate_flow.publishing.web.public.blueprint import bp as public

# The navigation counts waiting comments up to here and then says "99+": a moderator needs to
# know there are many, not how many, and counting a backlog of thousands (5,000 at the
# benchmark's 100,000 articles) on every coordinator's page grew with it.
MODERATION_BADGE_CAP = 100
# The count is the same for every moderator: kept half a minute per process (a comment
# arriving or decided here shows at once), 2-3 ms of each coordinator's page at 100,000.
_waiting_comments = Keeper(30.0, changed=(ReaderComment,))


def _count_waiting(session: Session) -> int:
    waiting = (
        select(ReaderComment.id)
        .where(ReaderComment.status == ReaderCommentStatus.PENDING)
        .limit(MODERATION_BADGE_CAP)
        .subquery()
    )
    return session.scalar(select(func.count()).select_from(waiting)) or 0


def moderation_count() -> int:
    """Readers' comments waiting for a moderator, up to MODERATION_BADGE_CAP: the count beside
    "Comments" in the navigation.

    Zero, without a query, for anyone who may not moderate; read once per request.
    """
    if not can_moderate_comments(current_user):
        return 0
    if "moderation_count" not in g:
        g.moderation_count = _waiting_comments.get(db_session(), "waiting", _count_waiting)
    count: int = g.moderation_count
    return count


def moderation_badge() -> str:
    """What the navigation's badge says: the count, or "99+" past the cap."""
    count = moderation_count()
    return f"{MODERATION_BADGE_CAP - 1}+" if count >= MODERATION_BADGE_CAP else str(count)


def init_app(app: Flask) -> None:
    # Every session of the process keeps the public site's generation (its pages' validators).
    site_listener.install()
    for blueprint in (public, moderation):
        app.register_blueprint(blueprint)
    app.jinja_env.globals["article_count"] = article_count
    app.jinja_env.globals["moderation_count"] = moderation_count
    app.jinja_env.globals["moderation_badge"] = moderation_badge
