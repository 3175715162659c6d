"""Delivering the outbox: over SMTP, or to the console in development."""

import smtplib
import sys
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from typing import Protocol, TextIO
from urllib.parse import parse_qs, unquote, urlsplit

from sqlalchemy import select, update

from translate_flow.db import Database
from translate_flow.models import MailStatus, OutboxEmail, utcnow

MAX_ATTEMPTS = 5


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


def _as_message(row: OutboxEmail, mail_from: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = mail_from
    message["To"] = row.to_address
    message["Subject"] = row.subject
    message["Date"] = formatdate(localtime=False)
    # Derived from the outbox row so a resent message keeps its identity for the receiver.
    domain = mail_from.rsplit("@", 1)[-1].strip(">") or "localhost"
    message["Message-ID"] = make_msgid(idstring=f"outbox{row.id}", domain=domain)
    message.set_content(row.body_text)
    return message


def deliver_pending(db: Database, sender: Sender, mail_from: str, *, limit: int = 100) -> int:
    """Sends waiting messages one by one; returns how many were sent.

    Each message is claimed by bumping its attempt counter in its own transaction,
    so two workers never send the same message at once.
    """
    sent = 0
    with db.session(write=False) as session:
        waiting = list(
            session.execute(
                select(OutboxEmail.id, OutboxEmail.attempts)
                .where(OutboxEmail.status == MailStatus.PENDING)
                .order_by(OutboxEmail.id)
                .limit(limit)
            )
        )
    for message_id, attempts in waiting:
        with db.transaction() as session:
            claimed = session.execute(  # type: ignore[attr-defined]
                update(OutboxEmail)
                .where(
                    OutboxEmail.id == message_id,
                    OutboxEmail.status == MailStatus.PENDING,
                    OutboxEmail.attempts == attempts,
                )
                .values(attempts=attempts + 1)
            ).rowcount
            row = session.get(OutboxEmail, message_id) if claimed else None
            message = _as_message(row, mail_from) if row is not None else None
        if message is None:
            continue
        try:
            sender.send(message)
        except (OSError, smtplib.SMTPException) as error:
            with db.transaction() as session:
                session.execute(
                    update(OutboxEmail)
                    .where(OutboxEmail.id == message_id)
                    .values(
                        last_error=f"{type(error).__name__}: {error}"[:2000],
                        status=MailStatus.FAILED
                        if attempts + 1 >= MAX_ATTEMPTS
                        else MailStatus.PENDING,
                    )
                )
            continue
        with db.transaction() as session:
            session.execute(
                update(OutboxEmail)
                .where(OutboxEmail.id == message_id)
                .values(status=MailStatus.SENT, sent_at=utcnow(), last_error="")
            )
        sent += 1
    return sent
