"""Limits on attempts: failed sign-ins, password-reset requests, readers' comments.

Counted in the database, where every worker process sees the same numbers. Counters kept in
each process's memory let a second gunicorn worker double every limit (the eighth wrong
password was the first refused with two workers); Redis fixed that only where it was set up.
The window slides: an attempt counts for `window` after it was made.
"""

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from translate_flow.core.errors import TooManyAttempts
from translate_flow.domain.models import utcnow
from translate_flow.domain.models.limits import LimitedAttempt

_UNITS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400}
_LIMIT = re.compile(
    r"^\s*(?P<count>\d+)\s*(?:per|/)\s*(?P<every>\d+)?\s*(?P<unit>second|minute|hour|day)s?\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Limit:
    attempts: int
    window: timedelta

    @classmethod
    def parse(cls, text: str) -> "Limit":
        """ "5 per 5 minutes", "10 per hour", "3/minute"; ValueError says what is expected."""
        match = _LIMIT.match(text)
        if not match or int(match["count"]) < 1:
            raise ValueError(
                f"“{text}” is not a limit: write it like “5 per 5 minutes” or “10 per hour”."
            )
        seconds = int(match["every"] or 1) * _UNITS[match["unit"].lower()]
        return cls(int(match["count"]), timedelta(seconds=seconds))


def refuse_when_reached(
    session: Session,
    counters: Mapping[str, str],
    limit: Limit,
    message: str,
    *,
    now: datetime | None = None,
) -> None:
    """TooManyAttempts when any counter (scope → key, such as the account and the client
    address) has used up its attempts within the window."""
    now = now or utcnow()
    since = now - limit.window
    for scope, key in counters.items():
        counted = session.execute(
            select(func.count(), func.min(LimitedAttempt.attempted_at)).where(
                LimitedAttempt.scope == scope,
                LimitedAttempt.key == key,
                LimitedAttempt.attempted_at > since,
            )
        ).one()
        count, oldest = counted
        if count >= limit.attempts:
            lifts_in = (oldest + limit.window - now).total_seconds() if oldest else 1
            raise TooManyAttempts(message, retry_after=max(1, math.ceil(lifts_in)))


def record_attempt(
    session: Session,
    counters: Mapping[str, str],
    limit: Limit,
    *,
    now: datetime | None = None,
) -> None:
    """Counts one attempt on each counter; its attempts that no longer count are removed."""
    now = now or utcnow()
    for scope, key in counters.items():
        session.execute(
            delete(LimitedAttempt).where(
                LimitedAttempt.scope == scope,
                LimitedAttempt.key == key,
                LimitedAttempt.attempted_at <= now - limit.window,
            )
        )
        session.add(LimitedAttempt(scope=scope, key=key, attempted_at=now))
    session.flush()


# Longer than any window the desk configures; attempts of keys never seen again go here.
FORGET_AFTER = timedelta(days=2)


def forget_old_attempts(session: Session, *, now: datetime | None = None) -> int:
    """Deletes attempts that no limit counts any more; how many went."""
    cutoff = (now or utcnow()) - FORGET_AFTER
    result = session.execute(delete(LimitedAttempt).where(LimitedAttempt.attempted_at < cutoff))
    return int(getattr(result, "rowcount", 0) or 0)
