"""The predicates pages call on a translation (`can_fire`, `can_edit_text` and their kin): what
each person is offered, read from the objects alone. Pure: transient models, no database.

Who may fire what is the workflow table's rule (tests/unit/test_workflow_table.py); these tests
check that the predicates hand it the right person and translation, and say the same as firing.
"""

import pytest

from translate_flow.domain.models import (
    Article,
    LanguagePair,
    Role,
    Translation,
    TranslationState,
    User,
    UserRole,
)
from translate_flow.domain.permissions import (
    can_approve_own_work,
    can_edit_text,
    can_fire,
    can_read_review_changes,
    can_review_translations,
    can_translate_articles,
    fireable_actions,
)
from translate_flow.domain.standing import standing
from translate_flow.domain.workflow import (
    Action,
    Actor,
    Situation,
    available_actions,
    may_edit,
)

S = TranslationState
TRANSLATOR, REVIEWER = 10, 20


def person(
    user_id: int,
    *roles: Role,
    pairs: tuple[tuple[str, str], ...] = (("es", "en"),),
    review: bool = False,
    publish: bool = False,
    active: bool = True,
) -> User:
    return User(
        id=user_id,
        email=f"p{user_id}@example.org",
        display_name=f"Person {user_id}",
        capacity=3,
        is_active=active,
        role_rows=[UserRole(role=role) for role in roles],
        language_pairs=[
            LanguagePair(
                source_language=source,
                target_language=target,
                can_review=review,
                can_publish=publish,
            )
            for source, target in pairs
        ],
    )


def translation(
    state: TranslationState,
    *,
    translator_id: int | None = TRANSLATOR,
    reviewer_id: int | None = REVIEWER,
    source: str = "es",
    target: str = "en",
) -> Translation:
    return Translation(
        id=1,
        article=Article(source_language=source, title="Un artículo"),
        target_language=target,
        state=state,
        translator_id=translator_id,
        reviewer_id=reviewer_id,
    )


PEOPLE = {
    "coordinator": person(1, Role.COORDINATOR, pairs=()),
    "admin": person(2, Role.ADMIN, pairs=()),
    "holder": person(TRANSLATOR, Role.TRANSLATOR),
    "reviewer": person(REVIEWER, Role.REVIEWER, review=True),
    "publisher": person(30, Role.REVIEWER, review=True, publish=True),
    "translator": person(40, Role.TRANSLATOR),
    "outsider": person(50, Role.TRANSLATOR, Role.REVIEWER, pairs=(("de", "fr"),), review=True),
    "deactivated": person(TRANSLATOR, Role.TRANSLATOR, active=False),
}

# What each person, as the workflow sees them, is: written out by hand.
ACTORS = {
    "coordinator": Actor(1, frozenset({Role.COORDINATOR}), capacity=3),
    "admin": Actor(2, frozenset({Role.ADMIN}), capacity=3),
    "holder": Actor(TRANSLATOR, frozenset({Role.TRANSLATOR}), translates_pair=True, capacity=3),
    "reviewer": Actor(
        REVIEWER, frozenset({Role.REVIEWER}), translates_pair=True, reviews_pair=True, capacity=3
    ),
    "publisher": Actor(
        30,
        frozenset({Role.REVIEWER}),
        translates_pair=True,
        reviews_pair=True,
        publishes_pair=True,
        capacity=3,
    ),
    "translator": Actor(40, frozenset({Role.TRANSLATOR}), translates_pair=True, capacity=3),
    "outsider": Actor(50, frozenset({Role.TRANSLATOR, Role.REVIEWER}), capacity=3),
    "deactivated": Actor(TRANSLATOR, frozenset(), translates_pair=True, capacity=3),
}

TRANSLATIONS = {
    "open": translation(S.OPEN, translator_id=None, reviewer_id=None),
    "draft": translation(S.DRAFT),
    "in_review_untaken": translation(S.IN_REVIEW, reviewer_id=None),
    **{state.value: translation(state) for state in S if state not in (S.OPEN, S.DRAFT)},
}


def situation(item: Translation) -> Situation:
    return Situation(item.state, item.translator_id, item.reviewer_id)


@pytest.mark.parametrize("who", PEOPLE)
def test_a_person_is_read_as_the_workflow_expects(who):
    assert standing(PEOPLE[who], TRANSLATIONS["draft"]) == ACTORS[who]


@pytest.mark.parametrize("where", TRANSLATIONS)
@pytest.mark.parametrize("who", PEOPLE)
def test_each_person_is_offered_what_the_table_allows(who, where):
    item = TRANSLATIONS[where]
    allowed = available_actions(ACTORS[who], situation(item))
    assert fireable_actions(PEOPLE[who], item) == allowed
    for action in Action:
        assert can_fire(PEOPLE[who], item, action) is (action in allowed), action


@pytest.mark.parametrize("where", TRANSLATIONS)
@pytest.mark.parametrize("who", PEOPLE)
def test_each_person_edits_the_text_when_the_workflow_says(who, where):
    item = TRANSLATIONS[where]
    expected = may_edit(ACTORS[who], situation(item)).allowed
    assert can_edit_text(PEOPLE[who], item) is expected


def test_a_translator_of_the_pair_may_claim_an_open_item():
    assert can_fire(PEOPLE["translator"], TRANSLATIONS["open"], "claim")


def test_a_translator_of_another_pair_cannot_claim_it():
    assert not can_fire(PEOPLE["outsider"], TRANSLATIONS["open"], "claim")


def test_a_pair_covers_its_regional_variants():
    item = translation(S.OPEN, translator_id=None, reviewer_id=None, source="es-AR", target="EN")
    assert can_fire(PEOPLE["translator"], item, Action.CLAIM)


def test_a_full_translator_is_still_offered_the_claim_and_told_why_on_firing():
    """Capacity is a guard: the button stays, firing refuses with the reason."""
    busy = person(40, Role.TRANSLATOR)
    busy.capacity = 0
    assert can_fire(busy, TRANSLATIONS["open"], "claim")


def test_only_the_holder_may_submit_a_draft():
    assert can_fire(PEOPLE["holder"], TRANSLATIONS["draft"], "submit")
    assert not can_fire(PEOPLE["translator"], TRANSLATIONS["draft"], "submit")


def test_a_deactivated_translator_keeps_no_rights_on_what_they_hold():
    assert fireable_actions(PEOPLE["deactivated"], TRANSLATIONS["draft"]) == []
    assert not can_edit_text(PEOPLE["deactivated"], TRANSLATIONS["draft"])


def test_only_reviewers_granted_publishing_may_publish():
    approved = TRANSLATIONS["approved"]
    assert can_fire(PEOPLE["publisher"], approved, "publish")
    assert not can_fire(PEOPLE["reviewer"], approved, "publish")
    assert can_fire(PEOPLE["coordinator"], approved, "publish")


@pytest.mark.parametrize("check", [can_edit_text, fireable_actions, can_read_review_changes])
def test_a_signed_out_visitor_is_offered_nothing(check):
    assert not check(None, TRANSLATIONS["draft"])
    assert not can_fire(None, TRANSLATIONS["open"], "claim")


def test_an_action_name_the_table_lacks_is_an_error_not_a_no():
    with pytest.raises(ValueError, match="sumbit"):
        can_fire(PEOPLE["holder"], TRANSLATIONS["draft"], "sumbit")


def test_a_coordinator_may_approve_their_own_translation_with_a_reason():
    coordinator = PEOPLE["coordinator"]
    theirs = translation(S.IN_REVIEW, translator_id=coordinator.id)
    assert can_approve_own_work(coordinator, theirs)
    assert not can_approve_own_work(coordinator, TRANSLATIONS["in_review"])


def test_a_translator_never_approves_their_own_translation():
    assert not can_approve_own_work(PEOPLE["holder"], TRANSLATIONS["in_review"])


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("holder", True),
        ("reviewer", True),
        ("coordinator", True),
        ("admin", True),
        ("translator", False),
        ("publisher", False),
        ("deactivated", False),
    ],
)
def test_the_reviewers_changes_are_for_translator_reviewer_and_coordinators(who, expected):
    assert can_read_review_changes(PEOPLE[who], TRANSLATIONS["in_review"]) is expected


@pytest.mark.parametrize(
    ("who", "translates", "reviews"),
    [
        ("holder", True, False),
        ("reviewer", False, True),
        ("outsider", True, True),
        ("coordinator", False, False),
        ("deactivated", False, False),
    ],
)
def test_the_desk_shows_each_role_its_part(who, translates, reviews):
    assert can_translate_articles(PEOPLE[who]) is translates
    assert can_review_translations(PEOPLE[who]) is reviews


@pytest.mark.parametrize("state", S)
def test_a_state_reads_as_words(state):
    assert state.label.islower() and "_" not in state.label


def test_in_review_reads_as_two_words():
    assert S.IN_REVIEW.label == "in review"
