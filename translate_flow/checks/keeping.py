"""Keeping the findings of open translations' rows ahead of their next opening.

An autosave keeps its row's findings, so the editor reads them instead of running every check
again. Rows written another way (an XLIFF or DOCX import, a pre-translation, a desk restored or
built by hand) have none kept, and a release that changes a check makes every kept result out
of date: until each row is saved again, each opening of its editor runs all its checks (a
third of a 150-segment page). `translate-flow checks keep` does what a save would have done.
"""

from collections.abc import Iterator, Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from translate_flow.checks.segment_findings import keep_findings
from translate_flow.domain.models import Translation, TranslationState
from translate_flow.workflow.transitions import active_segments

# The states whose editor is opened to write or review: their findings are the ones read.
OPEN_STATES = (TranslationState.DRAFT, TranslationState.IN_REVIEW)


def open_translation_ids(session: Session, after: int = 0, limit: int = 500) -> list[int]:
    """Ids of translations being written or reviewed, in order, after `after`."""
    return list(
        session.scalars(
            select(Translation.id)
            .where(Translation.state.in_(OPEN_STATES), Translation.id > after)
            .order_by(Translation.id)
            .limit(limit)
        )
    )


def count_open(session: Session) -> int:
    """How many translations are being written or reviewed."""
    return (
        session.scalar(
            select(func.count()).select_from(Translation).where(Translation.state.in_(OPEN_STATES))
        )
        or 0
    )


def keep_translation(session: Session, translation_id: int) -> None:
    """Keep the findings of every active row of one translation (none if there is no such
    translation)."""
    translation = session.get(Translation, translation_id)
    if translation is None:
        return
    rows = active_segments(session, translation)
    keep_findings(session, translation, {segment.id for _row, segment in rows})


def keep_all(session: Session, translation_ids: Sequence[int] | None = None) -> Iterator[int]:
    """Keep the findings of the given translations, or of every open one; yields each id done
    (flushed, not committed: the caller commits between them)."""
    if translation_ids is not None:
        for translation_id in translation_ids:
            keep_translation(session, translation_id)
            yield translation_id
        return
    after = 0
    while ids := open_translation_ids(session, after):
        for translation_id in ids:
            keep_translation(session, translation_id)
            yield translation_id
        after = ids[-1]
