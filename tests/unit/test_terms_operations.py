"""Writing the termbase: who adds, proposes, edits, decides and deletes; the history each change
leaves; duplicates refused; and a matcher cache that never serves a termbase that changed."""

from collections.abc import Iterator

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from translate_flow.core.errors import PermissionDenied, ValidationFailed
from translate_flow.domain.models import (
    Role,
    Term,
    TermAction,
    TermChange,
    TermStatus,
    User,
)
from translate_flow.terms.finding import pair_terms, terms_in
from translate_flow.terms.operations import (
    DuplicateTerm,
    ForbiddenForm,
    TermInput,
    create_term,
    decide_term,
    delete_term,
    term_history,
    update_term,
)

KISHIDA = TermInput("ja", "en", "岸田文雄", targets=["Fumio Kishida"], note="Prime minister")


class People:
    """Everyone around the ja→en pair, each merged into the test's session."""

    def __init__(self, session: Session, make_user) -> None:  # type: ignore[no-untyped-def]
        # All made (and committed) before the test's session takes SQLite's write lock.
        made = {
            "coordinator": make_user(Role.COORDINATOR),
            "admin": make_user(Role.ADMIN),
            "reviewer": make_user(Role.REVIEWER, reviews=["ja:en"]),
            "translator": make_user(Role.TRANSLATOR, pairs=["ja:en"]),
            "colleague": make_user(Role.TRANSLATOR, pairs=["ja:en"]),
            "outsider": make_user(Role.TRANSLATOR, pairs=["es:en"]),
            "other_reviewer": make_user(Role.REVIEWER, reviews=["es:en"]),
        }
        self.ids = {name: user.id for name, user in made.items()}
        merged = {name: session.merge(user) for name, user in made.items()}
        self.coordinator = merged["coordinator"]
        self.admin = merged["admin"]
        self.reviewer = merged["reviewer"]
        self.translator = merged["translator"]
        self.colleague = merged["colleague"]
        self.outsider = merged["outsider"]
        self.other_reviewer = merged["other_reviewer"]


@pytest.fixture
def people(session, make_user) -> People:  # type: ignore[no-untyped-def]
    return People(session, make_user)


def changes(session: Session) -> list[tuple[TermAction, dict | None, dict | None]]:
    rows = session.scalars(select(TermChange).order_by(TermChange.id))
    return [(row.action, row.before, row.after) for row in rows]


def count(session: Session, model: type) -> int:
    return session.scalar(select(func.count()).select_from(model)) or 0


# --- Who adds a term, and how it starts -----------------------------------------------------


@pytest.mark.parametrize("who", ["coordinator", "admin", "reviewer"])
def test_those_who_decide_the_pairs_terms_add_them_approved(session, people, who):
    actor = getattr(people, who)
    term = create_term(session, actor, KISHIDA)
    assert term.status is TermStatus.APPROVED
    assert (term.created_by_id, term.decided_by_id) == (actor.id, actor.id)
    ((action, before, after),) = changes(session)
    assert (action, before) == (TermAction.CREATED, None)
    assert after == term.snapshot()
    assert after["targets"] == ["Fumio Kishida"]


def test_a_translator_of_the_pair_proposes_a_term(session, people):
    term = create_term(session, people.translator, KISHIDA)
    assert term.status is TermStatus.PROPOSED
    assert term.decided_by_id is None
    assert changes(session)[0][0] is TermAction.PROPOSED


def test_a_translator_of_a_regional_variant_of_the_pair_proposes_too(session, people):
    term = create_term(
        session, people.translator, TermInput("ja", "en-GB", "円安", targets=["weak yen"])
    )
    assert (term.target_language, term.status) == ("en-GB", TermStatus.PROPOSED)


@pytest.mark.parametrize("who", ["outsider", "other_reviewer"])
def test_people_of_another_pair_may_not_add_terms(session, people, who):
    with pytest.raises(PermissionDenied, match="ja→en"):
        create_term(session, getattr(people, who), KISHIDA)
    assert count(session, Term) == count(session, TermChange) == 0


def test_an_inactive_coordinator_may_not_add_terms(session, people):
    people.coordinator.is_active = False
    with pytest.raises(PermissionDenied):
        create_term(session, people.coordinator, KISHIDA)


# --- Input ------------------------------------------------------------------------------


def test_the_input_is_cleaned_before_it_is_kept(session, people):
    term = create_term(
        session,
        people.coordinator,
        TermInput(
            "JA",
            "en",
            "  岸田  文雄 ",
            targets=["Fumio Kishida", " Fumio  Kishida", "", "Kishida"],
            variants=["岸田  文雄", "岸田"],
        ),
    )
    assert (term.source_language, term.source) == ("ja", "岸田 文雄")
    assert term.targets == ["Fumio Kishida", "Kishida"]
    assert term.variants == ["岸田"]  # the source itself is no variant


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (TermInput("ja", "ja", "円安", targets=["x"]), "must differ"),
        (TermInput("ja", "en", "  ", targets=["x"]), "source is required"),
        (TermInput("ja", "en", "円安"), "targets needs at least one"),
        (TermInput("qq", "en", "円安", targets=["x"]), "not a language code"),
        (
            TermInput(
                "ja", "en", "円安", targets=["weak yen"], forbidden=[ForbiddenForm("weak yen")]
            ),
            "both a target form and forbidden",
        ),
        (TermInput("ja", "en", "円\x07安", targets=["x"]), "control characters"),
        (TermInput("ja", "en", "円安", targets=[f"t{n}" for n in range(21)]), "at most 20"),
        (TermInput("ja", "en", "円安", targets=["x"], note="n" * 5001), "at most 5,000"),
    ],
)
def test_malformed_input_is_refused_with_a_reason(session, people, data, message):
    with pytest.raises(ValidationFailed, match=message):
        create_term(session, people.coordinator, data)
    assert count(session, Term) == 0


def test_a_term_to_keep_as_it_is_needs_no_target(session, people):
    term = create_term(
        session, people.coordinator, TermInput("ja", "en", "ユニクロ", do_not_translate=True)
    )
    assert (term.targets, term.preferred) == ([], "ユニクロ")


# --- Duplicates -------------------------------------------------------------------------


def test_a_duplicate_source_is_refused_whatever_its_case_and_width(session, people):
    first = create_term(
        session, people.coordinator, TermInput("en", "es", "NATO", targets=["OTAN"])
    )
    with pytest.raises(DuplicateTerm) as refused:
        create_term(session, people.coordinator, TermInput("en", "es", "ｎａｔｏ", targets=["x"]))
    assert refused.value.existing_id == first.id
    assert refused.value.status_code == 409
    assert count(session, Term) == 1


def test_the_same_source_in_another_pair_is_no_duplicate(session, people):
    create_term(session, people.coordinator, KISHIDA)
    create_term(session, people.coordinator, TermInput("ja", "fr", "岸田文雄", targets=["F. K."]))
    assert count(session, Term) == 2


def test_a_proposal_duplicating_a_waiting_proposal_is_refused(session, people):
    create_term(session, people.translator, KISHIDA)
    with pytest.raises(DuplicateTerm):
        create_term(session, people.colleague, KISHIDA)


def test_a_rejected_term_does_not_block_a_new_one_but_cannot_come_back_beside_it(session, people):
    rejected = create_term(session, people.translator, KISHIDA)
    decide_term(session, people.reviewer, rejected, approve=False, comment="Use the other")
    create_term(session, people.coordinator, KISHIDA)
    with pytest.raises(DuplicateTerm):
        decide_term(session, people.reviewer, rejected, approve=True)
    assert rejected.status is TermStatus.REJECTED


def test_an_edit_onto_another_terms_source_is_refused(session, people):
    create_term(session, people.coordinator, KISHIDA)
    other = create_term(session, people.coordinator, TermInput("ja", "en", "岸田", targets=["K"]))
    with pytest.raises(DuplicateTerm):
        update_term(session, people.coordinator, other, KISHIDA)
    assert other.source == "岸田"


# --- Editing ----------------------------------------------------------------------------


def test_an_edit_is_recorded_with_the_term_before_and_after(session, people):
    term = create_term(session, people.reviewer, KISHIDA)
    before = term.snapshot()
    update_term(
        session,
        people.reviewer,
        term,
        TermInput("ja", "en", "岸田文雄", targets=["Fumio Kishida", "Kishida Fumio"]),
    )
    action, was, became = changes(session)[-1]
    assert action is TermAction.EDITED
    assert was == before
    assert became["targets"] == ["Fumio Kishida", "Kishida Fumio"]
    assert became["note"] == ""  # the whole term is replaced


def test_an_edit_that_changes_nothing_leaves_no_history(session, people):
    term = create_term(session, people.reviewer, KISHIDA)
    update_term(session, people.reviewer, term, KISHIDA)
    assert len(changes(session)) == 1


def test_the_proposer_edits_and_withdraws_their_own_waiting_proposal(session, people):
    term = create_term(session, people.translator, KISHIDA)
    update_term(session, people.translator, term, TermInput("ja", "en", "岸田文雄", targets=["PM"]))
    assert term.targets == ["PM"]
    delete_term(session, people.translator, term)
    assert count(session, Term) == 0


def test_a_colleague_may_not_edit_someone_elses_proposal(session, people):
    term = create_term(session, people.translator, KISHIDA)
    with pytest.raises(PermissionDenied):
        update_term(session, people.colleague, term, TermInput("ja", "en", "岸田", targets=["x"]))
    with pytest.raises(PermissionDenied):
        delete_term(session, people.colleague, term)
    assert term.source == "岸田文雄"


def test_the_proposer_may_not_edit_their_term_once_it_is_approved(session, people):
    term = create_term(session, people.translator, KISHIDA)
    decide_term(session, people.reviewer, term, approve=True)
    with pytest.raises(PermissionDenied, match="reviewers"):
        update_term(session, people.translator, term, TermInput("ja", "en", "岸田", targets=["x"]))
    with pytest.raises(PermissionDenied):
        delete_term(session, people.translator, term)


def test_moving_a_term_needs_the_right_to_decide_in_the_other_pair(session, people):
    term = create_term(session, people.reviewer, KISHIDA)
    moved = TermInput("ja", "fr", "岸田文雄", targets=["Fumio Kishida"])
    with pytest.raises(PermissionDenied, match="another pair"):
        update_term(session, people.reviewer, term, moved)
    update_term(session, people.coordinator, term, moved)
    assert term.target_language == "fr"


# --- Deciding ---------------------------------------------------------------------------


def test_a_reviewer_approves_a_proposal(session, people):
    term = create_term(session, people.translator, KISHIDA)
    decide_term(session, people.reviewer, term, approve=True, comment=" Checked with the desk ")
    assert (term.status, term.decided_by_id) == (TermStatus.APPROVED, people.reviewer.id)
    change = session.scalars(select(TermChange).order_by(TermChange.id.desc())).first()
    assert change.action is TermAction.APPROVED
    assert change.comment == "Checked with the desk"
    assert (change.before["status"], change.after["status"]) == ("proposed", "approved")


def test_a_coordinator_rejects_a_proposal_and_may_approve_it_later(session, people):
    term = create_term(session, people.translator, KISHIDA)
    decide_term(session, people.coordinator, term, approve=False, comment="Not a term")
    assert term.status is TermStatus.REJECTED
    decide_term(session, people.coordinator, term, approve=True)
    assert [action for action, _, _ in changes(session)] == [
        TermAction.PROPOSED,
        TermAction.REJECTED,
        TermAction.APPROVED,
    ]


def test_deciding_what_is_already_decided_changes_nothing(session, people):
    term = create_term(session, people.coordinator, KISHIDA)
    decide_term(session, people.coordinator, term, approve=True)
    assert len(changes(session)) == 1


@pytest.mark.parametrize("who", ["translator", "colleague", "outsider", "other_reviewer"])
def test_translators_and_other_pairs_reviewers_may_not_decide(session, people, who):
    term = create_term(session, people.translator, KISHIDA)
    with pytest.raises(PermissionDenied):
        decide_term(session, getattr(people, who), term, approve=True)
    assert term.status is TermStatus.PROPOSED
    assert len(changes(session)) == 1


# --- Deleting and history ---------------------------------------------------------------


def test_the_history_outlives_the_term(session, people):
    term = create_term(session, people.translator, KISHIDA)
    term_id = term.id
    decide_term(session, people.reviewer, term, approve=True)
    update_term(session, people.reviewer, term, TermInput("ja", "en", "岸田文雄", targets=["FK"]))
    last = term.snapshot()
    delete_term(session, people.coordinator, term)
    assert session.get(Term, term_id) is None
    history = term_history(session, term_id)
    assert [change.action for change in history] == [
        TermAction.DELETED,
        TermAction.EDITED,
        TermAction.APPROVED,
        TermAction.PROPOSED,
    ]
    assert (history[0].before, history[0].after) == (last, None)
    assert history[0].actor_id == people.coordinator.id
    assert all(change.term_id == term_id for change in history)


# --- The matcher's cache ----------------------------------------------------------------


@pytest.fixture
def coordinator_id(make_user) -> int:  # type: ignore[no-untyped-def]
    return make_user(Role.COORDINATOR).id


@pytest.fixture
def reader(db) -> Iterator[Session]:
    """Another request's session (another process's, for all it can tell)."""
    with db.session(write=False) as other:
        yield other


def seen(reader: Session, text: str) -> list[str]:
    """What a new request of `reader` finds: a new transaction sees every commit so far."""
    reader.rollback()
    try:
        return [hit.preferred for hit in terms_in(reader, "ja", "en", text)]
    finally:
        reader.rollback()


def test_the_cache_sees_each_change_committed_in_another_session(db, coordinator_id, reader):
    text = "岸田文雄首相"
    assert seen(reader, text) == []
    steps = [
        (lambda s, me: create_term(s, me, KISHIDA), ["Fumio Kishida"]),
        (
            lambda s, me: update_term(
                s, me, s.get(Term, 1), TermInput("ja", "en", "岸田文雄", targets=["PM Kishida"])
            ),
            ["PM Kishida"],
        ),
        (lambda s, me: decide_term(s, me, s.get(Term, 1), approve=False), []),
        (lambda s, me: decide_term(s, me, s.get(Term, 1), approve=True), ["PM Kishida"]),
        (lambda s, me: delete_term(s, me, s.get(Term, 1)), []),
    ]
    for step, expected in steps:
        with db.transaction() as writer:
            step(writer, writer.get(User, coordinator_id))
        assert seen(reader, text) == expected


def test_a_change_rolled_back_is_not_served_from_the_cache(db, coordinator_id, reader):
    with db.session(write=True) as writer:
        create_term(writer, writer.get(User, coordinator_id), KISHIDA)
        assert terms_in(writer, "ja", "en", "岸田文雄") != []  # cached with the change
        writer.rollback()
    assert seen(reader, "岸田文雄") == []
    # The next change may get the rolled-back change's id again (SQLite): its time differs.
    with db.transaction() as writer:
        create_term(
            writer,
            writer.get(User, coordinator_id),
            TermInput("ja", "en", "円安", targets=["weak yen"]),
        )
    assert seen(reader, "岸田文雄 円安") == ["weak yen"]


def test_the_cache_keeps_the_matcher_while_nothing_changes(session, people):
    create_term(session, people.coordinator, KISHIDA)
    first = pair_terms(session, "ja", "en")
    assert pair_terms(session, "ja", "en") is first


def test_a_proposal_is_not_offered_until_it_is_approved(session, people):
    term = create_term(session, people.translator, KISHIDA)
    assert terms_in(session, "ja", "en", "岸田文雄") == []
    decide_term(session, people.reviewer, term, approve=True)
    assert [hit.term_id for hit in terms_in(session, "ja", "en", "岸田文雄")] == [term.id]


def test_a_term_moved_to_another_pair_leaves_the_old_pairs_matcher(session, people):
    term = create_term(session, people.coordinator, KISHIDA)
    assert terms_in(session, "ja", "en", "岸田文雄") != []
    update_term(
        session,
        people.coordinator,
        term,
        TermInput("ja", "fr", "岸田文雄", targets=["Fumio Kishida"]),
    )
    assert terms_in(session, "ja", "en", "岸田文雄") == []
    assert [hit.term_id for hit in terms_in(session, "ja", "fr", "岸田文雄")] == [term.id]
