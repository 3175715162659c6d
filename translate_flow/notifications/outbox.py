"""Queueing e-mail in the outbox; delivery happens after the transaction commits."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from translate_flow.domain.models import OutboxEmail


def queue_email(
    session: Session, *, dedupe_key: str, to_address: str, subject: str, body: str
) -> OutboxEmail:
    """Adds a message unless one with the same key was queued already (then returns that one)."""
    existing = session.scalar(select(OutboxEmail).where(OutboxEmail.dedupe_key == dedupe_key))
    if existing is not None:
        return existing
    message = OutboxEmail(
        dedupe_key=dedupe_key, to_address=to_address, subject=subject, body_text=body
    )
    session.add(message)
    return message
