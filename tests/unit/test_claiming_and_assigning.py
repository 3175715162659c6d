"""Claiming from the pool, assigning and handing on, releasing: who holds a translation, until
when, and who may be given it, through the service on each database."""

import contextlib
from datetime import timedelta
from functools import partial

import pytest

from tests.unit.workflow_cast import (
    FULL_REQUEST,
    START,
    Clock,
    Mark,
    S,
    _refused,
    assert_recorded,
    bring_to,
    english_translations,
)
from translate_flow.core.errors import Conflict, PermissionDenied, ValidationFailed
from translate_flow.domain.models import Role
from translate_flow.domain.workflow import Action
from translate_flow.workflow.transitions import fire, open_items


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


def test_a_translator_at_capacity_cannot_claim(make_user, make_article, db, session):
    coordinator = make_user(Role.COORDINATOR)
    busy = make_user(Role.TRANSLATOR, pairs=["ja:en"], capacity=1)
    make_article(coordinator)
    make_article(coordinator)
    first, second = english_translations(session)
    busy = session.merge(busy)
    fire(session, busy, first, Action.CLAIM)
    _refused(db, session, Conflict, "capacity", lambda: fire(session, busy, second, Action.CLAIM))


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
