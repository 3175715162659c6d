"""Shared fixtures: an app per test on each available database, clients, signed-in people."""

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import text

from tests.databases import POSTGRES, POSTGRES_SKIP_REASON, fresh_postgres_database
from tests.desk import Desk, build_desk
from tests.factories import PASSWORD, ArticleFactory, UserFactory

# Network peers for fetching tests; imported here so that every test can ask for them.
from tests.webserver import local_site, recording_listener  # noqa: F401
from translate_flow import create_app
from translate_flow.domain.models import Base, Role, User

# Cheap hashing keeps the suite fast; the production cost is tested in test_passwords.
FAST_PASSWORDS = {"PASSWORD_TIME_COST": 1, "PASSWORD_MEMORY_KIB": 64}
BACKENDS = [
    "sqlite",
    pytest.param("postgresql", marks=pytest.mark.skipif(not POSTGRES, reason=POSTGRES_SKIP_REASON)),
]


def pytest_report_header() -> str:
    return "databases: SQLite" + (
        " and PostgreSQL" if POSTGRES else f" only ({POSTGRES_SKIP_REASON})"
    )


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A fresh PostgreSQL database per test process, with the schema; emptied before each test."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    with fresh_postgres_database(worker) as url:
        from translate_flow.core.db import make_engine

        engine = make_engine(url)
        Base.metadata.create_all(engine)
        engine.dispose()
        yield url


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'test.sqlite3'}"
    url: str = request.getfixturevalue("postgres_url")
    return url


def test_config(database_url: str, instance_path: Path) -> dict[str, object]:
    return {
        "DATABASE_URL": database_url,
        "TESTING": True,
        "SECRET_KEY": "test-secret-key-that-is-long-enough-0123456789",
        "INSTANCE_PATH": str(instance_path),
        "SERVER_NAME": None,
        "SMTP_URL": "console://",
        **FAST_PASSWORDS,
    }


def _empty_all_tables(app: Flask) -> None:
    db = app.extensions["translate_flow.db"]
    if db.is_sqlite:
        Base.metadata.create_all(db.engine)
        return
    names = ", ".join(table.name for table in Base.metadata.sorted_tables)
    with db.engine.begin() as connection:
        connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))


@pytest.fixture
def app(database_url: str, tmp_path: Path) -> Iterator[Flask]:
    app = create_app(test_config(database_url, tmp_path / "instance"))
    _empty_all_tables(app)
    yield app
    app.extensions["translate_flow.db"].dispose()


@pytest.fixture
def db(app: Flask):  # type: ignore[no-untyped-def]
    return app.extensions["translate_flow.db"]


@pytest.fixture
def session(db):  # type: ignore[no-untyped-def]
    """A write session for tests of the domain layer; rolled back unless the test commits."""
    with db.session(write=True) as session:
        yield session
        session.rollback()


@pytest.fixture
def make_user(app: Flask) -> UserFactory:
    return UserFactory(app)


@pytest.fixture
def make_article(app: Flask) -> ArticleFactory:
    return ArticleFactory(app)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


CSRF_META = re.compile(r'<meta name="csrf-token" content="([^"]+)">')


def csrf_token(client: FlaskClient) -> str:
    """The token a page would give the person, read from the page like a browser would."""
    response = client.get("/login")
    if response.status_code == 302:
        response = client.get("/account/")
    match = CSRF_META.search(response.get_data(as_text=True))
    assert match, "no CSRF token on the page"
    return match.group(1)


def post_form(client: FlaskClient, url: str, data: dict[str, object] | None = None, **kwargs):  # type: ignore[no-untyped-def]
    """POST a form with the CSRF token, as the browser does."""
    return client.post(url, data={"csrf_token": csrf_token(client), **(data or {})}, **kwargs)


def sign_in(client: FlaskClient, email: str, password: str = PASSWORD):  # type: ignore[no-untyped-def]
    return post_form(client, "/login", {"email": email, "password": password})


@pytest.fixture
def signed_in(app: Flask, make_user: UserFactory):  # type: ignore[no-untyped-def]
    """`signed_in(Role.COORDINATOR)` → (client, user): a new person with that role, signed in."""

    def _signed_in(*roles: Role, **fields: object) -> tuple[FlaskClient, User]:
        user = make_user(*roles, **fields)  # type: ignore[arg-type]
        client = app.test_client()
        response = sign_in(client, user.email)
        assert response.status_code == 302, response.get_data(as_text=True)
        return client, user

    return _signed_in


@pytest.fixture
def desk(app: Flask, make_user: UserFactory, make_article: ArticleFactory) -> Desk:
    """One article's English translation, claimed by Dorothy; a reviewer, a coordinator and
    another translator of the pair around it."""
    return build_desk(app, make_user, make_article)
