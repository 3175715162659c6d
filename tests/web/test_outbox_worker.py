"""A worker killed mid-send neither loses a message nor sends an unrecognisable duplicate.

Delivery is at-least-once (see translate_flow.notifications.mailer): a message is only marked sent
after the SMTP server accepted it, and a message whose worker died is sent again once
its lease has run out. If the worker dies after the server accepted the message but
before the outbox recorded it, the receiver gets it twice, with the same Message-ID.
"""

import asyncio
import email
import os
import signal
import subprocess
import sys
import threading
import uuid
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.policy import default
from pathlib import Path

import pytest
import redis
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session
from flask import Flask
from rq import Queue
from sqlalchemy import select, update

from tests.conftest import _empty_all_tables
from tests.conftest import test_config as app_config
from tests.databases import POSTGRES
from tests.redis_server import redis_answers
from tests.smtp import Inbox, _free_port
from translate_flow import create_app
from translate_flow.domain.models import MailStatus, OutboxEmail, utcnow
from translate_flow.notifications import mailer
from translate_flow.notifications.mailer import LEASE, MAX_ATTEMPTS, SmtpSender, deliver_pending
from translate_flow.notifications.outbox import queue_email

REDIS_URL = "redis://127.0.0.1:6379/14"
MAIL_FROM = "translate_flow <noreply@desk.example.org>"
NAMES = ("ann", "bob", "cat")


def _queue_three(db) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as session:
        for name in NAMES:
            queue_email(
                session,
                dedupe_key=f"test:{name}",
                to_address=f"{name}@example.org",
                subject=f"For {name}",
                body=f"Hello {name}.",
            )


def _rows(db) -> dict[str, OutboxEmail]:  # type: ignore[no-untyped-def]
    with db.session(write=False) as session:
        rows = session.scalars(select(OutboxEmail)).all()
        return {row.to_address.partition("@")[0]: row for row in rows}


class Recorder:
    """A sender that keeps what it was given; `die=True` stands for the worker being killed."""

    def __init__(self, *, die: bool = False) -> None:
        self.sent: list[EmailMessage] = []
        self.die = die

    def send(self, message: EmailMessage) -> None:
        if self.die:
            raise SystemExit("killed mid-send")
        self.sent.append(message)


# The lease, in process


def test_a_message_held_by_a_dead_worker_waits_for_its_lease_then_goes_out_once(app):
    db = app.extensions["translate_flow.db"]
    _queue_three(db)
    start = utcnow()
    with pytest.raises(SystemExit):
        deliver_pending(db, Recorder(die=True), MAIL_FROM, clock=lambda: start)
    assert [r.status for r in _rows(db).values()].count(MailStatus.SENDING) == 1
    held = next(row for row in _rows(db).values() if row.status == MailStatus.SENDING)

    soon = Recorder()
    assert deliver_pending(db, soon, MAIL_FROM, clock=lambda: start + LEASE / 2) == 2
    assert held.to_address not in [m["To"] for m in soon.sent]

    later = Recorder()
    after_lease = start + LEASE + timedelta(seconds=1)
    assert deliver_pending(db, later, MAIL_FROM, clock=lambda: after_lease) == 1
    [resent] = later.sent
    assert resent["To"] == held.to_address
    assert resent["Message-ID"] == mailer.message_id_for(held, MAIL_FROM)
    rows = _rows(db)
    assert {row.status for row in rows.values()} == {MailStatus.SENT}
    assert rows[held.to_address.partition("@")[0]].attempts == 2
    assert all(row.lease_until is None for row in rows.values())


def test_a_late_answer_from_an_expired_claim_cannot_undo_the_next_one(app):
    db = app.extensions["translate_flow.db"]
    _queue_three(db)
    message_id = _rows(db)["ann"].id
    start = utcnow()
    first = mailer._claim(db, message_id, MAIL_FROM, start, LEASE)
    assert first is not None
    # A second worker cannot take it while the lease runs, but can once it has run out.
    assert mailer._claim(db, message_id, MAIL_FROM, start + LEASE / 2, LEASE) is None
    second = mailer._claim(db, message_id, MAIL_FROM, start + 2 * LEASE, LEASE)
    assert second is not None
    assert (first[0], second[0]) == (1, 2)
    assert first[1]["Message-ID"] == second[1]["Message-ID"]
    # The first worker's send finally fails: the second claim stands.
    mailer._mark_failed_attempt(db, message_id, first[0], OSError("timed out"))
    ann = _rows(db)["ann"]
    assert (ann.status, ann.attempts, ann.last_error) == (MailStatus.SENDING, 2, "")


def test_a_message_whose_worker_dies_on_every_attempt_is_failed_in_the_end(app):
    db = app.extensions["translate_flow.db"]
    with db.transaction() as session:
        queue_email(session, dedupe_key="poison", to_address="p@example.org", subject="s", body="b")
    moments = [utcnow() + n * (LEASE + timedelta(seconds=1)) for n in range(MAX_ATTEMPTS + 1)]
    for moment in moments[:-1]:
        with pytest.raises(SystemExit):
            deliver_pending(db, Recorder(die=True), MAIL_FROM, clock=lambda at=moment: at)
    assert deliver_pending(db, Recorder(), MAIL_FROM, clock=lambda: moments[-1]) == 0
    [row] = _rows(db).values()
    assert (row.status, row.attempts) == (MailStatus.FAILED, MAX_ATTEMPTS)
    assert "stopped before it finished" in row.last_error


def test_message_ids_are_stable_per_message_and_distinct_between_messages(app):
    db = app.extensions["translate_flow.db"]
    _queue_three(db)
    rows = _rows(db)
    ids = {name: mailer.message_id_for(row, MAIL_FROM) for name, row in rows.items()}
    assert len(set(ids.values())) == 3
    assert all(value.endswith(".outbox@desk.example.org>") for value in ids.values())
    assert mailer.message_id_for(_rows(db)["ann"], MAIL_FROM) == ids["ann"]


# A real RQ worker, killed with SIGKILL in the middle of an SMTP conversation


@dataclass
class HeldInbox(Inbox):
    """Holds the first delivery to `hold_to` in DATA until released.

    `accept_first`: the server has stored the message when the worker dies (it was
    about to answer 250); otherwise it had not accepted it yet.
    """

    hold_to: str = ""
    accept_first: bool = False
    arrived: threading.Event = field(default_factory=threading.Event)
    release: threading.Event = field(default_factory=threading.Event)
    held: bool = False

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        message = email.message_from_bytes(envelope.original_content or b"", policy=default)
        if message["To"] != self.hold_to or self.held:
            self.messages.append(message)  # type: ignore[arg-type]
            return "250 Message accepted for delivery"
        self.held = True
        if self.accept_first:
            self.messages.append(message)  # type: ignore[arg-type]
        self.arrived.set()
        while not self.release.is_set():
            await asyncio.sleep(0.01)
        return "250 Message accepted for delivery" if self.accept_first else "451 Try again"


@contextmanager
def held_smtp_server(inbox: HeldInbox) -> Iterator[str]:
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    try:
        yield f"smtp://127.0.0.1:{controller.port}"
    finally:
        inbox.release.set()
        controller.stop()


# The real `translate-flow worker --burst`, on this test's own queue so that parallel runs
# sharing the Redis server never take each other's jobs. It imports everything first and
# then waits for the word to go: starting Python and Flask is most of a worker's start-up.
WORKER = (
    "import sys\n"
    "import translate_flow.core.api, translate_flow.core.web\n"
    "from translate_flow import jobs\n"
    "from translate_flow.cli import main\n"
    "jobs.QUEUE_NAME = sys.argv[1]\n"
    "sys.stdin.readline()\n"
    "main(['worker', '--burst'])\n"
)


@dataclass
class RqWorker:
    process: subprocess.Popen[bytes]
    queue: Queue
    job_ids: list[str]

    def go(self) -> None:
        """Queue a `deliver_outbox` job (as a request or the tick would) and let the worker run."""
        job = self.queue.enqueue("translate_flow.jobs._run_in_worker", "deliver_outbox")
        self.job_ids.append(job.id)
        assert self.process.stdin is not None
        self.process.stdin.write(b"go\n")
        self.process.stdin.close()


@dataclass
class RqWorkers:
    queue: Queue
    env: dict[str, str]
    log_dir: Path
    started: list[RqWorker] = field(default_factory=list)
    job_ids: list[str] = field(default_factory=list)

    def start(self, smtp_url: str) -> RqWorker:
        number = len(self.started) + 1
        with (self.log_dir / f"worker-{number}.log").open("wb") as log:
            process = subprocess.Popen(
                [sys.executable, "-c", WORKER, self.queue.name],
                env=self.env | {"TRANSLATE_FLOW_SMTP_URL": smtp_url},
                cwd=self.log_dir,
                stdin=subprocess.PIPE,
                stdout=log,
                stderr=subprocess.STDOUT,
                # A process group of its own, so that it can be killed with what it started.
                start_new_session=True,
            )
        self.started.append(RqWorker(process, self.queue, self.job_ids))
        return self.started[-1]

    def logs(self) -> str:
        return "\n".join(p.read_text() for p in sorted(self.log_dir.glob("worker-*.log")))


@pytest.fixture
def worker_app(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Flask]:
    """One backend, to keep the test short: PostgreSQL, which production's workers share,
    when it answers, else SQLite. The in-process tests above run on both."""
    url = (
        request.getfixturevalue("postgres_url")
        if POSTGRES
        else f"sqlite:///{tmp_path / 'worker.sqlite3'}"
    )
    app = create_app(app_config(url, tmp_path / "instance"))
    _empty_all_tables(app)
    yield app
    app.extensions["translate_flow.db"].dispose()


@pytest.fixture
def rq_workers(worker_app: Flask, tmp_path: Path) -> Iterator[RqWorkers]:
    if not redis_answers(REDIS_URL):
        pytest.skip("Redis does not answer on 127.0.0.1:6379; the kill test needs a real worker")
    if not Path("/proc/self/stat").exists():
        pytest.skip("finding the RQ work horse to kill reads /proc (Linux)")
    connection = redis.Redis.from_url(REDIS_URL)
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRANSLATE_FLOW_")}
    env |= {
        "TRANSLATE_FLOW_DATABASE_URL": worker_app.config["DATABASE_URL"],
        "TRANSLATE_FLOW_REDIS_URL": REDIS_URL,
        "TRANSLATE_FLOW_SECRET_KEY": worker_app.config["SECRET_KEY"],
        "TRANSLATE_FLOW_MAIL_FROM": MAIL_FROM,
    }
    queue = Queue(f"translate_flow-test-{uuid.uuid4().hex[:12]}", connection=connection)
    workers = RqWorkers(queue, env, tmp_path)
    yield workers
    for worker in workers.started:  # a worker left waiting by a failed test
        if worker.process.poll() is None:
            os.killpg(worker.process.pid, signal.SIGKILL)
            worker.process.wait(timeout=10)
    _forget_queue(connection, queue.name, workers.job_ids)
    connection.close()


def _forget_queue(connection: redis.Redis, name: str, job_ids: list[str]) -> None:
    """Delete RQ's keys for the queue: the queue, its registries, its jobs and workers.

    They would expire within minutes anyway; the Redis server is shared.
    """
    for key in connection.scan_iter("rq:worker:*", _type="hash"):
        if connection.hget(key, "queues") == name.encode():  # also the killed worker
            connection.srem("rq:workers", key)
            connection.delete(key, key + b":executions")
    for key in connection.scan_iter(f"rq:*{name}*"):
        connection.delete(key)
    for job_id in job_ids:
        connection.delete(f"rq:job:{job_id}", f"rq:results:{job_id}", f"rq:executions:{job_id}")
        for key in connection.scan_iter(f"rq:execution:{job_id}:*"):
            connection.delete(key)
    connection.srem("rq:queues", f"rq:queue:{name}")


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            ppid = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue  # the process ended meanwhile
        if ppid == pid:
            found.append(int(stat.parent.name))
    return found


def _kill(process: subprocess.Popen[bytes]) -> None:
    """SIGKILL the worker and its work horse, as an OOM kill or a lost machine would.

    RQ moves the horse that runs the job into a process group of its own (so that
    Ctrl+C reaches only the parent): it has to be killed by its own id.
    """
    horses = _children(process.pid)
    assert horses, "the worker has no work horse running the job"
    for pid in horses:
        os.kill(pid, signal.SIGKILL)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=10)


def _expire_leases(db, now: datetime) -> None:  # type: ignore[no-untyped-def]
    """What the clock does minutes later: every lease has run out."""
    with db.transaction() as session:
        session.execute(
            update(OutboxEmail)
            .where(OutboxEmail.status == MailStatus.SENDING)
            .values(lease_until=now - timedelta(seconds=1))
        )


@pytest.mark.parametrize(
    "server_had_it", [False, True], ids=["before-the-server-accepted", "after-the-server-accepted"]
)
def test_a_worker_killed_mid_send_loses_nothing_and_a_resend_keeps_its_message_id(
    worker_app, rq_workers, server_had_it
):
    db = worker_app.extensions["translate_flow.db"]
    _queue_three(db)
    inbox = HeldInbox(hold_to="bob@example.org", accept_first=server_had_it)
    with held_smtp_server(inbox) as smtp_url:
        first, second = rq_workers.start(smtp_url), rq_workers.start(smtp_url)
        first.go()
        try:
            assert inbox.arrived.wait(30), rq_workers.logs()
        finally:
            _kill(first.process)  # SIGKILL while the worker waits for the answer to DATA
        inbox.release.set()

        rows = _rows(db)
        assert rows["ann"].status == MailStatus.SENT
        assert rows["bob"].status == MailStatus.SENDING
        assert rows["bob"].lease_until is not None and rows["bob"].lease_until > utcnow()
        assert rows["cat"].status == MailStatus.PENDING

        # While the dead worker's lease runs, the next run sends the rest and leaves Bob's.
        assert deliver_pending(db, SmtpSender(smtp_url), MAIL_FROM) == 1, rq_workers.logs()
        assert _rows(db)["bob"].status == MailStatus.SENDING

        _expire_leases(db, utcnow())
        second.go()
        # A burst worker exits soon after its last job: RQ's own waited out its command
        # listener's 60-second read, up to a minute (translate_flow.worker).
        try:
            assert second.process.wait(timeout=30) == 0, rq_workers.logs()
        except subprocess.TimeoutExpired:
            pytest.fail("the second worker did not finish in 30 s:\n" + rq_workers.logs())

    rows = _rows(db)
    assert {name: row.status for name, row in rows.items()} == dict.fromkeys(NAMES, "sent")
    assert rows["bob"].attempts == 2
    received = Counter(message["To"].partition("@")[0] for message in inbox.messages)
    expected_ids = {name: mailer.message_id_for(row, MAIL_FROM) for name, row in rows.items()}
    for message in inbox.messages:
        assert message["Message-ID"] == expected_ids[message["To"].partition("@")[0]]
    if server_had_it:
        # The one duplicate SMTP cannot rule out, recognisable by its Message-ID.
        assert received == {"ann": 1, "bob": 2, "cat": 1}
        once, twice = inbox.to("bob@example.org")
        assert once["Message-ID"] == twice["Message-ID"]
    else:
        assert received == {"ann": 1, "bob": 1, "cat": 1}
