"""Firing workflow actions on translations: the facts in, the checks, the atomic move, history.

The rules live in `translate_flow.domain.workflow`, and what each action writes besides the
state in `translate_flow.workflow.effects`; this module gathers the facts the rules need,
moves the state with a conditional UPDATE (two people acting at once: exactly one wins), and
writes the Event and, where the text matters, the Snapshot.
"""

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import and_, func, select, update
from sqlalchemy.orm import Session

from translate_flow.core.errors import (
    Conflict,
    NotFound,
    PermissionDenied,
    TranslateFlowError,
    ValidationFailed,
)
from translate_flow.domain.audit import record_event
from translate_flow.domain.models import (
    Event,
    Segment,
    Snapshot,
    Translation,
    TranslationSegment,
    TranslationState,
    User,
    utcnow,
)
from translate_flow.domain.standing import holders, standing

# Where the facts read from loaded objects live; editing, notifications and the assignment
# screen still import them from here.
from translate_flow.domain.workflow import (
    TRANSITIONS,
    Action,
    Actor,
    Decision,
    EditDecision,
    Refusal,
    Request,
    Situation,
    decide,
)
from translate_flow.workflow.effects import EFFECTS, Firing, Seat

# Opening a translation lives in `opening`; the API and the tests still import it from here.

DEFAULT_CLAIM_DAYS = 14
# The error each kind of refusal of the table becomes.
ERRORS: dict[Refusal, type[TranslateFlowError]] = {
    Refusal.WHO: PermissionDenied,
    Refusal.STATE: Conflict,
    Refusal.RULE: Conflict,
    Refusal.INPUT: ValidationFailed,
}


def refusal_error(decision: Decision | EditDecision) -> TranslateFlowError:
    """The error to raise for a refused decision of the table."""
    if decision.refusal is None:
        raise ValueError("The decision refuses nothing.")
    return ERRORS[decision.refusal](decision.message)


@dataclass(frozen=True)
class Fired:
    """What an action did: for notifications and for the answer to the person."""

    translation: Translation
    action: Action
    actor: User
    from_state: TranslationState
    to_state: TranslationState
    event: Event
    snapshot: Snapshot | None


def get_translation(session: Session, translation_id: int) -> Translation:
    translation = session.get(Translation, translation_id)
    if translation is None:
        raise NotFound("There is no such translation.")
    return translation


def open_items(session: Session, user_id: int, *, lock: bool = False) -> int:
    """Translations a person holds in draft: what capacity counts.

    With `lock`, the person's row is locked first (PostgreSQL; SQLite writers already
    take turns), so two claims by one person at once cannot both pass the capacity check.
    """
    if lock:
        session.execute(select(User.id).where(User.id == user_id).with_for_update())
    return (
        session.scalar(
            select(func.count())
            .select_from(Translation)
            .where(
                Translation.translator_id == user_id, Translation.state == TranslationState.DRAFT
            )
        )
        or 0
    )


def actor_for(
    session: Session, user: User, translation: Translation, *, lock: bool = False
) -> Actor:
    """`standing`, with the items the person holds (what capacity counts)."""
    return replace(standing(user, translation), open_items=open_items(session, user.id, lock=lock))


def untranslated_count(session: Session, translation: Translation) -> int:
    """Segments still empty: neither translated nor marked "leave untranslated".

    Counted here, not in SQL: SQL's trim() strips spaces only, and a segment holding
    a line break or a full-width space (U+3000) is as empty as one holding nothing.
    """
    texts = session.scalars(
        select(TranslationSegment.text).where(
            TranslationSegment.translation_id == translation.id,
            TranslationSegment.set_aside_at.is_(None),
            TranslationSegment.leave_untranslated.is_(False),
        )
    )
    return sum(1 for text in texts if not text.strip())


def situation_of(session: Session, translation: Translation) -> Situation:
    """`holders`, with the count of empty segments (what submitting needs)."""
    return replace(holders(translation), untranslated=untranslated_count(session, translation))


def active_segments(
    session: Session, translation: Translation
) -> list[tuple[TranslationSegment, Segment]]:
    """The translation's rows that are not set aside, with their source, in reading order."""
    rows = session.execute(
        TranslationSegment.active_in(translation.id, TranslationSegment, Segment)
    )
    return [(row, segment) for row, segment in rows]


def snapshot_rows(session: Session, translation: Translation) -> list[dict[str, Any]]:
    """The text as a snapshot freezes it: each row's translation and its source."""
    rows = active_segments(session, translation)
    return [
        {
            # The row survives source corrections; snapshots are compared by it.
            "row_id": row.id,
            "segment_id": segment.id,
            "position": segment.position,
            "kind": segment.kind.value,
            "source": segment.text,
            # The source's inline markup as it was: a snapshot renders its links and emphasis
            # (and a segment left untranslated) as published, whatever later corrections do.
            "source_html": segment.html,
            "text": row.text,
            "leave_untranslated": row.leave_untranslated,
        }
        for row, segment in rows
    ]


def _who_won(session: Session, translation: Translation, seat: Seat) -> Conflict:
    session.refresh(translation)
    holder = translation.reviewer if seat is Seat.REVIEWER else translation.translator
    if holder is not None:
        return Conflict(f"{holder.display_name} took it a moment before you.")
    return Conflict("Someone changed this translation a moment ago; reload and try again.")


def fire(
    session: Session,
    user: User,
    translation: Translation,
    action: Action,
    *,
    request: Request | None = None,
    translator: User | None = None,
    reviewer: User | None = None,
    due_at: datetime | None = None,
    proposed_due_at: datetime | None = None,
    claim_days: int = DEFAULT_CLAIM_DAYS,
    now: datetime | None = None,
) -> Fired:
    """Fire `action` as `user`; raises PermissionDenied, Conflict or ValidationFailed."""
    request = request or Request()
    now = now or utcnow()
    effect = EFFECTS[action]
    situation = situation_of(session, translation)
    actor = actor_for(session, user, translation, lock=TRANSITIONS[action].weighs_capacity)
    decision = decide(action, actor, situation, request)
    if decision.refusal is not None or decision.target is None:
        seat = effect.takes
        if seat is not None and decision.refusal in (Refusal.STATE, Refusal.RULE):
            holder = translation.reviewer_id if seat is Seat.REVIEWER else translation.translator_id
            if holder not in (None, user.id):
                raise _who_won(session, translation, seat)
        raise refusal_error(decision)
    # Who and when are checked above; only then does the action look at the input.
    change = effect.apply(
        Firing(
            session,
            translation,
            user,
            now,
            claim_days,
            translator=translator,
            reviewer=reviewer,
            due_at=due_at,
            proposed_due_at=proposed_due_at,
        )
    )
    # Conditional on what was checked: a concurrent move makes this match no row.
    guard = [Translation.id == translation.id, Translation.state == situation.state, *change.still]
    result = session.execute(
        update(Translation)
        .where(and_(*guard))
        .values(state=decision.target, updated_at=now, **change.values)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        raise _who_won(session, translation, effect.takes or Seat.TRANSLATOR)
    session.refresh(translation)
    snapshot = None
    if TRANSITIONS[action].snapshot:
        snapshot = Snapshot(
            translation_id=translation.id,
            action=action.value,
            state=decision.target,
            actor_id=user.id,
            source_revision_id=translation.source_revision_id,
            segments=snapshot_rows(session, translation),
            created_at=now,
        )
        session.add(snapshot)
        session.flush()
    payload: dict[str, Any] = {"from": situation.state.value, "to": decision.target.value}
    if request.reason.strip():
        payload["reason"] = request.reason.strip()
    if request.change_reason is not None:
        payload["change_reason"] = request.change_reason.value
    if decision.overridden:
        payload["override"] = request.override.strip()
    # What follows the move (the public site follows a publish or a take-down), and what the
    # event records of it.
    payload |= change.then(snapshot)
    event = record_event(
        session,
        f"translation:{action.value}",
        actor=user,
        subject_type="translation",
        subject_id=translation.id,
        **payload,
    )
    event.created_at = now
    session.flush()
    return Fired(translation, action, user, situation.state, decision.target, event, snapshot)


def history(session: Session, translation: Translation) -> list[Event]:
    """Every event of the translation, oldest first."""
    return list(
        session.scalars(
            select(Event)
            .where(Event.subject_type == "translation", Event.subject_id == translation.id)
            .order_by(Event.id)
        )
    )
