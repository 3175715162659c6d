"""Random actions by random people, in any order, keep the workflow's promises.

A Hypothesis state machine fires every action through the service (one write session per
step, as a request would) on two translations, as people of every kind, with random inputs,
while translators fill segments or mark them "leave untranslated". After every step:

- each translation is in the state of its last successful action, held by whom that left;
- published ⇒ the approval just before was by someone other than the translator, or carried a
  coordinator's written override;
- the history is complete: one event per successful action, in order, each leaving from where
  the previous one arrived, the last arriving at the current state; one snapshot per submit,
  request for changes, approval and publication;
- a draft always has a translator;
- a claim never takes anyone beyond their capacity. Assigning may (the coordinator decides),
  and so may a request for changes or a reopening, which hand work back to its translator.
"""

import tempfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from translate_flow.core.db import Database
from translate_flow.core.errors import Conflict, PermissionDenied, TranslateFlowError
from translate_flow.domain.models import (
    Article,
    Base,
    Event,
    LanguagePair,
    Publication,
    Role,
    Snapshot,
    Translation,
    TranslationState,
    User,
    UserRole,
)
from translate_flow.domain.workflow import Action, ChangeReason, Request, available_actions
from translate_flow.intake.articles import ArticleInput, create_article
from translate_flow.workflow.opening import create_translation
from translate_flow.workflow.transitions import (
    actor_for,
    fire,
    history,
    open_items,
    situation_of,
)

S = TranslationState
START = datetime(2031, 5, 4, 9, 0, tzinfo=UTC)

# The model's own account of the workflow (ARCHITECTURE.md), not read from the table.
SOURCES = {
    Action.CLAIM: {S.OPEN},
    Action.ASSIGN: {S.OPEN, S.DRAFT},
    Action.RELEASE: {S.DRAFT},
    Action.SUBMIT: {S.DRAFT},
    Action.CLAIM_REVIEW: {S.IN_REVIEW},
    Action.RELEASE_REVIEW: {S.IN_REVIEW},
    Action.REQUEST_CHANGES: {S.IN_REVIEW},
    Action.APPROVE: {S.IN_REVIEW},
    Action.PUBLISH: {S.APPROVED},
    Action.UNPUBLISH: {S.PUBLISHED},
    Action.REOPEN: {S.PUBLISHED, S.UNPUBLISHED},
    Action.WITHDRAW: {S.OPEN, S.DRAFT, S.IN_REVIEW, S.APPROVED},
    Action.RESTORE: {S.WITHDRAWN},
}
TARGET = {
    Action.CLAIM: S.DRAFT,
    Action.ASSIGN: S.DRAFT,
    Action.RELEASE: S.OPEN,
    Action.SUBMIT: S.IN_REVIEW,
    Action.CLAIM_REVIEW: S.IN_REVIEW,
    Action.RELEASE_REVIEW: S.IN_REVIEW,
    Action.REQUEST_CHANGES: S.DRAFT,
    Action.APPROVE: S.APPROVED,
    Action.PUBLISH: S.PUBLISHED,
    Action.UNPUBLISH: S.UNPUBLISHED,
    Action.REOPEN: S.DRAFT,
    Action.WITHDRAW: S.WITHDRAWN,
    Action.RESTORE: S.OPEN,
}
# The moves that take a translation on towards publication, to reach the later states often.
FORWARD = {
    Action.CLAIM,
    Action.SUBMIT,
    Action.CLAIM_REVIEW,
    Action.REQUEST_CHANGES,
    Action.APPROVE,
    Action.PUBLISH,
    Action.REOPEN,
    Action.RESTORE,
}
SNAPSHOT_ACTIONS = {Action.SUBMIT, Action.REQUEST_CHANGES, Action.APPROVE, Action.PUBLISH}

# name: (roles, pair ja→en as none / "translate" / "review", capacity, active)
PEOPLE: dict[str, tuple[tuple[Role, ...], str, int, bool]] = {
    "coordinator": ((Role.COORDINATOR, Role.TRANSLATOR), "translate", 2, True),
    "admin": ((Role.ADMIN,), "none", 0, True),
    "translator_a": ((Role.TRANSLATOR,), "translate", 1, True),
    "translator_b": ((Role.TRANSLATOR,), "translate", 2, True),
    "outsider": ((Role.TRANSLATOR,), "none", 3, True),
    "reviewer": ((Role.REVIEWER,), "review", 3, True),
    "selfreviewer": ((Role.TRANSLATOR, Role.REVIEWER), "review", 2, True),
    "nonreviewer": ((Role.REVIEWER,), "translate", 3, True),
    "inactive": (tuple(Role), "review", 3, False),
}
TRANSLATIONS = 2
# What went through in this run: the machine must not pass by never getting anywhere.
FIRED: Counter[str] = Counter()
TEXTS = ["", "   ", "The minister said no.", "Tariffs rose again."]


@dataclass
class World:
    db: Database
    people: dict[str, int]
    article_ids: list[int]


@pytest.fixture(scope="module")
def world() -> Iterator[World]:
    with tempfile.TemporaryDirectory() as folder:
        db = Database(f"sqlite:///{Path(folder) / 'workflow.sqlite3'}")
        Base.metadata.create_all(db.engine)
        with db.transaction() as session:
            people = {}
            for name, (roles, pair, capacity, active) in PEOPLE.items():
                user = User(
                    email=f"{name}@example.org",
                    email_key=f"{name}@example.org",
                    display_name=name.replace("_", " ").title(),
                    capacity=capacity,
                    is_active=active,
                )
                user.role_rows = [UserRole(role=role) for role in roles]
                if pair != "none":
                    user.language_pairs = [
                        LanguagePair(
                            source_language="ja", target_language="en", can_review=pair == "review"
                        )
                    ]
                else:
                    user.language_pairs = [LanguagePair(source_language="de", target_language="en")]
                session.add(user)
                session.flush()
                people[name] = user.id
            coordinator = session.get(User, people["coordinator"])
            assert coordinator is not None
            article_ids = [
                create_article(
                    session,
                    coordinator,
                    ArticleInput(
                        title=f"Article {number}",
                        body="The first paragraph.\n\nThe second paragraph.",
                        source_language="ja",
                    ),
                    target_languages=[],
                ).id
                for number in range(TRANSLATIONS)
            ]
        yield World(db, people, article_ids)
        db.dispose()


@dataclass
class Expected:
    """What the model believes of one translation."""

    state: TranslationState = S.OPEN
    translator_id: int | None = None
    moves: int = 0
    snapshots: int = 0


@dataclass(frozen=True)
class Inputs:
    reason: str
    change_reason: ChangeReason | None
    override: str
    translator: str | None
    reviewer: str | None
    due_in_days: int | None


translations = st.integers(0, TRANSLATIONS - 1)
people = st.sampled_from(list(PEOPLE))
# Mostly what a careful person sends, sometimes not: missing reasons, past due dates, nobody.
inputs = st.builds(
    Inputs,
    reason=st.sampled_from(["The outlet asked us to.", "Names checked.", "", "  "]),
    change_reason=st.sampled_from([None, *ChangeReason]),
    override=st.sampled_from(["", "Nobody else reads Japanese this week."]),
    translator=st.sampled_from([None, *PEOPLE]),
    reviewer=st.sampled_from([None, None, None, *PEOPLE]),
    due_in_days=st.sampled_from([None, 3, 10, -1, 0]),
)

# What someone who means to get on sends: reasons given, a translator of the pair, a future date.
careful_inputs = st.builds(
    Inputs,
    reason=st.just("Checked with the desk."),
    change_reason=st.sampled_from(ChangeReason),
    override=st.sampled_from(["", "Nobody else reads Japanese this week."]),
    translator=st.sampled_from(["translator_a", "translator_b", "selfreviewer", "coordinator"]),
    reviewer=st.sampled_from([None, "reviewer"]),
    due_in_days=st.sampled_from([None, 3]),
)


class WorkflowMachine(RuleBasedStateMachine):
    world: World  # set by the test: the database is built once per run

    def __init__(self) -> None:
        super().__init__()
        world = self.world
        self.db = world.db
        self.people = world.people
        self.now = START
        with self.db.transaction() as session:
            # A clean desk for every example: the people and articles stay.
            session.execute(delete(Publication))
            session.execute(delete(Snapshot))
            session.execute(delete(Event))
            session.execute(delete(Translation))
            coordinator = session.get(User, self.people["coordinator"])
            assert coordinator is not None
            self.ids = [
                create_translation(session, coordinator, article, "en").id
                for article in (session.get_one(Article, id_) for id_ in world.article_ids)
            ]
        self.expected = {translation_id: Expected() for translation_id in self.ids}

    def tick(self) -> datetime:
        self.now += timedelta(minutes=1)
        return self.now

    # --- Rules --------------------------------------------------------------------------

    @rule(index=translations, who=people, action=st.sampled_from(Action), given=inputs)
    def act(self, index: int, who: str, action: Action, given: Inputs) -> None:
        self._fire(self.ids[index], who, action, given)

    def _offered(self, index: int) -> list[tuple[str, Action]]:
        """(person, action) for everything the people's screens offer on this translation."""
        with self.db.session(write=False) as session:
            translation = session.get_one(Translation, self.ids[index])
            situation = situation_of(session, translation)
            return [
                (who, action)
                for who, user in self._everyone(session).items()
                for action in available_actions(actor_for(session, user, translation), situation)
            ]

    @staticmethod
    def _pick(data: st.DataObject, offered: list[tuple[str, Action]]) -> tuple[str, Action]:
        # The action first, then who: coordinators, offered the most, do not crowd out the rest.
        action = data.draw(st.sampled_from(sorted({action for _, action in offered})))
        return data.draw(st.sampled_from([who for who, a in offered if a == action])), action

    @rule(index=translations, given=inputs, data=st.data())
    def act_sensibly(self, index: int, given: Inputs, data: st.DataObject) -> None:
        """Someone does what their screen offers them (a guard may still refuse it)."""
        offered = self._offered(index)
        if offered:
            self._fire(self.ids[index], *self._pick(data, offered), given)

    @rule(index=translations, given=careful_inputs, data=st.data())
    def get_on_with_the_work(self, index: int, given: Inputs, data: st.DataObject) -> None:
        """Someone takes the translation a step on, having done their part first."""
        offered = [(who, action) for who, action in self._offered(index) if action in FORWARD]
        if not offered:
            return
        who, action = self._pick(data, offered)
        if action == Action.SUBMIT:
            self._translate_everything(self.ids[index])
        self._fire(self.ids[index], who, action, given)

    def _drafts(self) -> list[int]:
        return [id_ for id_, expected in self.expected.items() if expected.state == S.DRAFT]

    @rule(
        data=st.data(),
        position=st.integers(0, 2),
        text=st.sampled_from(TEXTS),
        leave=st.booleans(),
    )
    def edit_segment(self, data: st.DataObject, position: int, text: str, leave: bool) -> None:
        """The translator types, blanks a segment, or marks an empty one "leave untranslated"."""
        drafts = self._drafts()
        if not drafts:
            return
        with self.db.transaction() as session:
            translation = session.get_one(Translation, data.draw(st.sampled_from(drafts)))
            row = sorted(translation.segments, key=lambda r: r.segment.position)[position]
            row.text, row.leave_untranslated = text, leave and not text.strip()

    @rule(data=st.data())
    def translate_everything(self, data: st.DataObject) -> None:
        drafts = self._drafts()
        if drafts:
            self._translate_everything(data.draw(st.sampled_from(drafts)))

    def _translate_everything(self, translation_id: int) -> None:
        with self.db.transaction() as session:
            translation = session.get_one(Translation, translation_id)
            for row in translation.segments:
                if not row.text.strip() and not row.leave_untranslated:
                    row.text = f"English for {row.segment_id}."

    def _fire(self, translation_id: int, who: str, action: Action, given: Inputs) -> None:
        expected = self.expected[translation_id]
        with self.db.session(write=True) as session:
            everyone = self._everyone(session)
            user = everyone[who]
            translation = session.get_one(Translation, translation_id)
            held_before = open_items(session, user.id)
            now = self.tick()
            due_at = None if given.due_in_days is None else now + timedelta(days=given.due_in_days)
            try:
                fired = fire(
                    session,
                    user,
                    translation,
                    action,
                    request=Request(given.reason, given.change_reason, given.override),
                    translator=everyone.get(given.translator or ""),
                    reviewer=everyone.get(given.reviewer or ""),
                    due_at=due_at,
                    now=now,
                )
            except TranslateFlowError as refused:
                session.rollback()
                self._check_refusal(refused, action, expected, user)
                return
            session.commit()
            # Whatever the table says, these must hold for a move that went through.
            assert user.is_active
            assert fired.from_state == expected.state
            assert expected.state in SOURCES[action]
            assert fired.to_state == TARGET[action]
            if action == Action.CLAIM:
                assert held_before < user.capacity
                assert open_items(session, user.id) == held_before + 1 <= user.capacity
            if action == Action.APPROVE and user.id == expected.translator_id:
                assert user.has_role(Role.COORDINATOR, Role.ADMIN) and given.override.strip()
            translator_id = translation.translator_id

        FIRED[action] += 1
        if "override" in fired.event.payload:
            FIRED["approve with an override"] += 1
        expected.state = TARGET[action]
        expected.moves += 1
        expected.snapshots += action in SNAPSHOT_ACTIONS
        if action == Action.CLAIM:
            expected.translator_id = self.people[who]
        elif action == Action.ASSIGN:
            assert given.translator is not None
            expected.translator_id = self.people[given.translator]
        elif action in (Action.RELEASE, Action.RESTORE):
            expected.translator_id = None
        assert translator_id == expected.translator_id

    @staticmethod
    def _check_refusal(
        refused: TranslateFlowError, action: Action, expected: Expected, user: User
    ) -> None:
        if expected.state not in SOURCES[action] or not user.is_active:
            # Not from here, or not by them: the state or the person is refused, never the input.
            assert isinstance(refused, Conflict | PermissionDenied), refused.message

    def _everyone(self, session: Session) -> dict[str, User]:
        users = {user.id: user for user in session.scalars(select(User))}
        return {name: users[user_id] for name, user_id in self.people.items()}

    # --- Invariants ---------------------------------------------------------------------

    @invariant()
    def the_desk_keeps_its_promises(self) -> None:
        with self.db.session(write=False) as session:
            for translation_id, expected in self.expected.items():
                translation = session.get_one(Translation, translation_id)
                events = history(session, translation)
                self._check_state(translation, expected)
                self._check_history(translation, expected, events)
                if translation.state == S.PUBLISHED:
                    self._check_approval(translation, events)
                snapshots = session.scalar(
                    select(func.count())
                    .select_from(Snapshot)
                    .where(Snapshot.translation_id == translation_id)
                )
                assert snapshots == expected.snapshots

    @staticmethod
    def _check_state(translation: Translation, expected: Expected) -> None:
        assert translation.state == expected.state
        assert translation.translator_id == expected.translator_id
        if translation.state == S.DRAFT:
            assert translation.translator_id is not None

    @staticmethod
    def _check_history(translation: Translation, expected: Expected, events: list[Event]) -> None:
        created, *moves = events
        assert created.action == "translation:created"
        assert len(moves) == expected.moves
        assert [event.id for event in events] == sorted(event.id for event in events)
        assert [e.created_at for e in moves] == sorted(e.created_at for e in moves)
        arrived = S.OPEN.value
        for move in moves:
            assert move.action.startswith("translation:")
            assert move.payload["from"] == arrived, (move.action, move.payload)
            assert move.payload["to"] == TARGET[Action(move.action.split(":")[1])].value
            arrived = move.payload["to"]
        assert arrived == translation.state.value

    @staticmethod
    def _check_approval(translation: Translation, events: list[Event]) -> None:
        *before, published = events
        assert published.action == "translation:publish"
        approval = before[-1]  # approved is only reached by approving, left only by publishing
        assert approval.action == "translation:approve"
        assert approval.actor_id != translation.translator_id or approval.payload.get("override")


def test_random_actions_by_random_people_keep_the_workflow_promises(world, monkeypatch):
    FIRED.clear()
    monkeypatch.setattr(WorkflowMachine, "world", world, raising=False)
    run_state_machine_as_test(
        WorkflowMachine,
        settings=settings(
            max_examples=30,
            stateful_step_count=50,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow],
        ),
    )
    assert all(FIRED[action] for action in (Action.SUBMIT, Action.APPROVE, Action.PUBLISH)), FIRED
