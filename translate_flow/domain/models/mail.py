"""Outgoing e-mail, written in the same transaction as the change that causes it."""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from translate_flow.domain.models.base import Base, state_column_type, utcnow


class MailStatus(StrEnum):
    PENDING = "pending"  # waiting to be sent (also after a failed attempt, until max attempts)
    # A worker holds it until `lease_until`; if that worker dies mid-send, the lease runs out
    # and another worker sends it (translate_flow.notifications.mailer says what that assures).
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"  # gave up after repeated errors; an admin can see why in the outbox


class OutboxEmail(Base):
    __tablename__ = "outbox_emails"

    id: Mapped[int] = mapped_column(primary_key=True)
    # The same notice is never queued twice, whoever retries the request or the job.
    dedupe_key: Mapped[str] = mapped_column(String(200), unique=True)
    to_address: Mapped[str] = mapped_column(String(320))
    subject: Mapped[str] = mapped_column(String(300))
    body_text: Mapped[str] = mapped_column(Text)
    status: Mapped[MailStatus] = mapped_column(
        state_column_type(MailStatus, "mail_status"),
        default=MailStatus.PENDING,
        index=True,
    )
    # Bumped by every claim, so it also tells one claim of a message from the next.
    attempts: Mapped[int] = mapped_column(default=0)
    lease_until: Mapped[datetime | None]
    last_error: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime | None]
