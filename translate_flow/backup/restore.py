"""`translate-flow restore`: a checked backup into an empty database, brought up to date.

In order, each step before the next writes anything: the file's checksums and manifest; that
the backup is of this kind of database and of a schema revision this version knows; that the
target is empty (or named by `--force`). Then the load, the row counts against the manifest
(before any migration, which may add or fill tables), the migrations when the backup is
older, and what `db upgrade` does after them (search index, statistics rollups).
"""

import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from translate_flow.backup.archive import Backup
from translate_flow.backup.errors import BackupError
from translate_flow.backup.naming import backend_of
from translate_flow.backup.postgres_restore import restore_postgres
from translate_flow.backup.revisions import head, known
from translate_flow.backup.sqlite_restore import restore_sqlite
from translate_flow.backup.target import check_target, target_name
from translate_flow.core import migrate

NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


@dataclass(frozen=True)
class Restored:
    backup: Backup
    target: str
    replaced_rows: int  # the rows the target held (with --force)
    upgraded_to: str | None  # the head the schema was upgraded to, when it was older


def check_fits(backup: Backup, url: str) -> None:
    """The backup is of this kind of database, at a schema revision this version knows."""
    manifest = backup.manifest
    backend = backend_of(url)
    if manifest.backend != backend:
        raise BackupError(
            f"This is a backup of a {NAMES[manifest.backend]} database, and the target is "
            f"{NAMES[backend]}: a backup restores into the kind of database it was made from."
        )
    if manifest.schema_revision not in known(url):
        raise BackupError(
            f"This backup is at schema revision {manifest.schema_revision}, which this version "
            f"of translate_flow does not know (its newest is {head(url)}): it was made by a newer "
            "version. Upgrade translate_flow to the version that made the backup, or a newer "
            "one, then restore. Nothing was restored."
        )


def _compare(tables: dict[str, int], expected: dict[str, int]) -> None:
    differences = [
        f"{name}: {tables.get(name, 'no table')} instead of {expected.get(name, 'no table')}"
        for name in sorted(set(tables) | set(expected))
        if tables.get(name) != expected.get(name)
    ]
    if differences:
        raise BackupError(
            "The restored database does not hold the rows the backup's manifest lists ("
            + "; ".join(differences[:5])
            + "). Restore another backup."
        )


def restore_backup(
    backup: Backup,
    url: str,
    *,
    force: str | None,
    pg_bin: str | None,
    bring_up_to_date: Callable[[str], None],
) -> Restored:
    """Restore the checked `backup` into the database at `url`.

    `bring_up_to_date(url)` runs after the migrations, on the restored database: what `db
    upgrade` does after migrating (the CLI's search index and statistics rollups).
    """
    check_fits(backup, url)
    replaced = check_target(url, force)
    newest = head(url)
    manifest = backup.manifest

    def prepare(load_url: str, tables: dict[str, int], revision: str) -> None:
        if revision != manifest.schema_revision:
            raise BackupError(
                f"The restored database is at schema revision {revision}, the manifest says "
                f"{manifest.schema_revision}. Restore another backup."
            )
        _compare(tables, manifest.tables)
        if revision != newest:
            migrate.upgrade(load_url, "head")
        bring_up_to_date(load_url)

    if manifest.backend == "sqlite":
        restore_sqlite(backup, url, prepare)
    else:
        with tempfile.TemporaryDirectory(prefix="translate_flow-restore-") as work:
            restore_postgres(backup, url, Path(work), prepare, bin_dir=pg_bin)
    return Restored(
        backup=backup,
        target=target_name(url),
        replaced_rows=sum(replaced.values()),
        upgraded_to=newest if manifest.schema_revision != newest else None,
    )
