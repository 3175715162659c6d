"""The desk's filter choices and who works in each pair, kept for a minute per database and
process.

The board, the article list and the statistics page offer every outlet and everyone who
translates or reviews: at 100,000 articles a thousand outlets and two thousand people, read and
sorted on every view (6–7 ms of the statistics page's 50); the board's coverage strip and review
flags read every active person's pairs (17 ms of its 70). They change when an outlet or a person
is added, renamed or given a role, or an article or translation brings a new language: any such
change flushed in this process forgets them at once, and other processes read them again within
`KEEP_SECONDS`.
"""

import time
from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy import event
from sqlalchemy.orm import Session, UOWTransaction

from translate_flow.domain.models import Article, LanguagePair, Outlet, Translation, User, UserRole
from translate_flow.intake.outlets import outlet_names
from translate_flow.workflow import board
from translate_flow.workflow.board import FilterChoices, PairKey, filter_choices

T = TypeVar("T")

KEEP_SECONDS = 60.0
# Kinds whose change may change a list; Article and Translation only when added or removed.
_RENAMED_OR_GRANTED = (Outlet, User, UserRole, LanguagePair)
_ADDED = (*_RENAMED_OR_GRANTED, Article, Translation)

_kept: dict[tuple[str, str], tuple[float, Any]] = {}


def _database(session: Session) -> str:
    return session.get_bind().engine.url.render_as_string(hide_password=True)


def _kept_or_read(session: Session, name: str, read: Callable[[Session], T]) -> T:
    key = (_database(session), name)
    now = time.monotonic()
    found = _kept.get(key)
    if found is not None and found[0] > now:
        value: T = found[1]
        return value
    value = read(session)
    _kept[key] = (now + KEEP_SECONDS, value)
    return value


def outlets(session: Session) -> list[tuple[int, str]]:
    """(id, name) of every outlet by name."""
    return _kept_or_read(session, "outlets", outlet_names)


def people_and_pairs(session: Session) -> FilterChoices:
    """The desk's language pairs and the people who translate or review."""
    return _kept_or_read(session, "people_and_pairs", filter_choices)


def pair_people(session: Session) -> dict[PairKey, tuple[set[int], set[int]]]:
    """Per pair, its active translators and reviewers (`board.pair_people`; not to be changed)."""
    return _kept_or_read(session, "pair_people", lambda read: dict(board.pair_people(read)))


def forget() -> None:
    _kept.clear()


@event.listens_for(Session, "after_flush")
def _forget_on_change(session: Session, _flush: UOWTransaction) -> None:
    if not _kept:
        return
    if any(isinstance(item, _ADDED) for item in (*session.new, *session.deleted)) or any(
        isinstance(item, _RENAMED_OR_GRANTED) for item in session.dirty
    ):
        forget()
