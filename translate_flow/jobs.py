"""Background work after a request commits: inline by default, on RQ when Redis is configured."""

import logging
from typing import Any

from flask import Flask, current_app

from translate_flow.db import Database
from translate_flow.mailer import deliver_pending, sender_for

log = logging.getLogger(__name__)
QUEUE_NAME = "translate_flow"


def deliver_outbox(app: Flask) -> int:
    """Send what is waiting in the outbox with the app's mail settings."""
    db: Database = app.extensions["translate_flow.db"]
    return deliver_pending(db, sender_for(app.config["SMTP_URL"]), app.config["MAIL_FROM"])


def _run_in_worker(job_name: str) -> Any:
    """Entry point RQ imports in the worker, which has already built the app (see cli.worker)."""
    return JOBS[job_name](current_app._get_current_object())  # type: ignore[attr-defined]


JOBS = {"deliver_outbox": deliver_outbox}


def enqueue(app: Flask, job_name: str) -> None:
    """Run a job now (embedded setup) or hand it to the RQ worker (Redis configured)."""
    if job_name not in JOBS:
        raise KeyError(job_name)
    redis_url = app.config.get("REDIS_URL")
    if not redis_url or app.config.get("JOBS_INLINE"):
        try:
            JOBS[job_name](app)
        except Exception:
            # The change that queued the job is committed; the outbox keeps the
            # message for the next run, so a failure here must not fail the request.
            log.exception("inline job %s failed", job_name)
        return
    from redis import Redis
    from rq import Queue

    Queue(QUEUE_NAME, connection=Redis.from_url(redis_url)).enqueue(
        "translate_flow.jobs._run_in_worker", job_name
    )
