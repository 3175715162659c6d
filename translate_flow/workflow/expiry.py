"""Claim expiry: a reminder before the due date, a nudge on it, back to the pool after a grace.

Run periodically (`translate-flow tick`, the worker's ticker) with the clock passed in, so
the same run at the same moment does nothing twice. Each step is a conditional UPDATE that
re-checks its own condition: two runs at once (cron and a worker) notify exactly once, and a
translator who submits, or a coordinator who re-assigns, in the meantime is left alone.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, select, update
from sqlalchemy.orm import Session, selectinload

from translate_flow.domain.audit import record_event
from translate_flow.domain.models import Event, Translation, TranslationState, User
from translate_flow.domain.workflow import Action

EXPIRING = "claim:expiring"
OVERDUE = "claim:overdue"
RELEASED = "claim:released"
EXPIRED_REASON = "claim expired"

# (person, kind, message, translation): the caller decides how people are told.
Notify = Callable[[User, str, str, Translation], None]


@dataclass
class ExpiryReport:
    reminded: int = 0
    nudged: int = 0
    released: int = 0

    def summary(self) -> str:
        return (
            f"{self.reminded} claim reminder(s), {self.nudged} nudge(s), "
            f"{self.released} expired claim(s) released"
        )


def _day(moment: datetime) -> str:
    return f"{moment.day} {moment:%B %Y}"


def _title(translation: Translation) -> str:
    article = translation.article
    return f"“{article.title}” ({article.source_language}→{translation.target_language})"


def _still_held(translation: Translation) -> list[ColumnElement[bool]]:
    """The claim this run looked at is still the current one: same state, holder and due date."""
    assert translation.translator_id is not None and translation.due_at is not None
    return [
        Translation.id == translation.id,
        Translation.state == TranslationState.DRAFT,
        Translation.translator_id == translation.translator_id,
        Translation.due_at == translation.due_at,
    ]


def _update(
    session: Session,
    translation: Translation,
    conditions: list[ColumnElement[bool]],
    **values: object,
) -> bool:
    """UPDATE the row if `conditions` still hold; True if it did (the object then reloads)."""
    result = session.execute(
        update(Translation)
        .where(*conditions)
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        return False
    session.expire(translation)
    return True


def release_expired(session: Session, translation: Translation, now: datetime) -> Event | None:
    """Give a claim back to the pool as the system; None if it is not held (any more).

    The caller decides that the claim has expired; the UPDATE only goes through while the
    claim is the one the caller saw (same state, translator and due date).

    The same change as `fire(..., Action.RELEASE)`, without a person behind it: the
    workflow lets only the translator or a coordinator release, and here it is the clock.
    The Event has no actor and says why.
    """
    translator_id, due_at = translation.translator_id, translation.due_at
    if translator_id is None or due_at is None:
        return None
    if not _update(
        session,
        translation,
        _still_held(translation),
        state=TranslationState.OPEN,
        translator_id=None,
        claimed_at=None,
        due_at=None,
        updated_at=now,
    ):
        return None
    event = record_event(
        session,
        f"translation:{Action.RELEASE.value}",
        actor=None,
        subject_type="translation",
        subject_id=translation.id,
        **{
            "from": TranslationState.DRAFT.value,
            "to": TranslationState.OPEN.value,
            "reason": EXPIRED_REASON,
            "translator_id": translator_id,
            "due_at": due_at.isoformat(),
        },
    )
    event.created_at = now
    session.flush()
    return event


def _sent_back(translation: Translation) -> bool:
    """Submitted during the current claim and sent back by a reviewer: the due date stays the
    coordinator's (issue 16), and work a reviewer has read is not taken away by the clock;
    the translator is nudged and the board shows it overdue."""
    submitted, claimed = translation.submitted_at, translation.claimed_at
    return submitted is not None and (claimed is None or submitted >= claimed)


def expire_claims(
    session: Session,
    *,
    now: datetime,
    reminder_days: int,
    grace_days: int,
    notify: Notify,
) -> ExpiryReport:
    """Remind, nudge and release claims in draft by their due date; flushes, never commits."""
    report = ExpiryReport()
    remind_from = now + timedelta(days=reminder_days)  # due before this: time to remind
    release_before = now - timedelta(days=grace_days)  # due before this: grace is over
    claims = session.scalars(
        select(Translation)
        .where(
            Translation.state == TranslationState.DRAFT,
            Translation.translator_id.is_not(None),
            Translation.due_at.is_not(None),
            Translation.due_at <= remind_from,
        )
        .options(selectinload(Translation.translator), selectinload(Translation.article))
        .order_by(Translation.due_at, Translation.id)
    ).all()
    for translation in claims:
        translator, due_at = translation.translator, translation.due_at
        assert translator is not None and due_at is not None
        title = _title(translation)
        returned = _sent_back(translation)
        if due_at <= release_before and not returned:
            # Reminders missed while the tick did not run are not sent late: the claim
            # just goes back to the pool, and its translator is told.
            if release_expired(session, translation, now) is None:
                continue
            report.released += 1
            notify(
                translator,
                RELEASED,
                f"{title} went back to the pool: it was due on "
                f"{_day(due_at)} and the claim expired. Claim it again if you are still on it.",
                translation,
            )
        elif due_at <= now:
            if not _update(
                session,
                translation,
                [*_still_held(translation), Translation.nudged_at.is_(None)],
                nudged_at=now,
            ):
                continue
            report.nudged += 1
            release_on = due_at + timedelta(days=grace_days)
            then = (
                "a coordinator may set a new date."
                if returned
                else f"otherwise it goes back to the pool on {_day(release_on)}."
            )
            notify(
                translator,
                OVERDUE,
                f"Still working on {title}? It was due on {_day(due_at)}. "
                f"Submit it, or release it so someone else can take it; {then}",
                translation,
            )
        else:
            if not _update(
                session,
                translation,
                [*_still_held(translation), Translation.reminded_at.is_(None)],
                reminded_at=now,
            ):
                continue
            report.reminded += 1
            notify(
                translator,
                EXPIRING,
                f"Your translation of {title} is due on {_day(due_at)}.",
                translation,
            )
    session.flush()
    return report
