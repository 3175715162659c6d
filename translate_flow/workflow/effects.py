"""What each workflow action does besides moving the state: one function per action.

The table (`translate_flow.domain.workflow`) says who may fire an action, from where, to where
and what must hold; `transitions.fire` checks it, then calls the action's function here. The
function looks at the input (only assigning has any), says which columns the conditional UPDATE
sets and what else that UPDATE must find unchanged, and what follows once the move is written.
Adding an action is adding its row to the table and its function to `EFFECTS`.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import ColumnElement, func, or_
from sqlalchemy.orm import Session

from translate_flow.core.errors import ValidationFailed
from translate_flow.domain.models import Role, Snapshot, Translation, User
from translate_flow.domain.standing import pair_rows
from translate_flow.domain.workflow import Action
from translate_flow.editing import machine_share
from translate_flow.memory import operations as memory
from translate_flow.publishing import publications
from translate_flow.workflow import due_dates


@dataclass(frozen=True)
class Firing:
    """One action being fired, past the table's checks: what its effect may read."""

    session: Session
    translation: Translation
    user: User  # who fires it
    now: datetime
    claim_days: int  # how long a claim runs
    # What an assignment names; other actions send none of it.
    translator: User | None = None
    reviewer: User | None = None
    due_at: datetime | None = None
    # A reviewer's proposed new due date, sent with a change request.
    proposed_due_at: datetime | None = None


def _nothing_follows(_snapshot: Snapshot | None) -> dict[str, Any]:
    return {}


@dataclass(frozen=True)
class Change:
    """What one firing writes besides the state."""

    # Columns the conditional UPDATE sets besides the state and `updated_at`.
    values: dict[str, Any] = field(default_factory=dict)
    # What the UPDATE must still find besides the state: a fact checked before that a
    # concurrent move could change, so that of two people at once exactly one wins.
    still: tuple[ColumnElement[bool], ...] = ()
    # Runs once the move and its snapshot are written; returns what the event records besides
    # the states and the reasons.
    then: Callable[[Snapshot | None], dict[str, Any]] = _nothing_follows


class Seat(StrEnum):
    """A place on a translation that an action gives the person who fires it."""

    TRANSLATOR = "translator"
    REVIEWER = "reviewer"


@dataclass(frozen=True)
class Effect:
    """An action's entry in `EFFECTS`."""

    apply: Callable[[Firing], Change]
    # The seat the action gives the person who fires it: when someone else has it, a refusal
    # for the state or a rule, or a lost race, names them.
    takes: Seat | None = None


def _fresh_claim(now: datetime) -> dict[str, Any]:
    """A new claim's clock: the reminders of the one before it are forgotten."""
    return {"claimed_at": now, "reminded_at": None, "nudged_at": None}


def _due(translation: Translation) -> str | None:
    return translation.due_at.isoformat() if translation.due_at else None


def claim(firing: Firing) -> Change:
    """The claimer becomes the translator, due `claim_days` later."""
    due_at = firing.now + timedelta(days=firing.claim_days)
    return Change(
        values={"translator_id": firing.user.id, "due_at": due_at} | _fresh_claim(firing.now),
        still=(Translation.translator_id.is_(None),),
        then=lambda _snapshot: {"due_at": _due(firing.translation)},
    )


def _check_assignee(translation: Translation, person: User | None, *, reviewing: bool) -> None:
    if person is None:
        return
    role = Role.REVIEWER if reviewing else Role.TRANSLATOR
    pairs = pair_rows(person, translation)
    covers = any(pair.can_review for pair in pairs) if reviewing else bool(pairs)
    if not person.is_active or role not in person.roles or not covers:
        source, target = translation.article.source_language, translation.target_language
        raise ValidationFailed(
            f"{person.display_name} does not {'review' if reviewing else 'translate'} "
            f"{source}→{target}."
        )


def _check_assignment(firing: Firing) -> User:
    """The people and the date an assignment names; returns the translator."""
    translator, reviewer, translation = firing.translator, firing.reviewer, firing.translation
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
    if firing.due_at is not None and firing.due_at <= firing.now:
        raise ValidationFailed("The due date must be in the future.")
    return translator


def assign(firing: Firing) -> Change:
    """A coordinator gives the item to a translator, and a reviewer if they name one, due when
    they say or `claim_days` later. Their input is looked at only now, past who and state."""
    translator = _check_assignment(firing)
    reviewer = firing.reviewer
    values = (
        {
            "translator_id": translator.id,
            "due_at": firing.due_at or firing.now + timedelta(days=firing.claim_days),
        }
        | _fresh_claim(firing.now)
        | due_dates.NO_PROPOSAL
    )
    if reviewer is not None:
        values["reviewer_id"] = reviewer.id
    return Change(
        values=values,
        then=lambda _snapshot: {
            "translator_id": translator.id,
            "reviewer_id": reviewer.id if reviewer else None,
            "due_at": _due(firing.translation),
        },
    )


def back_to_the_pool(_firing: Firing) -> Change:
    """Released or restored: nobody has it and nothing is due."""
    return Change(
        values={"translator_id": None, "claimed_at": None, "due_at": None} | due_dates.NO_PROPOSAL
    )


def _measure(firing: Firing, snapshot: Snapshot | None) -> None:
    """How much of the frozen text is unedited machine output, kept with the snapshot: shown
    to reviewers and on the translation page, never a reason to refuse the move."""
    if snapshot is not None:
        machine_share.record_share(firing.session, firing.translation, snapshot)


def submit(firing: Firing) -> Change:
    def record(snapshot: Snapshot | None) -> dict[str, Any]:
        _measure(firing, snapshot)
        return {}

    return Change(values={"submitted_at": firing.now}, then=record)


def claim_review(firing: Firing) -> Change:
    """The reviewer takes it, unless another reviewer took it in the meantime."""
    return Change(
        values={"reviewer_id": firing.user.id},
        still=(or_(Translation.reviewer_id.is_(None), Translation.reviewer_id == firing.user.id),),
    )


def release_review(_firing: Firing) -> Change:
    return Change(values={"reviewer_id": None})


def _remember(firing: Firing) -> Callable[[Snapshot | None], dict[str, Any]]:
    """Approved text is what the next translator may build on: into the memory it goes."""

    def remember(_snapshot: Snapshot | None) -> dict[str, Any]:
        memory.remember_translation(firing.session, firing.translation)
        return {}

    return remember


def approve(firing: Firing) -> Change:
    """Whoever decides is the reviewer on record, unless one was already named."""

    def record(snapshot: Snapshot | None) -> dict[str, Any]:
        _measure(firing, snapshot)
        return _remember(firing)(snapshot)

    return Change(
        values={"reviewer_id": func.coalesce(Translation.reviewer_id, firing.user.id)},
        then=record,
    )


def back_to_the_translator(firing: Firing) -> Change:
    """Reopened: the translator keeps it, with a fresh period, since the old due date may long
    be past and expiry would take the work away at the next tick."""
    return Change(
        values={
            "reviewer_id": func.coalesce(Translation.reviewer_id, firing.user.id),
            "due_at": firing.now + timedelta(days=firing.claim_days),
            "reminded_at": None,
            "nudged_at": None,
        }
    )


def request_changes(firing: Firing) -> Change:
    """Sent back: the translator keeps it and the due date stays the coordinator's (issue 16).
    A reviewer who finds it past or too close proposes a new one; a coordinator decides."""
    values: dict[str, Any] = {
        "reviewer_id": func.coalesce(Translation.reviewer_id, firing.user.id),
        "proposed_due_at": None,
        "proposed_due_by_id": None,
    }
    proposed = firing.proposed_due_at
    if proposed is not None:
        due_dates.check_proposal(firing.translation, proposed, firing.now)
        values |= {"proposed_due_at": proposed, "proposed_due_by_id": firing.user.id}

    def record(_snapshot: Snapshot | None) -> dict[str, Any]:
        if proposed is None:
            return {}
        due_dates.record_proposal(firing.session, firing.translation, firing.user, firing.now)
        return {"proposed_due_at": proposed.isoformat()}

    return Change(values=values, then=record)


def publish(firing: Firing) -> Change:
    """On the public site with the snapshot just taken; whatever was planned is done with."""

    def record(snapshot: Snapshot | None) -> dict[str, Any]:
        _measure(firing, snapshot)
        if snapshot is not None:
            publications.record_publication(
                firing.session, firing.translation, snapshot, firing.now
            )
        # A correction republished updates the memory's units in place.
        return _remember(firing)(snapshot)

    return Change(values={"publish_at": None, "publish_by_id": None}, then=record)


def _take_down(firing: Firing) -> Callable[[Snapshot | None], dict[str, Any]]:
    def take_down(_snapshot: Snapshot | None) -> dict[str, Any]:
        publications.take_down(firing.session, firing.translation, firing.now)
        # Its units stay in the memory, marked: a match from them says it was taken down.
        memory.mark_withdrawn(firing.session, firing.translation)
        return {}

    return take_down


def unpublish(firing: Firing) -> Change:
    """Off the public site."""
    return Change(then=_take_down(firing))


def withdraw(firing: Firing) -> Change:
    """Off the desk, and off the public site; whatever was planned is done with. The
    translator stays on record."""
    return Change(values={"publish_at": None, "publish_by_id": None}, then=_take_down(firing))


EFFECTS: dict[Action, Effect] = {
    Action.CLAIM: Effect(claim, takes=Seat.TRANSLATOR),
    Action.ASSIGN: Effect(assign),
    Action.RELEASE: Effect(back_to_the_pool),
    Action.SUBMIT: Effect(submit),
    Action.CLAIM_REVIEW: Effect(claim_review, takes=Seat.REVIEWER),
    Action.RELEASE_REVIEW: Effect(release_review),
    Action.REQUEST_CHANGES: Effect(request_changes),
    Action.APPROVE: Effect(approve),
    Action.PUBLISH: Effect(publish),
    Action.UNPUBLISH: Effect(unpublish),
    Action.REOPEN: Effect(back_to_the_translator),
    Action.WITHDRAW: Effect(withdraw),
    Action.RESTORE: Effect(back_to_the_pool),
}
