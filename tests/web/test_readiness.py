"""GET /readyz: ready on a desk built by the real migrations, and each part failing on its own:
the database unreachable, the migrations behind, Redis not answering, the outbox stuck. Neither
/readyz nor /healthz needs a sign-in or sets a cookie."""

import logging
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from alembic.script import ScriptDirectory
from flask import Flask
from sqlalchemy import delete, text

from bench.gunicorn import free_port
from tests.conftest import FAST_PASSWORDS, sign_in
from tests.databases import POSTGRES, POSTGRES_SKIP_REASON, fresh_postgres_database
from tests.redis_server import NOT_ANSWERING, REDIS_URL, redis_answers
from translate_flow import PROJECT_ROOT, create_app
from translate_flow.core import migrate
from translate_flow.core.db import Database
from translate_flow.domain.models import MailStatus, OutboxEmail, Role, utcnow
from translate_flow.observability.health import EXTENSION, Answers
from translate_flow.observability.migration_heads import MigrationsUnreadable, migration_heads
from translate_flow.observability.readiness import check_readiness

BACKENDS = [
    "sqlite",
    pytest.param("postgresql", marks=pytest.mark.skipif(not POSTGRES, reason=POSTGRES_SKIP_REASON)),
]
HEAD = ",".join(sorted(migration_heads()))


@pytest.fixture(scope="module", params=BACKENDS)
def migrated_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """A database built as production builds it (`db upgrade`), once per module and backend."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('ready') / 'desk.sqlite3'}"
        migrate.upgrade(url)
        yield url
        return
    with fresh_postgres_database("readiness") as url:
        migrate.upgrade(url)
        yield url


@contextmanager
def desk(url: str, folder: Path, **settings: Any) -> Iterator[Flask]:
    app = create_app(
        {
            "DATABASE_URL": url,
            "TESTING": True,
            "SECRET_KEY": "test-secret-key-that-is-long-enough-0123456789",
            "INSTANCE_PATH": str(folder / "instance"),
            # Whatever the machine's environment says: each test names its own Redis.
            "REDIS_URL": None,
            **FAST_PASSWORDS,
            **settings,
        }
    )
    try:
        yield app
    finally:
        app.extensions["translate_flow.db"].dispose()


@pytest.fixture
def ready_app(migrated_url: str, tmp_path: Path) -> Iterator[Flask]:
    with desk(migrated_url, tmp_path) as app:
        yield app


def readyz(app: Flask, query: str = "") -> tuple[int, dict[str, Any]]:
    response = app.test_client().get("/readyz" + query)
    assert "Set-Cookie" not in response.headers
    assert response.headers["Cache-Control"] == "no-store"
    return response.status_code, response.get_json()


@contextmanager
def outbox_message(app: Flask, *, waited: timedelta, status: MailStatus = MailStatus.PENDING):
    """One e-mail created `waited` ago, taken away afterwards (the database is the module's)."""
    db: Database = app.extensions["translate_flow.db"]
    with db.transaction() as session:
        session.add(
            OutboxEmail(
                dedupe_key=f"ready:{waited}:{status}",
                to_address="someone@example.org",
                subject="A notice",
                body_text="Hello.",
                status=status,
                created_at=utcnow() - waited,
            )
        )
    try:
        yield
    finally:
        with db.transaction() as session:
            session.execute(delete(OutboxEmail))


# Ready


def test_a_desk_built_by_the_migrations_is_ready(ready_app: Flask) -> None:
    status, body = readyz(ready_app)
    assert status == 200, body
    assert body["status"] == "ready"
    assert body["failing"] == [] and body["excluded"] == []
    assert body["message"] == "ready"
    checks = body["checks"]
    assert list(checks) == sorted(["database", "migrations", "redis", "outbox"])
    assert checks["database"]["ok"] is True and checks["database"]["ms"] >= 0
    assert checks["migrations"] == {"ok": True, "current": HEAD, "head": HEAD}
    assert checks["redis"] == {"ok": True, "configured": False}
    assert checks["outbox"] == {
        "ok": True,
        "pending": 0,
        "oldest_pending_seconds": None,
        "max_seconds": 30 * 60,
    }


def test_the_head_read_from_the_files_is_alembics_own() -> None:
    alembic = ScriptDirectory.from_config(migrate.alembic_config("sqlite://"))
    assert migration_heads() == frozenset(alembic.get_heads())


def test_readyz_never_loads_alembic(migrated_url: str, tmp_path: Path) -> None:
    # The reason the head is read from the files: Alembic costs every web worker 30 MB.
    program = textwrap.dedent(
        f"""
        import sys
        from translate_flow import create_app
        app = create_app({{"DATABASE_URL": {migrated_url!r}, "SECRET_KEY": "x" * 40,
                          "INSTANCE_PATH": {str(tmp_path / "instance")!r}, "REDIS_URL": None}})
        response = app.test_client().get("/readyz")
        assert response.status_code == 200, response.get_json()
        print(sorted(name for name in sys.modules if name.split(".")[0] == "alembic"))
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", program],
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_an_answer_is_reused_for_a_while(ready_app: Flask) -> None:
    # A second in production; an hour here, so that a slow machine cannot outlast it.
    ready_app.extensions[EXTENSION] = Answers(seconds=3600)
    assert readyz(ready_app)[0] == 200
    with outbox_message(ready_app, waited=timedelta(hours=2)):
        # A balancer hammering /readyz costs the database nothing.
        assert readyz(ready_app)[0] == 200
        ready_app.extensions[EXTENSION] = Answers(seconds=0)
        assert readyz(ready_app)[0] == 503


# Each part failing


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_database_that_does_not_answer_is_named(backend: str, tmp_path: Path) -> None:
    if backend == "sqlite":
        # The file's folder goes away under the running app: SQLite cannot open it.
        folder = tmp_path / "gone"
        url = f"sqlite:///{folder / 'desk.sqlite3'}"
    else:
        url = f"postgresql+psycopg://postgres@127.0.0.1:{free_port()}/nothing"
    with desk(url, tmp_path) as app:
        if backend == "sqlite":
            folder.rmdir()
        started = time.monotonic()
        status, body = readyz(app)
    assert time.monotonic() - started < 15
    assert status == 503
    assert body["status"] == "not ready"
    assert body["checks"]["database"] == {"ok": False, "error": "OperationalError"}
    # What needs the database is not claimed to be fine, nor blamed for it.
    assert body["checks"]["migrations"] == {"ok": False, "checked": False}
    assert body["checks"]["outbox"] == {"ok": False, "checked": False}
    assert body["checks"]["redis"]["ok"] is True
    assert body["failing"] == ["database", "migrations", "outbox"]
    assert body["message"].startswith("not ready: database (OperationalError); migrations (")
    # The driver's text names hosts and files: the log has it, the public answer does not.
    assert "127.0.0.1" not in str(body) and str(tmp_path) not in str(body)


def test_a_database_behind_the_migrations_is_named(migrated_url: str, tmp_path: Path) -> None:
    alembic = ScriptDirectory.from_config(migrate.alembic_config(migrated_url))
    previous = alembic.get_revision(HEAD).down_revision
    assert isinstance(previous, str)
    migrate.downgrade(migrated_url, previous)
    try:
        with desk(migrated_url, tmp_path) as app:
            status, body = readyz(app)
    finally:
        migrate.upgrade(migrated_url)
    assert status == 503
    assert body["failing"] == ["migrations"]
    assert body["checks"]["migrations"] == {"ok": False, "current": previous, "head": HEAD}
    assert body["message"] == f"not ready: migrations (database at {previous}, code at head {HEAD})"


def test_a_schema_no_migration_made_is_not_taken_for_one_at_head(app: Flask) -> None:
    # The suite's usual database is made by create_all, with no alembic_version table.
    app.extensions[EXTENSION] = Answers(seconds=0)
    status, body = readyz(app)
    assert status == 503
    assert body["failing"] == ["migrations"]
    migrations = body["checks"]["migrations"]
    assert migrations["ok"] is False and migrations["current"] is None
    assert migrations["head"] == HEAD
    assert "no alembic_version table" in body["message"]
    assert "translate-flow db upgrade" in body["message"]


@pytest.mark.skipif(not POSTGRES, reason=POSTGRES_SKIP_REASON)
def test_a_database_held_by_a_migration_fails_within_the_timeout(tmp_path: Path) -> None:
    with fresh_postgres_database("readiness_lock") as url:
        migrate.upgrade(url)
        # What a running migration does: hold a table until it commits.
        holder = Database(url)
        try:
            with holder.engine.connect() as connection, desk(url, tmp_path) as app:
                # Should /readyz wait for the lock, the server ends this holder after 20 s:
                # the test then fails on the time taken instead of hanging.
                connection.execute(text("SET idle_in_transaction_session_timeout = '20s'"))
                connection.execute(text("LOCK TABLE alembic_version IN ACCESS EXCLUSIVE MODE"))
                started = time.monotonic()
                status, body = readyz(app)
                assert time.monotonic() - started < 15
                connection.rollback()
        finally:
            holder.dispose()
    assert status == 503
    assert body["failing"] == ["migrations"]
    assert body["checks"]["migrations"]["error"] == "QueryCanceled"


def test_redis_configured_but_not_answering_is_named(migrated_url: str, tmp_path: Path) -> None:
    with desk(migrated_url, tmp_path, REDIS_URL=f"redis://127.0.0.1:{free_port()}/0") as app:
        started = time.monotonic()
        status, body = readyz(app)
    assert time.monotonic() - started < 15
    assert status == 503
    assert body["failing"] == ["redis"]
    assert body["checks"]["redis"] == {"ok": False, "error": "ConnectionError"}
    assert body["message"] == "not ready: redis (ConnectionError)"


@pytest.mark.skipif(not redis_answers(), reason=NOT_ANSWERING)
def test_redis_that_answers_is_ready(migrated_url: str, tmp_path: Path) -> None:
    with desk(migrated_url, tmp_path, REDIS_URL=REDIS_URL) as app:
        status, body = readyz(app)
    assert status == 200, body
    assert body["checks"]["redis"]["ok"] is True
    assert body["checks"]["redis"]["configured"] is True


def test_an_email_waiting_too_long_is_named(ready_app: Flask) -> None:
    with outbox_message(ready_app, waited=timedelta(minutes=31)):
        status, body = readyz(ready_app)
    assert status == 503
    assert body["failing"] == ["outbox"]
    outbox = body["checks"]["outbox"]
    assert outbox["ok"] is False and outbox["pending"] == 1
    assert 31 * 60 <= outbox["oldest_pending_seconds"] < 32 * 60
    assert outbox["max_seconds"] == 30 * 60
    assert body["message"].startswith(
        "not ready: outbox (the oldest of 1 pending e-mail(s) has waited 31 minutes, more than 30"
    )


def test_an_email_within_the_limit_keeps_the_desk_ready(ready_app: Flask) -> None:
    with outbox_message(ready_app, waited=timedelta(minutes=29)):
        status, body = readyz(ready_app)
    assert status == 200, body
    assert body["checks"]["outbox"]["pending"] == 1


@pytest.mark.parametrize("status", [MailStatus.SENT, MailStatus.FAILED])
def test_old_sent_or_given_up_emails_are_not_pending(ready_app: Flask, status: MailStatus) -> None:
    with outbox_message(ready_app, waited=timedelta(days=3), status=status):
        code, body = readyz(ready_app)
    assert code == 200, body
    assert body["checks"]["outbox"]["pending"] == 0


def test_an_email_a_sender_holds_too_long_is_pending_too(ready_app: Flask) -> None:
    with outbox_message(ready_app, waited=timedelta(hours=1), status=MailStatus.SENDING):
        status, body = readyz(ready_app)
    assert status == 503
    assert body["failing"] == ["outbox"]


def test_the_limit_is_the_setting(migrated_url: str, tmp_path: Path) -> None:
    with (
        desk(migrated_url, tmp_path, READY_OUTBOX_MAX_MINUTES=5) as app,
        outbox_message(app, waited=timedelta(minutes=6)),
    ):
        status, body = readyz(app)
    assert status == 503
    assert body["checks"]["outbox"]["max_seconds"] == 5 * 60


# Excluding a part


def test_an_excluded_part_is_neither_checked_nor_failing(ready_app: Flask) -> None:
    with outbox_message(ready_app, waited=timedelta(hours=2)):
        status, body = readyz(ready_app, "?exclude=outbox")
    assert status == 200, body
    assert "outbox" not in body["checks"]
    assert body["excluded"] == ["outbox"]


def test_parts_can_be_excluded_together(migrated_url: str, tmp_path: Path) -> None:
    closed = f"redis://127.0.0.1:{free_port()}/0"
    with (
        desk(migrated_url, tmp_path, REDIS_URL=closed) as app,
        outbox_message(app, waited=timedelta(hours=2)),
    ):
        assert readyz(app, "?exclude=outbox")[0] == 503
        status, body = readyz(app, "?exclude=outbox,redis")
        assert status == 200, body
        excluded = readyz(app, "?exclude=outbox&exclude=redis")[1]["excluded"]
        assert excluded == ["redis", "outbox"]


def test_an_unknown_part_is_a_clear_400(ready_app: Flask) -> None:
    response = ready_app.test_client().get("/readyz?exclude=smtp")
    assert response.status_code == 400
    assert response.get_json()["error"]["message"] == (
        "exclude takes the names of parts: database, migrations, redis, outbox."
    )


# The checks as functions


def test_a_check_that_raises_fails_its_part_by_name(ready_app: Flask) -> None:
    def unreadable() -> frozenset[str]:
        raise MigrationsUnreadable("20261301_x.py: no literal `revision = …`")

    answer = check_readiness(
        ready_app.extensions["translate_flow.db"].engine,
        redis_url=None,
        outbox_max_age=timedelta(minutes=30),
        heads=unreadable,
        now=utcnow(),
    )
    assert answer.failing == ["migrations"]
    assert answer.checks["migrations"].as_json() == {"ok": False, "error": "MigrationsUnreadable"}
    assert "no literal" in answer.checks["migrations"].detail
    # The other parts on the same connection still answer.
    assert answer.checks["outbox"].ok


def _revision(folder: Path, name: str, down: str) -> None:
    (folder / f"{name}.py").write_text(
        f'"""{name}"""\n\nrevision: str = "{name}"\ndown_revision = {down}\n\n'
        "def upgrade() -> None:\n    pass\n"
    )


def test_heads_of_branches_and_of_their_merge(tmp_path: Path) -> None:
    branches, merged = tmp_path / "branches", tmp_path / "merged"
    for folder in (branches, merged):
        folder.mkdir()
        _revision(folder, "base", "None")
        _revision(folder, "left", '"base"')
        _revision(folder, "right", '"base"')
    _revision(merged, "merge", '("left", "right")')
    assert migration_heads(branches) == {"left", "right"}
    assert migration_heads(merged) == {"merge"}


def test_a_revision_file_not_as_alembic_writes_it_is_unreadable(tmp_path: Path) -> None:
    (tmp_path / "odd.py").write_text("revision = make_one()\ndown_revision = None\n")
    with pytest.raises(MigrationsUnreadable, match=r"odd\.py"):
        migration_heads(tmp_path)


# No session, no cookie


def test_readyz_and_healthz_set_no_cookie_even_for_a_signed_in_person(
    app: Flask, make_user: Any
) -> None:
    person = make_user(Role.TRANSLATOR)
    client = app.test_client()
    assert sign_in(client, person.email).status_code == 302
    # A permanent session would be sent again with every answer; these must never send one.
    for path in ("/healthz", "/readyz"):
        response = client.get(path)
        assert response.status_code in (200, 503), path
        assert "Set-Cookie" not in response.headers, path
    anonymous = app.test_client().get("/healthz")
    assert anonymous.status_code == 200 and "Set-Cookie" not in anonymous.headers


def test_a_change_of_readiness_is_logged_once(
    ready_app: Flask, caplog: pytest.LogCaptureFixture
) -> None:
    ready_app.extensions[EXTENSION] = Answers(seconds=0)
    with caplog.at_level(logging.WARNING, logger="translate_flow.observability.health"):
        with outbox_message(ready_app, waited=timedelta(hours=2)):
            for _ in range(3):
                assert readyz(ready_app)[0] == 503
        assert readyz(ready_app)[0] == 200
    messages = [record.getMessage() for record in caplog.records]
    assert len(messages) == 2, messages
    assert messages[0].startswith("readiness: not ready: outbox")
    assert messages[1] == "readiness: ready again"
