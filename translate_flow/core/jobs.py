"""Background work after a request commits: inline by default, on RQ when Redis is configured.

The jobs themselves belong to the features (`<feature>/jobs.py`); the app lists them by name
(`translate_flow.jobs.JOBS`) in `app.extensions["translate_flow.jobs"]`, so that a request can
queue one by name without the core knowing any feature.
"""

import logging
from collections.abc import Callable, Mapping

from flask import Flask
from sqlalchemy import Connection
from sqlalchemy.exc import OperationalError

from translate_flow.core.db import Database
from translate_flow.core.limits import forget_old_attempts as forget_attempts

log = logging.getLogger(__name__)
QUEUE_NAME = "translate_flow"
# The worker's entry point: it imports the app's list of jobs, which imports every feature.
WORKER_ENTRY = "translate_flow.jobs._run_in_worker"


def site_url(app: Flask) -> str:
    # Jobs run outside any request: links in e-mail need the configured address.
    return str(app.config.get("BASE_URL") or "http://localhost").rstrip("/")


def registered(app: Flask) -> Mapping[str, Callable[[Flask], object]]:
    jobs: Mapping[str, Callable[[Flask], object]] = app.extensions["translate_flow.jobs"]
    return jobs


def enqueue(app: Flask, job_name: str) -> None:
    """Run a job now (embedded setup) or hand it to the RQ worker (Redis configured)."""
    job = registered(app)[job_name]  # KeyError for a name nobody registered
    redis_url = app.config.get("REDIS_URL")
    if not redis_url or app.config.get("JOBS_INLINE"):
        try:
            job(app)
        except Exception:
            # The change that queued the job is committed; the outbox keeps the
            # message for the next run, so a failure here must not fail the request.
            log.exception("inline job %s failed", job_name)
        return
    from redis import Redis
    from rq import Queue

    Queue(QUEUE_NAME, connection=Redis.from_url(redis_url)).enqueue(WORKER_ENTRY, job_name)


def optimize_database(app: Flask) -> None:
    """Keep SQLite's query planner statistics current (PostgreSQL's autovacuum does its own).

    Without them SQLite picks indexes by their equality columns alone: the article list
    filtered by language took 185 ms at 100,000 articles where the statistics make it 1 ms.
    `PRAGMA optimize` analyses only what changed enough, within `analysis_limit` rows a table.
    """
    db: Database = app.extensions["translate_flow.db"]
    if not db.is_sqlite:
        return
    with db.engine.connect() as connection:
        connection.exec_driver_sql(f"PRAGMA analysis_limit = {SAMPLE_ROWS}")
        connection.exec_driver_sql("PRAGMA optimize")
        analyse_list_tables(connection)
        connection.commit()


# Rows a table that `PRAGMA optimize` reads to estimate its statistics.
SAMPLE_ROWS = 1000
# The tables whose lists choose between several indexes by their statistics. A sample of 1,000
# rows on the benchmark's 100,000-article desk estimated 1,001 articles per language and 667
# per (status, priority), against 5,000 and 36,000: the language-filtered list walked the wrong
# index, 622 ms a page instead of 0.5 ms. A full analysis takes about 0.5 s a table at that size.
FULLY_ANALYSED = ("articles", "translations")
# How far the statistics' row count may drift from the table's before a full analysis.
DRIFT = 0.05


def analyse_list_tables(connection: Connection) -> None:
    """Analyse in full each of `FULLY_ANALYSED` whose sampled statistics are off (SQLite)."""
    for table in FULLY_ANALYSED:
        if _sampled_count_is_off(connection, table):
            connection.exec_driver_sql("PRAGMA analysis_limit = 0")
            connection.exec_driver_sql(f"ANALYZE {table}")
            connection.exec_driver_sql(f"PRAGMA analysis_limit = {SAMPLE_ROWS}")


def _sampled_count_is_off(connection: Connection, table: str) -> bool:
    """Whether the statistics' row count of `table` is missing or more than `DRIFT` away from
    the table's own: a sampled analysis (or growth since a full one) leaves it so."""
    try:
        stat = connection.exec_driver_sql(
            "SELECT stat FROM sqlite_stat1 WHERE tbl = ? AND idx IS NOT NULL LIMIT 1", (table,)
        ).scalar()
    except OperationalError:  # no statistics at all yet
        stat = None
    rows = connection.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar() or 0  # noqa: S608
    if not rows:
        return False
    estimated = int(str(stat).split()[0]) if stat else 0
    return abs(estimated - rows) > DRIFT * rows


def forget_old_attempts(app: Flask) -> None:
    db: Database = app.extensions["translate_flow.db"]
    with db.transaction() as session:
        forget_attempts(session)
