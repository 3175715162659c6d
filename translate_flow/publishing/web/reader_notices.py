"""Telling a translator, from a request, that a reader's comment on their work was approved."""

from translate_flow.core.web.addresses import site_url
from translate_flow.core.web.request_db import after_commit, db_session
from translate_flow.domain.models import ReaderComment, Translation
from translate_flow.notifications import notices as notifications
from translate_flow.publishing import public_site


def tell_translator_of_reader_comment(comment: ReaderComment) -> None:
    """A reader's comment approved: its translator hears of it (e-mail after the commit)."""
    session = db_session()
    publication = comment.publication
    translation = session.get(Translation, publication.translation_id)
    if translation is None:
        return
    notifications.notify_reader_comment(
        session,
        translation,
        comment.name,
        comment.body,
        public_url=public_site.publication_path(publication.slug) + "#comments",
        site_url=site_url(),
    )
    after_commit("deliver_outbox")
