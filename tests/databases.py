"""Which databases the tests run on: SQLite always, PostgreSQL when it answers on 127.0.0.1:5432;
and how each test gets an empty one cheaply."""

import os
import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
from sqlalchemy import Connection, create_engine, func, select, text
from sqlalchemy.engine import make_url

from translate_flow.core.db import make_engine
from translate_flow.domain.models import Base

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
def fresh_postgres_database(label: str, template: str | None = None) -> Iterator[str]:
    """A new PostgreSQL database for this run, dropped afterwards: empty, or a copy of the
    database `template` (PostgreSQL copies its files: far quicker than migrating again)."""
    name = f"tf_test_{label}_{uuid.uuid4().hex[:10]}"
    admin = create_engine(ADMIN_URL, isolation_level="AUTOCOMMIT")
    copied = f' TEMPLATE "{template}"' if template else ""
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"{copied}'))
    try:
        yield make_url(ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def commit_without_waiting_for_the_disk(url: str) -> None:
    """A test database is dropped at the end and never outlives a crash, so its commits
    need not wait for the write-ahead log to reach the disk (1–2 ms a commit here, far
    more when other processes keep the disk busy). What each transaction sees is unchanged.
    """
    engine = make_engine(url)
    try:
        with engine.begin() as connection:
            connection.exec_driver_sql(
                f'ALTER DATABASE "{engine.url.database}" SET synchronous_commit = off'
            )
    finally:
        engine.dispose()


def sqlite_schema(path: Path) -> Path:
    """An empty SQLite database with the schema, to be copied for each test.

    Copying the file (0.2 ms) replaces `create_all` on a new file (15 ms). Closing the
    engine checkpoints the write-ahead log into the file, so the file alone is complete.
    """
    engine = make_engine(f"sqlite:///{path}")
    try:
        Base.metadata.create_all(engine)
    finally:
        engine.dispose()
    assert not Path(f"{path}-wal").exists(), "the schema is still in the write-ahead log"
    return path


def copy_sqlite_schema(schema: Path, target: Path) -> str:
    """A fresh database file at `target`, holding the schema and nothing else; its URL.

    Whatever was at `target` goes, with its write-ahead log and shared-memory index. The
    copy is renamed into place, so a connection still open on the old file keeps the old
    file and never sees the new one.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    for leftover in (Path(f"{target}-wal"), Path(f"{target}-shm")):
        leftover.unlink(missing_ok=True)
    fresh = target.with_name(f".{target.name}.new")
    shutil.copyfile(schema, fresh)
    fresh.replace(target)
    return f"sqlite:///{target}"


TABLES = [table.name for table in Base.metadata.sorted_tables]
# Pages each table's file holds: a table that has held a row since it was last truncated has
# one or more.
TABLE_PAGES = text(
    "SELECT relname, pg_relation_size(oid) / current_setting('block_size')::int FROM pg_class"
    " WHERE relname = ANY(:tables) AND relkind = 'r'"
    " AND relnamespace = current_schema()::regnamespace"
).bindparams(tables=TABLES)
# A table past this many pages of deleted rows is truncated instead: a scan of it would read
# them all, and the planner would take it for a large table.
TRUNCATE_FROM_PAGES = 32
# As TRUNCATE … RESTART IDENTITY would, and for every sequence, even one whose insert failed
# before it wrote a row.
RESTART_IDS = "SELECT count(setval(seqrelid, seqstart, false)) FROM pg_sequence"


def keep_rows_in_insertion_order(connection: Connection) -> None:
    """No autovacuum on the test database's tables: with no space marked free, every row is
    appended to its table's file, so scans return a test's rows in the order it wrote them,
    whatever earlier tests deleted (see `empty_postgres`)."""
    for name in TABLES:
        connection.exec_driver_sql(f"ALTER TABLE {name} SET (autovacuum_enabled = off)")


def empty_postgres(connection: Connection) -> None:
    """Every table empty, every id sequence back at its start, in a few milliseconds.

    TRUNCATE gives each table a new file, 50 ms for the tables a test writes, more than most
    tests take; DELETE leaves the file and its deleted rows, which cost nothing but a scan's
    time until the table passes `TRUNCATE_FROM_PAGES`. One statement deletes from all the
    tables, so the foreign keys between them (some in a cycle) are checked once, at its end,
    against empty tables.
    """
    pages: dict[str, int] = dict(connection.execute(TABLE_PAGES).all())  # type: ignore[arg-type]
    large = [name for name in TABLES if pages.get(name, 0) > TRUNCATE_FROM_PAGES]
    if large:
        connection.exec_driver_sql(f"TRUNCATE {', '.join(large)} CASCADE")
    written = [name for name in TABLES if 0 < pages.get(name, 0) <= TRUNCATE_FROM_PAGES]
    if written:
        # Names from the models, never from input.
        deletes = ", ".join(f"d{n} AS (DELETE FROM {name})" for n, name in enumerate(written))  # noqa: S608
        connection.exec_driver_sql(f"WITH {deletes} SELECT 1")
    connection.exec_driver_sql(RESTART_IDS)


def leftovers(connection: Connection) -> list[str]:
    """What a test would find from an earlier one: rows in any table, a used id sequence."""
    found = [
        f"{table.name}: {count} rows"
        for table in Base.metadata.sorted_tables
        if (count := connection.execute(select(func.count()).select_from(table)).scalar_one())
    ]
    if connection.dialect.name == "postgresql":
        used = connection.exec_driver_sql(
            "SELECT sequencename FROM pg_sequences WHERE last_value IS NOT NULL"
        ).scalars()
        found += [f"sequence {name} was used" for name in used]
    return found
