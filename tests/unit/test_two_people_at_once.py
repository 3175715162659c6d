"""Two people acting on one translation at the same moment, from their own connections: exactly
one wins, and the other is told who did."""

import threading
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import func, select

from tests.unit.workflow_cast import S, bring_to, english_translations
from translate_flow.core.db import Database
from translate_flow.core.errors import Conflict, TranslateFlowError
from translate_flow.domain.models import Event, Role, Translation, User
from translate_flow.domain.workflow import Action
from translate_flow.workflow import transitions
from translate_flow.workflow.transitions import fire, open_items


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
