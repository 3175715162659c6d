"""`translate-flow checks keep`: the findings of open translations kept ahead of their opening."""

import click
from flask import current_app
from flask.cli import with_appcontext

from translate_flow.checks import keeping
from translate_flow.core.db import Database


@click.group("checks", help="The quality checks' findings kept for each row.")
def checks_group() -> None:
    pass


@checks_group.command("keep")
@click.option(
    "--translation",
    "translation_ids",
    type=int,
    multiple=True,
    help="Only this translation (repeatable); every draft and review by default.",
)
@with_appcontext
def checks_keep(translation_ids: tuple[int, ...]) -> None:
    """Run the checks over rows as a save would, and keep what they find: after an import, a
    restore, or a release that changed a check."""
    db: Database = current_app.extensions["translate_flow.db"]
    done = 0
    with db.session(write=False) as session:
        total = len(translation_ids) if translation_ids else keeping.count_open(session)
    with (
        click.progressbar(length=total, label="Translations") as bar,
        db.session(write=True) as session,
    ):
        for _translation_id in keeping.keep_all(session, translation_ids or None):
            session.commit()  # one translation at a time: an interruption loses one
            done += 1
            bar.update(1)
    click.echo(f"Kept the findings of {done:,} translation{'s' if done != 1 else ''}.")
