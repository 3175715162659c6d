"""Which databases the tests run on: SQLite always, PostgreSQL when it answers on 127.0.0.1:5432."""

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

ADMIN_URL = os.environ.get(
    "TRANSLATE_FLOW_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


def postgres_available() -> bool:
    url = make_url(ADMIN_URL).set(drivername="postgresql")
    try:
        with psycopg.connect(url.render_as_string(hide_password=False), connect_timeout=2):
            return True
    except psycopg.Error:
        return False


POSTGRES = postgres_available()
POSTGRES_SKIP_REASON = (
    f"PostgreSQL does not answer at {make_url(ADMIN_URL).render_as_string(hide_password=True)}; "
    "this case ran on SQLite only"
)


@contextmanager
def fresh_postgres_database(label: str) -> Iterator[str]:
    """A new, empty PostgreSQL database for this run, dropped afterwards."""
    name = f"tf_test_{label}_{uuid.uuid4().hex[:10]}"
    admin = create_engine(ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
