"""The `translate-flow` command: Flask's CLI with the desk's own groups."""

from contextlib import closing
from dataclasses import replace
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

import click
from flask import Flask, current_app
from flask.cli import FlaskGroup, with_appcontext

from translate_flow import jobs
from translate_flow.backup.cli import backup_command, restore_command
from translate_flow.checks.cli import checks_group
from translate_flow.core.db import Database
from translate_flow.core.errors import TranslateFlowError
from translate_flow.domain.models import Role, User
from translate_flow.people import members as people
from translate_flow.people.signin import create_api_token
from translate_flow.statistics.cli import fill_if_empty, statistics_group

if TYPE_CHECKING:
    from translate_flow.core.search_index import Start


def _db() -> Database:
    db: Database = current_app.extensions["translate_flow.db"]
    return db


def _migrate() -> ModuleType:
    """Alembic, loaded by the commands that need it: it adds 30 MB to every web worker."""
    from translate_flow.core import migrate

    return migrate


def _url() -> str:
    return str(current_app.config["DATABASE_URL"])


@click.group("db", help="Create and upgrade the database schema (Alembic).")
def db_group() -> None:
    pass


@db_group.command("upgrade")
@click.argument("revision", default="head")
@with_appcontext
def db_upgrade(revision: str) -> None:
    """Upgrade the schema to REVISION (default: the newest), then index what it left unindexed."""
    _migrate().upgrade(_url(), revision)
    if revision == "head":
        # A migration cannot run the application's analyser; the rows it left NULL are
        # indexed here, once.
        _reindex()
        # The statistics' rollups are derived from the history: filled once, when empty.
        fill_if_empty(_db())


@db_group.command("downgrade")
@click.argument("revision", default="-1")
@with_appcontext
def db_downgrade(revision: str) -> None:
    """Step the schema back to REVISION (default: one step)."""
    _migrate().downgrade(_url(), revision)


@db_group.command("current")
@with_appcontext
def db_current() -> None:
    """Show the revision the database is at."""
    _migrate().current(_url())


@db_group.command("history")
@with_appcontext
def db_history() -> None:
    """List the migrations."""
    _migrate().history(_url())


@db_group.command("revision")
@click.option("-m", "--message", required=True, help="What the migration does.")
@click.option("--autogenerate/--empty", default=True, help="Compare the models with the database.")
@with_appcontext
def db_revision(message: str, autogenerate: bool) -> None:
    """Write a new migration under migrations/versions/."""
    _migrate().revision(_url(), message, autogenerate=autogenerate)


@click.group("search", help="The search index of articles, publications and memory units.")
def search_group() -> None:
    pass


def _start(
    _context: click.Context, _parameter: click.Parameter, value: str | None
) -> "Start | None":
    """`--from TABLE:ID` (or TABLE alone: from its start) as a `search_index.Start`."""
    from translate_flow.core import search_index

    if value is None:
        return None
    table, _colon, after = value.partition(":")
    if not after.isdigit() and after:
        raise click.BadParameter(f"{after!r} is not an id: write TABLE:ID, e.g. publications:1200")
    try:
        return search_index.Start(table, int(after or 0))
    except ValueError as error:
        raise click.BadParameter(str(error)) from None


@search_group.command("reindex")
@click.option("--all", "everything", is_flag=True, help="Every row, not only those not indexed.")
@click.option(
    "--from",
    "start",
    metavar="TABLE:ID",
    callback=_start,
    help="Resume there: TABLE after ID, the tables after it in full, those before not at all "
    "(articles, publications, memory_units, in that order).",
)
@click.option(
    "--from-id",
    type=click.IntRange(min=0),
    help="Start after this id in the first table (the same as --from articles:ID).",
)
@click.option("--batch", default=500, type=click.IntRange(min=1), show_default=True)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    help="Processes running the analyser in a full rebuild.  [default: one per core]",
)
@with_appcontext
def search_reindex(
    everything: bool,
    start: "Start | None",
    from_id: int | None,
    batch: int,
    workers: int | None,
) -> None:
    """Rebuild the search tokens (resumable: an interrupted run goes on where it stopped)."""
    from translate_flow.core import search_index

    if start is not None and from_id is not None:
        raise click.UsageError("Give --from or --from-id, not both.")
    if from_id is not None:
        start = search_index.Start(search_index.TABLES[0], from_id)
    _reindex(everything=everything, start=start, batch=batch, workers=workers)


def _reindex(
    *,
    everything: bool = False,
    start: "Start | None" = None,
    batch: int = 500,
    workers: int | None = None,
) -> None:
    from translate_flow.core import search_index

    begin = start or search_index.Start()
    engine = _db().engine
    if search_index.restore_index(engine):
        click.echo("Rebuilt the search index that an interrupted reindex had taken away.")
    total = search_index.pending(engine, everything=everything, start=begin)
    if not total:
        click.echo("The search index is up to date.")
        return
    last = None
    try:
        with (
            click.progressbar(length=total, label="Indexing", show_pos=True) as bar,
            # Closed at once on Ctrl-C, so that the index it took away is back before we exit.
            closing(
                search_index.reindex(
                    engine, everything=everything, start=begin, batch=batch, workers=workers
                )
            ) as batches,
        ):
            for done in batches:
                last = done
                bar.update(done.rows)
    except KeyboardInterrupt:
        again = "search reindex"
        if everything:
            again += " --all"
        if everything or start is not None:
            table, after = (last.table, last.last_id) if last else (begin.table, begin.after)
            again += f" --from {table}:{after}"
        raise click.ClickException(
            f"Stopped. What was indexed is kept; run `{again}` to go on."
        ) from None
    click.echo(f"Indexed {total} rows.")


@click.group("users", help="Create people and API tokens.")
def users_group() -> None:
    pass


def _parse_pairs(
    pairs: tuple[str, ...], reviews: tuple[str, ...], publishes: tuple[str, ...] = ()
) -> list[people.PairSpec]:
    specs = [people.PairSpec.parse(text) for text in pairs]
    specs += [people.PairSpec.parse(text, can_review=True) for text in reviews]
    specs += [
        replace(people.PairSpec.parse(text, can_review=True), can_publish=True)
        for text in publishes
    ]
    return specs


@users_group.command("create")
@click.option("--email", required=True)
@click.option("--name", required=True, help="The name translations are credited with.")
@click.option(
    "--role", "roles", multiple=True, required=True, type=click.Choice([r.value for r in Role])
)
@click.option("--pair", "pairs", multiple=True, help="A language pair to translate, e.g. ja:en.")
@click.option(
    "--reviews", multiple=True, help="A language pair this person may review, e.g. ja:en."
)
@click.option(
    "--publishes",
    multiple=True,
    help="A language pair this person may review and publish, e.g. ja:en.",
)
@click.option("--capacity", default=3, show_default=True, type=int)
@click.option("--password", help="Omit to be asked for it (input hidden).")
@with_appcontext
def users_create(
    email: str,
    name: str,
    roles: tuple[str, ...],
    pairs: tuple[str, ...],
    reviews: tuple[str, ...],
    publishes: tuple[str, ...],
    capacity: int,
    password: str | None,
) -> None:
    """Add a person who can sign in at once."""
    if password is None:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        with _db().transaction() as session:
            user = people.create_user(
                session,
                current_app.extensions["translate_flow.passwords"],
                email=email,
                display_name=name,
                roles=[Role(role) for role in roles],
                pairs=_parse_pairs(pairs, reviews, publishes),
                password=password,
                capacity=capacity,
            )
            summary = f"Created {user.display_name} <{user.email}> (id {user.id})"
    except TranslateFlowError as error:
        raise click.ClickException(error.message) from error
    click.echo(summary)


@users_group.command("token")
@click.argument("email")
@click.option("--name", default="command line", show_default=True, help="What the token is for.")
@with_appcontext
def users_token(email: str, name: str) -> None:
    """Print a new API token for EMAIL, alone on the last line."""
    with _db().transaction() as session:
        user = session.scalar(User.by_email(email))
        if user is None or not user.is_active:
            raise click.ClickException(f"No active person with the address {email}.")
        secret, _token = create_api_token(session, user, name)
    click.echo(f"API token for {user.email} (shown once; keep it safe):", err=True)
    click.echo(secret)


@click.command("demo")
@click.option("--password", default=None, help="Password for every demo account.")
@with_appcontext
def demo_command(password: str | None) -> None:
    """Load demo people, outlets and articles into an empty database."""
    from translate_flow.demo.articles import load_demo_articles
    from translate_flow.demo.people import DEMO_PASSWORD, DEMO_PEOPLE, load_demo
    from translate_flow.demo.workflow import load_demo_workflow

    with _db().transaction() as session:
        created = load_demo(
            session, current_app.extensions["translate_flow.passwords"], password or DEMO_PASSWORD
        )
        coordinator = session.scalar(User.by_email("coordinator@example.org"))
        articles = (
            load_demo_articles(session, coordinator, current_app.config["TARGET_LANGUAGES"])
            if coordinator is not None and coordinator.is_active
            else 0
        )
        if articles:
            load_demo_workflow(session)
    if created:
        click.echo(f"Demo accounts (password: {password or DEMO_PASSWORD}):")
    else:
        click.echo("The database already has people, so no demo people were added. Demo accounts:")
    for email, _name, roles, _pairs, _bio in DEMO_PEOPLE:
        click.echo(f"  {email:<28} {', '.join(role.value for role in roles)}")
    if articles:
        click.echo(
            f"Added {articles} demo articles from 5 outlets; one is assigned, one claimed, "
            "one in review, one published."
        )


@click.command("outbox")
@with_appcontext
def outbox_command() -> None:
    """Send the e-mail waiting in the outbox now."""
    sent = jobs.deliver_outbox(current_app._get_current_object())  # type: ignore[attr-defined]
    click.echo(f"Sent {sent} message(s).")


@click.group("feeds", help="Outlets' RSS and Atom feeds.")
def feeds_group() -> None:
    pass


@feeds_group.command("poll")
@click.option("--due", is_flag=True, help="Only feeds not checked for FEED_POLL_MINUTES.")
@with_appcontext
def feeds_poll(due: bool) -> None:
    """Check outlets' feeds now; new entries go to the feed inbox."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    report = jobs.poll_due_feeds(app) if due else jobs.poll_feeds(app)
    for name, count in report.new_entries.items():
        click.echo(f"{name}: {count} new")
    for name, message in report.failures.items():
        click.echo(f"{name}: failed: {message}", err=True)
    click.echo(report.summary().capitalize() + ".")


@click.command("tick")
@with_appcontext
def tick_command() -> None:
    """Run the periodic duties once (claim expiry, due feeds, digests, outbox retries); for cron."""
    report = jobs.tick(current_app._get_current_object())  # type: ignore[attr-defined]
    for name, message in report.feeds.failures.items():
        click.echo(f"{name}: failed: {message}", err=True)
    # One line per run, for cron's mail or log.
    click.echo(f"tick: {report.summary()}.")


@click.command("export")
@click.option(
    "--format",
    "kind",
    type=click.Choice(["wxr"]),
    default="wxr",
    show_default=True,
    help="wxr: a WordPress export of every live publication, translators as authors.",
)
@click.option(
    "--output", type=click.Path(dir_okay=False, writable=True), help="A file; else standard output."
)
@with_appcontext
def export_command(kind: str, output: str | None) -> None:
    """Export the published translations (for WordPress: Tools → Import → WordPress)."""
    from translate_flow.domain.models import utcnow
    from translate_flow.publishing.exports import wordpress_export

    with _db().session(write=False) as session:
        try:
            document = wordpress_export(
                session,
                site_url=str(current_app.config.get("BASE_URL") or "http://localhost").rstrip("/"),
                site_name=current_app.config["SITE_NAME"],
                now=utcnow(),
                time_zone=current_app.config["SITE_TIME_ZONE"],
            )
        except TranslateFlowError as error:
            raise click.ClickException(error.message) from error
    if output:
        Path(output).write_bytes(document)
        click.echo(f"Wrote {len(document):,} bytes to {output}.", err=True)
    else:
        click.echo(document, nl=False)  # bytes go to the binary stream as they are


@click.command("worker")
@click.option("--burst", is_flag=True, help="Stop when the queue is empty.")
@with_appcontext
def worker_command(burst: bool) -> None:
    """Run the RQ worker for background jobs (needs TRANSLATE_FLOW_REDIS_URL)."""
    from redis import Redis
    from rq import Queue

    from translate_flow.worker import PromptWorker

    url = current_app.config.get("REDIS_URL")
    if not url:
        raise click.ClickException("Set TRANSLATE_FLOW_REDIS_URL to run a worker.")
    connection = Redis.from_url(url)
    if not burst:
        jobs.Ticker(connection).start()
    PromptWorker([Queue(jobs.QUEUE_NAME, connection=connection)], connection=connection).work(
        burst=burst
    )


def init_app(app: Flask) -> None:
    for command in (
        db_group,
        search_group,
        statistics_group,
        checks_group,
        users_group,
        feeds_group,
        demo_command,
        outbox_command,
        tick_command,
        worker_command,
        export_command,
        backup_command,
        restore_command,
    ):
        app.cli.add_command(command)


def _create_app() -> Flask:
    from translate_flow import create_app

    return create_app()


@click.group(cls=FlaskGroup, create_app=_create_app, add_version_option=False)
def main() -> None:
    """translate_flow: the translation desk's command line."""
