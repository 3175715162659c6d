"""Concurrent writers on SQLite queue up instead of failing with "database is locked"."""

import multiprocessing
from pathlib import Path

from sqlalchemy import text

from translate_flow.core.db import Database

PROCESSES = 8
INCREMENTS = 100


def _increment_many(url: str) -> list[str]:
    """Read-modify-write in separate transactions; returns any errors met."""
    db = Database(url)
    errors = []
    try:
        for _ in range(INCREMENTS):
            try:
                with db.transaction() as session:
                    value = session.execute(
                        text("SELECT value FROM counter WHERE id = 1")
                    ).scalar_one()
                    session.execute(
                        text("UPDATE counter SET value = :v WHERE id = 1"), {"v": value + 1}
                    )
            except Exception as error:  # collected and reported by the test
                errors.append(repr(error))
    finally:
        db.dispose()
    return errors


def test_eight_processes_incrementing_one_row_lose_nothing(tmp_path: Path):
    url = f"sqlite:///{tmp_path / 'counter.sqlite3'}"
    db = Database(url)
    with db.transaction() as session:
        session.execute(
            text("CREATE TABLE counter (id INTEGER PRIMARY KEY, value INTEGER NOT NULL)")
        )
        session.execute(text("INSERT INTO counter (id, value) VALUES (1, 0)"))
    context = multiprocessing.get_context("spawn")
    with context.Pool(PROCESSES) as pool:
        results = pool.map(_increment_many, [url] * PROCESSES)
    errors = [error for result in results for error in result]
    assert errors == []
    with db.session(write=False) as session:
        assert (
            session.execute(text("SELECT value FROM counter")).scalar_one()
            == PROCESSES * INCREMENTS
        )
        assert session.execute(text("PRAGMA journal_mode")).scalar_one() == "wal"
    db.dispose()


def test_read_sessions_do_not_take_the_write_lock(tmp_path: Path):
    """A long read must not stop a writer: reads begin deferred, writes immediate."""
    db = Database(f"sqlite:///{tmp_path / 'locks.sqlite3'}")
    with db.transaction() as session:
        session.execute(text("CREATE TABLE t (x INTEGER)"))
    with db.session(write=False) as reader:
        reader.execute(text("SELECT count(*) FROM t")).scalar_one()
        with db.transaction() as writer:
            writer.execute(text("INSERT INTO t VALUES (1)"))
        reader.rollback()
    with db.session(write=False) as reader:
        assert reader.execute(text("SELECT count(*) FROM t")).scalar_one() == 1
    db.dispose()
