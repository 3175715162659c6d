"""What a correction changed: diffs between revisions, and which translations it touched."""

from dataclasses import dataclass

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from translate_flow.core.errors import NotFound
from translate_flow.domain.models import (
    Article,
    Segment,
    SegmentChange,
    SegmentKind,
    SourceRevision,
    Translation,
    TranslationSegment,
)
from translate_flow.intake.realignment import match_segments
from translate_flow.text.diffing import Change, Op, diff_text


@dataclass(frozen=True)
class SegmentComparison:
    """One row of a revision diff: a segment as it was, as it became, and the word diff."""

    kind: SegmentKind
    status: str  # "unchanged", "changed", "added" or "removed"
    changes: list[Change]


def _compare(old: Segment | None, new: Segment | None) -> SegmentComparison:
    if old is None and new is not None:
        return SegmentComparison(new.kind, "added", [Change(Op.INSERT, new.text)])
    if new is None and old is not None:
        return SegmentComparison(old.kind, "removed", [Change(Op.DELETE, old.text)])
    assert old is not None and new is not None
    if old.text == new.text:
        return SegmentComparison(new.kind, "unchanged", [Change(Op.EQUAL, new.text)])
    return SegmentComparison(new.kind, "changed", diff_text(old.text, new.text))


def get_revision(session: Session, article: Article, number: int) -> SourceRevision:
    revision = session.scalar(
        select(SourceRevision).where(
            SourceRevision.article_id == article.id, SourceRevision.number == number
        )
    )
    if revision is None:
        raise NotFound(f"This article has no revision {number}.")
    return revision


def compare_revisions(old: SourceRevision, new: SourceRevision) -> list[SegmentComparison]:
    """Segment by segment, aligned the way a correction carries translations across."""
    return [_compare(before, after) for before, after in match_segments(old.segments, new.segments)]


@dataclass(frozen=True)
class TranslationSummary:
    translation: Translation
    segments: int
    translated: int
    source_changed: int
    set_aside: int


def summaries(session: Session, article: Article) -> list[TranslationSummary]:
    """Each translation of the article with its progress and what corrections left for it."""
    active = TranslationSegment.set_aside_at.is_(None)
    rows = session.execute(
        select(
            Translation,
            func.count(case((active, 1))),
            func.count(case((active & (func.length(TranslationSegment.text) > 0), 1))),
            func.count(case((active & TranslationSegment.source_changed_from_id.is_not(None), 1))),
            func.count(case((~active, 1))),
        )
        .join(TranslationSegment, TranslationSegment.translation_id == Translation.id, isouter=True)
        .where(Translation.article_id == article.id)
        .group_by(Translation.id)
        .order_by(Translation.target_language)
    )
    return [
        TranslationSummary(translation, total, translated, changed, aside)
        for translation, total, translated, changed, aside in rows
    ]


@dataclass(frozen=True)
class AffectedSegment:
    """A translated segment whose source was corrected, with the source diff to read."""

    row: TranslationSegment
    segment: Segment
    previous: Segment
    changes: list[Change]


def affected_segments(session: Session, translation: Translation) -> list[AffectedSegment]:
    rows = session.scalars(
        select(TranslationSegment)
        .join(Segment, Segment.id == TranslationSegment.segment_id)
        .where(
            TranslationSegment.translation_id == translation.id,
            TranslationSegment.source_changed_from_id.is_not(None),
            TranslationSegment.set_aside_at.is_(None),
        )
        .order_by(Segment.position)
    )
    affected = []
    for row in rows:
        previous = row.source_changed_from
        assert previous is not None
        affected.append(
            AffectedSegment(row, row.segment, previous, diff_text(previous.text, row.segment.text))
        )
    return affected


def set_aside_segments(session: Session, translation: Translation) -> list[TranslationSegment]:
    """Translations whose source paragraph a correction removed; kept, not deleted."""
    return list(
        session.scalars(
            select(TranslationSegment)
            .join(Segment, Segment.id == TranslationSegment.segment_id)
            .where(
                TranslationSegment.translation_id == translation.id,
                TranslationSegment.set_aside_at.is_not(None),
            )
            .order_by(TranslationSegment.set_aside_at, Segment.position)
        )
    )


def changes_in(session: Session, revision: SourceRevision) -> dict[int, list[Change]]:
    """For each segment a correction changed, the diff from its previous text."""
    changed = [s for s in revision.segments if s.change == SegmentChange.CHANGED and s.previous_id]
    if not changed:
        return {}
    ids = [s.previous_id for s in changed]
    previous = {s.id: s for s in session.scalars(select(Segment).where(Segment.id.in_(ids)))}
    return {
        s.id: diff_text(previous[s.previous_id].text, s.text)
        for s in changed
        if s.previous_id in previous
    }
