"""Restoring a PostgreSQL desk: `pg_restore` into the target, in one transaction.

`--single-transaction --exit-on-error`: a load that fails part-way leaves no table behind.
`--no-owner --no-privileges`: the new machine's role owns what it loads, whatever the old
machine's roles were called.
"""

from collections.abc import Callable
from pathlib import Path

from sqlalchemy.pool import NullPool

from translate_flow.backup.archive import Backup, extract_payload
from translate_flow.backup.inventory import row_counts, schema_revision
from translate_flow.backup.pg_tools import connection_of, find_tool, run_tool
from translate_flow.backup.target import clear_postgres
from translate_flow.core.db import make_engine


def _dump_major(dump_version: str | None) -> int:
    try:
        return int((dump_version or "0").split(".")[0])
    except ValueError:
        return 0


def restore_postgres(
    backup: Backup,
    url: str,
    work: Path,
    prepare: Callable[[str, dict[str, int], str], None],
    *,
    bin_dir: str | None,
) -> None:
    """Load `backup` into the PostgreSQL database of `url` (emptied first), then `prepare` it."""
    # pg_restore reads the archives of its own version and older ones.
    pg_restore = find_tool(
        "pg_restore",
        bin_dir,
        at_least=_dump_major(backup.manifest.dump_version),
        newer_than="the pg_dump that made the backup",
    )
    payload = work / backup.manifest.payload.name
    extract_payload(backup, payload)
    connection = connection_of(url)
    clear_postgres(url)
    run_tool(
        [
            str(pg_restore.path),
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            "--no-password",
            f"--dbname={connection.conninfo}",
            str(payload),
        ],
        connection,
        "pg_restore",
    )
    engine = make_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as reader:
            revision, tables = schema_revision(reader), row_counts(reader)
    finally:
        engine.dispose()
    prepare(url, tables, revision)
