"""Firing workflow actions on translations: the facts in, the checks, the atomic move, history.

The rules live in `translate_flow.domain.workflow`; this module gathers the facts they need,
moves the state with a conditional UPDATE (two people acting at once: exactly one
wins), and writes the Event and, where the text matters, the Snapshot.
"""

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.orm import Session

from translate_flow.core.errors import (
    Conflict,
    NotFound,
    PermissionDenied,
    TranslateFlowError,
    ValidationFailed,
)
from translate_flow.core.language_filter import base_language
from translate_flow.domain.audit import record_event
from translate_flow.domain.models import (
    Article,
    Event,
    LanguagePair,
    Role,
    Segment,
    Snapshot,
    Translation,
    TranslationSegment,
    TranslationState,
    User,
    utcnow,
)
from translate_flow.domain.permissions import can_manage_articles
from translate_flow.domain.workflow import TRANSITIONS, Action, Actor, Request, Situation, decide
from translate_flow.publishing import publications
from translate_flow.text.languages import get_language

DEFAULT_CLAIM_DAYS = 14
REFUSALS: dict[int, type[TranslateFlowError]] = {
    400: ValidationFailed,
    403: PermissionDenied,
    409: Conflict,
}


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


def _pair(translation: Translation) -> tuple[str, str]:
    return translation.article.source_language, translation.target_language


def pair_rows(user: User, translation: Translation) -> list[LanguagePair]:
    """The person's language pairs that cover this translation (`es` covers `es-AR`)."""
    source, target = _pair(translation)
    return [
        pair
        for pair in user.language_pairs
        if base_language(pair.source_language) == base_language(source)
        and base_language(pair.target_language) == base_language(target)
    ]


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


def standing(user: User, translation: Translation) -> Actor:
    """The person as the workflow sees them, from their roles and pairs alone (no query)."""
    pairs = pair_rows(user, translation)
    return Actor(
        id=user.id,
        roles=user.roles if user.is_active else frozenset(),
        translates_pair=bool(pairs),
        reviews_pair=any(pair.can_review for pair in pairs),
        publishes_pair=any(pair.can_publish for pair in pairs),
        capacity=user.capacity,
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


def holders(translation: Translation) -> Situation:
    """The translation's state and who holds it (no query)."""
    return Situation(
        state=translation.state,
        translator_id=translation.translator_id,
        reviewer_id=translation.reviewer_id,
    )


def situation_of(session: Session, translation: Translation) -> Situation:
    """`holders`, with the count of empty segments (what submitting needs)."""
    return replace(holders(translation), untranslated=untranslated_count(session, translation))


def active_segments(
    session: Session, translation: Translation
) -> list[tuple[TranslationSegment, Segment]]:
    """The translation's rows that are not set aside, with their source, in reading order."""
    rows = session.execute(
        select(TranslationSegment, Segment)
        .join(Segment, Segment.id == TranslationSegment.segment_id)
        .where(
            TranslationSegment.translation_id == translation.id,
            TranslationSegment.set_aside_at.is_(None),
        )
        .order_by(Segment.position)
    )
    return [(row, segment) for row, segment in rows]


def snapshot_rows(session: Session, translation: Translation) -> list[dict[str, Any]]:
    rows = active_segments(session, translation)
    return [
        {
            # The row survives source corrections; snapshots are compared by it.
            "row_id": row.id,
            "segment_id": segment.id,
            "position": segment.position,
            "kind": segment.kind.value,
            "source": segment.text,
            "text": row.text,
            "leave_untranslated": row.leave_untranslated,
        }
        for row, segment in rows
    ]


def _check_assignee(translation: Translation, person: User | None, *, reviewing: bool) -> None:
    if person is None:
        return
    role = Role.REVIEWER if reviewing else Role.TRANSLATOR
    pairs = pair_rows(person, translation)
    covers = any(pair.can_review for pair in pairs) if reviewing else bool(pairs)
    if not person.is_active or role not in person.roles or not covers:
        source, target = _pair(translation)
        raise ValidationFailed(
            f"{person.display_name} does not {'review' if reviewing else 'translate'} "
            f"{source}→{target}."
        )


def _changes(
    action: Action,
    actor: User,
    now: datetime,
    *,
    translator: User | None,
    reviewer: User | None,
    due_at: datetime | None,
    claim_days: int,
) -> dict[str, Any]:
    """The columns an action sets besides the state."""
    fresh_claim = {"claimed_at": now, "reminded_at": None, "nudged_at": None}
    if action == Action.CLAIM:
        return {"translator_id": actor.id, "due_at": now + timedelta(days=claim_days)} | fresh_claim
    if action == Action.ASSIGN:
        assert translator is not None
        values = {
            "translator_id": translator.id,
            "due_at": due_at or now + timedelta(days=claim_days),
        } | fresh_claim
        if reviewer is not None:
            values["reviewer_id"] = reviewer.id
        return values
    if action in (Action.RELEASE, Action.RESTORE):
        return {"translator_id": None, "claimed_at": None, "due_at": None}
    if action == Action.SUBMIT:
        return {"submitted_at": now}
    if action in (Action.PUBLISH, Action.WITHDRAW):
        # Published (or withdrawn) now: whatever was planned for later is done with.
        return {"publish_at": None, "publish_by_id": None}
    if action == Action.CLAIM_REVIEW:
        return {"reviewer_id": actor.id}
    if action == Action.RELEASE_REVIEW:
        return {"reviewer_id": None}
    if action == Action.APPROVE:
        # Whoever decides is the reviewer on record, unless one was already named.
        return {"reviewer_id": func.coalesce(Translation.reviewer_id, actor.id)}
    if action in (Action.REQUEST_CHANGES, Action.REOPEN):
        # Back to the translator with a fresh period: the old due date may long be past,
        # and expiry would otherwise take the work away at the next tick.
        return {
            "reviewer_id": func.coalesce(Translation.reviewer_id, actor.id),
            "due_at": now + timedelta(days=claim_days),
            "reminded_at": None,
            "nudged_at": None,
        }
    return {}


def _who_won(session: Session, translation: Translation, action: Action) -> Conflict:
    session.refresh(translation)
    holder = translation.reviewer if action == Action.CLAIM_REVIEW else translation.translator
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
    claim_days: int = DEFAULT_CLAIM_DAYS,
    now: datetime | None = None,
) -> Fired:
    """Fire `action` as `user`; raises PermissionDenied, Conflict or ValidationFailed."""
    request = request or Request()
    now = now or utcnow()
    situation = situation_of(session, translation)
    actor = actor_for(session, user, translation, lock=action == Action.CLAIM)
    decision = decide(action, actor, situation, request)
    if not decision.allowed or decision.target is None:
        taken = action in (Action.CLAIM, Action.CLAIM_REVIEW) and decision.status == 409
        holder = (
            translation.reviewer_id if action == Action.CLAIM_REVIEW else translation.translator_id
        )
        if taken and holder not in (None, user.id):
            raise _who_won(session, translation, action)
        raise REFUSALS[decision.status](decision.message)
    # Who and when are checked above; only then is the input looked at.
    if action == Action.ASSIGN:
        if translator is None:
            raise ValidationFailed("Choose the translator to assign.")
        _check_assignee(translation, translator, reviewing=False)
        _check_assignee(translation, reviewer, reviewing=True)
        if reviewer is not None and reviewer.id == translator.id:
            raise ValidationFailed("The reviewer must be someone other than the translator.")
        # Nor may the reviewer already on record become the translator.
        if reviewer is None and translation.reviewer_id == translator.id:
            raise ValidationFailed(
                f"{translator.display_name} reviews this item; choose another translator, "
                "or name another reviewer."
            )
        if due_at is not None and due_at <= now:
            raise ValidationFailed("The due date must be in the future.")
    values = _changes(
        action,
        user,
        now,
        translator=translator,
        reviewer=reviewer,
        due_at=due_at,
        claim_days=claim_days,
    )
    # Conditional on what was checked: a concurrent move makes this match no row.
    guard = [Translation.id == translation.id, Translation.state == situation.state]
    if action == Action.CLAIM:
        guard.append(Translation.translator_id.is_(None))
    if action == Action.CLAIM_REVIEW:
        guard.append(or_(Translation.reviewer_id.is_(None), Translation.reviewer_id == user.id))
    result = session.execute(
        update(Translation)
        .where(and_(*guard))
        .values(state=decision.target, updated_at=now, **values)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        raise _who_won(session, translation, action)
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
    # The public site follows: a publish shows the new snapshot; a take-down hides it.
    if action == Action.PUBLISH and snapshot is not None:
        publications.record_publication(session, translation, snapshot, now)
    elif action in (Action.UNPUBLISH, Action.WITHDRAW):
        publications.take_down(session, translation, now)
    payload: dict[str, Any] = {"from": situation.state.value, "to": decision.target.value}
    if request.reason.strip():
        payload["reason"] = request.reason.strip()
    if request.change_reason is not None:
        payload["change_reason"] = request.change_reason.value
    if decision.overridden:
        payload["override"] = request.override.strip()
    if action == Action.CLAIM:
        payload["due_at"] = translation.due_at.isoformat() if translation.due_at else None
    if action == Action.ASSIGN:
        payload["translator_id"] = translator.id if translator else None
        payload["reviewer_id"] = reviewer.id if reviewer else None
        payload["due_at"] = translation.due_at.isoformat() if translation.due_at else None
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


def create_translation(
    session: Session, user: User, article: Article, target_language: str
) -> Translation:
    """Open a translation of `article` into another language (coordinators)."""
    if not can_manage_articles(user):
        raise PermissionDenied("Only coordinators open translations.")
    code = get_language(target_language).code
    if base_language(code) == base_language(article.source_language):
        raise ValidationFailed("The translation must be into another language than the source.")
    exists = session.scalar(
        select(Translation).where(
            Translation.article_id == article.id, Translation.target_language == code
        )
    )
    if exists is not None:
        raise Conflict(f"This article already has a translation into {code}.")
    revision = article.current_revision
    if revision is None:
        raise NotFound("This article has no text yet.")
    translation = Translation(
        article_id=article.id,
        source_language=article.source_language,
        target_language=code,
        source_revision_id=revision.id,
    )
    translation.segments = [TranslationSegment(segment_id=s.id) for s in revision.segments]
    session.add(translation)
    session.flush()
    record_event(
        session,
        "translation:created",
        actor=user,
        subject_type="translation",
        subject_id=translation.id,
        target_language=code,
    )
    return translation
