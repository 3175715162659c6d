"""Notifications' background work: delivering the outbox and the daily digests."""

from flask import Flask

from translate_flow.core.db import Database
from translate_flow.core.jobs import site_url as configured_site_url
from translate_flow.domain.models import utcnow
from translate_flow.notifications import notices as notifications
from translate_flow.notifications.mailer import deliver_pending, sender_for


def deliver_outbox(app: Flask) -> int:
    """Send what is waiting in the outbox with the app's mail settings."""
    db: Database = app.extensions["translate_flow.db"]
    return deliver_pending(db, sender_for(app.config["SMTP_URL"]), app.config["MAIL_FROM"])


def send_digests(app: Flask) -> int:
    """Queue the daily digests that are due."""
    db: Database = app.extensions["translate_flow.db"]
    with db.transaction() as session:
        return notifications.send_digests(session, now=utcnow(), site_url=configured_site_url(app))
