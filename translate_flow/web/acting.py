"""Firing a workflow action from a request: the service, the notifications, e-mail after commit.

Views and the API both come through here, so nobody forgets to tell the people concerned.
"""

from datetime import datetime

from flask import current_app, request
from flask_login import current_user

from translate_flow.models import Translation, User
from translate_flow.services import notifications, transitions
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
