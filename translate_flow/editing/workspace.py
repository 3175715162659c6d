"""What the side-by-side editor shows: each source segment beside its translation, with its
status, the source's correction, its comment threads, and the progress of the whole.

Built in a fixed number of queries however long the article is.
"""

import math
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from sqlalchemy import select
from sqlalchemy.orm import Session

from translate_flow.domain.models import Segment, Translation, TranslationSegment
from translate_flow.editing.comments import Thread, threads, threads_by_row
from translate_flow.intake.source_changes import SourceDiff, diff_sources
from translate_flow.text.diffing import Change
from translate_flow.text.wordcount import count_words
from translate_flow.workflow.transitions import active_segments


class SegmentStatus(StrEnum):
    EMPTY = "empty"
    DRAFT = "draft"  # has text, not marked done
    DONE = "done"
    SOURCE_CHANGED = "source_changed"  # the source was corrected since it was translated
    UNTRANSLATED = "untranslated"  # marked "leave untranslated"


STATUS_WORDS = {
    SegmentStatus.EMPTY: "empty",
    SegmentStatus.DRAFT: "draft",
    SegmentStatus.DONE: "done",
    SegmentStatus.SOURCE_CHANGED: "source changed",
    SegmentStatus.UNTRANSLATED: "left untranslated",
}


# A translation box is never smaller than this, so there is room to start writing.
MIN_BOX_ROWS = 3
# Roughly how many narrow characters a line of one editor column holds on a laptop.
LINE_WIDTH = 60


@lru_cache(maxsize=4096)
def _width(paragraph: str) -> int:
    """Places the paragraph takes; wide (CJK) characters two. Kept per text: the sources are
    the same at every opening of the editor, and measuring them character by character took a
    sixth of a 150-segment page."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in paragraph)


def _lines(text: str) -> int:
    """Lines the text fills in one column; wide (CJK) characters take two places."""
    lines = 0
    for paragraph in text.split("\n"):
        width = len(paragraph) if paragraph.isascii() else _width(paragraph)
        lines += max(1, math.ceil(width / LINE_WIDTH))
    return lines


def box_rows(source: str, target: str) -> int:
    """The translation box's height without JavaScript: the longer of source and target."""
    return max(MIN_BOX_ROWS, _lines(source), _lines(target) + 1)


def status_of(row: TranslationSegment) -> SegmentStatus:
    if row.leave_untranslated:
        return SegmentStatus.UNTRANSLATED
    if not row.text.strip():
        return SegmentStatus.EMPTY
    if row.is_source_changed:
        return SegmentStatus.SOURCE_CHANGED
    return SegmentStatus.DONE if row.is_done else SegmentStatus.DRAFT


@dataclass(frozen=True)
class EditorRow:
    number: int  # 1-based, as people count
    row: TranslationSegment
    segment: Segment
    status: SegmentStatus
    target_words: int
    # Where the source was corrected after the translation was written: what it said then.
    old_source: str | None
    # The correction in placeholder form: an added link shows as inserted chips.
    source_diff: SourceDiff | None
    threads: list[Thread]

    @property
    def source_changes(self) -> list[Change] | None:
        return self.source_diff.changes if self.source_diff is not None else None

    @property
    def open_threads(self) -> int:
        return sum(1 for thread in self.threads if not thread.is_resolved)

    @property
    def is_translated(self) -> bool:
        return self.status not in (SegmentStatus.EMPTY,)

    @property
    def box_rows(self) -> int:
        return box_rows(self.segment.text, self.row.text)


@dataclass(frozen=True)
class EditorProgress:
    segments: int
    translated: int  # not empty (translated or left untranslated)
    done: int
    source_words: int
    translated_source_words: int  # source words of the translated segments
    target_words: int

    @property
    def percent_segments(self) -> int:
        return round(100 * self.translated / self.segments) if self.segments else 100

    @property
    def percent_words(self) -> int:
        if not self.source_words:
            return 100
        return round(100 * self.translated_source_words / self.source_words)


@dataclass(frozen=True)
class Workspace:
    rows: list[EditorRow]
    progress: EditorProgress
    set_aside: list[TranslationSegment]
    general_threads: list[Thread]  # on the whole translation, not one segment

    @property
    def open_threads(self) -> int:
        general = sum(1 for thread in self.general_threads if not thread.is_resolved)
        return general + sum(r.open_threads for r in self.rows)


def progress_of(rows: list[EditorRow]) -> EditorProgress:
    translated = [r for r in rows if r.is_translated]
    return EditorProgress(
        segments=len(rows),
        translated=len(translated),
        done=sum(1 for r in rows if r.status in (SegmentStatus.DONE, SegmentStatus.UNTRANSLATED)),
        source_words=sum(r.segment.word_count for r in rows),
        translated_source_words=sum(r.segment.word_count for r in translated),
        target_words=sum(r.target_words for r in rows),
    )


def workspace(session: Session, translation: Translation) -> Workspace:
    pairs = active_segments(session, translation)
    old_ids = {row.source_changed_from_id for row, _ in pairs if row.source_changed_from_id}
    old_sources: dict[int, tuple[str, str]] = {}
    if old_ids:
        old_sources = {
            id_: (text, html)
            for id_, text, html in session.execute(
                select(Segment.id, Segment.text, Segment.html).where(Segment.id.in_(old_ids))
            )
        }
    grouped = threads_by_row(threads(session, translation))
    rows = []
    for number, (row, segment) in enumerate(pairs, start=1):
        old = old_sources.get(row.source_changed_from_id) if row.source_changed_from_id else None
        rows.append(
            EditorRow(
                number=number,
                row=row,
                segment=segment,
                status=status_of(row),
                target_words=count_words(row.text),
                old_source=old[0] if old is not None else None,
                source_diff=diff_sources(old[1], segment.html) if old is not None else None,
                threads=grouped.get(row.id, []),
            )
        )
    set_aside = list(
        session.scalars(
            select(TranslationSegment)
            .where(
                TranslationSegment.translation_id == translation.id,
                TranslationSegment.set_aside_at.is_not(None),
                TranslationSegment.text != "",
            )
            .order_by(TranslationSegment.set_aside_at, TranslationSegment.id)
        )
    )
    return Workspace(rows, progress_of(rows), set_aside, grouped.get(None, []))
