"""Acting from a request: workflow actions and comments, with the notifications they call
for and their e-mail sent after the commit.

Views and the API both come through here, so nobody forgets to tell the people concerned.
"""

from datetime import datetime

from flask import current_app, request, url_for
from flask_login import current_user

from translate_flow.models import Comment, ReaderComment, Translation, User
from translate_flow.services import comments, notifications, public_site, transitions
from translate_flow.services.comments import Added
from translate_flow.services.transitions import Fired
from translate_flow.web.request_db import after_commit, db_session
from translate_flow.workflow import Action, Request


def site_url() -> str:
    return str(current_app.config.get("BASE_URL") or request.host_url).rstrip("/")


def act(
    translation: Translation,
    action: Action,
    *,
    reason: Request | None = None,
    translator: User | None = None,
    reviewer: User | None = None,
    due_at: datetime | None = None,
) -> Fired:
    """Fire `action` as the current person; the caller commits."""
    session = db_session()
    fired = transitions.fire(
        session,
        current_user,
        translation,
        action,
        request=reason,
        translator=translator,
        reviewer=reviewer,
        due_at=due_at,
        claim_days=current_app.config["CLAIM_DAYS"],
    )
    notifications.notify_transition(session, fired, site_url=site_url())
    after_commit("deliver_outbox")
    return fired


def comment(
    translation: Translation,
    body: str,
    *,
    segment_id: int | None = None,
    parent: Comment | None = None,
) -> Added:
    """Comment as the current person, and tell whom it concerns; the caller commits."""
    session = db_session()
    added = comments.add_comment(
        session, current_user, translation, body, segment_id=segment_id, parent=parent
    )
    # The link opens the editor at the thread's segment.
    row_segments = comments.row_segments(session, translation)
    at = row_segments.get(added.comment.translation_segment_id or 0)
    notifications.notify_comment(
        session,
        translation,
        current_user,
        added.comment.body,
        mentioned=added.mentioned,
        thread_people=added.thread_people,
        site_url=site_url(),
        link_path=url_for(
            "editor.edit", translation_id=translation.id, _anchor=f"seg-{at}" if at else None
        ),
    )
    after_commit("deliver_outbox")
    return added


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
