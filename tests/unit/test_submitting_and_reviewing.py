"""Submitting, taking a review, requesting changes and approving, through the service on each
database: the snapshots they freeze, the reviewer on record, and the guards on real rows."""

from datetime import timedelta

import pytest

from tests.unit.test_workflow_table import TARGETS
from tests.unit.workflow_cast import (
    FULL_REQUEST,
    START,
    Mark,
    S,
    _refused,
    assert_recorded,
    bring_to,
    english_translations,
    expected_snapshot,
    fill,
)
from tests.web.snapshot import database_snapshot
from translate_flow.core.errors import Conflict, PermissionDenied, ValidationFailed
from translate_flow.domain.models import Role
from translate_flow.domain.workflow import Action, ChangeReason, Request
from translate_flow.workflow.transitions import fire, situation_of


def test_submitting_records_the_time_and_freezes_every_segment(cast, session):
    translation, _ = english_translations(session)
    bring_to(session, cast, translation, S.DRAFT)
    translation.segments[-1].text = ""
    translation.segments[-1].leave_untranslated = True  # a byline kept in the original
    session.flush()
    holder = cast.person(session, "holder")
    mark = Mark.take(session)
    now = START + timedelta(days=1)
    fire(session, holder, translation, Action.SUBMIT, now=now)
    assert (translation.state, translation.submitted_at) == (S.IN_REVIEW, now)
    session.expire_all()
    (snapshot,) = mark.new_snapshots(session)
    assert snapshot.segments == expected_snapshot(translation)
    assert snapshot.segments[-1]["leave_untranslated"] is True
    assert [row["text"] for row in snapshot.segments[:-1]] == [
        row.text for row in translation.segments[:-1]
    ]


def test_a_reviewer_takes_and_releases_a_review(cast, session):
    translation, _ = english_translations(session)
    bring_to(session, cast, translation, S.IN_REVIEW)
    reviewer = cast.person(session, "reviewer")
    mark = Mark.take(session)
    fire(session, reviewer, translation, Action.CLAIM_REVIEW)
    assert (translation.state, translation.reviewer_id) == (S.IN_REVIEW, reviewer.id)
    assert_recorded(
        session, mark, translation, reviewer, Action.CLAIM_REVIEW, S.IN_REVIEW, S.IN_REVIEW
    )
    mark = Mark.take(session)
    fire(session, reviewer, translation, Action.RELEASE_REVIEW)
    assert (translation.state, translation.reviewer_id) == (S.IN_REVIEW, None)
    assert_recorded(
        session, mark, translation, reviewer, Action.RELEASE_REVIEW, S.IN_REVIEW, S.IN_REVIEW
    )


def test_requesting_changes_sends_it_back_to_its_translator_with_the_reason(cast, session):
    translation, _ = english_translations(session)
    bring_to(session, cast, translation, S.IN_REVIEW)
    translation.reminded_at = translation.nudged_at = START  # the old claim's notices
    due_before = translation.due_at
    reviewer = cast.person(session, "reviewer")
    mark = Mark.take(session)
    request = Request(reason="  The last quote is cut.  ", change_reason=ChangeReason.OMISSION)
    now = START + timedelta(days=30)  # long after the first due date
    fire(
        session,
        reviewer,
        translation,
        Action.REQUEST_CHANGES,
        request=request,
        claim_days=4,
        now=now,
    )
    assert translation.state == S.DRAFT
    assert (translation.translator_id, translation.reviewer_id) == (
        cast.ids["holder"],
        reviewer.id,
    )
    # The due date is the coordinator's (issue 16): sending back keeps it, and the notices
    # already sent for it; expiry leaves returned work alone (tests/unit/test_due_dates_kept.py).
    assert translation.due_at == due_before
    assert (translation.reminded_at, translation.nudged_at) == (START, START)
    assert translation.proposed_due_at is None
    event = assert_recorded(
        session, mark, translation, reviewer, Action.REQUEST_CHANGES, S.IN_REVIEW, S.DRAFT
    )
    assert event.payload == {
        "from": "in_review",
        "to": "draft",
        "reason": "The last quote is cut.",
        "change_reason": "omission",
    }


@pytest.mark.parametrize(
    ("action", "request_"),
    [(Action.APPROVE, Request()), (Action.REQUEST_CHANGES, FULL_REQUEST)],
)
def test_a_review_someone_has_taken_is_theirs_unless_a_coordinator_steps_in(
    cast, db, session, action, request_
):
    translation, _ = english_translations(session)
    bring_to(session, cast, translation, S.IN_REVIEW)
    reviewer = cast.person(session, "reviewer")
    fire(session, reviewer, translation, Action.CLAIM_REVIEW)
    other = cast.person(session, "selfreviewer")  # reviews ja→en, not their translation
    _refused(
        db,
        session,
        Conflict,
        "Another reviewer has taken this review",
        lambda: fire(session, other, translation, action, request=request_),
    )
    coordinator = cast.person(session, "coordinator")
    fire(session, coordinator, translation, action, request=request_)
    assert translation.state == TARGETS[action, S.IN_REVIEW]
    assert translation.reviewer_id == reviewer.id  # still the reviewer on record


def test_there_is_no_review_to_release_before_someone_takes_it(cast, db, session):
    translation, _ = english_translations(session)
    bring_to(session, cast, translation, S.IN_REVIEW)
    coordinator = cast.person(session, "coordinator")
    _refused(
        db,
        session,
        Conflict,
        "Nobody is reviewing",
        lambda: fire(session, coordinator, translation, Action.RELEASE_REVIEW),
    )


def test_approving_names_the_reviewer_on_record(cast, session):
    translation, _ = english_translations(session)
    bring_to(session, cast, translation, S.IN_REVIEW)
    reviewer = cast.person(session, "reviewer")
    mark = Mark.take(session)
    fire(session, reviewer, translation, Action.APPROVE)
    assert (translation.state, translation.reviewer_id) == (S.APPROVED, reviewer.id)
    event = assert_recorded(
        session, mark, translation, reviewer, Action.APPROVE, S.IN_REVIEW, S.APPROVED
    )
    assert "override" not in event.payload


def test_a_coordinator_approves_their_own_translation_only_with_a_recorded_override(
    make_user, make_article, db, session
):
    coordinator = make_user(Role.COORDINATOR, Role.TRANSLATOR, pairs=["ja:en"])
    make_article(coordinator)
    (translation,) = english_translations(session)
    coordinator = session.merge(coordinator)
    fire(session, coordinator, translation, Action.CLAIM)
    fill(session, translation)
    fire(session, coordinator, translation, Action.SUBMIT)
    session.commit()
    before = database_snapshot(db)
    with pytest.raises(PermissionDenied, match="written reason"):
        fire(session, coordinator, translation, Action.APPROVE)
    session.commit()
    assert database_snapshot(db) == before

    mark = Mark.take(session)
    override = Request(override="  Nobody else reads Japanese this week.  ")
    fire(session, coordinator, translation, Action.APPROVE, request=override)
    assert (translation.state, translation.reviewer_id) == (S.APPROVED, coordinator.id)
    event = assert_recorded(
        session, mark, translation, coordinator, Action.APPROVE, S.IN_REVIEW, S.APPROVED
    )
    assert event.payload["override"] == "Nobody else reads Japanese this week."


# --- Guards on real rows ----------------------------------------------------------------------


@pytest.mark.parametrize("blank", ["", "   "])
def test_submitting_with_an_empty_segment_is_refused(cast, db, session, blank):
    translation, _ = english_translations(session)
    bring_to(session, cast, translation, S.DRAFT)
    translation.segments[0].text = blank
    translation.segments[1].text = ""
    holder = cast.person(session, "holder")
    _refused(
        db,
        session,
        Conflict,
        "2 segment",
        lambda: fire(session, holder, translation, Action.SUBMIT),
    )


@pytest.mark.parametrize("blank", ["\n", " \t ", "\u3000"])
def test_a_segment_of_only_whitespace_counts_as_empty(cast, session, blank):
    translation, _ = english_translations(session)
    bring_to(session, cast, translation, S.DRAFT)
    translation.segments[0].text = blank
    session.flush()
    with pytest.raises(Conflict, match="1 segment"):
        fire(session, cast.person(session, "holder"), translation, Action.SUBMIT)


def test_segments_left_untranslated_or_set_aside_do_not_block_submitting(cast, session):
    translation, _ = english_translations(session)
    bring_to(session, cast, translation, S.DRAFT)
    translation.segments[0].text = ""
    translation.segments[0].leave_untranslated = True
    translation.segments[1].text = ""
    translation.segments[1].set_aside_at = START  # its source was removed by a correction
    session.flush()
    assert situation_of(session, translation).untranslated == 0
    mark = Mark.take(session)
    fire(session, cast.person(session, "holder"), translation, Action.SUBMIT)
    session.expire_all()
    (snapshot,) = mark.new_snapshots(session)
    assert translation.segments[1].segment_id not in {
        row["segment_id"] for row in snapshot.segments
    }


@pytest.mark.parametrize(
    ("action", "request_", "error", "match"),
    [
        (Action.REQUEST_CHANGES, Request(), ValidationFailed, "Say why"),
        (
            Action.REQUEST_CHANGES,
            Request(change_reason=ChangeReason.OTHER),
            ValidationFailed,
            "other",
        ),
        (Action.WITHDRAW, Request(reason="  "), ValidationFailed, "reason"),
    ],
)
def test_decisions_without_their_reason_are_refused(
    cast, db, session, action, request_, error, match
):
    translation, _ = english_translations(session)
    bring_to(session, cast, translation, S.IN_REVIEW)
    person = cast.person(session, "coordinator")
    _refused(
        db,
        session,
        error,
        match,
        lambda: fire(session, person, translation, action, request=request_),
    )


def test_a_reviewer_cannot_approve_or_review_their_own_translation(cast, db, session):
    _, translation = english_translations(session)
    bring_to(session, cast, translation, S.IN_REVIEW, translator="selfreviewer")
    me = cast.person(session, "selfreviewer")
    override = Request(override="I am sure.")
    _refused(
        db,
        session,
        PermissionDenied,
        "own translation",
        lambda: fire(session, me, translation, Action.APPROVE, request=override),
    )
    _refused(
        db,
        session,
        Conflict,
        "own translation",
        lambda: fire(session, me, translation, Action.CLAIM_REVIEW),
    )
