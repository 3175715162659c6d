"""What /readyz checks: the database, its migrations, Redis and the outbox. Each check answers
with an `Outcome` and never raises: a part that cannot be checked is a part that is not ready.

The fields of each part are a contract with load balancers and monitoring (README, "Health
checks"); `error` is always an exception's class name, never its text, which can name hosts
and users: the text goes to the log only (`Outcome.detail`).
"""

import time
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import Connection, Engine, func, inspect, select, text
from sqlalchemy.exc import DBAPIError

from translate_flow.domain.models import MailStatus, OutboxEmail

PARTS = ("database", "migrations", "redis", "outbox")
# Long enough for a loaded database to answer `SELECT 1`, short enough that a load balancer's
# own timeout (nginx and most balancers: a few seconds) sees our 503 rather than its own.
STATEMENT_TIMEOUT_MS = 2000
REDIS_TIMEOUT_SECONDS = 1.0
# Not yet delivered: waiting, or taken by a sender that has not finished (or died; its lease
# then runs out and the message is waiting again).
UNSENT = (MailStatus.PENDING, MailStatus.SENDING)


@dataclass(frozen=True)
class Outcome:
    ok: bool
    fields: Mapping[str, object] = field(default_factory=dict)
    problem: str = ""  # why not ready, a few words for the message
    detail: str = ""  # the exception's text, for the log only

    def as_json(self) -> dict[str, object]:
        return {"ok": self.ok, **self.fields}


def failed(error: Exception) -> Outcome:
    """A check that raised: named by the error's class (the driver's own, when there is one)."""
    cause = error.orig if isinstance(error, DBAPIError) and error.orig is not None else error
    name = type(cause).__name__
    return Outcome(False, {"error": name}, problem=name, detail=f"{name}: {cause}".strip())


NOT_CHECKED = Outcome(False, {"checked": False}, problem="not checked: the database did not answer")


def check_database(connection: Connection) -> Outcome:
    """A trivial query, timed; on PostgreSQL, every query of the checks gets a deadline."""
    started = time.perf_counter()
    if connection.dialect.name == "postgresql":
        # For this transaction only: the connection goes back to the pool as it came.
        connection.exec_driver_sql(f"SET LOCAL statement_timeout = {STATEMENT_TIMEOUT_MS}")
    connection.execute(text("SELECT 1")).scalar_one()
    return Outcome(True, {"ms": round((time.perf_counter() - started) * 1000, 1)})


def _joined(revisions: Collection[str]) -> str | None:
    return ",".join(sorted(revisions)) or None


def check_migrations(connection: Connection, heads: frozenset[str]) -> Outcome:
    """The database's `alembic_version` against the newest migration(s) of this code."""
    head = _joined(heads)
    try:
        with connection.begin_nested():
            current = frozenset(
                connection.execute(text("SELECT version_num FROM alembic_version")).scalars()
            )
    except DBAPIError as error:
        if inspect(connection).has_table("alembic_version"):
            raise
        return Outcome(
            False,
            {"current": None, "head": head, "error": type(error.orig or error).__name__},
            problem=f"the database has no alembic_version table, code at head {head}: "
            "run `translate-flow db upgrade`",
        )
    fields = {"current": _joined(current), "head": head}
    if current == heads:
        return Outcome(True, fields)
    return Outcome(
        False, fields, problem=f"database at {fields['current'] or 'none'}, code at head {head}"
    )


def check_outbox(connection: Connection, *, now: datetime, max_age: timedelta) -> Outcome:
    """How many e-mails wait, and for how long the oldest has: too long fails."""
    pending, oldest = connection.execute(
        select(func.count(), func.min(OutboxEmail.created_at)).where(OutboxEmail.status.in_(UNSENT))
    ).one()
    waited = max(0, int((now - oldest).total_seconds())) if oldest is not None else None
    fields = {
        "pending": pending,
        "oldest_pending_seconds": waited,
        "max_seconds": int(max_age.total_seconds()),
    }
    if waited is None or waited <= max_age.total_seconds():
        return Outcome(True, fields)
    return Outcome(
        False,
        fields,
        problem=f"the oldest of {pending} pending e-mail(s) has waited {waited // 60} minutes, "
        f"more than {int(max_age.total_seconds()) // 60}: is the worker or the mail server down?",
    )


def check_redis(url: str | None) -> Outcome:
    """PING, with short timeouts; ready by definition when the desk runs without Redis."""
    if not url:
        return Outcome(True, {"configured": False})
    from redis import Redis  # only on desks that use it

    started = time.perf_counter()
    with Redis.from_url(
        url, socket_timeout=REDIS_TIMEOUT_SECONDS, socket_connect_timeout=REDIS_TIMEOUT_SECONDS
    ) as client:
        client.ping()
    return Outcome(
        True, {"configured": True, "ms": round((time.perf_counter() - started) * 1000, 1)}
    )


def _guarded(check: Callable[[], Outcome]) -> Outcome:
    try:
        return check()
    except Exception as error:  # any failure of a check is that part not being ready
        return failed(error)


@dataclass(frozen=True)
class Readiness:
    checks: Mapping[str, Outcome]
    excluded: tuple[str, ...] = ()

    @property
    def failing(self) -> list[str]:
        return [name for name, outcome in self.checks.items() if not outcome.ok]

    @property
    def ready(self) -> bool:
        return not self.failing

    @property
    def message(self) -> str:
        if self.ready:
            return "ready"
        return "not ready: " + "; ".join(
            f"{name} ({self.checks[name].problem})" for name in self.failing
        )

    def as_json(self) -> dict[str, object]:
        return {
            "status": "ready" if self.ready else "not ready",
            "checks": {name: outcome.as_json() for name, outcome in self.checks.items()},
            "failing": self.failing,
            "excluded": list(self.excluded),
            "message": self.message,
        }


def _database_parts(
    engine: Engine,
    parts: Collection[str],
    *,
    heads: Callable[[], frozenset[str]],
    now: datetime,
    outbox_max_age: timedelta,
) -> dict[str, Outcome]:
    """The parts read from the database, on one connection with a statement timeout."""
    found: dict[str, Outcome] = {}
    if not parts:
        return found
    # A failure to connect, or to give the connection back, is the caller's to name.
    with engine.connect() as connection:
        database = _guarded(lambda: check_database(connection))
        if "database" in parts:
            found["database"] = database
        if not database.ok:
            return found | {name: NOT_CHECKED for name in parts if name != "database"}
        if "migrations" in parts:
            found["migrations"] = _guarded(lambda: check_migrations(connection, heads()))
        if "outbox" in parts:
            found["outbox"] = _guarded(
                lambda: check_outbox(connection, now=now, max_age=outbox_max_age)
            )
    return found


def check_readiness(
    engine: Engine,
    *,
    redis_url: str | None,
    outbox_max_age: timedelta,
    heads: Callable[[], frozenset[str]],
    now: datetime,
    exclude: Collection[str] = (),
) -> Readiness:
    """Every part but the excluded ones, in the order of PARTS."""
    unknown = set(exclude) - set(PARTS)
    if unknown:
        raise ValueError(f"not a part of readiness: {', '.join(sorted(unknown))}")
    wanted = [name for name in PARTS if name not in exclude]
    from_database = [name for name in wanted if name != "redis"]
    try:
        found = _database_parts(
            engine, from_database, heads=heads, now=now, outbox_max_age=outbox_max_age
        )
    except Exception as error:
        # No connection, or one that broke outside any check: the database is not well.
        found = {
            name: failed(error) if name == "database" else NOT_CHECKED for name in from_database
        }
    if "redis" in wanted:
        found["redis"] = _guarded(lambda: check_redis(redis_url))
    return Readiness(
        {name: found[name] for name in wanted},
        excluded=tuple(name for name in PARTS if name in exclude),
    )
