"""Who edits the text in which state, checked against a grid written out by hand. Pure."""

import pytest

from translate_flow.domain.models import Role, TranslationState
from translate_flow.domain.workflow import Actor, EditRole, Situation, may_edit

S = TranslationState
HOLDER, REVIEWER = 10, 20

# T: edits as translator, R: as reviewer, C: as coordinator; a number: refused with it.
#   holder: the translator holding it; reviewer: its reviewer on record; pairreviewer: another
#   reviewer of the pair; translator: another translator of the pair; outsider: another pair.
GRID = """
state              coordinator holder reviewer pairreviewer translator outsider inactive
open               409         409    409      409          409        403      403
draft              C           T      409      409          403        403      403
in_review          C           409    R        409          403        403      403
in_review_untaken  C           409    409      409          403        403      403
approved           409         409    409      409          403        403      403
published          409         409    409      409          403        403      403
unpublished        409         409    409      409          403        403      403
withdrawn          409         409    409      409          403        403      403
"""

ACTORS = {
    "coordinator": Actor(1, frozenset({Role.COORDINATOR})),
    "holder": Actor(HOLDER, frozenset({Role.TRANSLATOR}), translates_pair=True),
    "reviewer": Actor(REVIEWER, frozenset({Role.REVIEWER}), reviews_pair=True),
    "pairreviewer": Actor(30, frozenset({Role.REVIEWER}), reviews_pair=True),
    "translator": Actor(40, frozenset({Role.TRANSLATOR}), translates_pair=True),
    "outsider": Actor(50, frozenset({Role.TRANSLATOR})),
    "inactive": Actor(HOLDER, frozenset(), translates_pair=True),
}


def situation(name: str) -> Situation:
    if name == "open":
        return Situation(S.OPEN)
    if name == "draft":
        return Situation(S.DRAFT, translator_id=HOLDER, reviewer_id=REVIEWER)
    if name == "in_review_untaken":
        return Situation(S.IN_REVIEW, translator_id=HOLDER)
    return Situation(S(name), translator_id=HOLDER, reviewer_id=REVIEWER)


def cases() -> list[tuple[str, str, str]]:
    lines = GRID.strip().splitlines()
    kinds = lines[0].split()[1:]
    return [
        (line.split()[0], kind, cell)
        for line in lines[1:]
        for kind, cell in zip(kinds, line.split()[1:], strict=True)
    ]


ROLES = {"T": EditRole.TRANSLATOR, "R": EditRole.REVIEWER, "C": EditRole.COORDINATOR}


@pytest.mark.parametrize(("state", "kind", "expected"), cases())
def test_who_may_edit_in_each_state(state, kind, expected):
    decision = may_edit(ACTORS[kind], situation(state))
    if expected in ROLES:
        assert decision.allowed
        assert decision.role is ROLES[expected]
    else:
        assert not decision.allowed
        assert decision.status == int(expected)
        assert decision.message


def test_the_grid_covers_every_state():
    assert {situation(state).state for state, _kind, _cell in cases()} == set(S)


def test_a_coordinator_who_translated_it_edits_in_review_as_coordinator():
    actor = Actor(HOLDER, frozenset({Role.COORDINATOR, Role.TRANSLATOR}), translates_pair=True)
    assert may_edit(actor, situation("in_review")).role is EditRole.COORDINATOR
