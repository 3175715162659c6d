"""The race of tests/web/test_racing_saves.py again, over real HTTP through two gunicorn worker
processes sharing one PostgreSQL database (the production setup): nothing is lost there
either, and the versions still run without a gap."""

import http.client
import json
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import FAST_PASSWORDS
from tests.databases import POSTGRES, POSTGRES_SKIP_REASON, fresh_postgres_database
from tests.desk import Desk, build_desk
from tests.factories import ArticleFactory, UserFactory
from tests.web.racing import WORDS, Typist, check_nothing_was_lost
from tests.web.test_api import _token
from translate_flow import PROJECT_ROOT, create_app, migrate
from translate_flow.services import editing

pytestmark = pytest.mark.skipif(not POSTGRES, reason=POSTGRES_SKIP_REASON)
SAVES = 300
GUNICORN = Path(sys.executable).parent / "gunicorn"
SECRET = "gunicorn-test-secret-key-that-is-long-enough-0123456789"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _workers_of(master: int) -> list[int]:
    """The worker processes gunicorn forked (their parent is the master)."""
    children = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == master:
            children.append(int(entry.name))
    return children


@pytest.fixture
def database(tmp_path: Path) -> Iterator[str]:
    with fresh_postgres_database("gunicorn") as url:
        migrate.upgrade(url)  # the real schema, as production builds it
        yield url


@pytest.fixture
def server(database: str, tmp_path: Path) -> Iterator[tuple[str, int, int]]:
    """gunicorn with two sync workers on the database; yields (host, port, master pid)."""
    port = _free_port()
    env = os.environ | {
        "TRANSLATE_FLOW_DATABASE_URL": database,
        "TRANSLATE_FLOW_SECRET_KEY": SECRET,
        "TRANSLATE_FLOW_PASSWORD_TIME_COST": "1",
        "TRANSLATE_FLOW_PASSWORD_MEMORY_KIB": "64",
    }
    log = (tmp_path / "gunicorn.log").open("wb")
    process = subprocess.Popen(
        [str(GUNICORN), "-w", "2", "-b", f"127.0.0.1:{port}", "translate_flow:create_app()"],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=log,
    )
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise AssertionError((tmp_path / "gunicorn.log").read_text())
            if len(_workers_of(process.pid)) == 2:
                try:
                    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
                    connection.request("GET", "/healthz")
                    if connection.getresponse().status == 200:
                        break
                except OSError:
                    pass
            time.sleep(0.1)  # gunicorn is starting: nothing to wait on but the port
        else:
            raise AssertionError("gunicorn did not start in 30 s")
        yield "127.0.0.1", port, process.pid
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


def test_two_gunicorn_workers_racing_300_saves_each_lose_nothing(
    database: str, server: tuple[str, int, int], tmp_path: Path
):
    app = create_app(
        {
            "DATABASE_URL": database,
            "SECRET_KEY": SECRET,
            "INSTANCE_PATH": str(tmp_path / "instance"),
            **FAST_PASSWORDS,
        }
    )
    try:
        desk: Desk = build_desk(app, UserFactory(app), ArticleFactory(app))
        desk.write(desk.translator, 1, " ".join(f"w{n}" for n in range(WORDS)))
        host, port, master = server
        path = f"/api/v1/translations/{desk.translation_id}/segments/{desk.segment_ids[1]}"

        def sender(token: str):  # type: ignore[no-untyped-def]
            connection = http.client.HTTPConnection(host, port, timeout=30)

            def send(body):  # type: ignore[no-untyped-def]
                connection.request(
                    "PUT",
                    path,
                    body=json.dumps(body),
                    headers={
                        "Authorization": f"Bearer {token}",
                        "Content-Type": "application/json",
                    },
                )
                response = connection.getresponse()
                return response.status, json.loads(response.read())

            return send

        typists = [
            Typist("a", 0, sender(_token(app, desk.translator.email)), seed=11, version=1),
            Typist("b", 1, sender(_token(app, desk.coordinator.email)), seed=12, version=1),
        ]
        errors: list[BaseException] = []

        def run(typist: Typist) -> None:
            try:
                typist.run(SAVES)
            except BaseException as error:  # reported below
                errors.append(error)

        threads = [threading.Thread(target=run, args=(t,)) for t in typists]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert not errors, errors
        assert len(_workers_of(master)) == 2
        with desk.session() as session:
            row = editing.find_row(session, desk.translation(session), desk.segment_ids[1])
            check_nothing_was_lost(session, row.id, typists)
        assert sum(t.merged for t in typists) > 0
        assert sum(len(t.refused) for t in typists) > 0
    finally:
        app.extensions["translate_flow.db"].dispose()
