"""Limits on attempts: how a limit is written, the sliding window, and what is forgotten."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from translate_flow.core.errors import TooManyAttempts
from translate_flow.core.limits import (
    Limit,
    forget_old_attempts,
    record_attempt,
    refuse_when_reached,
)
from translate_flow.domain.models import LimitedAttempt

NOW = datetime(2026, 12, 6, 12, 0, tzinfo=UTC)
FIVE_IN_FIVE_MINUTES = Limit(5, timedelta(minutes=5))
ACCOUNT = {"sign-in-account": "someone@example.org"}


@pytest.mark.parametrize(
    ("text", "limit"),
    [
        ("5 per 5 minutes", Limit(5, timedelta(minutes=5))),
        ("10 per hour", Limit(10, timedelta(hours=1))),
        ("3/minute", Limit(3, timedelta(minutes=1))),
        ("100 per 2 days", Limit(100, timedelta(days=2))),
        ("  7 PER 30 Seconds ", Limit(7, timedelta(seconds=30))),
    ],
)
def test_a_limit_is_written_as_people_say_it(text: str, limit: Limit) -> None:
    assert Limit.parse(text) == limit


@pytest.mark.parametrize("text", ["", "five per minute", "0 per hour", "5 per fortnight", "5"])
def test_a_limit_that_is_not_one_is_explained(text: str) -> None:
    with pytest.raises(ValueError, match="5 per 5 minutes"):
        Limit.parse(text)


def _attempts(session, count: int, at: datetime) -> None:  # type: ignore[no-untyped-def]
    for _ in range(count):
        record_attempt(session, ACCOUNT, FIVE_IN_FIVE_MINUTES, now=at)


def test_the_fifth_attempt_is_allowed_and_the_sixth_refused_until_the_first_ages_out(session):
    _attempts(session, 1, NOW - timedelta(minutes=4))
    _attempts(session, 3, NOW - timedelta(minutes=1))
    refuse_when_reached(session, ACCOUNT, FIVE_IN_FIVE_MINUTES, "no", now=NOW)  # four so far
    _attempts(session, 1, NOW)
    with pytest.raises(TooManyAttempts) as refused:
        refuse_when_reached(session, ACCOUNT, FIVE_IN_FIVE_MINUTES, "Wait.", now=NOW)
    assert refused.value.status_code == 429
    assert refused.value.message == "Wait."
    assert refused.value.retry_after == 60  # when the attempt of four minutes ago stops counting
    later = NOW + timedelta(minutes=1, seconds=1)
    refuse_when_reached(session, ACCOUNT, FIVE_IN_FIVE_MINUTES, "no", now=later)


def test_counters_are_kept_apart_by_scope_and_key(session):
    _attempts(session, 5, NOW)
    for other in (
        {"sign-in-account": "someone.else@example.org"},
        {"sign-in-address": "someone@example.org"},
        {"reset-account": "someone@example.org"},
    ):
        refuse_when_reached(session, other, FIVE_IN_FIVE_MINUTES, "no", now=NOW)


def test_any_counter_that_is_full_refuses(session):
    _attempts(session, 5, NOW)
    both = {"sign-in-address": "192.0.2.1", **ACCOUNT}
    with pytest.raises(TooManyAttempts):
        refuse_when_reached(session, both, FIVE_IN_FIVE_MINUTES, "no", now=NOW)


def test_attempts_that_no_longer_count_are_deleted_as_new_ones_come(session):
    _attempts(session, 3, NOW - timedelta(hours=1))
    _attempts(session, 1, NOW)
    count = session.scalar(select(func.count()).select_from(LimitedAttempt))
    assert count == 1


def test_the_tick_forgets_attempts_of_keys_never_seen_again(session):
    record_attempt(session, {"reset-address": "a"}, FIVE_IN_FIVE_MINUTES, now=NOW - timedelta(3))
    record_attempt(session, {"reset-address": "b"}, FIVE_IN_FIVE_MINUTES, now=NOW)
    assert forget_old_attempts(session, now=NOW) == 1
    assert session.scalars(select(LimitedAttempt.key)).all() == ["b"]
