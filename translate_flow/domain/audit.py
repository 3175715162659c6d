"""Writing the audit log."""

from typing import Any

from sqlalchemy.orm import Session

from translate_flow.domain.models import Event, User


def record_event(
    session: Session,
    action: str,
    *,
    actor: User | None,
    subject_type: str,
    subject_id: int,
    **payload: Any,
) -> Event:
    event = Event(
        action=action,
        actor_id=actor.id if actor is not None else None,
        subject_type=subject_type,
        subject_id=subject_id,
        payload=payload,
    )
    session.add(event)
    return event
