"""The table refuses in its own words (who, state, rule, input); the workflow feature raises one
error of `core.errors` for each kind, and every action has its effect. Pure: no database."""

import pytest

from translate_flow.core.errors import Conflict, PermissionDenied, ValidationFailed
from translate_flow.domain.workflow import (
    REFUSAL_STATUS,
    TRANSITIONS,
    Action,
    Decision,
    EditDecision,
    Refusal,
)
from translate_flow.workflow.effects import EFFECTS
from translate_flow.workflow.transitions import ERRORS, refusal_error


@pytest.mark.parametrize("refusal", list(Refusal))
def test_each_refusal_answers_with_the_status_of_the_error_it_becomes(refusal):
    assert Decision(refusal, "No.").status == ERRORS[refusal].status_code
    assert EditDecision(None, refusal, "No.").status == ERRORS[refusal].status_code
    assert REFUSAL_STATUS[refusal] == ERRORS[refusal].status_code


def test_the_refusals_become_the_errors_people_have_always_seen():
    assert dict(ERRORS) == {
        Refusal.WHO: PermissionDenied,
        Refusal.STATE: Conflict,
        Refusal.RULE: Conflict,
        Refusal.INPUT: ValidationFailed,
    }


def test_a_refused_decision_becomes_its_error_with_its_message():
    error = refusal_error(Decision(Refusal.RULE, "Nobody is reviewing this yet."))
    assert (type(error), error.message) == (Conflict, "Nobody is reviewing this yet.")
    with pytest.raises(ValueError, match="refuses nothing"):
        refusal_error(Decision())


def test_an_allowed_decision_answers_200():
    assert (Decision().allowed, Decision().status) == (True, 200)


def test_every_action_of_the_table_has_its_effect():
    assert set(EFFECTS) == set(TRANSITIONS) == set(Action)


def test_only_claiming_counts_the_persons_items_under_a_lock():
    assert [a for a, t in TRANSITIONS.items() if t.weighs_capacity] == [Action.CLAIM]
