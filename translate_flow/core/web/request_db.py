"""The database session of the current request, and what runs once it has committed."""

from flask import Flask, current_app, g, request
from sqlalchemy.orm import Session

from translate_flow.core import jobs
from translate_flow.core.db import Database
from translate_flow.core.passwords import Passwords

READ_ONLY_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def database(app: Flask | None = None) -> Database:
    db: Database = (app or current_app).extensions["translate_flow.db"]
    return db


def passwords() -> Passwords:
    hasher: Passwords = current_app.extensions["translate_flow.passwords"]
    return hasher


def db_session() -> Session:
    """One session per request: read-only requests never take SQLite's write lock."""
    if "db_session" not in g:
        g.db_session = database().session(write=request.method not in READ_ONLY_METHODS)
        g.after_commit = []
    session: Session = g.db_session
    return session


def after_commit(job_name: str) -> None:
    """Run a job (e-mail, …) only once the request's change is safely committed."""
    db_session()
    if job_name not in g.after_commit:
        g.after_commit.append(job_name)


def commit() -> None:
    """The request's single commit; queued jobs start only after it succeeds."""
    db_session().commit()
    queued, g.after_commit = g.after_commit, []
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    for job_name in queued:
        jobs.enqueue(app, job_name)


def rollback() -> None:
    """Undo the request's unfinished change, so that an error page can still read."""
    if "db_session" in g:
        g.db_session.rollback()


def close_session(_error: BaseException | None = None) -> None:
    session = g.pop("db_session", None)
    if session is not None:
        session.close()  # rolls back whatever was not committed


def release_before_slow_io() -> None:
    """End the request's transaction before waiting on the network.

    A write request on SQLite holds the database's write lock from its first query;
    fetching a page for up to ten seconds must not make every other writer wait.
    Only reads have happened by then, so committing writes nothing.
    """
    if "db_session" in g:
        g.db_session.commit()
