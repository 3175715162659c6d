"""The workflow's background work: claims reminded, nudged and released by their due dates."""

from flask import Flask

from translate_flow.core.db import Database
from translate_flow.core.jobs import site_url as configured_site_url
from translate_flow.domain.models import Translation, User, utcnow
from translate_flow.notifications import notices as notifications
from translate_flow.workflow import expiry


def expire_claims(app: Flask) -> expiry.ExpiryReport:
    """Remind, nudge and release claims by their due dates."""
    db: Database = app.extensions["translate_flow.db"]
    now, site_url = utcnow(), configured_site_url(app)
    with db.transaction() as session:

        def tell(person: User, kind: str, message: str, translation: Translation) -> None:
            notifications.notify(
                session, person, kind, message, translation=translation, site_url=site_url, now=now
            )

        return expiry.expire_claims(
            session,
            now=now,
            reminder_days=app.config["CLAIM_REMINDER_DAYS"],
            grace_days=app.config["CLAIM_GRACE_DAYS"],
            notify=tell,
        )
