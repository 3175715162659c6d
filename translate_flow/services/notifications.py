"""Telling people what they need to do: in-app notifications and e-mail (being built)."""

from sqlalchemy.orm import Session

from translate_flow.services.transitions import Fired


def notify_transition(session: Session, fired: Fired, *, site_url: str) -> None:
    """Notify the people a workflow action concerns (assignee, reviewers, translator)."""
    del session, fired, site_url  # filled in by the notifications work
