"""Commenting from a request: the comment, and the notices it calls for, with their e-mail
sent after the commit. The editor's pages and the API both come through here."""

from flask import url_for
from flask_login import current_user

from translate_flow.core.web.addresses import site_url
from translate_flow.core.web.request_db import after_commit, db_session
from translate_flow.domain.models import Comment, Translation
from translate_flow.editing import comments
from translate_flow.editing.comments import Added
from translate_flow.notifications import notices as notifications


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
