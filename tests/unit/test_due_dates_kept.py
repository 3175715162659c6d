"""The due date is the coordinator's (issue 16): sending work back keeps it; a reviewer may
propose a new one when it has passed or is close, and a coordinator accepts or declines it."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from tests.unit.workflow_cast import FULL_REQUEST, START, S, bring_to, english_translations
from tests.web.snapshot import database_snapshot
from translate_flow.core.errors import Conflict, PermissionDenied, ValidationFailed
from translate_flow.domain.models import Event
from translate_flow.domain.workflow import Action
from translate_flow.workflow import due_dates
from translate_flow.workflow.expiry import expire_claims
from translate_flow.workflow.transitions import fire


def _in_review(session, cast):
    translation, _ = english_translations(session)
    bring_to(session, cast, translation, S.IN_REVIEW)
    assert translation.due_at is not None
    return translation


def _send_back(session, cast, translation, *, now, proposed=None):
    return fire(
        session,
        cast.person(session, "reviewer"),
        translation,
        Action.REQUEST_CHANGES,
        request=FULL_REQUEST,
        proposed_due_at=proposed,
        now=now,
    )


def _actions(session, translation):
    return [
        (e.action, e.payload)
        for e in session.scalars(
            select(Event).where(Event.subject_id == translation.id).order_by(Event.id)
        )
    ]


def test_requesting_changes_leaves_the_coordinators_due_date_alone(cast, session):
    translation = _in_review(session, cast)
    due = translation.due_at
    _send_back(session, cast, translation, now=START + timedelta(days=40))
    assert translation.state == S.DRAFT
    assert translation.due_at == due
    assert translation.proposed_due_at is None


def test_a_reviewer_proposes_a_date_when_the_due_date_has_passed(cast, session):
    translation = _in_review(session, cast)
    due = translation.due_at
    now = due + timedelta(days=2)
    proposed = now + timedelta(days=5)
    fired = _send_back(session, cast, translation, now=now, proposed=proposed)
    assert translation.due_at == due  # still the coordinator's until they accept
    assert translation.proposed_due_at == proposed
    assert translation.proposed_due_by_id == cast.ids["reviewer"]
    assert fired.event.payload["proposed_due_at"] == proposed.isoformat()
    proposal_events = [p for a, p in _actions(session, translation) if a == due_dates.PROPOSED]
    assert proposal_events == [{"due_at": due.isoformat(), "proposed_due_at": proposed.isoformat()}]


def test_a_due_date_within_48_hours_may_be_moved_too(cast, session):
    translation = _in_review(session, cast)
    now = translation.due_at - due_dates.PROPOSAL_WINDOW + timedelta(minutes=1)
    _send_back(session, cast, translation, now=now, proposed=now + timedelta(days=7))
    assert translation.proposed_due_at == now + timedelta(days=7)


@pytest.mark.parametrize(
    ("hours_before_due", "proposed_in", "message"),
    [
        (49, timedelta(days=7), "more than 48 hours away"),
        (-1, -timedelta(hours=1), "must be in the future"),
        (-1, timedelta(days=400), "within a year"),
    ],
)
def test_a_proposal_that_is_not_called_for_is_refused_and_nothing_changes(
    cast, session, db, hours_before_due, proposed_in, message
):
    translation = _in_review(session, cast)
    now = translation.due_at - timedelta(hours=hours_before_due)
    session.commit()
    before = database_snapshot(db)
    with pytest.raises(ValidationFailed, match=message):
        _send_back(session, cast, translation, now=now, proposed=now + proposed_in)
    session.rollback()
    assert database_snapshot(db) == before


def _proposed(session, cast):
    translation = _in_review(session, cast)
    now = translation.due_at + timedelta(hours=1)
    proposed = now + timedelta(days=3)
    _send_back(session, cast, translation, now=now, proposed=proposed)
    return translation, now, proposed


def test_a_coordinator_accepts_the_proposal_and_the_due_date_moves(cast, session):
    translation, now, proposed = _proposed(session, cast)
    assert due_dates.pending_proposals(session) == [translation]
    old_due = translation.due_at
    coordinator = cast.person(session, "coordinator")
    due_dates.accept_proposal(session, coordinator, translation, now=now, expected=proposed)
    assert translation.due_at == proposed
    assert translation.proposed_due_at is None
    assert due_dates.pending_proposals(session) == []
    assert (translation.reminded_at, translation.nudged_at) == (None, None)
    assert _actions(session, translation)[-1] == (
        due_dates.ACCEPTED,
        {"due_at": old_due.isoformat(), "proposed_due_at": proposed.isoformat()},
    )


def test_a_coordinator_declines_the_proposal_and_the_due_date_stays(cast, session):
    translation, now, _proposed_at = _proposed(session, cast)
    old_due = translation.due_at
    coordinator = cast.person(session, "coordinator")
    due_dates.decline_proposal(session, coordinator, translation, now=now)
    assert translation.due_at == old_due
    assert translation.proposed_due_at is None
    assert _actions(session, translation)[-1][0] == due_dates.DECLINED


@pytest.mark.parametrize("kind", ["reviewer", "holder", "translator"])
def test_only_coordinators_decide_on_a_proposal(cast, session, kind):
    translation, now, _proposed_at = _proposed(session, cast)
    with pytest.raises(PermissionDenied):
        due_dates.accept_proposal(session, cast.person(session, kind), translation, now=now)
    assert translation.proposed_due_at is not None


def test_deciding_twice_or_on_another_proposal_is_a_conflict(cast, session):
    translation, now, proposed = _proposed(session, cast)
    coordinator = cast.person(session, "coordinator")
    with pytest.raises(Conflict, match="changed since you looked"):
        due_dates.accept_proposal(
            session, coordinator, translation, now=now, expected=proposed + timedelta(days=1)
        )
    due_dates.decline_proposal(session, coordinator, translation, now=now)
    with pytest.raises(Conflict, match="no proposed due date"):
        due_dates.accept_proposal(session, coordinator, translation, now=now)


def test_assigning_again_sets_the_date_and_drops_the_proposal(cast, session):
    translation, now, _proposed_at = _proposed(session, cast)
    fire(
        session,
        cast.person(session, "coordinator"),
        translation,
        Action.ASSIGN,
        translator=cast.person(session, "holder"),
        due_at=now + timedelta(days=10),
        now=now,
    )
    assert translation.due_at == now + timedelta(days=10)
    assert translation.proposed_due_at is None


def test_claim_expiry_nudges_returned_work_but_does_not_take_it_away(cast, session):
    translation = _in_review(session, cast)
    due = translation.due_at
    _send_back(session, cast, translation, now=due - timedelta(days=1))
    told: list[tuple[str, str]] = []
    report = expire_claims(
        session,
        now=due + timedelta(days=30),  # long past the grace
        reminder_days=2,
        grace_days=3,
        notify=lambda person, kind, message, _t: told.append((kind, message)),
    )
    assert (report.released, report.nudged) == (0, 1)
    assert translation.state == S.DRAFT
    assert translation.translator_id == cast.ids["holder"]
    assert "back to the pool" not in told[0][1]
