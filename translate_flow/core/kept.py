"""Values read from the database and kept a while per database and process: lists and counts
that every page shows and few writes change.

A change flushed in this process to a row of a kind a keeper watches forgets what it keeps at
once; other processes read again when their copy is older than the keeper's `seconds`.
"""

import time
import weakref
from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy import event
from sqlalchemy.orm import Session, UOWTransaction

T = TypeVar("T")

_keepers: "weakref.WeakSet[Keeper]" = weakref.WeakSet()


class Keeper:
    """Keeps what `read` returns under a name, per database, for `seconds`.

    `added` are the kinds whose rows added or deleted change what is kept; `changed` those whose
    rows changed in any way (added, deleted or updated) do.
    """

    def __init__(
        self, seconds: float, *, added: tuple[type, ...] = (), changed: tuple[type, ...] = ()
    ) -> None:
        self.seconds = seconds
        self.added = (*added, *changed)
        self.changed = changed
        self._kept: dict[tuple[str, str], tuple[float, Any]] = {}
        _keepers.add(self)

    def get(self, session: Session, name: str, read: Callable[[Session], T]) -> T:
        key = (session.get_bind().engine.url.render_as_string(hide_password=True), name)
        now = time.monotonic()
        found = self._kept.get(key)
        if found is not None and found[0] > now:
            value: T = found[1]
            return value
        value = read(session)
        self._kept[key] = (now + self.seconds, value)
        return value

    def forget(self) -> None:
        self._kept.clear()

    def _flushed(self, session: Session) -> None:
        if not self._kept:
            return
        if any(isinstance(item, self.added) for item in (*session.new, *session.deleted)) or any(
            isinstance(item, self.changed) for item in session.dirty
        ):
            self.forget()


def forget_all() -> None:
    """Every keeper forgets (a test's database replaced under the same name)."""
    for keeper in list(_keepers):
        keeper.forget()


@event.listens_for(Session, "after_flush")
def _forget_on_change(session: Session, _flush: UOWTransaction) -> None:
    for keeper in list(_keepers):
        keeper._flushed(session)
