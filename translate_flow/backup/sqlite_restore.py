"""Restoring a SQLite desk: the payload is made whole beside the target, then renamed over it.

Checked, counted, migrated and indexed as a separate file, the database takes the target's
name in one rename: a restore that fails at any step leaves the target as it was.
"""

import os
import sqlite3
import tempfile
from collections.abc import Callable
from pathlib import Path

from translate_flow.backup.archive import Backup, extract_payload
from translate_flow.backup.errors import BackupError
from translate_flow.backup.sqlite_backup import check_copy, database_path, read_snapshot

SIDE_FILES = ("-wal", "-shm", "-journal")


def _sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def _let_go(target: Path) -> None:
    """Fold the target's write-ahead log into it and close it; refuse if the desk has it open.

    A log left beside the new file would be replayed into it: the old desk's pages written
    over the restored one's.
    """
    if not target.exists():
        return
    connection = sqlite3.connect(target, timeout=1)
    try:
        busy = connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
    except sqlite3.Error as error:
        busy, reason = 1, str(error)
    else:
        reason = "another process has it open"
    finally:
        connection.close()
    if busy or Path(f"{target}-wal").exists():
        raise BackupError(
            f"The target database {target} is in use ({reason}): stop the desk (its web "
            "workers, RQ workers and cron jobs) and restore again. Nothing was restored."
        )


def _fsync_directory(directory: Path) -> None:
    descriptor = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def restore_sqlite(
    backup: Backup, url: str, prepare: Callable[[str, dict[str, int], str], None]
) -> None:
    """Restore `backup` into the SQLite file of `url`; `prepare(url, tables, revision)` checks
    and upgrades the new file before it takes the target's place."""
    target = database_path(url)
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent, prefix=f".{target.name}.restore-") as work:
        fresh = Path(work) / target.name
        extract_payload(backup, fresh)
        check_copy(fresh)
        revision, tables = read_snapshot(fresh)
        prepare(_sqlite_url(fresh), tables, revision)
        for suffix in SIDE_FILES:
            if Path(f"{fresh}{suffix}").exists():
                raise BackupError(
                    f"The restored copy still has a {suffix} file; nothing was restored."
                )
        _let_go(target)
        for suffix in SIDE_FILES:
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        fresh.replace(target)
        _fsync_directory(target.parent)
