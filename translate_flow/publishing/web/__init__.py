"""Publishing's pages: the public site and the moderation of readers' comments; its API."""

from flask import Flask, g
from flask_login import current_user
from sqlalchemy import func, select

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


def moderation_count() -> int:
    """Readers' comments waiting for a moderator: the count beside "Comments" in the navigation.

    Zero, without a query, for anyone who may not moderate; read once per request.
    """
    if not can_moderate_comments(current_user):
        return 0
    if "moderation_count" not in g:
        g.moderation_count = (
            db_session().scalar(
                select(func.count())
                .select_from(ReaderComment)
                .where(ReaderComment.status == ReaderCommentStatus.PENDING)
            )
            or 0
        )
    count: int = g.moderation_count
    return count


def init_app(app: Flask) -> None:
    # Every session of the process keeps the public site's generation (its pages' validators).
    site_listener.install()
    for blueprint in (public, moderation):
        app.register_blueprint(blueprint)
    app.jinja_env.globals["article_count"] = article_count
    app.jinja_env.globals["moderation_count"] = moderation_count
