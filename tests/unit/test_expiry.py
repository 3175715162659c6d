"""Claim expiry with a controllable clock: remind, nudge, release — each once, and only drafts."""

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from translate_flow.domain.models import Event, Role, Translation, TranslationState, User
from translate_flow.domain.workflow import Action
from translate_flow.workflow.expiry import (
    EXPIRING,
    OVERDUE,
    RELEASED,
    ExpiryReport,
    expire_claims,
    release_expired,
)
from translate_flow.workflow.transitions import fire, history

T0 = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
CLAIM_DAYS, REMINDER_DAYS, GRACE_DAYS = 14, 2, 3  # due on day 14, reminded on 12, freed on 17


def day(number: float) -> datetime:
    return T0 + timedelta(days=number)


@dataclass
class Inbox:
    """Stands in for the notifications service: what each person was told."""

    received: list[tuple[int, str, str, int]] = field(default_factory=list)

    def __call__(self, user: User, kind: str, message: str, translation: Translation) -> None:
        self.received.append((user.id, kind, message, translation.id))

    def kinds(self) -> list[str]:
        return [kind for _user, kind, _message, _translation in self.received]


@pytest.fixture
def inbox() -> Inbox:
    return Inbox()


@pytest.fixture
def desk(make_user, make_article, session):  # type: ignore[no-untyped-def]
    """A coordinator, two translators of ja→en and three fresh translations, in `session`."""
    coordinator = make_user(Role.COORDINATOR)
    ids = [make_user(name=name, pairs=["ja→en"]).id for name in ("Aiko", "Ben")]
    articles = [make_article(coordinator, title=f"記事 {n}") for n in range(3)]
    translations = [
        session.scalar(select(Translation).where(Translation.article_id == article.id))
        for article in articles
    ]
    return [session.get(User, i) for i in ids], translations


def run(session, inbox: Inbox, now: datetime) -> tuple[int, int, int]:  # type: ignore[no-untyped-def]
    report: ExpiryReport = expire_claims(
        session, now=now, reminder_days=REMINDER_DAYS, grace_days=GRACE_DAYS, notify=inbox
    )
    return report.reminded, report.nudged, report.released


def claim(session, person: User, translation: Translation, at: datetime) -> None:  # type: ignore[no-untyped-def]
    fire(session, person, translation, Action.CLAIM, claim_days=CLAIM_DAYS, now=at)


def test_a_claim_is_reminded_nudged_and_released_once_each(session, desk, inbox):
    (aiko, _ben), (translation, *_rest) = desk
    claim(session, aiko, translation, day(0))
    assert translation.due_at == day(14)

    assert run(session, inbox, day(11.9)) == (0, 0, 0)  # before the reminder window
    assert run(session, inbox, day(12)) == (1, 0, 0)
    assert translation.reminded_at == day(12)
    assert run(session, inbox, day(12)) == (0, 0, 0)  # the same run again: nothing more
    assert run(session, inbox, day(13.5)) == (0, 0, 0)
    assert run(session, inbox, day(14)) == (0, 1, 0)  # the due date
    assert translation.nudged_at == day(14)
    assert run(session, inbox, day(16.9)) == (0, 0, 0)
    assert translation.state == TranslationState.DRAFT
    assert run(session, inbox, day(17)) == (0, 0, 1)  # grace is over
    assert run(session, inbox, day(17)) == (0, 0, 0)
    assert run(session, inbox, day(40)) == (0, 0, 0)

    assert inbox.kinds() == [EXPIRING, OVERDUE, RELEASED]
    assert {user_id for user_id, *_ in inbox.received} == {aiko.id}
    assert {translation_id for *_, translation_id in inbox.received} == {translation.id}
    reminder, nudge, released = (message for _u, _k, message, _t in inbox.received)
    assert "(ja→en) is due on 15 March 2025" in reminder
    assert nudge.startswith("Still working on “記事 0” (ja→en)?")
    assert "went back to the pool" in released

    assert translation.state == TranslationState.OPEN
    assert (translation.translator_id, translation.claimed_at, translation.due_at) == (
        None,
        None,
        None,
    )
    last = history(session, translation)[-1]
    assert (last.action, last.actor_id, last.created_at) == ("translation:release", None, day(17))
    assert last.payload == {
        "from": "draft",
        "to": "open",
        "reason": "claim expired",
        "translator_id": aiko.id,
        "due_at": day(14).isoformat(),
    }


def test_a_claim_claimed_again_gets_fresh_reminders(session, desk, inbox):
    (aiko, ben), (translation, *_rest) = desk
    claim(session, aiko, translation, day(0))
    for moment in (day(12), day(14), day(17)):
        run(session, inbox, moment)
    claim(session, ben, translation, day(18))  # due on day 32

    assert (translation.reminded_at, translation.nudged_at) == (None, None)
    assert run(session, inbox, day(29.9)) == (0, 0, 0)
    assert run(session, inbox, day(30)) == (1, 0, 0)
    assert run(session, inbox, day(32)) == (0, 1, 0)
    assert [(user_id, kind) for user_id, kind, *_ in inbox.received[3:]] == [
        (ben.id, EXPIRING),
        (ben.id, OVERDUE),
    ]


def test_a_claim_found_long_expired_is_released_without_late_reminders(session, desk, inbox):
    (aiko, _ben), (translation, *_rest) = desk
    claim(session, aiko, translation, day(0))

    assert run(session, inbox, day(25)) == (0, 0, 1)
    assert inbox.kinds() == [RELEASED]


def test_only_claims_in_draft_are_touched(session, desk, inbox):
    (aiko, ben), (submitted, pooled, drafted) = desk
    claim(session, aiko, submitted, day(0))
    for segment in submitted.segments:
        segment.text = "Translated."
    fire(session, aiko, submitted, Action.SUBMIT, now=day(1))
    claim(session, ben, drafted, day(10))  # due on day 24: not yet
    events_before = session.scalars(select(Event.id)).all()

    assert run(session, inbox, day(20)) == (0, 0, 0)
    assert inbox.received == []
    assert (submitted.state, submitted.translator_id) == (TranslationState.IN_REVIEW, aiko.id)
    assert (submitted.reminded_at, submitted.nudged_at) == (None, None)
    assert pooled.state == TranslationState.OPEN
    assert drafted.reminded_at is None
    assert session.scalars(select(Event.id)).all() == events_before


def test_releasing_what_nobody_holds_does_nothing(session, desk):
    _people, (translation, *_rest) = desk

    assert release_expired(session, translation, day(30)) is None
    assert translation.state == TranslationState.OPEN
    assert [e.action for e in history(session, translation)] == ["translation:created"]
