"""The app's background jobs by name, the periodic tick, and the worker's ticker.

Each job lives with its feature; this list is what a request queues by name (through
`core.jobs.enqueue`) and what the RQ worker runs (`_run_in_worker`, a path queued jobs keep).
"""

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from flask import Flask, current_app

from translate_flow.core.jobs import QUEUE_NAME, WORKER_ENTRY, enqueue, optimize_database
from translate_flow.core.jobs import forget_old_attempts as forget_old_attempts
from translate_flow.intake.jobs import FeedPollReport, poll_due_feeds, poll_feeds
from translate_flow.machine.jobs import forget_old_machine_answers
from translate_flow.notifications.jobs import deliver_outbox, send_digests
from translate_flow.publishing.jobs import publish_planned
from translate_flow.statistics.jobs import catch_up_rollups
from translate_flow.workflow import expiry
from translate_flow.workflow.jobs import expire_claims

log = logging.getLogger(__name__)
__all__ = [
    "JOBS",
    "QUEUE_NAME",
    "Ticker",
    "deliver_outbox",
    "enqueue",
    "expire_claims",
    "poll_due_feeds",
    "poll_feeds",
    "publish_planned",
    "send_digests",
    "tick",
]


@dataclass
class TickReport:
    feeds: FeedPollReport = field(default_factory=FeedPollReport)
    claims: expiry.ExpiryReport = field(default_factory=expiry.ExpiryReport)
    digests: int = 0
    published: int = 0
    sent: int = 0
    machine_answers: int = 0  # machine translations older than the cache keeps, forgotten
    failures: list[str] = field(default_factory=list)  # duties that raised

    def summary(self) -> str:
        text = (
            f"{self.feeds.summary()}; claims: {self.claims.summary()}; "
            f"{self.published} published as planned; "
            f"{self.digests} digest(s); {self.sent} e-mail(s) sent"
        )
        return text + (f"; failed: {', '.join(self.failures)}" if self.failures else "")


def tick(app: Flask) -> TickReport:
    """Periodic duties, run by `translate-flow tick` (cron) or by the worker's ticker.

    Each duty runs on its own: one that fails is logged and the others still run.
    """
    report = TickReport()
    duties: list[tuple[str, Callable[[], None]]] = [
        ("claims", lambda: setattr(report, "claims", expire_claims(app))),
        ("publishing", lambda: setattr(report, "published", publish_planned(app))),
        ("feeds", lambda: setattr(report, "feeds", poll_due_feeds(app))),
        ("digests", lambda: setattr(report, "digests", send_digests(app))),
        # Also what a worker killed mid-send left behind, once its lease has run out.
        ("outbox", lambda: setattr(report, "sent", deliver_outbox(app))),
        ("limits", lambda: forget_old_attempts(app)),
        (
            "machine cache",
            lambda: setattr(report, "machine_answers", forget_old_machine_answers(app)),
        ),
        ("statistics", lambda: optimize_database(app)),
        # After the claims and planned publications: what they wrote is counted already (in
        # their flush); this takes in events written without the ORM, and segment saves.
        ("statistics rollups", lambda: catch_up_rollups(app)),
    ]
    for name, duty in duties:
        try:
            duty()
        except Exception:
            log.exception("tick: %s failed", name)
            report.failures.append(name)
    log.info("tick: %s", report.summary())
    return report


def _run_in_worker(job_name: str) -> Any:
    """Entry point RQ imports in the worker, which has already built the app (see cli.worker)."""
    return JOBS[job_name](current_app._get_current_object())  # type: ignore[attr-defined]


JOBS: dict[str, Callable[[Flask], object]] = {
    "deliver_outbox": deliver_outbox,
    "expire_claims": expire_claims,
    "send_digests": send_digests,
    "poll_feeds": poll_feeds,
    "tick": tick,
}


TICK_SECONDS = 60
TICK_LOCK = "translate_flow:tick"


class Ticker:
    """Queues one `tick` job per minute however many workers run one.

    Each worker's ticker tries every minute; a Redis key per clock minute (SET NX) lets
    exactly one of them queue that minute's tick. A tick that waited a whole minute in
    the queue is dropped (ttl) rather than piling up behind a long job.
    """

    def __init__(
        self,
        connection: Any,
        *,
        queue_name: str = QUEUE_NAME,
        lock_key: str = TICK_LOCK,
        interval: int = TICK_SECONDS,
    ) -> None:
        self.connection = connection
        self.queue_name = queue_name
        self.lock_key = lock_key
        self.interval = interval
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def queue_tick(self, now: float | None = None) -> bool:
        """Queue this minute's tick unless another ticker has; True if this one did."""
        from rq import Queue

        slot = int((time.time() if now is None else now) // self.interval)
        key = f"{self.lock_key}:{slot}"
        if not self.connection.set(key, "1", nx=True, ex=2 * self.interval):
            return False
        Queue(self.queue_name, connection=self.connection).enqueue(
            WORKER_ENTRY, "tick", ttl=self.interval
        )
        return True

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                self.queue_tick()
            except Exception:
                log.exception("could not queue the periodic tick")
            # Wake at the start of the next minute, so every ticker tries the same slot.
            self._stop.wait(self.interval - time.time() % self.interval)

    def start(self) -> threading.Thread:
        self._thread = threading.Thread(
            target=self._loop, name="translate_flow-ticker", daemon=True
        )
        self._thread.start()
        return self._thread

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
