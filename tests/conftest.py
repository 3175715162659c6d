"""Shared fixtures: the app on each available database, clients, signed-in people."""

import copy
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy.pool import QueuePool

from tests.compiled_once import share_compiled_templates, share_compiled_url_builders
from tests.databases import (
    POSTGRES,
    POSTGRES_SKIP_REASON,
    commit_without_waiting_for_the_disk,
    copy_sqlite_schema,
    empty_postgres,
    fresh_postgres_database,
    keep_rows_in_insertion_order,
    leftovers,
    sqlite_schema,
)
from tests.desk import Desk, build_desk
from tests.factories import PASSWORD, ArticleFactory, UserFactory

# Network peers for fetching tests; imported here so that every test can ask for them.
from tests.webserver import local_site, recording_listener  # noqa: F401
from translate_flow import create_app
from translate_flow.core import kept
from translate_flow.core.db import Database, make_engine
from translate_flow.domain.models import Base, Role, User

share_compiled_url_builders()

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
        commit_without_waiting_for_the_disk(url)
        engine = make_engine(url)
        Base.metadata.create_all(engine)
        with engine.begin() as connection:
            keep_rows_in_insertion_order(connection)
        engine.dispose()
        yield url


@pytest.fixture(scope="session")
def sqlite_schema_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The schema built once per test process; each test gets a copy of the file."""
    return sqlite_schema(tmp_path_factory.mktemp("schema") / "schema.sqlite3")


# One `Database` per test process and database, handed to each test's app. An engine keeps
# the SQL it has compiled from SQLAlchemy statements; a new engine per test compiled it all
# again, 20 ms of a typical test, more than the test's own work. Nothing else carries over:
# each test gets a new app, an empty database and new connections (see `database_url`).


@pytest.fixture(scope="session")
def postgres_database(postgres_url: str) -> Iterator[Database]:
    database = Database(postgres_url)
    yield database
    database.dispose()


@pytest.fixture(scope="session")
def sqlite_database(sqlite_schema_file: Path) -> Iterator[Database]:
    """On `test.sqlite3` beside the schema: the file is replaced by a copy for each test."""
    database = Database(f"sqlite:///{sqlite_schema_file.with_name('test.sqlite3')}")
    yield database
    database.dispose()


def _process_database(request: pytest.FixtureRequest, url: str) -> Database:
    backend = "sqlite" if url.startswith("sqlite") else "postgres"
    database: Database = request.getfixturevalue(f"{backend}_database")
    return database


# TRANSLATE_FLOW_TEST_CHECK_EMPTY=1: every test first checks that it starts on an empty
# database (no rows, no used id sequence) and ends with every connection given back.
CHECK_EMPTY = os.environ.get("TRANSLATE_FLOW_TEST_CHECK_EMPTY") == "1"


def _check_empty(database: Database) -> None:
    with database.engine.connect() as connection:
        found = leftovers(connection)
    assert not found, f"the database is not empty at the start of the test: {found}"


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest) -> Iterator[str]:
    """An empty database with the schema: the process's SQLite file, replaced by a copy of
    the empty schema, or the process's PostgreSQL database, emptied."""
    if request.param == "sqlite":
        database: Database = request.getfixturevalue("sqlite_database")
    else:
        database = request.getfixturevalue("postgres_database")
    if database.is_sqlite:
        # The last test's connections were opened on the file this one replaces.
        database.dispose()
        schema: Path = request.getfixturevalue("sqlite_schema_file")
        url = copy_sqlite_schema(schema, Path(str(database.engine.url.database)))
    else:
        url = request.getfixturevalue("postgres_url")
        with database.engine.begin() as connection:
            empty_postgres(connection)
    if CHECK_EMPTY:
        _check_empty(database)
    # What is kept per database (core.kept): the last test's, on a file or database of the
    # same name, emptied without the ORM seeing it.
    kept.forget_all()
    yield url
    if CHECK_EMPTY:
        pool = database.engine.pool
        busy = pool.checkedout() if isinstance(pool, QueuePool) else 0
        assert not busy, f"the test left {busy} connections checked out"


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
    """Schema present, every table empty, ids from the start, whatever ran before."""
    db = app.extensions["translate_flow.db"]
    if db.is_sqlite:
        Base.metadata.create_all(db.engine)
        return
    with db.engine.begin() as connection:
        empty_postgres(connection)


@dataclass
class _ProcessApp:
    """An app and what a test may change of it, as built."""

    app: Flask
    config: dict[str, Any]
    extensions: dict[str, Any]
    template_globals: dict[str, Any]

    def restore(self) -> None:
        self.app.config.clear()
        self.app.config.update(copy.deepcopy(self.config))
        self.app.extensions.clear()
        self.app.extensions.update(self.extensions)
        self.app.jinja_env.globals.clear()
        self.app.jinja_env.globals.update(self.template_globals)


@pytest.fixture(scope="session")
def _process_apps() -> dict[str, _ProcessApp]:
    return {}


@pytest.fixture
def app(
    request: pytest.FixtureRequest,
    database_url: str,
    _process_apps: dict[str, _ProcessApp],
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Flask]:
    """The test process's app for `database_url`'s database, as it was built.

    Building an app (90-odd routes, each compiled by Werkzeug) took longer than most tests.
    One app per process and database serves every test; what a test may change of it (its
    settings, its extensions, its template globals) is put back afterwards, so each test
    starts from the app `create_app` gives, on an empty database (see `database_url`).
    """
    built = _process_apps.get(database_url)
    if built is None:
        app = share_compiled_templates(
            create_app(test_config(database_url, tmp_path_factory.mktemp("instance")))
        )
        # The app's own `Database`, never connected, gives way to the process's (above).
        app.extensions["translate_flow.db"] = _process_database(request, database_url)
        built = _process_apps[database_url] = _ProcessApp(
            app,
            copy.deepcopy(dict(app.config)),
            dict(app.extensions),
            dict(app.jinja_env.globals),
        )
    yield built.app
    built.restore()


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
