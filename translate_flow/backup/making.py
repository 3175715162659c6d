"""`translate-flow backup`: one file holding a consistent copy of the desk and its manifest."""

import tempfile
from datetime import datetime
from pathlib import Path

from translate_flow.backup.archive import describe_payload, write_archive
from translate_flow.backup.manifest import PAYLOAD_NAMES, Manifest, app_version
from translate_flow.backup.naming import backend_of, backup_name, database_label
from translate_flow.backup.postgres_backup import backup_postgres
from translate_flow.backup.sqlite_backup import backup_sqlite


def destination_for(url: str, output: Path, now: datetime) -> Path:
    """`output` itself when it names a file; a new, dated name inside it when it is a directory."""
    if output.is_dir():
        return output / backup_name(url, now)
    return output


def make_backup(url: str, destination: Path, *, now: datetime, pg_bin: str | None) -> Manifest:
    """Back up the database at `url` into the new file `destination`; its manifest."""
    backend = backend_of(url)
    destination.parent.mkdir(parents=True, exist_ok=True)
    # The payload waits beside the destination: on the same file system, and as private.
    with tempfile.TemporaryDirectory(dir=destination.parent, prefix=".backup-") as work:
        payload = Path(work) / PAYLOAD_NAMES[backend]
        if backend == "sqlite":
            snapshot = backup_sqlite(url, payload)
        else:
            snapshot = backup_postgres(url, payload, bin_dir=pg_bin)
        manifest = Manifest(
            created_at=now,
            backend=backend,
            database=database_label(url),
            schema_revision=snapshot.schema_revision,
            app_version=app_version(),
            server_version=snapshot.server_version,
            dump_version=snapshot.dump_version,
            payload=describe_payload(payload, backend),
            tables=snapshot.tables,
        )
        write_archive(destination, manifest, payload)
    return manifest
