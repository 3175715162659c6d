"""Acting from a request: workflow actions and comments, with the notifications they call
for and their e-mail sent after the commit.

Views and the API both come through here, so nobody forgets to tell the people concerned.
"""

from datetime import datetime

from flask import current_app
from flask_login import current_user

from translate_flow.core.web.addresses import site_url
from translate_flow.core.web.request_db import after_commit, db_session
from translate_flow.domain.models import Translation, User
from translate_flow.domain.workflow import Action, Request
from translate_flow.notifications import notices as notifications
from translate_flow.workflow import transitions
from translate_flow.workflow.transitions import Fired


def act(
    translation: Translation,
    action: Action,
    *,
    reason: Request | None = None,
    translator: User | None = None,
    reviewer: User | None = None,
    due_at: datetime | None = None,
    proposed_due_at: datetime | None = None,
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
        proposed_due_at=proposed_due_at,
        claim_days=current_app.config["CLAIM_DAYS"],
    )
    notifications.notify_transition(session, fired, site_url=site_url())
    after_commit("deliver_outbox")
    return fired
