"""What a translation exports: one unit per active row, with what a file carries about it.

A unit's id is its row's id (`TranslationSegment.id`), which stays the row's through source
corrections; the segment id names the source the file was made from, so that an upload can
tell a corrected source from the one translated. The version is the row's at download: the
base of the versioned save on upload.
"""

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from sqlalchemy.orm import Session

from translate_flow.domain.models import Translation, TranslationSegment
from translate_flow.editing.comments import Thread, threads, threads_by_row
from translate_flow.editing.workspace import SegmentStatus, status_of
from translate_flow.markup.source_tags import Tag, tag_source
from translate_flow.terms.finding import FoundTerm
from translate_flow.terms.segments import translation_terms
from translate_flow.workflow.transitions import active_segments

# The namespace of the desk's own attributes in a file: the row's version and segment.
NAMESPACE = "urn:x-translate-flow:offline:1"
PREFIX = "tf"


class UnitState(StrEnum):
    """A unit's state as files carry it; each format maps it to its own words."""

    NEW = "new"  # nothing written yet
    TRANSLATED = "translated"  # written, not marked done
    DONE = "done"  # the translator's "finished"
    NEEDS_REVIEW = "needs-review"  # the source was corrected since it was translated
    UNTRANSLATED = "untranslated"  # left in the source language on purpose


def unit_state(row: TranslationSegment) -> UnitState:
    return {
        SegmentStatus.EMPTY: UnitState.NEW,
        SegmentStatus.DRAFT: UnitState.TRANSLATED,
        SegmentStatus.DONE: UnitState.DONE,
        SegmentStatus.SOURCE_CHANGED: UnitState.NEEDS_REVIEW,
        SegmentStatus.UNTRANSLATED: UnitState.UNTRANSLATED,
    }[status_of(row)]


@dataclass(frozen=True, slots=True)
class Note:
    """A note a unit or the file carries: who it is from (`category`) and its words."""

    category: str  # "coordinator", "comment", "glossary", "article"
    text: str


@dataclass(frozen=True, slots=True)
class OfflineUnit:
    unit_id: int  # the row's id: stable through corrections
    segment_id: int  # the source segment translated
    number: int  # 1-based, as the editor counts
    kind: str  # title, paragraph, …
    source: str  # placeholder text
    tags: tuple[Tag, ...]  # what the source's placeholders stand for
    target: str  # placeholder text
    version: int
    state: UnitState
    notes: tuple[Note, ...]


@dataclass(frozen=True, slots=True)
class OfflineDocument:
    """The whole translation as a file holds it."""

    translation_id: int
    article_id: int
    title: str
    author: str
    outlet: str
    source_url: str
    published_on: date | None
    due_at: datetime | None
    source_language: str
    target_language: str
    notes: tuple[Note, ...]  # the file's: the coordinator's notes, the general comments
    units: tuple[OfflineUnit, ...]

    @property
    def file_stem(self) -> str:
        return f"translation-{self.translation_id}-{self.source_language}-{self.target_language}"


def thread_note(thread: Thread) -> Note:
    words = [
        f"{(comment.author.display_name if comment.author else 'someone')}: {comment.body}"
        for comment in thread.comments
    ]
    return Note("comment", "\n— ".join(words))


def term_note(term: FoundTerm) -> Note:
    said = f"{term.source} → {term.preferred}"
    others = [form for form in term.allowed if form != term.preferred]
    if others:
        said += f" (also: {', '.join(others)})"
    if term.forbidden:
        said += "; not: " + ", ".join(form for form, _reason in term.forbidden)
    if term.note:
        said += f". {term.note}"
    return Note("glossary", said)


def offline_document(session: Session, translation: Translation) -> OfflineDocument:
    """The translation as it stands, in a fixed number of queries."""
    article = translation.article
    grouped = threads_by_row(threads(session, translation))
    terms = translation_terms(session, translation)
    units = []
    for number, (row, segment) in enumerate(active_segments(session, translation), start=1):
        tagged = tag_source(segment.html)
        notes = [thread_note(t) for t in grouped.get(row.id, []) if not t.is_resolved]
        notes += [term_note(term) for term in terms.get(segment.id, [])]
        units.append(
            OfflineUnit(
                unit_id=row.id,
                segment_id=segment.id,
                number=number,
                kind=segment.kind.value,
                source=tagged.text,
                tags=tagged.tags,
                target=row.text,
                version=row.version,
                state=unit_state(row),
                notes=tuple(notes),
            )
        )
    file_notes = [Note("coordinator", article.notes)] if article.notes.strip() else []
    file_notes += [thread_note(t) for t in grouped.get(None, []) if not t.is_resolved]
    return OfflineDocument(
        translation_id=translation.id,
        article_id=article.id,
        title=article.title,
        author=article.author,
        outlet=article.outlet.name if article.outlet is not None else "",
        source_url=article.source_url,
        published_on=article.published_on,
        due_at=translation.due_at,
        source_language=translation.source_language,
        target_language=translation.target_language,
        notes=tuple(file_notes),
        units=tuple(units),
    )
