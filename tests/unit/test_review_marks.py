"""Reviewers' "checked" marks per segment, what a returned translation tells its translator,
and the review actions offered (issue 16, points 4 and 6)."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from tests.unit.workflow_cast import FULL_REQUEST, START, S, bring_to, english_translations
from translate_flow.core.errors import Conflict, PermissionDenied
from translate_flow.domain.models import ReviewMark
from translate_flow.domain.permissions import fireable_actions
from translate_flow.domain.workflow import Action, ChangeReason, Request
from translate_flow.editing.comments import add_comment
from translate_flow.editing.saving import save_segment
from translate_flow.workflow.returned import last_return, returned_items
from translate_flow.workflow.review_marks import clear_mark, mark_checked, review_progress
from translate_flow.workflow.transitions import fire

NOW = START + timedelta(days=1)


def _taken(session, cast):
    translation, _ = english_translations(session)
    bring_to(session, cast, translation, S.IN_REVIEW)
    fire(session, cast.person(session, "reviewer"), translation, Action.CLAIM_REVIEW, now=NOW)
    return translation


def _ids(translation):
    return [row.segment_id for row in translation.segments]


def _edit(session, user, translation, segment_id, text):
    row = next(r for r in translation.segments if r.segment_id == segment_id)
    save_segment(
        session, user, translation, segment_id, text=text, base_version=row.version, now=NOW
    )


def test_the_reviewer_who_took_the_review_checks_and_unchecks_segments(cast, session):
    translation = _taken(session, cast)
    reviewer = cast.person(session, "reviewer")
    first, second, *_ = _ids(translation)
    assert review_progress(session, translation).checked == 0
    mark_checked(session, reviewer, translation, first, now=NOW)
    mark_checked(session, reviewer, translation, second, now=NOW)
    mark_checked(session, reviewer, translation, second, now=NOW)  # again: still one mark
    progress = review_progress(session, translation)
    assert (progress.checked, progress.total) == (2, len(translation.segments))
    assert progress.checked_ids == {first, second}
    assert session.scalar(select(func.count()).select_from(ReviewMark)) == 2
    clear_mark(session, reviewer, translation, second)
    clear_mark(session, reviewer, translation, second)  # nothing to take off: no error
    assert review_progress(session, translation).checked_ids == {first}


@pytest.mark.parametrize("kind", ["holder", "nonreviewer", "selfreviewer", "coordinator"])
def test_nobody_but_the_reviewer_holding_the_review_checks_segments(cast, session, kind):
    translation = _taken(session, cast)
    with pytest.raises(PermissionDenied):
        mark_checked(
            session, cast.person(session, kind), translation, _ids(translation)[0], now=NOW
        )
    assert review_progress(session, translation).checked == 0


def test_segments_are_checked_only_in_review(cast, session):
    translation, _ = english_translations(session)
    bring_to(session, cast, translation, S.DRAFT)
    with pytest.raises(Conflict, match="in review"):
        mark_checked(
            session, cast.person(session, "reviewer"), translation, _ids(translation)[0], now=NOW
        )


def test_a_mark_stops_counting_when_the_text_changes_after_it(cast, session):
    translation = _taken(session, cast)
    reviewer = cast.person(session, "reviewer")
    first = _ids(translation)[0]
    mark_checked(session, reviewer, translation, first, now=NOW)
    _edit(session, reviewer, translation, first, "A better sentence.")
    assert first not in review_progress(session, translation).checked_ids


def test_marks_of_unchanged_segments_survive_a_return_and_a_resubmission(cast, session):
    translation = _taken(session, cast)
    reviewer, holder = cast.person(session, "reviewer"), cast.person(session, "holder")
    first, second, *_ = _ids(translation)
    mark_checked(session, reviewer, translation, first, now=NOW)
    mark_checked(session, reviewer, translation, second, now=NOW)
    fire(session, reviewer, translation, Action.REQUEST_CHANGES, request=FULL_REQUEST, now=NOW)
    _edit(session, holder, translation, second, "Fixed as asked.")
    fire(session, holder, translation, Action.SUBMIT, now=NOW)
    assert review_progress(session, translation).checked_ids == {first}


def test_the_reviewer_holding_the_review_is_offered_release_not_take(cast, session):
    translation, _ = english_translations(session)
    bring_to(session, cast, translation, S.IN_REVIEW)
    reviewer = cast.person(session, "reviewer")
    before = fireable_actions(reviewer, translation)
    assert Action.CLAIM_REVIEW in before and Action.RELEASE_REVIEW not in before
    fire(session, reviewer, translation, Action.CLAIM_REVIEW, now=NOW)
    after = fireable_actions(reviewer, translation)
    assert Action.RELEASE_REVIEW in after and Action.CLAIM_REVIEW not in after


def test_a_returned_translation_says_why_what_changed_and_what_the_reviewer_wrote(cast, session):
    translation = _taken(session, cast)
    reviewer, holder = cast.person(session, "reviewer"), cast.person(session, "holder")
    second = _ids(translation)[1]
    assert last_return(session, translation) is None
    _edit(session, reviewer, translation, second, "The reviewer's wording.")
    comment = add_comment(
        session, reviewer, translation, "Check this name.", segment_id=second, now=NOW
    )
    fire(
        session,
        reviewer,
        translation,
        Action.REQUEST_CHANGES,
        request=Request(reason="The names are off.", change_reason=ChangeReason.TERMINOLOGY),
        now=NOW + timedelta(hours=1),
    )
    returned = last_return(session, translation)
    assert returned is not None
    assert (returned.reviewer, returned.reason_label, returned.text) == (
        reviewer.display_name,
        "Terminology",
        "The names are off.",
    )
    assert returned.changed_segment_ids == (second,)
    assert [(c.id, c.segment_id) for c in returned.comments] == [(comment.comment.id, second)]
    listed = returned_items(session, [translation])[translation.id]
    assert (listed.reason_label, listed.text) == ("Terminology", "The names are off.")
    fire(session, holder, translation, Action.SUBMIT, now=NOW + timedelta(hours=2))
    assert last_return(session, translation) is None
    assert returned_items(session, [translation]) == {}
