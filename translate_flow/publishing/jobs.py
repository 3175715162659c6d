"""Publishing's background work: publications planned for a time that has come."""

from flask import Flask

from translate_flow.core.db import Database
from translate_flow.core.jobs import site_url as configured_site_url
from translate_flow.domain.models import Translation, utcnow
from translate_flow.publishing import planned as publishing


def publish_planned(app: Flask) -> int:
    """Publish the approved translations whose planned time has come; each on its own."""
    db: Database = app.extensions["translate_flow.db"]
    now, site_url = utcnow(), configured_site_url(app)
    with db.session(write=False) as session:
        due = [t.id for t in publishing.due_for_publication(session, now)]
    published = 0
    for translation_id in due:
        with db.transaction() as session:
            translation = session.get(Translation, translation_id)
            if translation is not None and translation.publish_at is not None:
                published += publishing.publish_planned(
                    session, translation, now=now, site_url=site_url
                )
    return published
