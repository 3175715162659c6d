"""Two people saving one segment as fast as they can, and what must hold afterwards.

Shared by the in-process race (tests/web/test_racing_saves.py) and the one through two
gunicorn workers (tests/web/test_gunicorn_saves.py): a `send` function stands for the
transport, so the same people and the same checks run over both.
"""

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from translate_flow.domain.models import SegmentRevision, TranslationSegment

# (json body) → (status, json answer)
Send = Callable[[dict[str, Any]], tuple[int, dict[str, Any]]]
WORDS = 24  # in the segment; each person mostly edits their own half


@dataclass
class Typist:
    """One person (or one browser tab) editing the segment, keeping their own copy of it."""

    name: str
    half: int  # 0: mostly edits the first half of the words, 1: the second
    send: Send
    seed: int
    text: str = " ".join(f"w{n}" for n in range(WORDS))
    version: int = 0
    accepted: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    sent: list[str] = field(default_factory=list)
    merged: int = 0

    def __post_init__(self) -> None:
        self.random = random.Random(self.seed)

    def edit(self, step: int) -> str:
        words = self.text.split(" ")
        # One edit in five lands anywhere: those are the overlapping ones.
        anywhere = self.random.random() < 0.2
        low = 0 if anywhere or self.half == 0 else len(words) // 2
        high = len(words) if anywhere or self.half == 1 else len(words) // 2
        position = self.random.randrange(low, max(low + 1, high))
        words[min(position, len(words) - 1)] = f"{self.name}{step}"
        return " ".join(words)

    def run(self, saves: int) -> None:
        resolving = False
        for step in range(saves):
            mine = self.edit(step)
            body: dict[str, Any] = {"text": mine, "base_version": self.version}
            if resolving:
                body["resolves_conflict"] = True
            status, answer = self.send(body)
            self.sent.append(mine)
            resolving = False
            if status == 200:
                self.accepted.append(answer["text"])
                self.merged += bool(answer["merged"])
                self.text, self.version = answer["text"], answer["version"]
            elif status == 409 and answer.get("error", {}).get("code") == "edit_conflict":
                assert answer["mine"] == mine
                self.refused.append(mine)
                # Half the time the person keeps theirs, half the time they keep mine.
                self.version = answer["version"]
                if self.random.random() < 0.5:
                    self.text = answer["theirs"]
                else:
                    self.text, resolving = mine, True
            else:
                raise AssertionError(f"{self.name}: unexpected answer {status} {answer}")


def check_nothing_was_lost(session: Session, row_id: int, typists: list[Typist]) -> None:
    """Every text sent is in the history; every accepted text is the text or in the history;
    the applied versions run 1, 2, 3… without a gap or a repeat."""
    row = session.get(TranslationSegment, row_id)
    assert row is not None
    revisions = list(
        session.scalars(
            select(SegmentRevision)
            .where(SegmentRevision.translation_segment_id == row_id)
            .order_by(SegmentRevision.id)
        )
    )
    history = {revision.text for revision in revisions}
    for typist in typists:
        missing = [text for text in typist.sent if text not in history]
        assert not missing, f"{typist.name}'s texts missing from the history: {missing[:3]}"
        lost = [text for text in typist.accepted if text not in history | {row.text}]
        assert not lost, f"{typist.name}'s accepted texts lost: {lost[:3]}"
        refused = {r.text for r in revisions if r.origin.value == "conflict"}
        assert set(typist.refused) <= refused
    applied = sorted(r.version for r in revisions if r.version is not None)
    assert applied == list(range(1, row.version + 1))
    latest = max((r for r in revisions if r.version is not None), key=lambda r: r.version or 0)
    assert latest.text == row.text
