"""Two ticks at once (the systemd timer's `translate-flow tick` and a worker's ticker, enabled
together by mistake) send each e-mail once: every duty claims its rows before it acts."""

import threading
from collections import Counter

from flask import Flask
from sqlalchemy import func, select

from tests.smtp import smtp_server
from translate_flow import jobs
from translate_flow.domain.models import MailStatus, OutboxEmail
from translate_flow.notifications.outbox import queue_email

MESSAGES = 20


def test_two_ticks_at_once_send_each_email_once(app: Flask) -> None:
    db = app.extensions["translate_flow.db"]
    with db.transaction() as session:
        for number in range(MESSAGES):
            queue_email(
                session,
                dedupe_key=f"two-tickers:{number}",
                to_address=f"reader{number}@example.org",
                subject=f"Notice {number}",
                body="Hello.",
            )
    start = threading.Barrier(2)
    failures: list[BaseException] = []

    def tick() -> None:
        try:
            with app.app_context():
                start.wait(timeout=30)
                jobs.tick(app)
        except BaseException as error:  # reported by the main thread
            failures.append(error)

    with smtp_server() as (url, inbox):
        app.config["SMTP_URL"] = url
        tickers = [threading.Thread(target=tick) for _ in range(2)]
        for ticker in tickers:
            ticker.start()
        for ticker in tickers:
            ticker.join(timeout=120)
    assert not failures, failures
    received = Counter(str(message["To"]) for message in inbox.messages)
    assert len(received) == MESSAGES
    assert set(received.values()) == {1}, received
    with db.session(write=False) as session:
        unsent = session.scalar(select(func.count()).where(OutboxEmail.status != MailStatus.SENT))
    assert unsent == 0
