"""Firing workflow actions through the service, on each database: every allowed move changes the
state, the side columns and the history; every refused one raises and changes nothing."""

import contextlib
import itertools
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tests.unit.test_workflow_table import KINDS, TARGETS, expected_outcome
from tests.web.snapshot import database_snapshot
from translate_flow.core.db import Database
from translate_flow.core.errors import (
    Conflict,
    PermissionDenied,
    TranslateFlowError,
    UnknownLanguage,
    ValidationFailed,
)
from translate_flow.domain.models import Event, Role, Snapshot, Translation, TranslationState, User
from translate_flow.domain.workflow import Action, ChangeReason, Request
from translate_flow.workflow import transitions
from translate_flow.workflow.transitions import (
    create_translation,
    fire,
    history,
    open_items,
    situation_of,
)

S = TranslationState
ERRORS: dict[int, type[TranslateFlowError]] = {
    400: ValidationFailed,
    403: PermissionDenied,
    409: Conflict,
}
# Where the text matters, the whole translation is frozen (ARCHITECTURE.md, Workflow).
SNAPSHOT_ACTIONS = {Action.SUBMIT, Action.REQUEST_CHANGES, Action.APPROVE, Action.PUBLISH}
FULL_REQUEST = Request(reason="Checked with the desk.", change_reason=ChangeReason.ACCURACY)
START = datetime(2031, 5, 4, 9, 0, tzinfo=UTC)


class Clock:
    """A controllable `now`: a minute later on every call."""

    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        self.now += timedelta(minutes=1)
        return self.now


@dataclass
class Cast:
    """Everyone the desk has, by the kinds of tests/unit/test_workflow_table.py, and two
    articles whose English translations the holder and the self-reviewer will hold."""

    ids: dict[str, int]
    names: dict[str, str]

    def person(self, session: Session, kind: str) -> User:
        user = session.get(User, self.ids[kind])
        assert user is not None
        return user


@pytest.fixture
def cast(make_user, make_article) -> Cast:
    people = {
        "coordinator": make_user(Role.COORDINATOR),
        "admin": make_user(Role.ADMIN),
        "translator": make_user(Role.TRANSLATOR, pairs=["ja:en"]),
        "outsider": make_user(Role.TRANSLATOR, pairs=["de:en"]),
        "holder": make_user(Role.TRANSLATOR, pairs=["ja:en"]),
        "reviewer": make_user(Role.REVIEWER, reviews=["ja:en"]),
        "nonreviewer": make_user(Role.REVIEWER, pairs=["ja:en"]),
        "selfreviewer": make_user(
            Role.TRANSLATOR, Role.REVIEWER, pairs=["ja:en"], reviews=["ja:en"]
        ),
        # Every role and the pair, but deactivated: may do nothing.
        "inactive": make_user(*Role, pairs=["ja:en"], reviews=["ja:en"], active=False),
    }
    for _ in range(2):
        make_article(people["coordinator"])
    return Cast(
        ids={kind: user.id for kind, user in people.items()},
        names={kind: user.display_name for kind, user in people.items()},
    )


def english_translations(session: Session) -> list[Translation]:
    return list(session.scalars(select(Translation).order_by(Translation.id)))


def fill(session: Session, translation: Translation) -> None:
    for row in translation.segments:
        row.text = f"English for segment {row.segment_id}."
    session.flush()


def bring_to(
    session: Session,
    cast: Cast,
    translation: Translation,
    state: TranslationState,
    *,
    translator: str = "holder",
    clock: Callable[[], datetime] | None = None,
) -> None:
    """Move `translation` to `state` the way the desk would, with `translator` doing the work."""
    clock = clock or Clock()

    def act(kind: str, action: Action, request: Request = FULL_REQUEST) -> None:
        fire(session, cast.person(session, kind), translation, action, request=request, now=clock())

    if state == S.OPEN:
        return
    act(translator, Action.CLAIM)
    fill(session, translation)
    if state == S.WITHDRAWN:
        act("coordinator", Action.WITHDRAW)
        return
    if state == S.DRAFT:
        return
    act(translator, Action.SUBMIT)
    if state == S.IN_REVIEW:
        return
    act("reviewer", Action.APPROVE)
    if state == S.APPROVED:
        return
    act("coordinator", Action.PUBLISH)
    if state == S.UNPUBLISHED:
        act("coordinator", Action.UNPUBLISH)
    assert translation.state == state


def _max_id(session: Session, model: Any) -> int:
    return session.scalar(select(func.max(model.id))) or 0


@dataclass
class Mark:
    """Where the history stood before an action: to find what the action added."""

    event_id: int
    snapshot_id: int

    @classmethod
    def take(cls, session: Session) -> "Mark":
        return cls(_max_id(session, Event), _max_id(session, Snapshot))

    def new_events(self, session: Session) -> list[Event]:
        return list(session.scalars(select(Event).where(Event.id > self.event_id)))

    def new_snapshots(self, session: Session) -> list[Snapshot]:
        return list(session.scalars(select(Snapshot).where(Snapshot.id > self.snapshot_id)))


def expected_snapshot(translation: Translation) -> list[dict[str, Any]]:
    rows = sorted(
        (row for row in translation.segments if row.set_aside_at is None),
        key=lambda row: row.segment.position,
    )
    return [
        {
            "row_id": row.id,
            "segment_id": row.segment_id,
            "position": row.segment.position,
            "kind": row.segment.kind.value,
            "source": row.segment.text,
            "text": row.text,
            "leave_untranslated": row.leave_untranslated,
        }
        for row in rows
    ]


def assert_recorded(
    session: Session,
    mark: Mark,
    translation: Translation,
    actor: User,
    action: Action,
    from_state: TranslationState,
    to_state: TranslationState,
) -> Event:
    """Exactly one event with from/to; a snapshot of every segment exactly where text matters."""
    session.expire_all()
    (event,) = mark.new_events(session)
    assert event.action == f"translation:{action.value}"
    assert (event.actor_id, event.subject_type, event.subject_id) == (
        actor.id,
        "translation",
        translation.id,
    )
    assert (event.payload["from"], event.payload["to"]) == (from_state.value, to_state.value)
    snapshots = mark.new_snapshots(session)
    if action in SNAPSHOT_ACTIONS:
        (snapshot,) = snapshots
        assert (snapshot.translation_id, snapshot.action, snapshot.state) == (
            translation.id,
            action.value,
            to_state,
        )
        assert snapshot.actor_id == actor.id
        assert snapshot.source_revision_id == translation.source_revision_id
        assert snapshot.segments == expected_snapshot(translation)
        assert len(snapshot.segments) == len(translation.segments) > 0
        assert all(row["source"] and row["text"] for row in snapshot.segments)
    else:
        assert snapshots == []
    return event


# --- Every state × action × person, through the service -------------------------------------


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


# --- Allowed moves and their side columns ---------------------------------------------------


def test_claiming_gives_the_translator_the_item_for_claim_days(cast, session):
    translation, _ = english_translations(session)
    translator = cast.person(session, "translator")
    now = START
    mark = Mark.take(session)
    fire(session, translator, translation, Action.CLAIM, claim_days=5, now=now)
    assert translation.state == S.DRAFT
    assert translation.translator_id == translator.id
    assert translation.claimed_at == now
    assert translation.due_at == now + timedelta(days=5)
    assert (translation.reminded_at, translation.nudged_at, translation.reviewer_id) == (
        None,
        None,
        None,
    )
    event = assert_recorded(session, mark, translation, translator, Action.CLAIM, S.OPEN, S.DRAFT)
    assert event.payload == {
        "from": "open",
        "to": "draft",
        "due_at": (now + timedelta(days=5)).isoformat(),
    }
    assert event.created_at == now


def test_a_coordinator_assigns_a_translator_and_reviewer_with_a_due_date(cast, session):
    translation, _ = english_translations(session)
    coordinator, translator, reviewer = (
        cast.person(session, kind) for kind in ("coordinator", "translator", "reviewer")
    )
    due = START + timedelta(days=3)
    mark = Mark.take(session)
    fire(
        session,
        coordinator,
        translation,
        Action.ASSIGN,
        translator=translator,
        reviewer=reviewer,
        due_at=due,
        now=START,
    )
    assert (translation.state, translation.translator_id, translation.reviewer_id) == (
        S.DRAFT,
        translator.id,
        reviewer.id,
    )
    assert (translation.due_at, translation.claimed_at) == (due, START)
    event = assert_recorded(session, mark, translation, coordinator, Action.ASSIGN, S.OPEN, S.DRAFT)
    assert event.payload == {
        "from": "open",
        "to": "draft",
        "translator_id": translator.id,
        "reviewer_id": reviewer.id,
        "due_at": due.isoformat(),
    }


def test_assigning_without_a_due_date_gives_claim_days(cast, session):
    translation, _ = english_translations(session)
    fire(
        session,
        cast.person(session, "admin"),
        translation,
        Action.ASSIGN,
        translator=cast.person(session, "translator"),
        claim_days=9,
        now=START,
    )
    assert translation.due_at == START + timedelta(days=9)
    assert translation.reviewer_id is None


def test_handing_a_draft_to_someone_else_starts_a_fresh_claim(cast, session):
    translation, _ = english_translations(session)
    clock = Clock()
    bring_to(session, cast, translation, S.DRAFT, clock=clock)
    translation.reminded_at = translation.nudged_at = clock()
    session.flush()
    now = clock()
    fire(
        session,
        cast.person(session, "coordinator"),
        translation,
        Action.ASSIGN,
        translator=cast.person(session, "translator"),
        now=now,
    )
    assert translation.translator_id == cast.ids["translator"]
    assert (translation.claimed_at, translation.reminded_at, translation.nudged_at) == (
        now,
        None,
        None,
    )
    assert open_items(session, cast.ids["holder"]) == 0
    assert open_items(session, cast.ids["translator"]) == 1


def test_a_coordinator_may_assign_beyond_a_translators_capacity(make_user, make_article, session):
    """Capacity stops claims from the pool, not a coordinator's decision."""
    coordinator = make_user(Role.COORDINATOR)
    busy = make_user(Role.TRANSLATOR, pairs=["ja:en"], capacity=1)
    make_article(coordinator)
    make_article(coordinator)
    first, second = english_translations(session)
    coordinator, busy = session.merge(coordinator), session.merge(busy)
    fire(session, busy, first, Action.CLAIM)
    fire(session, coordinator, second, Action.ASSIGN, translator=busy)
    assert open_items(session, busy.id) == 2 > busy.capacity


@pytest.mark.parametrize("kind", ["holder", "coordinator"])
def test_releasing_returns_the_item_to_the_pool(cast, session, kind):
    translation, _ = english_translations(session)
    bring_to(session, cast, translation, S.DRAFT)
    mark = Mark.take(session)
    person = cast.person(session, kind)
    fire(session, person, translation, Action.RELEASE)
    assert (translation.state, translation.translator_id) == (S.OPEN, None)
    assert (translation.claimed_at, translation.due_at) == (None, None)
    assert_recorded(session, mark, translation, person, Action.RELEASE, S.DRAFT, S.OPEN)


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
    # A fresh period, so that claim expiry does not take the work away at the next tick.
    assert translation.due_at == now + timedelta(days=4)
    assert (translation.reminded_at, translation.nudged_at) == (None, None)
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


# --- Guards on real rows ----------------------------------------------------------------------


def _refused(
    db: Database,
    session: Session,
    error: type[TranslateFlowError],
    match: str,
    act: Callable[[], Any],
) -> None:
    session.commit()
    before = database_snapshot(db)
    with pytest.raises(error, match=match):
        act()
    session.commit()
    assert database_snapshot(db) == before


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


def test_a_translator_at_capacity_cannot_claim(make_user, make_article, db, session):
    coordinator = make_user(Role.COORDINATOR)
    busy = make_user(Role.TRANSLATOR, pairs=["ja:en"], capacity=1)
    make_article(coordinator)
    make_article(coordinator)
    first, second = english_translations(session)
    busy = session.merge(busy)
    fire(session, busy, first, Action.CLAIM)
    _refused(db, session, Conflict, "capacity", lambda: fire(session, busy, second, Action.CLAIM))


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


# --- Assigning: who may be given the work ---------------------------------------------------


@pytest.mark.parametrize(
    ("translator", "reviewer", "due_in", "match"),
    [
        (None, None, None, "Choose the translator"),
        ("outsider", None, None, "does not translate ja→en"),  # no pair
        ("reviewer", None, None, "does not translate ja→en"),  # no translator role
        ("inactive", None, None, "does not translate ja→en"),  # deactivated
        ("translator", "nonreviewer", None, "does not review ja→en"),  # no review right
        ("translator", "holder", None, "does not review ja→en"),  # a translator only
        ("translator", "inactive", None, "does not review ja→en"),
        ("selfreviewer", "selfreviewer", None, "someone other than the translator"),
        ("translator", "reviewer", timedelta(0), "in the future"),
        ("translator", "reviewer", timedelta(days=-1), "in the future"),
    ],
)
def test_assigning_checks_the_assignee_the_reviewer_and_the_due_date(
    cast, db, session, translator, reviewer, due_in, match
):
    translation, _ = english_translations(session)

    def assign() -> None:
        fire(
            session,
            cast.person(session, "coordinator"),
            translation,
            Action.ASSIGN,
            translator=cast.person(session, translator) if translator else None,
            reviewer=cast.person(session, reviewer) if reviewer else None,
            due_at=START + due_in if due_in is not None else None,
            now=START,
        )

    _refused(db, session, ValidationFailed, match, assign)


def test_a_translator_who_tries_to_assign_is_refused_before_their_input_is_looked_at(
    cast, db, session
):
    """Who comes first (403), whatever they sent: no lecture about the assignee."""
    translation, _ = english_translations(session)
    translator = cast.person(session, "translator")
    _refused(
        db,
        session,
        PermissionDenied,
        "coordinators",
        lambda: fire(session, translator, translation, Action.ASSIGN),
    )


# --- Opening translations -------------------------------------------------------------------


def test_a_coordinator_opens_a_translation_into_another_language(cast, session):
    coordinator = cast.person(session, "coordinator")
    article = english_translations(session)[0].article
    mark = Mark.take(session)
    translation = create_translation(session, coordinator, article, "DE")
    revision = article.current_revision
    assert revision is not None
    assert (translation.state, translation.target_language) == (S.OPEN, "de")
    assert translation.source_revision_id == revision.id
    assert sorted(row.segment_id for row in translation.segments) == sorted(
        segment.id for segment in revision.segments
    )
    assert all(row.text == "" for row in translation.segments)
    session.expire_all()
    (event,) = mark.new_events(session)
    assert (event.action, event.subject_id, event.payload) == (
        "translation:created",
        translation.id,
        {"target_language": "de"},
    )
    assert [e.action for e in history(session, translation)] == ["translation:created"]


@pytest.mark.parametrize(
    ("kind", "language", "error", "match"),
    [
        ("coordinator", "en", Conflict, "already has a translation into en"),
        ("admin", "ja", ValidationFailed, "another language"),
        ("coordinator", "ja-JP", ValidationFailed, "another language"),
        ("translator", "de", PermissionDenied, "coordinators"),
        ("inactive", "de", PermissionDenied, "coordinators"),
        ("coordinator", "zz-nonsense", UnknownLanguage, "not a language code"),
    ],
)
def test_opening_a_translation_is_refused_without_a_trace(
    cast, db, session, kind, language, error, match
):
    article = english_translations(session)[0].article
    person = cast.person(session, kind)
    _refused(
        db, session, error, match, lambda: create_translation(session, person, article, language)
    )


# --- Two people at once ---------------------------------------------------------------------


@dataclass
class Race:
    winners: list[int]
    losers: dict[int, TranslateFlowError]


def race(
    db: Database,
    monkeypatch: pytest.MonkeyPatch,
    claims: list[tuple[int, int]],
    *,
    gate_after: str = "decide",
) -> Race:
    """Each (user id, translation id) claimed at the same moment from its own connection.

    On SQLite the writer that begins second waits for the first one's BEGIN IMMEDIATE to
    end, then reads what the first wrote. On PostgreSQL a gate after `gate_after` (a
    function of the transitions module) holds each claim until all have got that far:
    after `decide`, both have checked before either writes, so the conditional UPDATEs
    meet (the second blocks on the row, then matches nothing); after `situation_of`, both
    are about to count the claimer's items (which a claim locks the person's row for).
    """
    start = threading.Barrier(len(claims))
    if not db.is_sqlite:
        gate = threading.Barrier(len(claims))
        step = getattr(transitions, gate_after)

        def step_then_wait(*args: Any, **kwargs: Any) -> Any:
            result = step(*args, **kwargs)
            gate.wait(timeout=10)
            return result

        monkeypatch.setattr(transitions, gate_after, step_then_wait)
    outcome = Race([], {})
    failures: list[BaseException] = []

    def claim(user_id: int, translation_id: int) -> None:
        try:
            with db.session(write=True) as session:
                start.wait(timeout=10)
                user = session.get(User, user_id)
                translation = session.get(Translation, translation_id)
                assert user is not None and translation is not None
                try:
                    fire(session, user, translation, Action.CLAIM)
                    session.commit()
                    outcome.winners.append(user_id)
                except TranslateFlowError as error:
                    session.rollback()
                    outcome.losers[user_id] = error
        except BaseException as error:  # reported by the test, not lost in the thread
            failures.append(error)

    threads = [threading.Thread(target=claim, args=pair) for pair in claims]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads)
    assert failures == []
    return outcome


@pytest.fixture
def rivals(make_user, make_article) -> tuple[User, User]:
    coordinator = make_user(Role.COORDINATOR)
    make_article(coordinator)
    make_article(coordinator)
    return (
        make_user(Role.TRANSLATOR, pairs=["ja:en"], name="Aiko Matsuda", capacity=1),
        make_user(Role.TRANSLATOR, pairs=["ja:en"], name="Bruno Keller", capacity=1),
    )


def _claim_events(db: Database) -> list[Event]:
    with db.session(write=False) as session:
        return list(session.scalars(select(Event).where(Event.action == "translation:claim")))


def _first_translation_id(db: Database) -> int:
    with db.session(write=False) as session:
        translation_id = session.scalar(select(func.min(Translation.id)))
        assert translation_id is not None
        return translation_id


def test_two_translators_claiming_at_once_exactly_one_wins(db, rivals, monkeypatch):
    translation_id = _first_translation_id(db)
    outcome = race(db, monkeypatch, [(rival.id, translation_id) for rival in rivals])
    (winner,) = outcome.winners
    (loser,) = outcome.losers
    assert type(outcome.losers[loser]) is Conflict
    with db.session(write=False) as session:
        translation = session.get(Translation, translation_id)
        assert translation is not None
        assert (translation.state, translation.translator_id) == (S.DRAFT, winner)
    (event,) = _claim_events(db)
    assert (event.actor_id, event.subject_id) == (winner, translation_id)


def test_the_translator_who_loses_a_claim_race_is_told_who_won(db, rivals, monkeypatch):
    translation_id = _first_translation_id(db)
    outcome = race(db, monkeypatch, [(rival.id, translation_id) for rival in rivals])
    (winner,) = outcome.winners
    names = {rival.id: rival.display_name for rival in rivals}
    (error,) = outcome.losers.values()
    assert names[winner] in error.message


def test_a_translator_claiming_a_taken_item_is_told_who_has_it(db, rivals, session):
    first, second = (session.merge(rival) for rival in rivals)
    translation, _ = english_translations(session)
    fire(session, first, translation, Action.CLAIM)
    with pytest.raises(Conflict, match=first.display_name):
        fire(session, second, translation, Action.CLAIM)


def test_a_reviewer_taking_a_review_someone_has_is_told_who_has_it(cast, session):
    translation, _ = english_translations(session)
    bring_to(session, cast, translation, S.IN_REVIEW)
    fire(session, cast.person(session, "reviewer"), translation, Action.CLAIM_REVIEW)
    with pytest.raises(Conflict, match=cast.names["reviewer"]):
        fire(session, cast.person(session, "selfreviewer"), translation, Action.CLAIM_REVIEW)


def test_one_translator_claiming_two_items_at_once_stays_within_capacity(db, rivals, monkeypatch):
    busy = rivals[0]  # capacity 1
    with db.session(write=False) as session:
        ids = list(session.scalars(select(Translation.id).order_by(Translation.id)))
    outcome = race(
        db,
        monkeypatch,
        [(busy.id, translation_id) for translation_id in ids],
        gate_after="situation_of",
    )
    assert len(outcome.winners) == 1
    (refused,) = outcome.losers.values()
    assert type(refused) is Conflict
    assert "capacity" in refused.message
    with db.session(write=False) as session:
        assert open_items(session, busy.id) == 1


def test_a_deactivated_translator_can_no_longer_act_on_their_claim(cast, db, session):
    translation, _ = english_translations(session)
    bring_to(session, cast, translation, S.DRAFT)
    holder = cast.person(session, "holder")
    holder.is_active = False
    for action in (Action.SUBMIT, Action.RELEASE):
        _refused(
            db,
            session,
            PermissionDenied,
            "deactivated",
            partial(fire, session, holder, translation, action),
        )


def test_the_named_reviewer_cannot_claim_the_translation_too(cast, db, session):
    translation, _ = english_translations(session)
    selfreviewer = cast.person(session, "selfreviewer")
    fire(
        session,
        cast.person(session, "coordinator"),
        translation,
        Action.ASSIGN,
        translator=cast.person(session, "translator"),
        reviewer=selfreviewer,
    )
    fire(session, cast.person(session, "translator"), translation, Action.RELEASE)
    _refused(
        db,
        session,
        Conflict,
        "named as this item's reviewer",
        lambda: fire(session, selfreviewer, translation, Action.CLAIM),
    )


def test_handing_a_draft_to_its_reviewer_does_not_make_them_review_their_own_work(cast, session):
    translation, _ = english_translations(session)
    bring_to(session, cast, translation, S.IN_REVIEW)
    selfreviewer = cast.person(session, "selfreviewer")
    fire(session, selfreviewer, translation, Action.CLAIM_REVIEW)
    fire(session, selfreviewer, translation, Action.REQUEST_CHANGES, request=FULL_REQUEST)
    with contextlib.suppress(ValidationFailed, Conflict):  # refusing it would be fine too
        fire(
            session,
            cast.person(session, "coordinator"),
            translation,
            Action.ASSIGN,
            translator=selfreviewer,
        )
    assert translation.reviewer_id != translation.translator_id
