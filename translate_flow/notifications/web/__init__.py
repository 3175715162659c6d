"""Notifications' pages: one's notifications, and the outbox for admins; the count in the
navigation."""

from flask import Flask, current_app, g, request
from flask_login import current_user
from sqlalchemy.exc import SQLAlchemyError
from werkzeug.wrappers import Response

from translate_flow.core.errors import TranslateFlowError
from translate_flow.core.web.request_db import database, db_session
from translate_flow.notifications import notices
from translate_flow.notifications.web.admin.views import bp as admin
from translate_flow.notifications.web.notifications.views import bp as notifications_pages


def _unread_notifications() -> int:
    """The count in the navigation: queried once per request, and only for a signed-in person."""
    if not current_user.is_authenticated:
        return 0
    if "unread_notifications" not in g:
        g.unread_notifications = notices.unread_count(db_session(), current_user)
    count: int = g.unread_notifications
    return count


def _read_on_visit(response: Response) -> Response:
    """Opening the page a notice leads to marks that notice read, for every feature's pages
    alike (no view needs to know about notices).

    Only a page that was shown (GET, 200) to a signed-in person with unread notices counts.
    The notices are found with the request's read-only session; only when there are some is
    a short write transaction opened (a GET's session never takes SQLite's write lock), and a
    failure there never costs the person the page.
    """
    if (
        request.method != "GET"
        or response.status_code != 200
        or not current_user.is_authenticated
        or g.get("unread_notifications") == 0
        or not notices.may_lead_to(request.path)
    ):
        return response
    user = current_user._get_current_object()
    ids = notices.leading_to(db_session(), user, request.path)
    if not ids:
        return response
    try:
        with database().transaction() as session:
            notices.mark_read(session, user, ids)
    except (SQLAlchemyError, TranslateFlowError):
        current_app.logger.warning("Could not mark notices read at %s", request.path, exc_info=True)
    return response


def init_app(app: Flask) -> None:
    for blueprint in (admin, notifications_pages):
        app.register_blueprint(blueprint)
    app.after_request(_read_on_visit)
    # A function, so that pages without the navigation (fragments) never query.
    app.context_processor(lambda: {"unread_notifications": _unread_notifications})
