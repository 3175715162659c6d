"""What the workflow's service tests share: a cast of people by the kinds of
tests/unit/test_workflow_table.py, moving a translation along the way the desk would, and
checking what an action wrote or that a refused one wrote nothing."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tests.web.snapshot import database_snapshot
from translate_flow.core.db import Database
from translate_flow.core.errors import TranslateFlowError
from translate_flow.domain.models import Event, Snapshot, Translation, TranslationState, User
from translate_flow.domain.workflow import Action, ChangeReason, Request
from translate_flow.workflow.transitions import fire

S = TranslationState

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
            "source_html": row.segment.html,
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
