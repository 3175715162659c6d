"""An uploaded file applied to its translation through the editor's versioned save.

Each unit whose target changed since the download is saved with the version the file was
made at as its base, exactly as an editor's save typed on that version: an edit made on the
desk meanwhile is merged when the two are apart, and is a conflict otherwise (the file's text
then kept in the segment's history, for the person to choose in the chooser). A unit whose
target is what was downloaded is skipped, whatever the desk did since. Units that cannot be
applied (unknown id, source corrected since, misplaced tags) are refused one by one, with a
reason; a file that cannot be applied at all is refused whole before anything is written.
"""

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from translate_flow.core.errors import ValidationFailed
from translate_flow.domain.models import (
    Segment,
    SegmentRevision,
    Translation,
    TranslationSegment,
    User,
)
from translate_flow.domain.permissions import can_edit_text, can_read_review_changes
from translate_flow.editing.saving import (
    SaveStatus,
    check_may_edit,
    clean_text,
    misplaced,
    save_segment,
    text_at,
)
from translate_flow.interchange.formats import SNIFF_BYTES, formats, reader_for
from translate_flow.interchange.units import UnitState
from translate_flow.interchange.uploaded import ByteStream, FileRefused, ReadFile, ReadUnit
from translate_flow.text.languages import get_language, normalise_code

# An article's XLIFF is tens or hundreds of kilobytes; this leaves room for a long feature
# with notes on every unit, and bounds what a hostile file costs.
DEFAULT_MAX_BYTES = 10 * 1024 * 1024


def can_download(user: User | None, translation: Translation) -> bool:
    """Who may edit the text now, and those who read what the review changed (the
    translator, the reviewer, coordinators): a reviewer may read the text in a CAT tool."""
    return can_edit_text(user, translation) or can_read_review_changes(user, translation)


@dataclass(frozen=True, slots=True)
class UnitNote:
    """A unit of the file that was not simply saved: a conflict or a refusal, and why."""

    position: int  # in the file, from 1
    unit_id: str
    segment_id: int | None  # the segment's current id, when the unit names one
    reason: str
    text: str | None = None  # what the file said, when it was not kept anywhere
    revision_id: int | None = None  # a conflict: the file's text, kept in the history
    current_revision_id: int | None = None  # a conflict: the desk's text it clashed with


@dataclass
class ImportSummary:
    format: str
    saved: list[int] = field(default_factory=list)  # segment ids
    merged: list[int] = field(default_factory=list)
    conflicts: list[UnitNote] = field(default_factory=list)
    skipped: int = 0
    refused: list[UnitNote] = field(default_factory=list)


class _Prefixed:
    """The stream again, its first bytes (read to tell the format) put back in front."""

    def __init__(self, head: bytes, stream: ByteStream) -> None:
        self._head = head
        self._stream = stream

    def read(self, size: int = -1) -> bytes:
        if self._head:
            if size is None or size < 0:
                data, self._head = self._head + self._stream.read(), b""
                return data
            data, self._head = self._head[:size], self._head[size:]
            return data
        return self._stream.read(size)


def read_upload(stream: ByteStream, *, max_bytes: int) -> ReadFile:
    """The file's units, by the format its first bytes show; FileRefused for anything else."""
    head = stream.read(SNIFF_BYTES)
    found = reader_for(head)
    if found is None or found.read is None:
        names = ", ".join(f.label for f in formats() if f.read is not None)
        raise FileRefused(
            f"The file is not one the desk reads back ({names}): upload the file you "
            "downloaded for this translation, saved by your tool in the same format. Nothing "
            "was applied."
        )
    return found.read(_Prefixed(head, stream), max_bytes)


def apply_upload(
    session: Session,
    user: User,
    translation: Translation,
    stream: ByteStream,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> ImportSummary:
    """Apply the file to the translation; the caller commits (conflicts are kept too).

    Raises PermissionDenied or Conflict when the person may not edit now, before the file
    is read, and FileRefused for a file refused whole, before anything is written.
    """
    check_may_edit(session, user, translation)
    read = read_upload(stream, max_bytes=max_bytes)
    rows = {
        row.id: row
        for row in session.scalars(
            select(TranslationSegment).where(TranslationSegment.translation_id == translation.id)
        )
    }
    _check_file(read, translation, rows)
    summary = ImportSummary(format=read.format)
    seen: set[int] = set()
    for unit in read.units:
        _apply_unit(session, user, translation, rows, seen, unit, summary)
    return summary


def _language_name(code: str) -> str:
    return get_language(code).name


def _check_file(
    read: ReadFile, translation: Translation, rows: dict[int, TranslationSegment]
) -> None:
    if read.translation_id is not None and read.translation_id != translation.id:
        raise FileRefused(
            f"This file was downloaded for another translation (number {read.translation_id}), "
            f"not for this one of “{translation.article.title}”. Upload it on that "
            "translation's page. Nothing was applied."
        )
    for said, ours, side in (
        (read.target_language, translation.target_language, "into"),
        (read.source_language, translation.source_language, "from"),
    ):
        if said is not None and said != normalise_code(ours):
            raise FileRefused(
                f"This file is a translation {side} {_language_name(said)}, and this one is "
                f"{side} {_language_name(ours)}. Upload the file made for this translation. "
                "Nothing was applied."
            )
    if not read.units:
        raise FileRefused("The file holds no units to apply. Nothing was applied.")
    if not any(_row_id(unit) in rows for unit in read.units):
        raise FileRefused(
            "None of the file's units is a segment of this translation: it was made for "
            "another one, or its ids were changed. Nothing was applied."
        )


def _row_id(unit: ReadUnit) -> int | None:
    value = unit.unit_id
    return int(value) if value.isascii() and value.isdigit() and len(value) <= 10 else None


def _same_source(session: Session, segment_id: int, row: TranslationSegment) -> bool:
    """Whether the row's source is still the one the file was made from: every correction
    moves each row onto its new revision's segment, an untouched paragraph too, so the ids
    differ after any correction; the words and markup tell."""
    if segment_id == row.segment_id:
        return True
    exported = session.get(Segment, segment_id)
    return (
        exported is not None
        and exported.kind == row.segment.kind
        and exported.html == row.segment.html
    )


def _done(unit: ReadUnit) -> bool | None:
    """What the upload sets of "done": the file's state where the tool changed it, nothing
    where the state is still the one downloaded (a changed text is then unconfirmed, as in
    the editor)."""
    if unit.done is None:
        return None
    if unit.exported_state is not None:
        downloaded = unit.exported_state in (UnitState.DONE, UnitState.UNTRANSLATED)
        if unit.done == downloaded:
            return None
    return unit.done


def _current_revision(session: Session, row: TranslationSegment) -> int | None:
    return session.scalar(
        select(SegmentRevision.id)
        .where(
            SegmentRevision.translation_segment_id == row.id,
            SegmentRevision.version == row.version,
        )
        .order_by(SegmentRevision.id.desc())
        .limit(1)
    )


def _apply_unit(
    session: Session,
    user: User,
    translation: Translation,
    rows: dict[int, TranslationSegment],
    seen: set[int],
    unit: ReadUnit,
    summary: ImportSummary,
) -> None:
    row_id = _row_id(unit)
    row = rows.get(row_id) if row_id is not None else None

    def refuse(reason: str, text: str | None = None) -> None:
        segment_id = row.segment_id if row is not None else unit.segment_id
        summary.refused.append(UnitNote(unit.position, unit.unit_id, segment_id, reason, text))

    if row is None or row_id is None:
        refuse(f"No segment of this translation has the id “{unit.unit_id[:40]}”.", unit.target)
        return
    if row_id in seen:
        refuse("The unit appears twice in the file; the first one was applied.", unit.target)
        return
    seen.add(row_id)
    if row.is_set_aside:
        refuse(
            "A correction of the source removed this paragraph since the download; its text "
            "is kept under “set aside” on the translation page.",
            unit.target,
        )
        return
    if unit.target is None or not unit.target.strip():
        summary.skipped += 1  # no translation in the file: an offline file never erases words
        return
    if unit.segment_id is not None and not _same_source(session, unit.segment_id, row):
        refuse(
            "The source of this segment was corrected after the file was downloaded, so the "
            "file's text translates a source that is no more. It was not applied: translate "
            "the corrected source in the editor (the file's text is below).",
            unit.target,
        )
        return
    if unit.version is None or unit.version > row.version:
        refuse(
            "The unit does not say which version of the segment it was downloaded at (the "
            "tf:version attribute was lost), so it cannot be saved without risking a "
            "colleague's words. Download the file again, or copy the text in the editor.",
            unit.target,
        )
        return
    try:
        mine = clean_text(unit.target)
    except ValidationFailed as error:
        refuse(error.message)
        return
    done = _done(unit)
    if mine == text_at(session, row, unit.version):
        # Not changed offline: whatever the desk did since stands. A state changed in the
        # tool is applied only while the desk's text is still the downloaded one.
        if done is not None and done != row.is_done and row.version == unit.version:
            save_segment(
                session,
                user,
                translation,
                row.segment_id,
                text=row.text,
                base_version=row.version,
                done=done,
            )
            summary.saved.append(row.segment_id)
        else:
            summary.skipped += 1
        return
    problem = misplaced(row, mine)
    if problem is not None:
        refuse(f"Its tags do not fit the source: {problem.message}", unit.target)
        return
    outcome = save_segment(
        session,
        user,
        translation,
        row.segment_id,
        text=mine,
        base_version=unit.version,
        done=done,
    )
    if outcome.status is SaveStatus.CONFLICT:
        summary.conflicts.append(
            UnitNote(
                unit.position,
                unit.unit_id,
                row.segment_id,
                "Someone changed this segment on the desk after the download, and the two "
                "edits overlap. The file's text is kept in the segment's history: choose "
                "which to keep.",
                revision_id=outcome.revision.id if outcome.revision is not None else None,
                current_revision_id=_current_revision(session, row),
            )
        )
    elif outcome.status is SaveStatus.MERGED:
        summary.merged.append(row.segment_id)
    else:
        summary.saved.append(row.segment_id)
