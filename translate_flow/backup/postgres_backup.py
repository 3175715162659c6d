"""A PostgreSQL desk dumped while it keeps working, its counts from the dump's own snapshot.

A REPEATABLE READ transaction exports its snapshot (`pg_export_snapshot()`), reads the schema
revision and counts every table in it, and stays open while `pg_dump --snapshot` dumps from
that very snapshot: the counts in the manifest are the dump's, whatever commits meanwhile.
"""

from pathlib import Path

from sqlalchemy.pool import NullPool

from translate_flow.backup.inventory import row_counts, schema_revision
from translate_flow.backup.pg_tools import connection_of, find_tool, run_tool, server_major
from translate_flow.backup.snapshot import Snapshot
from translate_flow.core.db import make_engine


def backup_postgres(url: str, payload: Path, *, bin_dir: str | None) -> Snapshot:
    """Dump the database at `url` to `payload` (pg_dump's custom format)."""
    engine = make_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as probe:
            version_num = int(probe.exec_driver_sql("SHOW server_version_num").scalar_one())
        pg_dump = find_tool("pg_dump", bin_dir, at_least=server_major(version_num))
        connection = connection_of(url)
        with (
            engine.connect().execution_options(
                isolation_level="REPEATABLE READ", postgresql_readonly=True
            ) as reader,
            reader.begin(),
        ):
            snapshot_id = str(reader.exec_driver_sql("SELECT pg_export_snapshot()").scalar_one())
            revision = schema_revision(reader)
            tables = row_counts(reader)
            server_version = str(reader.exec_driver_sql("SHOW server_version").scalar_one())
            # The exporting transaction must stay open until pg_dump has taken the snapshot;
            # it stays open to the end, which costs nothing but a snapshot kept a while.
            run_tool(
                [
                    str(pg_dump.path),
                    "--format=custom",
                    f"--snapshot={snapshot_id}",
                    "--no-password",
                    f"--file={payload}",
                    f"--dbname={connection.conninfo}",
                ],
                connection,
                "pg_dump",
            )
    finally:
        engine.dispose()
    return Snapshot(revision, tables, server_version=server_version, dump_version=pg_dump.version)
