"""Machine translation's periodic duty: forgetting answers older than the cache keeps them."""

from flask import Flask

from translate_flow.core.db import Database
from translate_flow.machine import cache
from translate_flow.machine.suggesting import cache_days


def forget_old_machine_answers(app: Flask) -> int:
    """Delete the cached answers past MACHINE_CACHE_DAYS (30); how many went. Run by the tick."""
    db: Database = app.extensions["translate_flow.db"]
    with db.transaction() as session:
        return cache.prune(session, days=cache_days(app.config))
