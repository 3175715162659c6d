"""The capacity part of the desk's statistics, kept a minute in each process.

Capacity is "now" (open items, drafts, people), not over the period, and reading it costs more
than the rest of the report at 100,000 articles (about 170 ms of 300 on PostgreSQL): it grows
with the desk, not with the period. A coordinator moving between periods and filters reads it
once a minute; what they see of it is at most `KEEP_SECONDS` old (the page says so). The
period's figures are always read afresh.
"""

import time
from datetime import datetime

from sqlalchemy.orm import Session

from translate_flow.statistics.figures import Capacity, capacity_now
from translate_flow.statistics.report import Filters

KEEP_SECONDS = 60.0
# Key: the database, and what capacity depends on (the pair, the translator, the period's
# days for its active translators); value: when it was read (monotonic), the reading.
_KEPT: dict[tuple[object, ...], tuple[float, Capacity]] = {}
_MOST_KEPT = 64


def kept_capacity(session: Session, filters: Filters, now: datetime) -> Capacity:
    database = session.get_bind().engine.url.render_as_string(hide_password=True)
    key = (
        database,
        filters.start,
        filters.end,
        filters.source_language,
        filters.target_language,
        filters.translator_id,
    )
    moment = time.monotonic()
    kept = _KEPT.get(key)
    if kept is not None and moment - kept[0] < KEEP_SECONDS:
        return kept[1]
    reading = capacity_now(session, filters, now)
    if len(_KEPT) >= _MOST_KEPT:
        _KEPT.clear()
    _KEPT[key] = (moment, reading)
    return reading


def forget() -> None:
    """For tests that change the desk between two readings."""
    _KEPT.clear()
