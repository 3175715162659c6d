"""Background work after a request commits: inline by default, on RQ when Redis is configured."""

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from flask import Flask, current_app

from translate_flow.db import Database
from translate_flow.errors import TranslateFlowError
from translate_flow.fetching import fetch, policy_from_config
from translate_flow.mailer import deliver_pending, sender_for
from translate_flow.models import Outlet, Translation, User, utcnow
from translate_flow.services import expiry, feeds, limits, notifications, publishing
from translate_flow.services.feed_parsing import parse_feed

log = logging.getLogger(__name__)
QUEUE_NAME = "translate_flow"
FEED_TYPES = (
    "application/atom+xml, application/rss+xml, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.5"
)


@dataclass
class FeedPollReport:
    new_entries: dict[str, int] = field(default_factory=dict)  # outlet name → new suggestions
    failures: dict[str, str] = field(default_factory=dict)  # outlet name → what went wrong

    def summary(self) -> str:
        found = sum(self.new_entries.values())
        checked = len(self.new_entries) + len(self.failures)
        text = f"checked {checked} feed(s), {found} new entr{'y' if found == 1 else 'ies'}"
        return text + (f", {len(self.failures)} failed" if self.failures else "")


def deliver_outbox(app: Flask) -> int:
    """Send what is waiting in the outbox with the app's mail settings."""
    db: Database = app.extensions["translate_flow.db"]
    return deliver_pending(db, sender_for(app.config["SMTP_URL"]), app.config["MAIL_FROM"])


def poll_feeds(app: Flask, *, every: timedelta = timedelta(0)) -> FeedPollReport:
    """Check active outlets' feeds (those not checked within `every`); new entries → inbox."""
    db: Database = app.extensions["translate_flow.db"]
    policy = policy_from_config(app.config)
    with db.session(write=False) as session:
        due = [(o.id, o.name, o.feed_url) for o in feeds.outlets_due(session, every=every)]
    report = FeedPollReport()
    for outlet_id, name, feed_url in due:
        # The network wait happens outside any transaction: SQLite's write lock is
        # taken only for the moment the results are stored.
        try:
            page = fetch(feed_url, policy, accept=FEED_TYPES)
            entries = parse_feed(page.body, page.url)
        except TranslateFlowError as error:
            with db.transaction() as session:
                outlet = session.get(Outlet, outlet_id)
                if outlet is not None:
                    feeds.record_feed_failure(session, outlet, error.message)
            report.failures[name] = error.message
            continue
        with db.transaction() as session:
            outlet = session.get(Outlet, outlet_id)
            if outlet is not None:
                report.new_entries[name] = feeds.record_feed_entries(session, outlet, entries)
    return report


def poll_due_feeds(app: Flask) -> FeedPollReport:
    """The scheduled poll: only feeds not checked for FEED_POLL_MINUTES."""
    return poll_feeds(app, every=timedelta(minutes=app.config["FEED_POLL_MINUTES"]))


def _site_url(app: Flask) -> str:
    # Jobs run outside any request: links in e-mail need the configured address.
    return str(app.config.get("BASE_URL") or "http://localhost").rstrip("/")


def expire_claims(app: Flask) -> expiry.ExpiryReport:
    """Remind, nudge and release claims by their due dates."""
    db: Database = app.extensions["translate_flow.db"]
    now, site_url = utcnow(), _site_url(app)
    with db.transaction() as session:

        def tell(person: User, kind: str, message: str, translation: Translation) -> None:
            notifications.notify(
                session, person, kind, message, translation=translation, site_url=site_url, now=now
            )

        return expiry.expire_claims(
            session,
            now=now,
            reminder_days=app.config["CLAIM_REMINDER_DAYS"],
            grace_days=app.config["CLAIM_GRACE_DAYS"],
            notify=tell,
        )


def publish_planned(app: Flask) -> int:
    """Publish the approved translations whose planned time has come; each on its own."""
    db: Database = app.extensions["translate_flow.db"]
    now, site_url = utcnow(), _site_url(app)
    with db.session(write=False) as session:
        due = [t.id for t in publishing.due_for_publication(session, now)]
    published = 0
    for translation_id in due:
        with db.transaction() as session:
            translation = session.get(Translation, translation_id)
            if translation is not None and translation.publish_at is not None:
                published += publishing.publish_planned(
                    session, translation, now=now, site_url=site_url
                )
    return published


def send_digests(app: Flask) -> int:
    """Queue the daily digests that are due."""
    db: Database = app.extensions["translate_flow.db"]
    with db.transaction() as session:
        return notifications.send_digests(session, now=utcnow(), site_url=_site_url(app))


def optimize_database(app: Flask) -> None:
    """Keep SQLite's query planner statistics current (PostgreSQL's autovacuum does its own).

    Without them SQLite picks indexes by their equality columns alone: the article list
    filtered by language took 185 ms at 100,000 articles where the statistics make it 1 ms.
    `PRAGMA optimize` analyses only what changed enough, within `analysis_limit` rows a table.
    """
    db: Database = app.extensions["translate_flow.db"]
    if not db.is_sqlite:
        return
    with db.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA analysis_limit = 1000")
        connection.exec_driver_sql("PRAGMA optimize")


def forget_old_attempts(app: Flask) -> None:
    db: Database = app.extensions["translate_flow.db"]
    with db.transaction() as session:
        limits.forget_old_attempts(session)


@dataclass
class TickReport:
    feeds: FeedPollReport = field(default_factory=FeedPollReport)
    claims: expiry.ExpiryReport = field(default_factory=expiry.ExpiryReport)
    digests: int = 0
    published: int = 0
    sent: int = 0
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
        ("statistics", lambda: optimize_database(app)),
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


def enqueue(app: Flask, job_name: str) -> None:
    """Run a job now (embedded setup) or hand it to the RQ worker (Redis configured)."""
    if job_name not in JOBS:
        raise KeyError(job_name)
    redis_url = app.config.get("REDIS_URL")
    if not redis_url or app.config.get("JOBS_INLINE"):
        try:
            JOBS[job_name](app)
        except Exception:
            # The change that queued the job is committed; the outbox keeps the
            # message for the next run, so a failure here must not fail the request.
            log.exception("inline job %s failed", job_name)
        return
    from redis import Redis
    from rq import Queue

    Queue(QUEUE_NAME, connection=Redis.from_url(redis_url)).enqueue(
        "translate_flow.jobs._run_in_worker", job_name
    )


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
            "translate_flow.jobs._run_in_worker", "tick", ttl=self.interval
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
