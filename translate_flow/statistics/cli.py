"""`translate-flow statistics …`: rebuild the rollups the statistics read, or catch them up."""

import click
from flask import current_app
from flask.cli import with_appcontext

from translate_flow.core.db import Database
from translate_flow.statistics import rollup


def _db() -> Database:
    db: Database = current_app.extensions["translate_flow.db"]
    return db


@click.group("statistics", help="The rollup tables the statistics pages read.")
def statistics_group() -> None:
    pass


def run_rebuild(db: Database, *, restart: bool = False, batch: int = rollup.BATCH) -> None:
    """Rebuild with a progress bar per phase (translations, then segment saves)."""
    with db.session(write=True) as session:
        bar = None
        phase = ""
        shown = 0
        for progress in rollup.rebuild(session, restart=restart, batch=batch):
            if progress.phase != phase:
                if bar is not None:
                    bar.render_finish()
                phase, shown = progress.phase, 0
                bar = click.progressbar(length=progress.total, label=f"Rollups: {phase}")
            assert bar is not None
            bar.update(progress.done - shown)
            shown = progress.done
        if bar is not None:
            bar.render_finish()


@statistics_group.command("rebuild")
@click.option("--restart", is_flag=True, help="Start over instead of carrying on.")
@click.option("--batch", default=rollup.BATCH, show_default=True, help="Translations a commit.")
@with_appcontext
def statistics_rebuild(restart: bool, batch: int) -> None:
    """Derive every rollup row again from the history; carries on where it was interrupted."""
    run_rebuild(_db(), restart=restart, batch=batch)
    click.echo("The statistics' rollups are rebuilt.")


@statistics_group.command("catch-up")
@with_appcontext
def statistics_catch_up() -> None:
    """What the tick does: events written without the ORM, and recent segment saves."""
    with _db().transaction() as session:
        click.echo(rollup.catch_up(session).summary())


def fill_if_empty(db: Database) -> bool:
    """After `db upgrade`: a desk that just gained the rollups (or whose rebuild was cut short)
    gets them filled; True if it did."""
    with db.session(write=False) as session:
        unfinished = rollup.get_mark(session, rollup.REBUILD_MARK) is not None
        if not unfinished and not rollup.needs_filling(session):
            return False
    click.echo("Filling the statistics' rollups from the history…")
    run_rebuild(db)
    return True
