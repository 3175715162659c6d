"""`translate-flow backup` and `translate-flow restore`."""

import os
from contextlib import closing
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from translate_flow.backup.errors import BackupError
from translate_flow.core.db import Database
from translate_flow.domain.models import utcnow
from translate_flow.statistics.cli import fill_if_empty

# The commands import their work when they run: restoring needs Alembic, 30 MB that every
# web worker would otherwise carry (the app's CLI is loaded with the app).

# A directory holding pg_dump and pg_restore, when those on PATH are not the right version
# (Debian keeps each major version in /usr/lib/postgresql/<major>/bin).
PG_BIN = "TRANSLATE_FLOW_PG_BIN"


def _pg_bin() -> str | None:
    return os.environ.get(PG_BIN) or None


def _size(path: Path) -> str:
    size = float(path.stat().st_size)
    for unit in ("bytes", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:,.0f} {unit}" if unit == "bytes" else f"{size:,.1f} {unit}"
        size /= 1024
    raise AssertionError


@click.command("backup")
@click.option(
    "--output",
    type=click.Path(path_type=Path),
    help="A directory to write the backup in (under a dated name), or the backup's file name. "
    "[default: TRANSLATE_FLOW_BACKUP_DIR, instance/backups]",
)
@click.option(
    "--keep",
    type=click.IntRange(min=1),
    metavar="N",
    help="Then delete all but the N newest backups of this database in that directory "
    "(only files named as its backups).",
)
@with_appcontext
def backup_command(output: Path | None, keep: int | None) -> None:
    """Write a consistent backup of the database while the desk keeps working."""
    from translate_flow.backup.making import destination_for, make_backup
    from translate_flow.backup.prune import prune

    url = str(current_app.config["DATABASE_URL"])
    if output is None:
        output = Path(current_app.config["BACKUP_DIR"])
        output.mkdir(parents=True, exist_ok=True)
    now = utcnow()
    destination = destination_for(url, output, now)
    try:
        manifest = make_backup(url, destination, now=now, pg_bin=_pg_bin())
    except BackupError as error:
        raise click.ClickException(error.message) from None
    click.echo(
        f"Backed up {manifest.database} (schema revision {manifest.schema_revision}, "
        f"{manifest.rows:,} rows in {len(manifest.tables)} tables) to {destination} "
        f"({_size(destination)})."
    )
    if keep is not None:
        removed = prune(destination.parent, url, keep)
        if removed:
            click.echo(
                f"Removed {len(removed)} older backup(s), keeping the newest {keep}: "
                + ", ".join(path.name for path in removed)
            )


def bring_up_to_date(url: str) -> None:
    """What `db upgrade` does after migrating: the rows a migration left unindexed are
    indexed, the statistics' rollups filled if a migration added them empty."""
    from translate_flow.core import search_index

    db = Database(url)
    try:
        engine = db.engine
        search_index.restore_index(engine)
        waiting = search_index.pending(engine)
        if waiting:
            click.echo(f"Indexing {waiting:,} rows for search…")
            with closing(search_index.reindex(engine)) as batches:
                for _batch in batches:
                    pass
        fill_if_empty(db)
    finally:
        db.dispose()


@click.command("restore")
@click.argument("path", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--force",
    metavar="DATABASE",
    help="Restore over a database that holds rows, losing them: give that database's name "
    "(the PostgreSQL database, or the SQLite file) to confirm it is the one.",
)
@with_appcontext
def restore_command(path: Path, force: str | None) -> None:
    """Restore the backup at PATH into the (empty) database, and upgrade it if it is older."""
    from translate_flow.backup.archive import open_backup
    from translate_flow.backup.restore import restore_backup

    url = str(current_app.config["DATABASE_URL"])
    try:
        backup = open_backup(path)
        manifest = backup.manifest
        click.echo(
            f"Backup of {manifest.database}, made {manifest.created_at:%Y-%m-%d %H:%M} UTC, "
            f"schema revision {manifest.schema_revision}: checksums and manifest are right."
        )
        restored = restore_backup(
            backup, url, force=force, pg_bin=_pg_bin(), bring_up_to_date=bring_up_to_date
        )
    except BackupError as error:
        raise click.ClickException(error.message) from None
    if restored.replaced_rows:
        click.echo(f"Replaced the {restored.replaced_rows:,} rows “{restored.target}” held.")
    click.echo(
        f"Restored {manifest.rows:,} rows in {len(manifest.tables)} tables into "
        f"“{restored.target}”; every table's count matches the manifest."
    )
    if restored.upgraded_to:
        click.echo(
            f"Upgraded the schema from {manifest.schema_revision} to {restored.upgraded_to}."
        )
