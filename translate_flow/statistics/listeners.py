"""Keeps the rollups current as the history is written: a translation's rows are derived again
in the flush that writes one of its events, inside the same transaction.

A session listener rather than a call in each writer: workflow moves, claim expiry, planned
publications, due-date decisions and the opening of translations all write `translation:*`
events through `domain.audit.record_event`, in four features, and any writer added later is
counted without knowing about the statistics. The rows are written with Core statements in
`after_flush_postexec`, where the session's own objects are all flushed and nothing is added
to it, so the flush does not start again.
"""

from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session, UOWTransaction

from translate_flow.domain.models import Event
from translate_flow.statistics import rollup

PENDING = "translate_flow.statistics.pending"


def _collect(session: Session, _context: UOWTransaction) -> None:
    """Note the translations whose events this flush writes."""
    ids = {
        item.subject_id
        for item in session.new
        if isinstance(item, Event) and item.subject_type == "translation"
    }
    if ids:
        session.info.setdefault(PENDING, set()).update(ids)


def _refresh(session: Session, _context: UOWTransaction) -> None:
    ids: set[int] = session.info.pop(PENDING, set())
    if ids:
        rollup.refresh(session, ids)


def _forget(session: Session, *_args: Any) -> None:
    session.info.pop(PENDING, None)


def install() -> None:
    """Listen on every session (idempotent)."""
    if event.contains(Session, "after_flush", _collect):
        return
    event.listen(Session, "after_flush", _collect)
    event.listen(Session, "after_flush_postexec", _refresh)
    event.listen(Session, "after_rollback", _forget)


def uninstall() -> None:
    """For the tests that compare rows kept by the listener with rows rebuilt without it."""
    if not event.contains(Session, "after_flush", _collect):
        return
    event.remove(Session, "after_flush", _collect)
    event.remove(Session, "after_flush_postexec", _refresh)
    event.remove(Session, "after_rollback", _forget)
