"""Work sent back to its translator: why, by whom, and where to look.

The editor's banner and the desk's "My work" read it from here: the last change request of a
translation still with its translator for that round, the reviewer's reason and text, the
segments the reviewer changed and the comments they wrote in that review.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from translate_flow.domain.models import (
    Comment,
    Event,
    Snapshot,
    Translation,
    TranslationSegment,
    TranslationState,
    User,
)
from translate_flow.domain.workflow import Action, ChangeReason

REASON_LABELS = {
    ChangeReason.ACCURACY: "Accuracy",
    ChangeReason.OMISSION: "Omission",
    ChangeReason.TERMINOLOGY: "Terminology",
    ChangeReason.STYLE: "Style",
    ChangeReason.HEADLINE: "Headline",
    ChangeReason.OTHER: "Other",
}
# The moves after which a translation is no longer "returned": submitted again, or taken off.
_ROUND_ENDS = {
    f"translation:{a.value}"
    for a in (Action.SUBMIT, Action.RELEASE, Action.ASSIGN, Action.WITHDRAW, Action.REOPEN)
}
_RETURNED = f"translation:{Action.REQUEST_CHANGES.value}"


@dataclass(frozen=True)
class ReturnComment:
    id: int
    segment_id: int | None  # the source segment's id (the editor's row), None: the whole text
    body: str


@dataclass(frozen=True)
class Return:
    """The change request the translator is working on."""

    translation_id: int
    at: datetime
    reviewer: str  # the reviewer's name; "" when their account is gone
    change_reason: ChangeReason | None
    reason_label: str  # "Terminology"
    text: str  # the reviewer's own words; may be empty
    # Source segment ids of the rows the reviewer changed in that review, in reading order.
    changed_segment_ids: tuple[int, ...] = ()
    comments: tuple[ReturnComment, ...] = ()  # what the reviewer wrote in that review


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _open_returns(session: Session, translation_ids: list[int]) -> dict[int, Event]:
    """Each translation's change request, when nothing has ended that round since."""
    events = session.scalars(
        select(Event)
        .where(
            Event.subject_type == "translation",
            Event.subject_id.in_(translation_ids),
            Event.action.in_({_RETURNED, *_ROUND_ENDS}),
        )
        .order_by(Event.id)
    )
    last: dict[int, Event] = {}
    for event in events:
        last[event.subject_id] = event
    return {tid: e for tid, e in last.items() if e.action == _RETURNED}


def _changed_segments(session: Session, translation: Translation, at: datetime) -> tuple[int, ...]:
    """Rows whose text differs between the last submit and the change request's snapshot."""
    snapshots = list(
        session.scalars(
            select(Snapshot)
            .where(
                Snapshot.translation_id == translation.id,
                Snapshot.action.in_({Action.SUBMIT.value, Action.REQUEST_CHANGES.value}),
            )
            .order_by(Snapshot.id.desc())
            .limit(2)
        )
    )
    if len(snapshots) < 2 or snapshots[0].action != Action.REQUEST_CHANGES.value:
        return ()
    returned, submitted = snapshots
    before = {row.get("row_id"): row.get("text") for row in submitted.segments}
    return tuple(
        row["segment_id"]
        for row in sorted(returned.segments, key=lambda r: r.get("position", 0))
        if row.get("row_id") in before and before[row.get("row_id")] != row.get("text")
    )


def _review_comments(
    session: Session, translation: Translation, reviewer_id: int | None, until: datetime
) -> tuple[ReturnComment, ...]:
    """Comments the reviewer wrote since the last submit, up to the change request."""
    if reviewer_id is None or translation.submitted_at is None:
        return ()
    rows = session.execute(
        select(Comment.id, TranslationSegment.segment_id, Comment.body)
        .outerjoin(TranslationSegment, TranslationSegment.id == Comment.translation_segment_id)
        .where(
            Comment.translation_id == translation.id,
            Comment.author_id == reviewer_id,
            Comment.created_at >= translation.submitted_at,
            Comment.created_at <= until,
        )
        .order_by(Comment.id)
    ).all()
    return tuple(ReturnComment(cid, sid, body) for cid, sid, body in rows)


def _as_return(session: Session, translation: Translation, event: Event, *, full: bool) -> Return:
    payload = event.payload or {}
    value = payload.get("change_reason")
    reason = ChangeReason(value) if value in set(ChangeReason) else None
    reviewer = session.get(User, event.actor_id) if event.actor_id is not None else None
    return Return(
        translation_id=translation.id,
        at=_aware(event.created_at),
        reviewer=reviewer.display_name if reviewer is not None else "",
        change_reason=reason,
        reason_label=REASON_LABELS[reason] if reason is not None else "",
        text=str(payload.get("reason") or ""),
        changed_segment_ids=_changed_segments(session, translation, event.created_at)
        if full
        else (),
        comments=_review_comments(session, translation, event.actor_id, event.created_at)
        if full
        else (),
    )


def last_return(session: Session, translation: Translation) -> Return | None:
    """The change request the translator has to act on, or None (not in draft, not sent
    back, or submitted again since)."""
    if translation.state != TranslationState.DRAFT:
        return None
    event = _open_returns(session, [translation.id]).get(translation.id)
    return _as_return(session, translation, event, full=True) if event is not None else None


def returned_items(session: Session, translations: Iterable[Translation]) -> dict[int, Return]:
    """For a list (the desk's "My work"): the returned ones among `translations`, by id, with
    reason and text but without segments and comments; one query for the events."""
    drafts = {t.id: t for t in translations if t.state == TranslationState.DRAFT}
    if not drafts:
        return {}
    events = _open_returns(session, list(drafts))
    return {
        tid: _as_return(session, drafts[tid], event, full=False) for tid, event in events.items()
    }
