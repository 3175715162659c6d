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


def postgres_problem(admin_url: str = ADMIN_URL) -> str | None:
    """Why the tests cannot use PostgreSQL, in the words a newcomer needs; None when they can."""
    url = make_url(admin_url)
    where = url.render_as_string(hide_password=True)
    try:
        with psycopg.connect(
            url.set(drivername="postgresql").render_as_string(hide_password=False),
            connect_timeout=2,
        ):
            return None
    except psycopg.OperationalError as error:
        text_of_error = str(error).lower()
        if "does not exist" in text_of_error and "database" in text_of_error:
            return (
                f"the PostgreSQL server answers but the database “{url.database}” is missing "
                f"(createdb -U {url.username or 'postgres'} {url.database})"
            )
        if (
            "authentication" in text_of_error
            or "password" in text_of_error
            or ("role" in text_of_error and "does not exist" in text_of_error)
        ):
            return (
                f"the PostgreSQL server refused the sign-in as “{url.username}” at {where} "
                "(the tests expect a passwordless role: trust authentication for 127.0.0.1)"
            )
        return f"no PostgreSQL server answers at {where}"
    except psycopg.Error as error:
        return f"PostgreSQL at {where} could not be used: {error}"


POSTGRES_PROBLEM = postgres_problem()
POSTGRES = POSTGRES_PROBLEM is None
POSTGRES_SKIP_REASON = f"{POSTGRES_PROBLEM}; this case ran on SQLite only"


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
