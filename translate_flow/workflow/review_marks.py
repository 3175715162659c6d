"""Reviewers' per-segment "checked" marks, and how far a review has got.

A mark keeps the text the reviewer checked. It counts while the segment still holds that text:
a save that changes the text (the translator's fix, or the reviewer's own edit) leaves the
mark behind, uncounted, with nothing to clear by hand and no hook in saving. Marks are not
reset when a translation is sent back and resubmitted: as in Weblate and Pontoon, where an
approved string stays approved until its text changes, the reviewer re-reads only what
changed in the new round.
"""

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from translate_flow.core.errors import Conflict, NotFound, PermissionDenied
from translate_flow.domain.models import (
    ReviewMark,
    Translation,
    TranslationSegment,
    TranslationState,
    User,
)
from translate_flow.domain.permissions import can_check_segments


@dataclass(frozen=True)
class ReviewProgress:
    """How many of the translation's active segments carry a mark that still counts."""

    checked: int
    total: int
    # Source segment ids (what the editor's rows and the API name segments by).
    checked_ids: frozenset[int] = field(default_factory=frozenset)

    @property
    def unchecked(self) -> int:
        return self.total - self.checked


def review_progress(session: Session, translation: Translation) -> ReviewProgress:
    """The marks that still count, over the segments not set aside; one query."""
    rows = session.execute(
        select(TranslationSegment.segment_id, TranslationSegment.text, ReviewMark.checked_text)
        .outerjoin(ReviewMark, ReviewMark.translation_segment_id == TranslationSegment.id)
        .where(
            TranslationSegment.translation_id == translation.id,
            TranslationSegment.set_aside_at.is_(None),
        )
    ).all()
    checked = frozenset(sid for sid, text, marked in rows if marked is not None and marked == text)
    return ReviewProgress(checked=len(checked), total=len(rows), checked_ids=checked)


def _row(session: Session, translation: Translation, segment_id: int) -> TranslationSegment:
    row = session.scalar(
        select(TranslationSegment).where(
            TranslationSegment.translation_id == translation.id,
            TranslationSegment.segment_id == segment_id,
            TranslationSegment.set_aside_at.is_(None),
        )
    )
    if row is None:
        raise NotFound("This translation has no such segment.")
    return row


def _check_reviewer(user: User, translation: Translation) -> None:
    if translation.state != TranslationState.IN_REVIEW:
        raise Conflict(
            f"This translation is {translation.state.label}: segments are checked in review."
        )
    if not can_check_segments(user, translation):
        raise PermissionDenied("Only the reviewer who took this review checks its segments.")


def mark_checked(
    session: Session, user: User, translation: Translation, segment_id: int, *, now: datetime
) -> ReviewMark:
    """Mark the segment checked as its text stands now; marking again re-dates the mark."""
    _check_reviewer(user, translation)
    row = _row(session, translation, segment_id)
    for _attempt in range(2):
        mark = session.scalar(select(ReviewMark).where(ReviewMark.translation_segment_id == row.id))
        if mark is None:
            mark = ReviewMark(translation_segment_id=row.id, translation_id=translation.id)
        mark.checked_text, mark.checked_by_id, mark.checked_at = row.text, user.id, now
        try:
            with session.begin_nested():
                session.add(mark)
                session.flush()
        except IntegrityError:
            # The same mark set twice at once (a double click, two tabs): the other one won;
            # update theirs.
            continue
        return mark
    raise Conflict("The segment was being marked at the same moment; try again.")


def clear_mark(session: Session, user: User, translation: Translation, segment_id: int) -> None:
    """Take the mark off; taking off a mark that is not there is no error."""
    _check_reviewer(user, translation)
    row = _row(session, translation, segment_id)
    mark = session.scalar(select(ReviewMark).where(ReviewMark.translation_segment_id == row.id))
    if mark is not None:
        session.delete(mark)
        session.flush()
