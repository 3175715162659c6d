"""A desk kept busy: writers that save segments, submit, review, publish and reopen, each
through the app's own operations and transactions, logging what they have committed."""

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from flask import Flask

from tests.desk import claimed_translation
from tests.factories import ArticleFactory, UserFactory
from translate_flow.domain.models import Role, Translation, User
from translate_flow.domain.workflow import Action, Request
from translate_flow.editing.saving import find_row, save_segment
from translate_flow.workflow.transitions import fire

PAUSE_SECONDS = 0.01
WORD = "harbour"  # in every text the writers write: the search finds their publications


@dataclass
class Writer:
    translator: User
    reviewer: User
    translation_id: int
    segment_ids: list[int]
    # ("segment", row id, version, text) or ("event", event id, state after), each appended
    # once its transaction has committed.
    log: list[tuple[str, int, object, object]] = field(default_factory=list)


@dataclass
class BusyDesk:
    app: Flask
    coordinator: User
    writers: list[Writer]
    stop: threading.Event = field(default_factory=threading.Event)
    errors: list[BaseException] = field(default_factory=list)

    def committed(self) -> list[list[tuple[str, int, object, object]]]:
        """What each writer has committed so far."""
        return [list(writer.log) for writer in self.writers]

    def wait_for(self, entries: int, timeout: float = 60) -> None:
        """Until every writer has committed `entries` writes."""
        self._wait(lambda writer: len(writer.log) >= entries, timeout)

    def wait_for_more(self, timeout: float = 60) -> None:
        """Until every writer has committed one more write than it had."""
        had = {id(writer): len(writer.log) for writer in self.writers}
        self._wait(lambda writer: len(writer.log) > had[id(writer)], timeout)

    def _wait(self, ready: Callable[[Writer], bool], timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while not all(ready(writer) for writer in self.writers):
            if self.errors:
                raise self.errors[0]
            assert time.monotonic() < deadline, "the writers stopped writing"
            time.sleep(0.01)

    def _pause(self) -> None:
        """A breath between writes, as people take: on SQLite, where writers queue for one
        lock, a writer that never pauses can keep the others waiting past the busy timeout."""
        self.stop.wait(PAUSE_SECONDS)

    def _work(self, index: int, writer: Writer) -> None:
        db = self.app.extensions["translate_flow.db"]
        steps = (
            (writer.translator, Action.SUBMIT, None),
            (writer.reviewer, Action.CLAIM_REVIEW, None),
            (writer.reviewer, Action.APPROVE, None),
            (self.coordinator, Action.PUBLISH, None),
            (self.coordinator, Action.REOPEN, Request(reason="A correction.")),
        )
        round_ = 0
        try:
            while not self.stop.is_set():
                round_ += 1
                for part, segment_id in enumerate(writer.segment_ids):
                    with db.transaction() as session:
                        translation = session.get(Translation, writer.translation_id)
                        assert translation is not None
                        row = find_row(session, translation, segment_id)
                        outcome = save_segment(
                            session,
                            session.get(User, writer.translator.id),  # type: ignore[arg-type]
                            translation,
                            segment_id,
                            text=f"The {WORD} report {index}, round {round_}, part {part}.",
                            base_version=row.version,
                        )
                        saved = ("segment", outcome.row.id, outcome.version, outcome.text)
                    writer.log.append(saved)
                    self._pause()
                for actor, action, request in steps:
                    with db.transaction() as session:
                        fired = fire(
                            session,
                            session.get(User, actor.id),  # type: ignore[arg-type]
                            session.get(Translation, writer.translation_id),  # type: ignore[arg-type]
                            action,
                            request=request,
                        )
                        done = ("event", fired.event.id, fired.to_state.value, action.value)
                    writer.log.append(done)
                    self._pause()
        except BaseException as error:
            self.errors.append(error)

    @contextmanager
    def running(self) -> Iterator["BusyDesk"]:
        threads = [
            threading.Thread(target=self._work, args=(index, writer), daemon=True)
            for index, writer in enumerate(self.writers)
        ]
        for thread in threads:
            thread.start()
        try:
            yield self
        finally:
            self.stop.set()
            for thread in threads:
                thread.join(timeout=60)
        if self.errors:
            raise self.errors[0]


def busy_desk(app: Flask, writers: int) -> BusyDesk:
    """A coordinator, and per writer a translator holding one article's English translation
    and a reviewer of the pair."""
    make_user, make_article = UserFactory(app), ArticleFactory(app)
    coordinator = make_user(Role.COORDINATOR, name="Cora Coordinator")
    made = []
    for index in range(writers):
        translator = make_user(Role.TRANSLATOR, pairs=["ja:en"], name=f"Translator {index}")
        reviewer = make_user(Role.REVIEWER, reviews=["ja:en"], name=f"Reviewer {index}")
        article = make_article(
            coordinator,
            title=f"港の報告 {index}",
            body="港は朝から忙しい。\n\n船が三隻着いた。",
        )
        with app.extensions["translate_flow.db"].transaction() as session:
            translation_id, segment_ids = claimed_translation(session, article.id, translator)
        made.append(Writer(translator, reviewer, translation_id, segment_ids))
    return BusyDesk(app, coordinator, made)
