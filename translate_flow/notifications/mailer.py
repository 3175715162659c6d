"""Delivering the outbox: over SMTP, or to the console in development.

What a worker killed mid-send leaves behind, and what the receiver sees:

- A message is claimed with a conditional UPDATE that sets it `sending` with a lease.
  While the lease runs no other worker touches it; once it has run out, the message
  is claimable again. It is marked `sent` only after the SMTP server accepted it
  (250 after DATA). So a crash at any point never loses a message: at worst it waits
  for its lease to expire.
- Delivery is at-least-once, not exactly-once. If the worker dies after the server
  accepted the message but before `sent` is committed, or a send outlives its lease,
  the message goes out a second time. SMTP has no way to ask a server whether it
  already has a message (RFC 1047 describes the same window inside SMTP itself), so
  every attempt carries the same Message-ID, derived from the outbox row: a duplicate
  is recognisable as one, and receivers that drop repeated Message-IDs drop it.
"""

import hashlib
import smtplib
import sys
from collections.abc import Callable
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import formatdate, parseaddr
from typing import Protocol, TextIO
from urllib.parse import parse_qs, unquote, urlsplit

from sqlalchemy import and_, or_, select, update
from sqlalchemy.sql import ColumnElement

from translate_flow.core.db import Database
from translate_flow.domain.models import MailStatus, OutboxEmail, utcnow

MAX_ATTEMPTS = 5
# Far longer than a send can take (SmtpSender's 15 s timeout applies to each of the
# dozen exchanges of one delivery), so that a slow send is not taken over while it runs.
LEASE = timedelta(minutes=5)


class Sender(Protocol):
    def send(self, message: EmailMessage) -> None: ...


class ConsoleSender:
    """Development: prints each message so the links in it can be followed."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream

    def send(self, message: EmailMessage) -> None:
        stream = self.stream or sys.stderr
        rule = "-" * 72
        headers = "".join(
            f"{name}: {value}\n"
            for name, value in message.items()
            if name in {"From", "To", "Subject", "Date"}
        )
        # The decoded body, so that links can be clicked straight from the terminal.
        stream.write(f"\n{rule}\n{headers}\n{message.get_content()}{rule}\n")
        stream.flush()


class SmtpSender:
    """`smtp://user:pass@host:25?starttls=1` or `smtps://host:465`."""

    def __init__(self, url: str, timeout: float = 15) -> None:
        parts = urlsplit(url)
        if parts.scheme not in {"smtp", "smtps"} or not parts.hostname:
            raise ValueError(
                f"not an SMTP URL: {url!r} (use smtp://host:port or smtps://host:port)"
            )
        self.ssl = parts.scheme == "smtps"
        self.host = parts.hostname
        self.port = parts.port or (465 if self.ssl else 25)
        self.username = unquote(parts.username) if parts.username else None
        self.password = unquote(parts.password) if parts.password else None
        options = parse_qs(parts.query)
        self.starttls = options.get("starttls", ["0"])[0].lower() in {"1", "true", "yes"}
        self.timeout = timeout

    def send(self, message: EmailMessage) -> None:
        client_class = smtplib.SMTP_SSL if self.ssl else smtplib.SMTP
        with client_class(self.host, self.port, timeout=self.timeout) as client:
            if self.starttls:
                client.starttls()
            if self.username:
                client.login(self.username, self.password or "")
            client.send_message(message)


def sender_for(url: str) -> Sender:
    if url.startswith("console:"):
        return ConsoleSender()
    return SmtpSender(url)


def message_id_for(row: OutboxEmail, mail_from: str) -> str:
    """The Message-ID of an outbox row: the same on every attempt, unique across sites.

    Derived from the dedupe key (one row per key) and the row's creation instant, which
    keeps two installations that send `notification:1` from the same domain apart.
    """
    domain = parseaddr(mail_from)[1].rpartition("@")[2] or "localhost"
    identity = f"{row.dedupe_key}\n{row.created_at.isoformat()}"
    return f"<{hashlib.sha256(identity.encode()).hexdigest()[:40]}.outbox@{domain}>"


def _as_message(row: OutboxEmail, mail_from: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = mail_from
    message["To"] = row.to_address
    message["Subject"] = row.subject
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = message_id_for(row, mail_from)
    message.set_content(row.body_text)
    return message


def _claimable(now: datetime) -> ColumnElement[bool]:
    """Waiting messages, and messages whose sender's lease ran out (the worker died)."""
    return and_(
        or_(
            OutboxEmail.status == MailStatus.PENDING,
            and_(OutboxEmail.status == MailStatus.SENDING, OutboxEmail.lease_until < now),
        ),
        OutboxEmail.attempts < MAX_ATTEMPTS,
    )


def _give_up_on_abandoned(db: Database, now: datetime) -> None:
    """A message whose worker died on every attempt is failed, not tried forever."""
    with db.transaction() as session:
        session.execute(
            update(OutboxEmail)
            .where(
                OutboxEmail.status == MailStatus.SENDING,
                OutboxEmail.lease_until < now,
                OutboxEmail.attempts >= MAX_ATTEMPTS,
            )
            .values(
                status=MailStatus.FAILED,
                lease_until=None,
                last_error=f"The worker sending it stopped before it finished, "
                f"{MAX_ATTEMPTS} times; not tried again.",
            )
        )


def _claim(
    db: Database, message_id: int, mail_from: str, now: datetime, lease: timedelta
) -> tuple[int, EmailMessage] | None:
    """Take the message for `lease`; returns (attempt, message), or None if another has it."""
    with db.transaction() as session:
        claimed = session.execute(  # type: ignore[attr-defined]
            update(OutboxEmail)
            .where(OutboxEmail.id == message_id, _claimable(now))
            .values(
                status=MailStatus.SENDING,
                lease_until=now + lease,
                attempts=OutboxEmail.attempts + 1,
            )
        ).rowcount
        if claimed != 1:
            return None
        row = session.scalars(select(OutboxEmail).where(OutboxEmail.id == message_id)).one()
        return row.attempts, _as_message(row, mail_from)


def _mark_sent(db: Database, message_id: int, now: datetime) -> None:
    # Whoever holds the claim now: the server has the message, that is what counts.
    with db.transaction() as session:
        session.execute(
            update(OutboxEmail)
            .where(OutboxEmail.id == message_id)
            .values(status=MailStatus.SENT, sent_at=now, lease_until=None, last_error="")
        )


def _mark_failed_attempt(db: Database, message_id: int, attempt: int, error: Exception) -> None:
    with db.transaction() as session:
        session.execute(
            update(OutboxEmail)
            # Only while this attempt still holds the claim: a late failure must not
            # undo another worker's success or claim.
            .where(
                OutboxEmail.id == message_id,
                OutboxEmail.status == MailStatus.SENDING,
                OutboxEmail.attempts == attempt,
            )
            .values(
                last_error=f"{type(error).__name__}: {error}"[:2000],
                lease_until=None,
                status=MailStatus.FAILED if attempt >= MAX_ATTEMPTS else MailStatus.PENDING,
            )
        )


def deliver_pending(
    db: Database,
    sender: Sender,
    mail_from: str,
    *,
    limit: int = 100,
    lease: timedelta = LEASE,
    clock: Callable[[], datetime] = utcnow,
) -> int:
    """Sends waiting messages one by one; returns how many were sent.

    Each message is claimed in its own short transaction (never held open during the
    network wait), so two workers never send the same message at once, and one killed
    mid-send leaves it to be sent again when its lease expires.
    """
    _give_up_on_abandoned(db, clock())
    with db.session(write=False) as session:
        waiting = list(
            session.scalars(
                select(OutboxEmail.id)
                .where(_claimable(clock()))
                .order_by(OutboxEmail.id)
                .limit(limit)
            )
        )
    sent = 0
    for message_id in waiting:
        claim = _claim(db, message_id, mail_from, clock(), lease)
        if claim is None:
            continue
        attempt, message = claim
        try:
            sender.send(message)
        except (OSError, smtplib.SMTPException) as error:
            _mark_failed_attempt(db, message_id, attempt, error)
            continue
        _mark_sent(db, message_id, clock())
        sent += 1
    return sent
