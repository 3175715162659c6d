"""A SQLite desk copied while it keeps working: SQLite's online backup API, in one step.

In WAL mode a reader holds a consistent snapshot while writers go on appending to the log,
so one step (`pages=-1`) copies exactly the database as it was when the step began, and
writers never wait for it. Copying in small steps instead lets writers in between the steps,
and every write from another connection restarts the copy from its first page: on a busy desk
such a backup may never finish. `VACUUM INTO` would also be consistent, but rebuilds every
table and index (slower, and the copy is not the same pages as the desk's). The counts are
read from the copy itself, so they are the copy's by construction.
"""

import sqlite3
from pathlib import Path

from sqlalchemy import create_engine
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from translate_flow.backup.errors import BackupError
from translate_flow.backup.inventory import row_counts, schema_revision
from translate_flow.backup.snapshot import Snapshot
from translate_flow.core.db import SQLITE_BUSY_TIMEOUT_MS


def database_path(url: str) -> Path:
    name = make_url(url).database
    if not name or name == ":memory:" or name.startswith("file:"):
        raise BackupError(f"{url} is not a SQLite database file that can be backed up or restored.")
    return Path(name)


def check_copy(path: Path) -> None:
    """A quick structural check of a SQLite file (pages, b-trees), before it is trusted."""
    connection = sqlite3.connect(path)
    try:
        problems = [row[0] for row in connection.execute("PRAGMA quick_check")]
    except sqlite3.DatabaseError as error:
        problems = [str(error)]
    finally:
        connection.close()
    if problems != ["ok"]:
        raise BackupError(f"The SQLite copy at {path} is damaged: {'; '.join(problems[:3])}.")


def read_snapshot(path: Path) -> tuple[str, dict[str, int]]:
    """The schema revision and row counts of a SQLite file, read without changing it."""
    # Not `make_engine`: that turns on WAL, which would leave a -wal file beside the copy.
    engine = create_engine(f"sqlite:///{path}", poolclass=NullPool)
    try:
        with engine.connect() as connection:
            return schema_revision(connection), row_counts(connection)
    finally:
        engine.dispose()


def backup_sqlite(url: str, payload: Path) -> Snapshot:
    """Copy the database at `url` to `payload` (a new file), consistently, as it is now."""
    source_path = database_path(url)
    if not source_path.is_file():
        raise BackupError(f"There is no SQLite database at {source_path}.")
    source = sqlite3.connect(source_path, timeout=SQLITE_BUSY_TIMEOUT_MS / 1000)
    target = sqlite3.connect(payload)
    try:
        source.backup(target, pages=-1)
        # One self-contained file: no write-ahead log to carry beside it.
        target.execute("PRAGMA journal_mode=DELETE")
    except sqlite3.Error as error:
        raise BackupError(f"SQLite could not copy {source_path}: {error}.") from error
    finally:
        target.close()
        source.close()
    check_copy(payload)
    revision, tables = read_snapshot(payload)
    return Snapshot(revision, tables, server_version=sqlite3.sqlite_version)
