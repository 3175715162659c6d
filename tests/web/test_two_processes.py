"""The production setup: two gunicorn worker processes on one PostgreSQL database.

Concurrent saves, claims and sign-in failures behave exactly as on one process: no text is lost
and versions run without a gap, each item is claimed by exactly one person and capacity holds,
and failed sign-ins are counted across both workers (in the database, with or without Redis).
"""

import http.client
import json
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import pytest
from flask import Flask
from sqlalchemy import func, select

from bench.gunicorn import workers_of
from tests.conftest import CSRF_META, FAST_PASSWORDS
from tests.databases import POSTGRES, POSTGRES_SKIP_REASON, fresh_postgres_database
from tests.desk import Desk, build_desk
from tests.factories import PASSWORD, ArticleFactory, UserFactory
from tests.gunicorn_server import SECRET, gunicorn
from tests.redis_server import REDIS_URL, redis_answers
from tests.web.racing import WORDS, Typist, check_nothing_was_lost
from tests.web.test_api import _token
from translate_flow import create_app
from translate_flow.core import migrate
from translate_flow.domain.models import Event, Role, Translation
from translate_flow.editing import saving as editing

pytestmark = pytest.mark.skipif(not POSTGRES, reason=POSTGRES_SKIP_REASON)
SAVES = 300


@pytest.fixture
def database(tmp_path: Path) -> Iterator[str]:
    with fresh_postgres_database("gunicorn") as url:
        migrate.upgrade(url)  # the real schema, as production builds it
        yield url


@pytest.fixture
def server(database: str, tmp_path: Path) -> Iterator[tuple[str, int, int]]:
    """gunicorn with two sync workers on the database (and Redis for the job queue, when it
    answers); yields (host, port, master pid)."""
    # The tests name their own client address, so that sign-in counters never mix.
    env = {"TRANSLATE_FLOW_PROXY_COUNT": "1"}
    if redis_answers():
        env["TRANSLATE_FLOW_REDIS_URL"] = REDIS_URL
    with gunicorn(database, tmp_path, workers=2, env=env) as served:
        yield served.host, served.port, served.pid


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
        assert len(workers_of(master)) == 2
        with desk.session() as session:
            row = editing.find_row(session, desk.translation(session), desk.segment_ids[1])
            check_nothing_was_lost(session, row.id, typists)
        assert sum(t.merged for t in typists) > 0
        assert sum(len(t.refused) for t in typists) > 0
    finally:
        app.extensions["translate_flow.db"].dispose()


@pytest.fixture
def local_app(database: str, tmp_path: Path) -> Iterator[Flask]:
    """The app in this process, on the server's database: to set up and to check."""
    app = create_app(
        {
            "DATABASE_URL": database,
            "SECRET_KEY": SECRET,
            "INSTANCE_PATH": str(tmp_path / "instance"),
            **FAST_PASSWORDS,
        }
    )
    yield app
    app.extensions["translate_flow.db"].dispose()


def _post(host: str, port: int, path: str, token: str) -> tuple[int, dict[str, object]]:
    connection = http.client.HTTPConnection(host, port, timeout=30)
    connection.request("POST", path, headers={"Authorization": f"Bearer {token}"})
    response = connection.getresponse()
    body = json.loads(response.read() or b"{}")
    connection.close()
    return response.status, body


def test_two_people_claiming_the_same_items_through_two_workers_get_one_each(
    local_app: Flask, server: tuple[str, int, int]
):
    make_user, make_article = UserFactory(local_app), ArticleFactory(local_app)
    coordinator = make_user(Role.COORDINATOR)
    first = make_user(Role.TRANSLATOR, pairs=["ja:en"], capacity=50, name="First")
    second = make_user(Role.TRANSLATOR, pairs=["ja:en"], capacity=50, name="Second")
    # A third with room for only three: two of her requests at once must not both pass.
    tight = make_user(Role.TRANSLATOR, pairs=["ja:en"], capacity=3, name="Tight")
    articles = [make_article(coordinator) for _ in range(12)]
    with local_app.extensions["translate_flow.db"].session(write=False) as session:
        ids = list(
            session.scalars(
                select(Translation.id).where(Translation.article_id.in_([a.id for a in articles]))
            )
        )
    host, port, _master = server
    tokens = {user.display_name: _token(local_app, user.email) for user in (first, second, tight)}
    answers: dict[str, list[tuple[int, int, dict[str, object]]]] = {name: [] for name in tokens}

    def claim_all(name: str) -> None:
        for translation_id in ids:
            status, body = _post(
                host, port, f"/api/v1/translations/{translation_id}/claim", tokens[name]
            )
            answers[name].append((translation_id, status, body))

    threads = [threading.Thread(target=claim_all, args=(name,)) for name in tokens]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    won: dict[int, list[str]] = {}
    for name, results in answers.items():
        for translation_id, status, body in results:
            assert status in (200, 409), (name, status, body)
            if status == 200:
                won.setdefault(translation_id, []).append(name)
            else:
                message = body["error"]["message"]  # type: ignore[index]
                assert "already" in message or "capacity" in message or "moment" in message
    assert sorted(won) == sorted(ids)  # every item went to someone
    assert all(len(names) == 1 for names in won.values()), won  # and to one person only
    assert sum(names == ["Tight"] for names in won.values()) <= 3  # capacity held
    with local_app.extensions["translate_flow.db"].session(write=False) as session:
        claims = session.execute(
            select(Event.subject_id, func.count())
            .where(Event.action == "translation:claim", Event.subject_id.in_(ids))
            .group_by(Event.subject_id)
        ).all()
    assert {subject: count for subject, count in claims} == dict.fromkeys(ids, 1)  # noqa: C416


def test_failed_sign_ins_are_counted_across_both_workers(
    local_app: Flask, server: tuple[str, int, int]
):
    person = UserFactory(local_app)(
        Role.TRANSLATOR, email=f"two-{uuid.uuid4().hex[:8]}@example.org"
    )
    host, port, _master = server
    address = f"198.51.100.{uuid.uuid4().int % 250 + 1}"

    def attempt(password: str) -> int:
        # A fresh connection each time: gunicorn hands each to whichever worker accepts it.
        connection = http.client.HTTPConnection(host, port, timeout=30)
        headers = {"X-Forwarded-For": address}
        connection.request("GET", "/login", headers=headers)
        response = connection.getresponse()
        page = response.read().decode()
        connection.close()
        cookie = "; ".join(
            value.split(";", 1)[0]
            for key, value in response.getheaders()
            if key.lower() == "set-cookie"
        )
        match = CSRF_META.search(page)
        assert match
        form = urlencode(
            {"csrf_token": match.group(1), "email": person.email, "password": password}
        )
        connection = http.client.HTTPConnection(host, port, timeout=30)
        connection.request(
            "POST",
            "/login",
            body=form,
            headers=headers
            | {"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"},
        )
        status = connection.getresponse().status
        connection.close()
        return status

    assert [attempt(f"wrong {n}") for n in range(5)] == [401] * 5
    # The sixth is refused whichever worker takes it, the right password included.
    assert attempt(PASSWORD) == 429
    assert attempt("wrong again") == 429
