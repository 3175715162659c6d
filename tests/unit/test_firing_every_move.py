"""Firing workflow actions through the service, on each database: every allowed move changes the
state, the side columns and the history; every refused one raises and changes nothing."""

import itertools

import pytest

from tests.unit.test_workflow_table import KINDS, expected_outcome
from tests.unit.workflow_cast import (
    FULL_REQUEST,
    Mark,
    S,
    assert_recorded,
    bring_to,
    english_translations,
)
from tests.web.snapshot import database_snapshot
from translate_flow.core.errors import (
    Conflict,
    PermissionDenied,
    TranslateFlowError,
    ValidationFailed,
)
from translate_flow.domain.workflow import Action
from translate_flow.workflow.transitions import fire

ERRORS: dict[int, type[TranslateFlowError]] = {
    400: ValidationFailed,
    403: PermissionDenied,
    409: Conflict,
}


@pytest.mark.parametrize("state", list(S))
def test_every_move_succeeds_or_is_refused_without_a_trace(cast, db, session, state):
    """The table of test_workflow_table, on real rows, for every action and person: allowed
    moves land on the target and write their history (then are rolled back); refused ones
    raise the right error and change nothing at all, even once the session is committed."""
    mine, selfreviewers = english_translations(session)
    bring_to(session, cast, mine, state)
    bring_to(session, cast, selfreviewers, state, translator="selfreviewer")
    session.commit()
    before = database_snapshot(db)
    for action, kind in itertools.product(Action, KINDS):
        translation = selfreviewers if kind == "selfreviewer" else mine
        person = cast.person(session, kind)
        status, target = expected_outcome(action, kind, state)
        assign = {"translator": cast.person(session, "translator")}
        inputs = assign if action == Action.ASSIGN else {}
        if target is not None:
            mark = Mark.take(session)
            fired = fire(session, person, translation, action, request=FULL_REQUEST, **inputs)
            assert (fired.from_state, fired.to_state, translation.state) == (state, target, target)
            assert_recorded(session, mark, translation, person, action, state, target)
            session.rollback()
            continue
        with pytest.raises(TranslateFlowError) as refused:
            fire(session, person, translation, action, request=FULL_REQUEST, **inputs)
        assert type(refused.value) is ERRORS[status], (action, kind, refused.value.message)
        session.commit()  # whatever fire left in the session would be saved now
        assert database_snapshot(db) == before, (action, kind)
