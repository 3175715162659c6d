"""Writing translated text, segment by segment, without ever losing a word.

Every save names the version it was typed on (`base_version`). The row is written with a
conditional UPDATE (`WHERE version = base_version`), so that a stale save never overwrites.
A stale save is merged with what happened since when `diffing.merge3` finds the two edits
apart, and refused otherwise, the person then choosing between theirs and mine. Whatever
happens, the text the person sent is stored as a revision: nothing typed is dropped.

A text that changes carries its source segment's inline tags as placeholders (`{1}…{/1}`,
`{3/}`); a placement the rules refuse (`markup.placement`) is answered before anything is
written, and a merge that would make one is a conflict. A stored text is never checked again
unless it changes: texts saved before the rules keep rendering and can still be marked done.

This module is the only writer of `TranslationSegment.text`; see `SegmentRevision` for why
that matters (the text as of any version is read back from the revisions).
"""

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session, joinedload, lazyload
from sqlalchemy.orm.attributes import set_committed_value

from translate_flow.core.errors import (
    NotFound,
    ValidationFailed,
)
from translate_flow.domain.models import (
    Article,
    RevisionOrigin,
    Segment,
    SegmentRevision,
    Translation,
    TranslationSegment,
    User,
    utcnow,
)
from translate_flow.domain.standing import holders, standing
from translate_flow.domain.workflow import EditDecision, EditRole, may_edit
from translate_flow.markup.placement import PlaceholderError, check_placement
from translate_flow.markup.source_tags import Tag, tag_source
from translate_flow.text.diffing import merge3
from translate_flow.workflow.transitions import refusal_error

# A paragraph of a long feature is a few thousand characters; this leaves room for any
# real one and keeps a runaway paste from filling the history.
MAX_SEGMENT_CHARS = 20_000
# How many times a save is retried when another one lands between reading and writing.
SAVE_ATTEMPTS = 3
# Editing is activity (the board's "stale" mark), but marking it on every keystroke's save
# would write the translation's row each time; once in a while is enough.
ACTIVITY_RESOLUTION = timedelta(minutes=5)
# C0 controls other than tab and line feed, and DEL: pasted from word processors, invisible,
# and NUL is refused by PostgreSQL outright.
_CONTROL_CHARS = re.compile("[\x00-\x08\x0b-\x1f\x7f]")


class SaveStatus(StrEnum):
    SAVED = "saved"
    MERGED = "merged"  # stale, but merged with the edit that came first
    CONFLICT = "conflict"  # stale and clashing: stored as a revision, not applied


@dataclass(frozen=True)
class SaveOutcome:
    status: SaveStatus
    row: TranslationSegment
    text: str  # the segment's text now
    version: int  # the segment's version now
    mine: str  # what was sent (normalised)
    base: str = ""  # for a conflict: the text the person started from
    revision: SegmentRevision | None = None  # the revision of what was sent

    @property
    def merged(self) -> bool:
        return self.status is SaveStatus.MERGED

    @property
    def conflict(self) -> bool:
        return self.status is SaveStatus.CONFLICT


# What a text can be inserted from.
SUGGESTION_KINDS = ("memory", "machine")
# An engine's name as the desk names it (`apertium`, `deepl-2`), as wide as its column.
MAX_ENGINE_NAME = 40
ENGINE_NAME_PATTERN = rf"^[A-Za-z0-9][A-Za-z0-9._-]{{0,{MAX_ENGINE_NAME - 1}}}$"


@dataclass(frozen=True, slots=True)
class SuggestionUsed:
    """What a person inserted before sending a text: a memory unit and the score it had, or
    an engine's output as inserted. Recorded with the revision even if the text was edited
    after the insertion: "from memory, edited" is what CAT tools count too, and the machine's
    text is kept so that its unedited share can be measured (`editing.machine_share`)."""

    kind: str  # "memory" | "machine"
    unit_id: int | None = None
    score: int | None = None
    engine: str | None = None  # for "machine": the engine's name
    text: str | None = None  # for "machine": the suggestion, placeholders included


@dataclass(frozen=True)
class MisplacedTag:
    """One segment's refused placement: the placeholder at fault and what to do about it."""

    segment_id: int
    placeholder: str
    message: str


class PlaceholderRefused(ValidationFailed):
    """Texts whose tags do not fit their source segments; nothing of them was written."""

    def __init__(self, problems: list[MisplacedTag]) -> None:
        super().__init__(problems[0].message)
        self.problems = problems

    @property
    def placeholder(self) -> str:
        return self.problems[0].placeholder


def source_tags(row: TranslationSegment) -> tuple[Tag, ...]:
    """The inline tags of the source segment the row translates now."""
    return tag_source(row.segment.html).tags


def misplaced(row: TranslationSegment, text: str) -> MisplacedTag | None:
    """What is wrong with the text's placeholders for this row's source, if anything."""
    try:
        check_placement(text, source_tags(row))
    except PlaceholderError as error:
        literal = "\\" + error.placeholder
        message = error.message
        if literal not in message:
            # Texts saved before tags existed may hold braces meant as characters.
            message += f" If you meant the characters {error.placeholder}, write {literal}."
        return MisplacedTag(row.segment_id, error.placeholder, message)
    return None


def _fits(row: TranslationSegment, text: str) -> bool:
    return misplaced(row, text) is None


def check_tags(row: TranslationSegment, text: str) -> None:
    """Refuse a changed text whose placeholders break the rules; the stored text passes."""
    if text == row.text:
        return
    problem = misplaced(row, text)
    if problem is not None:
        raise PlaceholderRefused([problem])


def clean_text(text: str) -> str:
    """The text as stored: NFC, Unix line ends, no invisible control characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", _CONTROL_CHARS.sub("", text))
    if len(text) > MAX_SEGMENT_CHARS:
        raise ValidationFailed(
            f"A segment holds at most {MAX_SEGMENT_CHARS:,} characters; this one has "
            f"{len(text):,}. Split the paragraph, or shorten it."
        )
    return text


def translation_to_edit(session: Session, translation_id: int) -> Translation:
    """The translation, with the article whose language decides who may edit, in one query.

    Every autosave asks this first; the article's tags and outlet, which no save reads, are
    left to load if something asks for them.
    """
    translation = session.scalar(
        select(Translation)
        .where(Translation.id == translation_id)
        .options(
            joinedload(Translation.article).options(
                lazyload(Article.tag_rows), lazyload(Article.outlet)
            )
        )
    )
    if translation is None:
        raise NotFound("There is no such translation.")
    return translation


def edit_decision(session: Session, user: User, translation: Translation) -> EditDecision:
    """Whether `user` may edit the text now, and as whom.

    Built from the person's roles and pairs and the translation's state and holders only:
    every autosave asks, and the workflow's full facts (open items, empty segments, which
    read every segment) play no part in who may edit.
    """
    return may_edit(standing(user, translation), holders(translation))


def check_may_edit(session: Session, user: User, translation: Translation) -> EditRole:
    decision = edit_decision(session, user, translation)
    if decision.role is None:
        raise refusal_error(decision)
    return decision.role


# How far back a client's segment id is followed through source corrections.
_MAX_CORRECTIONS_FOLLOWED = 50


def find_row(session: Session, translation: Translation, segment_id: int) -> TranslationSegment:
    """The translation's active row for a source segment, its source segment loaded with it.

    A page opened before a source correction still names the segment as it was; the row
    moved on to the corrected segment (`Segment.previous_id` links them), so follow it.
    """
    wanted = segment_id
    for _ in range(_MAX_CORRECTIONS_FOLLOWED):
        row = session.scalar(
            select(TranslationSegment)
            .where(
                TranslationSegment.translation_id == translation.id,
                TranslationSegment.segment_id == wanted,
                TranslationSegment.set_aside_at.is_(None),
            )
            .options(joinedload(TranslationSegment.segment))
        )
        if row is not None:
            return row
        successor = session.scalar(select(Segment.id).where(Segment.previous_id == wanted))
        if successor is None:
            break
        wanted = successor
    raise NotFound(
        "This translation has no such segment. If the source was corrected and the "
        "paragraph removed, its text is kept under “set aside” on the translation page."
    )


def text_at(session: Session, row: TranslationSegment, version: int) -> str | None:
    """The segment's text as of `version`, or None when the history does not know it."""
    text = session.scalar(
        select(SegmentRevision.text)
        .where(
            SegmentRevision.translation_segment_id == row.id,
            SegmentRevision.version.is_not(None),
            SegmentRevision.version <= version,
        )
        .order_by(SegmentRevision.version.desc(), SegmentRevision.id.desc())
        .limit(1)
    )
    if text is not None:
        return text
    # Every row starts empty at version 0 (creation and corrections add empty rows).
    return "" if version == 0 else None


def _origin(role: EditRole, *, resolves_conflict: bool) -> RevisionOrigin:
    if resolves_conflict:
        return RevisionOrigin.KEPT_AFTER_CONFLICT
    return RevisionOrigin.REVIEWER if role is EditRole.REVIEWER else RevisionOrigin.TYPED


def _flags(
    row: TranslationSegment, text: str, *, done: bool | None, leave_untranslated: bool | None
) -> dict[str, Any]:
    """The columns a save sets besides the text and the version."""
    values: dict[str, Any] = {}
    if done is None and text != row.text:
        done = False  # changed text is unconfirmed until marked done again
    if done is not None:
        values["is_done"] = done
        if done:
            # Confirming a segment confirms it against the source as it now stands.
            values["source_changed_from_id"] = None
    if leave_untranslated is not None:
        values["leave_untranslated"] = leave_untranslated
    return values


def _differs(row: TranslationSegment, values: dict[str, Any]) -> bool:
    return any(getattr(row, name) != value for name, value in values.items())


def _write(
    session: Session, row: TranslationSegment, text: str, expected: int, values: dict[str, Any]
) -> bool:
    """Write the row if nobody wrote it since `expected`; True when it was written.

    Either way `row` is as stored afterwards: the written row comes back with the UPDATE
    (RETURNING), and only a save that lost the race reads the row again.
    """
    columns = {"text": text, "version": expected + 1, "updated_at": utcnow(), **values}
    written = session.execute(
        update(TranslationSegment)
        .where(TranslationSegment.id == row.id, TranslationSegment.version == expected)
        .values(columns)
        .returning(*(getattr(TranslationSegment, name) for name in columns))
        .execution_options(synchronize_session=False)
    ).first()
    if written is None:
        session.refresh(row)
        return False
    # As the database holds them (a refresh would also drop the loaded source segment).
    for name, value in zip(columns, written, strict=True):
        set_committed_value(row, name, value)
    if "source_changed_from_id" in columns:
        session.expire(row, ["source_changed_from"])
    return True


def _mark_activity(session: Session, translation: Translation, now: datetime) -> None:
    if translation.updated_at >= now - ACTIVITY_RESOLUTION:
        # Marked lately, as read with the translation: the guarded UPDATE would change nothing.
        return
    session.execute(
        update(Translation)
        .where(Translation.id == translation.id, Translation.updated_at < now - ACTIVITY_RESOLUTION)
        .values(updated_at=now)
        .execution_options(synchronize_session=False)
    )


def save_segment(
    session: Session,
    user: User,
    translation: Translation,
    segment_id: int,
    *,
    text: str,
    base_version: int,
    done: bool | None = None,
    leave_untranslated: bool | None = None,
    resolves_conflict: bool = False,
    restored_from: SegmentRevision | None = None,
    suggestion: SuggestionUsed | None = None,
    prefilled: bool = False,
    machine_draft: bool = False,
    now: datetime | None = None,
) -> SaveOutcome:
    """Save `text`, typed on `base_version`, into one segment; the caller commits.

    Raises PermissionDenied or Conflict when the person may not edit now, NotFound for an
    unknown segment, ValidationFailed for a bad version or text. A stale save is merged or
    comes back as a CONFLICT outcome, which the caller must commit too: the refused text
    is stored as a revision.
    """
    moment = now or utcnow()
    role = check_may_edit(session, user, translation)
    mine = clean_text(text)
    row = find_row(session, translation, segment_id)
    if base_version < 0 or base_version > row.version:
        raise ValidationFailed(
            f"base_version must be a version this segment has had (0 to {row.version}); "
            "reload the page to get the current one."
        )
    check_tags(row, mine)  # before anything is written, the activity mark included
    # Stored as the text is, so that an insertion left alone compares equal to it.
    suggested_text = (
        clean_text(suggestion.text) if suggestion is not None and suggestion.text else None
    )
    if restored_from is not None:
        origin = RevisionOrigin.RESTORED
    elif prefilled:
        origin = RevisionOrigin.PREFILLED
    elif machine_draft:
        origin = RevisionOrigin.MACHINE_DRAFT
    else:
        origin = _origin(role, resolves_conflict=resolves_conflict)

    def record(
        kind: RevisionOrigin, content: str, version: int | None, typed_on: int = base_version
    ) -> SegmentRevision:
        revision = SegmentRevision(
            translation_segment_id=row.id,
            translation_id=row.translation_id,
            author_id=user.id,
            origin=kind,
            text=content,
            version=version,
            base_version=typed_on,
            restored_from_id=restored_from.id if restored_from is not None else None,
            created_at=moment,
        )
        if suggestion is not None and kind is not RevisionOrigin.MERGED:
            revision.suggestion_kind = suggestion.kind
            revision.suggestion_unit_id = suggestion.unit_id
            revision.suggestion_score = suggestion.score
            revision.suggestion_engine = suggestion.engine
            revision.suggestion_text = suggested_text
        session.add(revision)
        session.flush()
        return revision

    def outcome(
        status: SaveStatus, revision: SegmentRevision | None, base: str = ""
    ) -> SaveOutcome:
        return SaveOutcome(status, row, row.text, row.version, mine, base, revision)

    _mark_activity(session, translation, moment)
    for _attempt in range(SAVE_ATTEMPTS):
        current, theirs = row.version, row.text
        values = _flags(row, mine, done=done, leave_untranslated=leave_untranslated)
        if base_version == current:
            if mine == theirs and not _differs(row, values):
                return outcome(SaveStatus.SAVED, None)
            if _write(session, row, mine, current, values):
                # A change of flags alone is no text revision.
                revision = record(origin, mine, current + 1) if mine != theirs else None
                return outcome(SaveStatus.SAVED, revision)
            continue  # someone saved in between: this save is stale now
        if mine == theirs:
            # Sent again after a lost answer, or the same change made twice: already there.
            if _differs(row, values) and not _write(session, row, theirs, current, values):
                continue
            return outcome(SaveStatus.SAVED, None)
        base = text_at(session, row, base_version)
        merged = merge3(base, mine, theirs) if base is not None else None
        if merged is not None and not _fits(row, merged):
            # Two edits apart can still place one tag twice (both wrapped words in {1}):
            # the person chooses, as for overlapping words.
            merged = None
        if merged is None:
            return outcome(
                SaveStatus.CONFLICT, record(RevisionOrigin.CONFLICT, mine, None), base or ""
            )
        values = _flags(row, merged, done=done, leave_untranslated=leave_untranslated)
        if _write(session, row, merged, current, values):
            revision = record(origin, mine, None)  # merged into the text below, not as it is
            record(RevisionOrigin.MERGED, merged, current + 1, typed_on=current)
            return outcome(SaveStatus.MERGED, revision, base or "")
    # Saves kept landing in between: let the person look rather than loop.
    base = text_at(session, row, base_version)
    return outcome(SaveStatus.CONFLICT, record(RevisionOrigin.CONFLICT, mine, None), base or "")


@dataclass(frozen=True)
class SegmentEdit:
    """One row of the whole-translation form: what the page showed and what it sends."""

    segment_id: int
    base_version: int
    text: str
    done: bool
    leave_untranslated: bool


def save_many(
    session: Session, user: User, translation: Translation, edits: list[SegmentEdit]
) -> list[SaveOutcome]:
    """Save the rows that differ from what is stored, each as `save_segment` would.

    Each segment stands alone, as with autosave: a conflict in one does not hold back the
    others, and its text is kept as a revision.
    """
    check_may_edit(session, user, translation)
    rows = {
        row.segment_id: row
        for row in session.scalars(
            select(TranslationSegment).where(
                TranslationSegment.translation_id == translation.id,
                TranslationSegment.set_aside_at.is_(None),
            )
        )
    }
    changed: list[tuple[SegmentEdit, str]] = []
    for edit in edits:
        row = rows.get(edit.segment_id)
        text = clean_text(edit.text)
        if row is not None and (text, edit.done, edit.leave_untranslated) == (
            row.text,
            row.is_done,
            row.leave_untranslated,
        ):
            continue
        changed.append((edit, text))
    # Every row's tags first, so that one misplaced tag saves nothing and all are named.
    problems: list[MisplacedTag] = []
    for edit, text in changed:
        row = rows.get(edit.segment_id) or find_row(session, translation, edit.segment_id)
        problem = misplaced(row, text) if text != row.text else None
        if problem is not None:
            problems.append(problem)
    if problems:
        raise PlaceholderRefused(problems)
    outcomes = []
    for edit, text in changed:
        outcomes.append(
            save_segment(
                session,
                user,
                translation,
                edit.segment_id,
                text=text,
                base_version=edit.base_version,
                done=edit.done,
                leave_untranslated=edit.leave_untranslated,
            )
        )
    return outcomes
