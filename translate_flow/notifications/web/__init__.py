"""Notifications' pages: one's notifications, and the outbox for admins; the count in the
navigation."""

from flask import Flask, g
from flask_login import current_user

from translate_flow.core.web.request_db import db_session
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


def init_app(app: Flask) -> None:
    for blueprint in (admin, notifications_pages):
        app.register_blueprint(blueprint)
    # A function, so that pages without the navigation (fragments) never query.
    app.context_processor(lambda: {"unread_notifications": _unread_notifications})
