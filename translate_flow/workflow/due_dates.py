"""A reviewer's proposed due date, and a coordinator's answer to it.

The due date is the coordinator's (issue 16): sending work back keeps it. When it has passed,
or is too close for the translator to fix anything, the reviewer may propose a new one with the
change request; a coordinator accepts it (the due date moves) or declines it. Proposal, accept
and decline are events in the translation's history.
"""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session, selectinload

from translate_flow.core.errors import Conflict, PermissionDenied, ValidationFailed
from translate_flow.domain.audit import record_event
from translate_flow.domain.models import Translation, User
from translate_flow.domain.permissions import can_coordinate_translations

# A due date closer than this leaves the translator too little time to act on a review.
PROPOSAL_WINDOW = timedelta(hours=48)
# How far ahead a proposal may reach: a typo of a year is refused, not accepted by a click.
LONGEST_PROPOSAL = timedelta(days=365)

PROPOSED = "translation:due_proposed"
ACCEPTED = "translation:due_accepted"
DECLINED = "translation:due_declined"

NO_PROPOSAL: dict[str, Any] = {"proposed_due_at": None, "proposed_due_by_id": None}


def _aware(moment: datetime) -> datetime:
    # SQLite hands back naive datetimes; every moment here is UTC.
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def may_propose(translation: Translation, now: datetime) -> bool:
    """Whether the due date has passed or falls within `PROPOSAL_WINDOW` of `now`."""
    if translation.due_at is None:
        return False
    return _aware(translation.due_at) <= now + PROPOSAL_WINDOW


def has_passed(translation: Translation, now: datetime) -> bool:
    return translation.due_at is not None and _aware(translation.due_at) <= now


def check_proposal(translation: Translation, proposed: datetime, now: datetime) -> None:
    """Raises ValidationFailed unless a reviewer may propose `proposed` now."""
    if translation.due_at is None:
        raise ValidationFailed("This translation has no due date to move; leave the date empty.")
    if not may_propose(translation, now):
        raise ValidationFailed(
            "The due date is more than 48 hours away, so it stays as the coordinator set it; "
            "leave the proposed date empty."
        )
    if _aware(proposed) <= now:
        raise ValidationFailed("The proposed due date must be in the future.")
    if _aware(proposed) > now + LONGEST_PROPOSAL:
        raise ValidationFailed("The proposed due date must be within a year from now.")


def record_proposal(session: Session, translation: Translation, user: User, now: datetime) -> None:
    """The proposal's own event, beside the change request's (`fire` has written the columns)."""
    session.refresh(translation)
    proposed = translation.proposed_due_at
    assert proposed is not None
    event = record_event(
        session,
        PROPOSED,
        actor=user,
        subject_type="translation",
        subject_id=translation.id,
        due_at=iso(translation.due_at),
        proposed_due_at=_aware(proposed).isoformat(),
    )
    event.created_at = now


def iso(moment: datetime | None) -> str | None:
    return _aware(moment).isoformat() if moment is not None else None


@dataclass(frozen=True)
class Proposal:
    """A proposal waiting for a coordinator, as pages and the desk show it."""

    due_at: datetime | None  # the coordinator's date, as it stands
    proposed_due_at: datetime
    proposed_by: str  # the reviewer's name, or "" when their account is gone


def pending_proposal(translation: Translation) -> Proposal | None:
    if translation.proposed_due_at is None:
        return None
    proposer = translation.proposed_due_by
    return Proposal(
        due_at=_aware(translation.due_at) if translation.due_at else None,
        proposed_due_at=_aware(translation.proposed_due_at),
        proposed_by=proposer.display_name if proposer is not None else "",
    )


def pending_proposals(session: Session, *, limit: int = 50) -> list[Translation]:
    """Translations whose proposed due date waits for a coordinator, the most urgent first:
    for the coordinator's desk."""
    return list(
        session.scalars(
            select(Translation)
            .where(Translation.proposed_due_at.is_not(None))
            .options(selectinload(Translation.article), selectinload(Translation.proposed_due_by))
            .order_by(Translation.due_at, Translation.id)
            .limit(limit)
        )
    )


def _decide(
    session: Session,
    user: User,
    translation: Translation,
    *,
    accept: bool,
    expected: datetime | None,
    now: datetime,
) -> datetime:
    """Accept or decline the proposal; returns the date proposed. Flushes, never commits."""
    if not can_coordinate_translations(user):
        raise PermissionDenied("Only coordinators decide on a proposed due date.")
    proposed = translation.proposed_due_at
    if proposed is None:
        raise Conflict("There is no proposed due date to decide on: it was decided already.")
    # The person decided on the date they saw; a newer proposal needs a look first.
    if expected is not None and _aware(expected) != _aware(proposed):
        raise Conflict("The proposal changed since you looked; read it again and decide.")
    if accept and _aware(proposed) <= now:
        raise ValidationFailed(
            "The proposed date has passed; decline it and set a new date by assigning."
        )
    old_due = translation.due_at
    values: dict[str, Any] = dict(NO_PROPOSAL, updated_at=now)
    if accept:
        # A new date starts the reminders afresh.
        values |= {"due_at": proposed, "reminded_at": None, "nudged_at": None}
    result = session.execute(
        update(Translation)
        .where(Translation.id == translation.id, Translation.proposed_due_at == proposed)
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        raise Conflict("Someone decided on this proposal a moment ago; reload to see.")
    session.refresh(translation)
    event = record_event(
        session,
        ACCEPTED if accept else DECLINED,
        actor=user,
        subject_type="translation",
        subject_id=translation.id,
        due_at=iso(old_due),
        proposed_due_at=iso(proposed),
    )
    event.created_at = now
    session.flush()
    return _aware(proposed)


def accept_proposal(
    session: Session,
    user: User,
    translation: Translation,
    *,
    now: datetime,
    expected: datetime | None = None,
) -> datetime:
    """The due date becomes the proposed one; returns it."""
    return _decide(session, user, translation, accept=True, expected=expected, now=now)


def decline_proposal(
    session: Session,
    user: User,
    translation: Translation,
    *,
    now: datetime,
    expected: datetime | None = None,
) -> datetime:
    """The due date stays; the proposal is dropped. Returns the date that was proposed."""
    return _decide(session, user, translation, accept=False, expected=expected, now=now)
