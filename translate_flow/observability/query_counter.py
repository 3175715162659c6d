"""How many statements one request sent to the database: counted in the request's context.

The listener is on SQLAlchemy's Engine class, not on one app's engine, so that it counts
whichever engine the request uses (the tests hand the app a shared engine after it is built).
It costs one context-variable read per statement, and counts nothing outside a request.
"""

from contextvars import ContextVar
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine


class QueryCount:
    """A mutable count, so that the listener adds to it without setting the variable again."""

    __slots__ = ("value",)

    def __init__(self) -> None:
        self.value = 0


_current: ContextVar[QueryCount | None] = ContextVar("translate_flow_query_count", default=None)


def _count(*_args: Any, **_kwargs: Any) -> None:
    count = _current.get()
    if count is not None:
        count.value += 1


def install() -> None:
    """Listen to every engine of the process; once, however many apps are built."""
    if not event.contains(Engine, "before_cursor_execute", _count):
        event.listen(Engine, "before_cursor_execute", _count)


def start() -> None:
    """Count from zero in this context (a request)."""
    _current.set(QueryCount())


def stop() -> None:
    """Count no more: a thread that serves the next request, or runs a job, starts clean."""
    _current.set(None)


def current() -> int:
    """Statements sent so far in this context; 0 outside a request."""
    count = _current.get()
    return count.value if count is not None else 0
