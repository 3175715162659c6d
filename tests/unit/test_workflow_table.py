"""The workflow table, checked against an expectation written out by hand: every state × action ×
kind of person, then each guard on its own. Pure: no database, no Flask.

The expectation below is deliberately a second, independent statement of ARCHITECTURE.md's
Workflow section (two grids a person can read), not a call into the table's own lambdas; the
operations' tests (test_firing_every_move.py and its neighbours) reuse it against the real
database.
"""

import pytest

from translate_flow.domain.models import Role, TranslationState
from translate_flow.domain.workflow import (
    TRANSITIONS,
    Action,
    Actor,
    ChangeReason,
    Decision,
    Request,
    Situation,
    available_actions,
    decide,
)

S = TranslationState

# Where each action leads from each state; "·" means the action does not leave from there.
MOVES = """
action           open       draft      in_review  approved   published    unpublished  withdrawn
claim            draft      ·          ·          ·          ·            ·            ·
assign           draft      draft      ·          ·          ·            ·            ·
release          ·          open       ·          ·          ·            ·            ·
submit           ·          in_review  ·          ·          ·            ·            ·
claim_review     ·          ·          in_review  ·          ·            ·            ·
release_review   ·          ·          in_review  ·          ·            ·            ·
request_changes  ·          ·          draft      ·          ·            ·            ·
approve          ·          ·          approved   ·          ·            ·            ·
publish          ·          ·          ·          published  ·            ·            ·
unpublish        ·          ·          ·          ·          unpublished  ·            ·
reopen           ·          ·          ·          ·          draft        draft        ·
withdraw         withdrawn  withdrawn  withdrawn  withdrawn  ·            ·            ·
restore          ·          ·          ·          ·          ·            ·            open
"""

# Who may fire each action (the 403 check, before the state is looked at).
#   ✓ yes   · no
#   h only while the translation is theirs (held: every state but `open` below)
#   r only while they are its reviewer on record (approved, published, unpublished below)
WHO = """
action          coordinator admin translator outsider holder reviewer nonreviewer selfreviewer inactive
claim           ·           ·     ✓          ·        ✓      ·        ·           ✓            ·
assign          ✓           ✓     ·          ·        ·      ·        ·           ·            ·
release         ✓           ✓     ·          ·        h      ·        ·           h            ·
submit          ✓           ✓     ·          ·        h      ·        ·           h            ·
claim_review    ·           ·     ·          ·        ·      ✓        ·           ✓            ·
release_review  ✓           ✓     ·          ·        ·      r        ·           ·            ·
request_changes ✓           ✓     ·          ·        ·      ✓        ·           ✓            ·
approve         ✓           ✓     ·          ·        ·      ✓        ·           ✓            ·
publish         ✓           ✓     ·          ·        ·      ·        ·           ·            ·
unpublish       ✓           ✓     ·          ·        ·      ·        ·           ·            ·
reopen          ✓           ✓     ·          ·        ·      ·        ·           ·            ·
withdraw        ✓           ✓     ·          ·        ·      ·        ·           ·            ·
restore         ✓           ✓     ·          ·        ·      ·        ·           ·            ·
"""  # noqa: E501 -- a grid is read across; wrapped, it could not be

# Who passes the who-and-state checks yet is stopped by a guard, although the request carries
# everything (a reason, a change reason): the translator who also reviews, on their own work;
# and coordinators releasing a review nobody has taken (only `in_review` is a source of it).
GUARDED: dict[tuple[Action, str], int] = {
    (Action.CLAIM_REVIEW, "selfreviewer"): 409,  # cannot review your own translation
    (Action.REQUEST_CHANGES, "selfreviewer"): 409,
    (Action.APPROVE, "selfreviewer"): 403,  # no self-approval without a coordinator's override
    (Action.RELEASE_REVIEW, "coordinator"): 409,  # nobody is reviewing it yet
    (Action.RELEASE_REVIEW, "admin"): 409,
}

HOLDER, REVIEWER = 10, 20

# The translation as it typically stands in each state: claimed by HOLDER, approved by REVIEWER.
SITUATIONS = {
    S.OPEN: Situation(S.OPEN),
    S.DRAFT: Situation(S.DRAFT, translator_id=HOLDER),
    S.IN_REVIEW: Situation(S.IN_REVIEW, translator_id=HOLDER),
    S.APPROVED: Situation(S.APPROVED, translator_id=HOLDER, reviewer_id=REVIEWER),
    S.PUBLISHED: Situation(S.PUBLISHED, translator_id=HOLDER, reviewer_id=REVIEWER),
    S.UNPUBLISHED: Situation(S.UNPUBLISHED, translator_id=HOLDER, reviewer_id=REVIEWER),
    S.WITHDRAWN: Situation(S.WITHDRAWN, translator_id=HOLDER),
}
HELD = {state for state, situation in SITUATIONS.items() if situation.translator_id == HOLDER}
REVIEWED = {state for state, situation in SITUATIONS.items() if situation.reviewer_id == REVIEWER}

ACTORS = {
    "coordinator": Actor(1, frozenset({Role.COORDINATOR})),
    "admin": Actor(2, frozenset({Role.ADMIN})),
    "translator": Actor(3, frozenset({Role.TRANSLATOR}), translates_pair=True, capacity=3),
    "outsider": Actor(4, frozenset({Role.TRANSLATOR}), translates_pair=False, capacity=3),
    "holder": Actor(
        HOLDER, frozenset({Role.TRANSLATOR}), translates_pair=True, open_items=1, capacity=3
    ),
    "reviewer": Actor(
        REVIEWER, frozenset({Role.REVIEWER}), translates_pair=True, reviews_pair=True
    ),
    "nonreviewer": Actor(6, frozenset({Role.REVIEWER}), translates_pair=True, reviews_pair=False),
    "selfreviewer": Actor(
        HOLDER,
        frozenset({Role.TRANSLATOR, Role.REVIEWER}),
        translates_pair=True,
        reviews_pair=True,
        open_items=1,
        capacity=3,
    ),
    # actor_for gives an inactive person no roles, whatever roles and pairs they had.
    "inactive": Actor(7, frozenset(), translates_pair=True, reviews_pair=True, capacity=3),
}
KINDS = list(ACTORS)

FULL_REQUEST = Request(reason="Checked with the desk.", change_reason=ChangeReason.ACCURACY)


def _grid(text: str) -> tuple[list[str], dict[str, list[str]]]:
    header, *rows = (line.split() for line in text.strip().splitlines())
    return header[1:], {row[0]: row[1:] for row in rows}


def _moves() -> dict[tuple[Action, TranslationState], TranslationState]:
    columns, rows = _grid(MOVES)
    return {
        (Action(action), S(state)): S(cell)
        for action, cells in rows.items()
        for state, cell in zip(columns, cells, strict=True)
        if cell != "·"
    }


def _who() -> dict[tuple[Action, str], str]:
    columns, rows = _grid(WHO)
    return {
        (Action(action), kind): cell
        for action, cells in rows.items()
        for kind, cell in zip(columns, cells, strict=True)
    }


TARGETS = _moves()
MAY = _who()


def may_fire(action: Action, kind: str, state: TranslationState) -> bool:
    cell = MAY[action, kind]
    return cell == "✓" or (cell == "h" and state in HELD) or (cell == "r" and state in REVIEWED)


def expected_outcome(
    action: Action, kind: str, state: TranslationState
) -> tuple[int, TranslationState | None]:
    """(status, target) the desk's rules give: 403 who, 409 state, then the guards."""
    if not may_fire(action, kind, state):
        return 403, None
    if (action, state) not in TARGETS:
        return 409, None
    if (action, kind) in GUARDED:
        return GUARDED[action, kind], None
    return 200, TARGETS[action, state]


def test_the_expectation_covers_every_action_state_and_person():
    columns, rows = _grid(MOVES)
    assert columns == [state.value for state in S]
    assert list(rows) == [action.value for action in Action]
    columns, rows = _grid(WHO)
    assert columns == KINDS
    assert list(rows) == [action.value for action in Action]
    assert set(TRANSITIONS) == set(Action)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("action", list(Action))
@pytest.mark.parametrize("state", list(S))
def test_every_state_action_and_person(state, action, kind):
    decision = decide(action, ACTORS[kind], SITUATIONS[state], FULL_REQUEST)
    status, target = expected_outcome(action, kind, state)
    assert (decision.status, decision.target) == (status, target), decision.message
    assert decision.allowed is (status == 200)
    assert bool(decision.message) is (status != 200)
    assert decision.overridden is False  # nobody here approves their own work


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("state", list(S))
def test_available_actions_are_those_past_the_who_and_state_checks(state, kind):
    """...less the review hand-offs that could only be refused."""
    situation = SITUATIONS[state]

    def pointless(action: Action) -> bool:
        if action == Action.RELEASE_REVIEW:
            return situation.reviewer_id is None  # nobody's review to release
        if action == Action.CLAIM_REVIEW:
            return situation.reviewer_id not in (None, ACTORS[kind].id)  # someone else's
        return False

    expected = [
        action
        for action in Action
        if may_fire(action, kind, state) and (action, state) in TARGETS and not pointless(action)
    ]
    assert available_actions(ACTORS[kind], situation) == expected


def test_who_is_checked_before_the_state_and_the_state_before_the_guards():
    at_capacity = Actor(3, frozenset({Role.TRANSLATOR}), translates_pair=True, capacity=0)
    # Someone who may not claim at all hears so, whatever the state.
    assert decide(Action.CLAIM, ACTORS["outsider"], SITUATIONS[S.DRAFT], Request()).status == 403
    # Someone who may claim, but not this item now, hears about the state, not their capacity.
    refused = decide(Action.CLAIM, at_capacity, SITUATIONS[S.DRAFT], Request())
    assert refused.status == 409
    assert "being translated" in refused.message
    assert "capacity" not in refused.message
    # A reviewer's missing change reason (400) is reported before it being their own work (409).
    own = decide(Action.REQUEST_CHANGES, ACTORS["selfreviewer"], SITUATIONS[S.IN_REVIEW], Request())
    assert own.status == 400


# --- Guards, one at a time ------------------------------------------------------------------


def _translator(open_items: int, capacity: int) -> Actor:
    return Actor(
        3,
        frozenset({Role.TRANSLATOR}),
        translates_pair=True,
        open_items=open_items,
        capacity=capacity,
    )


@pytest.mark.parametrize(
    ("open_items", "capacity", "status"),
    [(0, 3, 200), (2, 3, 200), (3, 3, 409), (4, 3, 409), (0, 1, 200), (1, 1, 409), (0, 0, 409)],
)
def test_a_translator_claims_only_within_their_capacity(open_items, capacity, status):
    decision = decide(
        Action.CLAIM, _translator(open_items, capacity), SITUATIONS[S.OPEN], Request()
    )
    assert decision.status == status
    if status == 409:
        assert f"{open_items} item(s) in progress" in decision.message


def test_a_coordinator_assigns_whatever_the_translator_already_holds():
    """Capacity guards claims only; assigning over it is the coordinator's call."""
    decision = decide(Action.ASSIGN, ACTORS["coordinator"], SITUATIONS[S.DRAFT], Request())
    assert decision.allowed
    assert TRANSITIONS[Action.ASSIGN].guards == ()


@pytest.mark.parametrize("kind", ["holder", "coordinator"])
@pytest.mark.parametrize(("untranslated", "status"), [(0, 200), (1, 409), (7, 409)])
def test_submitting_needs_every_segment_translated_or_left_untranslated(kind, untranslated, status):
    situation = Situation(S.DRAFT, translator_id=HOLDER, untranslated=untranslated)
    decision = decide(Action.SUBMIT, ACTORS[kind], situation, Request())
    assert decision.status == status
    if status == 409:
        assert f"{untranslated} segment(s) are still empty" in decision.message
        assert "leave untranslated" in decision.message


@pytest.mark.parametrize(
    ("change_reason", "reason", "status"),
    [
        (None, "", 400),
        (None, "The second paragraph is missing.", 400),
        (ChangeReason.OTHER, "", 400),
        (ChangeReason.OTHER, "   \n ", 400),
        (ChangeReason.OTHER, "The byline is wrong.", 200),
        *[(reason, "", 200) for reason in ChangeReason if reason != ChangeReason.OTHER],
        (ChangeReason.TERMINOLOGY, "Use “tariff”.", 200),
    ],
)
@pytest.mark.parametrize("kind", ["reviewer", "coordinator"])
def test_requesting_changes_needs_a_reason_from_the_list_and_text_for_other(
    kind, change_reason, reason, status
):
    decision = decide(
        Action.REQUEST_CHANGES,
        ACTORS[kind],
        SITUATIONS[S.IN_REVIEW],
        Request(reason=reason, change_reason=change_reason),
    )
    assert decision.status == status, decision.message
    if status == 200:
        assert decision.target == S.DRAFT


@pytest.mark.parametrize(
    ("action", "state"),
    [
        (Action.WITHDRAW, S.OPEN),
        (Action.WITHDRAW, S.IN_REVIEW),
        (Action.UNPUBLISH, S.PUBLISHED),
        (Action.REOPEN, S.PUBLISHED),
        (Action.REOPEN, S.UNPUBLISHED),
    ],
)
@pytest.mark.parametrize(("reason", "status"), [("", 400), ("  \t", 400), ("Outlet asked.", 200)])
def test_withdrawing_unpublishing_and_reopening_need_a_written_reason(
    action, state, reason, status
):
    decision = decide(action, ACTORS["coordinator"], SITUATIONS[state], Request(reason=reason))
    assert decision.status == status
    if status == 400:
        assert "reason" in decision.message


COORDINATOR_TRANSLATOR = Actor(
    HOLDER, frozenset({Role.COORDINATOR, Role.TRANSLATOR}), translates_pair=True, reviews_pair=True
)


def _approve(actor: Actor, override: str = "") -> Decision:
    return decide(Action.APPROVE, actor, SITUATIONS[S.IN_REVIEW], Request(override=override))


@pytest.mark.parametrize("override", ["", "Nobody else reads Japanese this week."])
def test_a_reviewer_cannot_approve_their_own_translation_even_with_an_override(override):
    decision = _approve(ACTORS["selfreviewer"], override)
    assert (decision.allowed, decision.status) == (False, 403)
    assert "your own translation" in decision.message


@pytest.mark.parametrize("override", ["", "   "])
def test_a_coordinator_cannot_approve_their_own_translation_without_a_written_reason(override):
    decision = _approve(COORDINATOR_TRANSLATOR, override)
    assert (decision.allowed, decision.status, decision.overridden) == (False, 403, False)
    assert "written reason" in decision.message


def test_a_coordinator_approves_their_own_translation_with_a_visible_override():
    decision = _approve(COORDINATOR_TRANSLATOR, "Nobody else reads Japanese this week.")
    assert (decision.allowed, decision.target, decision.overridden) == (True, S.APPROVED, True)


@pytest.mark.parametrize("kind", ["coordinator", "admin", "reviewer"])
def test_approving_someone_elses_translation_is_no_override(kind):
    decision = _approve(ACTORS[kind], "An override nobody needed.")
    assert (decision.allowed, decision.overridden) == (True, False)


def test_a_reviewer_cannot_take_a_review_someone_else_has():
    other = Situation(S.IN_REVIEW, translator_id=HOLDER, reviewer_id=99)
    mine = Situation(S.IN_REVIEW, translator_id=HOLDER, reviewer_id=REVIEWER)
    refused = decide(Action.CLAIM_REVIEW, ACTORS["reviewer"], other, Request())
    assert (refused.status, refused.message) == (
        409,
        "Someone else is already reviewing this translation.",
    )
    assert decide(Action.CLAIM_REVIEW, ACTORS["reviewer"], mine, Request()).allowed
    assert Action.CLAIM_REVIEW not in available_actions(ACTORS["reviewer"], other)


@pytest.mark.parametrize("action", [Action.APPROVE, Action.REQUEST_CHANGES])
def test_a_review_someone_has_taken_is_theirs_to_decide_unless_a_coordinator_steps_in(action):
    taken = Situation(S.IN_REVIEW, translator_id=HOLDER, reviewer_id=99)
    refused = decide(action, ACTORS["reviewer"], taken, FULL_REQUEST)
    assert (refused.status, refused.message) == (409, "Another reviewer has taken this review.")
    for kind in ("coordinator", "admin"):
        assert decide(action, ACTORS[kind], taken, FULL_REQUEST).allowed
    mine = Situation(S.IN_REVIEW, translator_id=HOLDER, reviewer_id=REVIEWER)
    assert decide(action, ACTORS["reviewer"], mine, FULL_REQUEST).allowed


def test_only_the_reviewer_on_record_or_a_coordinator_releases_a_review():
    taken = Situation(S.IN_REVIEW, translator_id=HOLDER, reviewer_id=REVIEWER)
    other_reviewer = Actor(21, frozenset({Role.REVIEWER}), translates_pair=True, reviews_pair=True)
    assert decide(Action.RELEASE_REVIEW, ACTORS["reviewer"], taken, Request()).allowed
    assert decide(Action.RELEASE_REVIEW, ACTORS["coordinator"], taken, Request()).allowed
    assert decide(Action.RELEASE_REVIEW, other_reviewer, taken, Request()).status == 403


def test_there_is_no_review_to_release_before_someone_takes_it():
    untaken = SITUATIONS[S.IN_REVIEW]
    refused = decide(Action.RELEASE_REVIEW, ACTORS["coordinator"], untaken, Request())
    assert (refused.status, refused.message) == (409, "Nobody is reviewing this yet.")
    assert Action.RELEASE_REVIEW not in available_actions(ACTORS["coordinator"], untaken)


def test_a_translator_releases_or_submits_only_their_own_claim():
    someone_elses = Situation(S.DRAFT, translator_id=99)
    for action in (Action.RELEASE, Action.SUBMIT):
        assert decide(action, ACTORS["holder"], someone_elses, Request()).status == 403
        assert decide(action, ACTORS["holder"], SITUATIONS[S.DRAFT], Request()).allowed


DEACTIVATED_HOLDER = Actor(HOLDER, frozenset(), translates_pair=True, open_items=1, capacity=3)


@pytest.mark.parametrize("action", [Action.RELEASE, Action.SUBMIT])
def test_a_deactivated_holder_can_no_longer_act_on_their_claim(action):
    decision = decide(action, DEACTIVATED_HOLDER, SITUATIONS[S.DRAFT], Request())
    assert (decision.status, decision.message) == (403, "Your account is deactivated.")


def test_a_deactivated_holder_is_offered_nothing():
    assert available_actions(DEACTIVATED_HOLDER, SITUATIONS[S.DRAFT]) == []


def test_the_named_reviewer_cannot_claim_the_translation_too():
    named = Situation(S.OPEN, reviewer_id=HOLDER)
    refused = decide(Action.CLAIM, ACTORS["selfreviewer"], named, Request())
    assert refused.status == 409
    assert "named as this item's reviewer" in refused.message
    assert decide(Action.CLAIM, ACTORS["translator"], named, Request()).allowed
