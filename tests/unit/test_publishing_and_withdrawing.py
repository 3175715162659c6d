"""Publishing, unpublishing, reopening, withdrawing and restoring, through the service on each
database: each with its reason, and where each leaves the translation."""

from datetime import timedelta

import pytest

from tests.unit.workflow_cast import START, Mark, S, assert_recorded, bring_to, english_translations
from translate_flow.domain.workflow import Action, Request
from translate_flow.workflow.transitions import fire


@pytest.mark.parametrize(
    ("state", "action", "target"),
    [
        (S.APPROVED, Action.PUBLISH, S.PUBLISHED),
        (S.PUBLISHED, Action.UNPUBLISH, S.UNPUBLISHED),
        (S.PUBLISHED, Action.REOPEN, S.DRAFT),
        (S.UNPUBLISHED, Action.REOPEN, S.DRAFT),
        (S.OPEN, Action.WITHDRAW, S.WITHDRAWN),
        (S.DRAFT, Action.WITHDRAW, S.WITHDRAWN),
        (S.IN_REVIEW, Action.WITHDRAW, S.WITHDRAWN),
        (S.APPROVED, Action.WITHDRAW, S.WITHDRAWN),
    ],
)
def test_coordinators_publish_unpublish_reopen_and_withdraw_with_a_reason(
    cast, session, state, action, target
):
    translation, _ = english_translations(session)
    bring_to(session, cast, translation, state)
    coordinator = cast.person(session, "coordinator")
    mark = Mark.take(session)
    request = Request(reason="The outlet asked us to.")
    now = START + timedelta(days=60)
    fire(session, coordinator, translation, action, request=request, claim_days=6, now=now)
    assert translation.state == target
    event = assert_recorded(session, mark, translation, coordinator, action, state, target)
    assert event.payload["reason"] == "The outlet asked us to."
    if action == Action.REOPEN:  # back to the translator who did it, with a fresh period
        assert translation.translator_id == cast.ids["holder"]
        assert translation.due_at == now + timedelta(days=6)


def test_restoring_a_withdrawn_item_puts_it_back_in_the_pool(cast, session):
    translation, _ = english_translations(session)
    bring_to(session, cast, translation, S.WITHDRAWN)
    coordinator = cast.person(session, "coordinator")
    mark = Mark.take(session)
    fire(session, coordinator, translation, Action.RESTORE)
    assert (translation.state, translation.translator_id) == (S.OPEN, None)
    assert (translation.claimed_at, translation.due_at) == (None, None)
    assert_recorded(session, mark, translation, coordinator, Action.RESTORE, S.WITHDRAWN, S.OPEN)
