"""Carrying translations across a source correction, segment by segment.

The corrected text is aligned with the one before it. A translation of an unchanged
segment moves across as it is; one of a changed segment (its words or its inline markup)
moves across flagged "source changed"; a new segment gets an empty row; a removed
segment's translation stays where it was, set aside, never deleted.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from translate_flow.domain.models import (
    Article,
    Segment,
    SegmentChange,
    SegmentKind,
    SourceRevision,
    Translation,
    TranslationSegment,
    utcnow,
)
from translate_flow.text.diffing import align


@dataclass(frozen=True)
class RealignOutcome:
    changed: int
    added: int
    removed: int
    flagged: int  # translated segments marked "source changed", over all translations


HEAD_KINDS = (SegmentKind.TITLE, SegmentKind.STANDFIRST)


def match_segments(
    old: Sequence[Segment], new: Sequence[Segment]
) -> list[tuple[Segment | None, Segment | None]]:
    """Pairs of (previous, corrected) segments; None on the side a segment is missing from.

    The title pairs with the title and the standfirst with the standfirst, however
    much they were rewritten; the body is aligned by content.
    """
    pairs: list[tuple[Segment | None, Segment | None]] = []
    for kind in HEAD_KINDS:
        before = next((s for s in old if s.kind == kind), None)
        after = next((s for s in new if s.kind == kind), None)
        if before is not None or after is not None:
            pairs.append((before, after))
    old_body = [s for s in old if s.kind not in HEAD_KINDS]
    new_body = [s for s in new if s.kind not in HEAD_KINDS]
    for i, j in align([s.text for s in old_body], [s.text for s in new_body]):
        pairs.append(
            (old_body[i] if i is not None else None, new_body[j] if j is not None else None)
        )
    return pairs


def same_source(old: Segment, new: Segment) -> bool:
    """Whether a translation of `old` still fits `new` as it is.

    The markup counts, not only the words: a link or an emphasis added or taken away is a
    tag the translation must place or drop, so it is a change like any other.
    """
    return old.kind == new.kind and old.html == new.html


def realign_translations(
    session: Session, article: Article, old: Sequence[Segment], revision: SourceRevision
) -> RealignOutcome:
    pairs = match_segments(old, revision.segments)
    changed = added = removed = flagged = 0
    successor: dict[int, tuple[Segment, bool]] = {}
    for before, after in pairs:
        if after is None:
            removed += 1
            continue
        if before is None:
            after.change = SegmentChange.ADDED
            added += 1
            continue
        after.previous_id = before.id
        unchanged = same_source(before, after)
        after.change = SegmentChange.UNCHANGED if unchanged else SegmentChange.CHANGED
        changed += 0 if unchanged else 1
        successor[before.id] = (after, unchanged)
    translations = session.scalars(
        select(Translation).where(Translation.article_id == article.id)
    ).all()
    now = utcnow()
    for translation in translations:
        rows = {
            row.segment_id: row
            for row in session.scalars(
                select(TranslationSegment).where(
                    TranslationSegment.translation_id == translation.id,
                    TranslationSegment.set_aside_at.is_(None),
                )
            )
        }
        for old_id, row in rows.items():
            if old_id not in successor:
                row.set_aside_at = now
                continue
            after, unchanged = successor[old_id]
            row.segment = after
            # Flag only text someone wrote; keep the first flag: the translation still
            # follows the source it was made from, however many corrections came since.
            if not unchanged and row.text.strip() and row.source_changed_from_id is None:
                row.source_changed_from_id = old_id
                flagged += 1
        for _before, after in pairs:
            if _before is None and after is not None:
                session.add(TranslationSegment(translation_id=translation.id, segment_id=after.id))
        translation.source_revision_id = revision.id
        translation.updated_at = now
    return RealignOutcome(changed=changed, added=added, removed=removed, flagged=flagged)
