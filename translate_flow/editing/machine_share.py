"""How much of a translation is a machine's unedited output (issue 21, "the machine's share").

A row's text came from a machine when the last suggestion inserted into it was a machine's.
Its words left exactly as the machine wrote them are the machine's; every word a person
typed, changed or moved after the insertion is theirs. The share is the machine's words over
all words of the text, counted as `text.wordcount` counts them (characters in Chinese,
Japanese, Thai and other scripts written without spaces), and found by a diff-match-patch
diff between the suggestion and the text (`text.diffing`: words, or characters in those
scripts). Segments left untranslated are neither the machine's nor a person's, and are not
counted. The share is shown, never used to refuse anything.
"""

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from translate_flow.domain.models import (
    MachineShare,
    RevisionOrigin,
    SegmentRevision,
    Snapshot,
    Translation,
    TranslationSegment,
)
from translate_flow.text.diffing import Op, diff_text
from translate_flow.text.placeholders import PLACEHOLDER_PATTERN
from translate_flow.text.wordcount import word_spans

_PLACEHOLDER = re.compile(PLACEHOLDER_PATTERN)


@dataclass(frozen=True, slots=True)
class RowText:
    """One row as the share sees it: its text now, and the machine's text it grew from."""

    text: str
    suggestion: str | None = None  # None: the text did not come from a machine suggestion


@dataclass(frozen=True, slots=True)
class Share:
    """The machine's share of a text, and what it was computed from."""

    machine_tokens: int
    total_tokens: int
    machine_segments: int  # segments whose text came from a machine suggestion
    untouched_segments: int  # … and that read exactly as the machine wrote them
    total_segments: int

    @property
    def share(self) -> float:
        """0.0–1.0; 0 for a text without words."""
        return self.machine_tokens / self.total_tokens if self.total_tokens else 0.0


def _reading(text: str) -> tuple[str, list[int]]:
    """The text as `wordcount` reads it (`strip_placeholders`: a pair's placeholders are
    nothing, a single one a space, an escaped one its characters), and where each of its
    characters stands in `text`."""
    if "{" not in text:
        return text, list(range(len(text)))
    read: list[str] = []
    where: list[int] = []
    position = 0
    for match in _PLACEHOLDER.finditer(text):
        start, end = match.span()
        read.append(text[position:start])
        where.extend(range(position, start))
        if text[start] == "\\":  # escaped: the characters themselves
            read.append(text[start + 1 : end])
            where.extend(range(start + 1, end))
        elif text[end - 2] == "/":  # a single tag is a line break
            read.append(" ")
            where.append(start)
        position = end
    read.append(text[position:])
    where.extend(range(position, len(text)))
    return "".join(read), where


def _token_spans(text: str) -> list[tuple[int, int]]:
    """Where the text's tokens are, as `wordcount.count_words` counts them."""
    read, where = _reading(text)
    return [(where[start], where[end - 1] + 1) for start, end in word_spans(read)]


def _kept_spans(suggestion: str, text: str) -> list[tuple[int, int]]:
    """The stretches of `text` that the diff from `suggestion` keeps as they were."""
    kept: list[tuple[int, int]] = []
    position = 0
    for change in diff_text(suggestion, text):
        if change.op is Op.DELETE:
            continue
        end = position + len(change.text)
        if change.op is Op.EQUAL:
            kept.append((position, end))
        position = end
    return kept


def kept_tokens(suggestion: str, text: str) -> tuple[int, int]:
    """How many of the text's tokens are the suggestion's, unedited, and how many it has.

    A token counts as the machine's only when all of it lies in a stretch the diff keeps: a
    word with one letter changed is the person's.
    """
    spans = _token_spans(text)
    if suggestion == text:
        return len(spans), len(spans)
    kept = _kept_spans(suggestion, text)
    machine = 0
    stretch = 0
    for start, end in spans:
        while stretch < len(kept) and kept[stretch][1] < end:
            stretch += 1
        if stretch < len(kept) and kept[stretch][0] <= start:
            machine += 1
    return machine, len(spans)


def share_of(rows: Iterable[RowText]) -> Share:
    """The machine's share of these rows' texts together."""
    machine_tokens = total_tokens = machine_segments = untouched = segments = 0
    for row in rows:
        segments += 1
        if row.suggestion is None:
            total_tokens += len(_token_spans(row.text))
            continue
        machine, total = kept_tokens(row.suggestion, row.text)
        machine_tokens += machine
        total_tokens += total
        machine_segments += 1
        untouched += row.suggestion == row.text
    return Share(machine_tokens, total_tokens, machine_segments, untouched, segments)


def machine_suggestions(session: Session, translation: Translation) -> dict[int, str | None]:
    """For each row of the translation that had a suggestion inserted, the machine's text of
    the last one (None when the last was a memory match, which a person chose).

    A refused save (a conflict) took no effect, so its suggestion does not count; a save
    merged with a concurrent edit did, and its revision (not applied as sent) still names it.
    """
    inserted = session.execute(
        select(
            SegmentRevision.translation_segment_id,
            SegmentRevision.suggestion_kind,
            SegmentRevision.suggestion_text,
        )
        .where(
            SegmentRevision.translation_id == translation.id,
            SegmentRevision.suggestion_kind.is_not(None),
            SegmentRevision.origin != RevisionOrigin.CONFLICT,
        )
        .order_by(SegmentRevision.id)
    )
    last: dict[int, str | None] = {}
    for row_id, kind, text in inserted:
        last[row_id] = text if kind == "machine" else None
    return last


def translation_rows(session: Session, translation: Translation) -> list[RowText]:
    """The translation's rows as they stand (not set aside, not left untranslated)."""
    rows: Sequence[TranslationSegment] = session.scalars(
        select(TranslationSegment)
        .where(
            TranslationSegment.translation_id == translation.id,
            TranslationSegment.set_aside_at.is_(None),
            TranslationSegment.leave_untranslated.is_(False),
        )
        .order_by(TranslationSegment.id)
    ).all()
    suggestions = machine_suggestions(session, translation)
    return [RowText(row.text, suggestions.get(row.id)) for row in rows]


def measure(session: Session, translation: Translation) -> Share:
    """The machine's share of the translation's text as it stands."""
    return share_of(translation_rows(session, translation))


def record_share(session: Session, translation: Translation, snapshot: Snapshot) -> MachineShare:
    """Measure the text the snapshot froze, and keep the result beside it; the caller commits."""
    found = measure(session, translation)
    share = MachineShare(
        snapshot_id=snapshot.id,
        share=found.share,
        machine_tokens=found.machine_tokens,
        total_tokens=found.total_tokens,
        machine_segments=found.machine_segments,
        untouched_segments=found.untouched_segments,
        total_segments=found.total_segments,
    )
    session.add(share)
    session.flush()
    return share


# When a share was measured, as a page says it.
WHEN = {"submit": "at submission", "approve": "at approval", "publish": "at publication"}


@dataclass(frozen=True, slots=True)
class ShareLine:
    """The latest measured share of a translation, as pages and the API show it."""

    share: MachineShare
    snapshot: Snapshot

    @property
    def when(self) -> str:
        return WHEN.get(self.snapshot.action, "")

    @property
    def percent(self) -> int:
        """Rounded, but never to 0% when some words are the machine's, nor 100% when not all."""
        value = round(self.share.share * 100)
        if value == 0 and self.share.machine_tokens:
            return 1
        if value == 100 and self.share.machine_tokens < self.share.total_tokens:
            return 99
        return value

    def as_json(self) -> dict[str, object]:
        share = self.share
        return {
            "share": share.share,
            "machine_tokens": share.machine_tokens,
            "total_tokens": share.total_tokens,
            "machine_segments": share.machine_segments,
            "untouched_segments": share.untouched_segments,
            "total_segments": share.total_segments,
            "snapshot_id": self.snapshot.id,
            "action": self.snapshot.action,
            "measured_at": self.snapshot.created_at.isoformat(),
        }


def latest_share(session: Session, translation: Translation) -> ShareLine | None:
    """The share measured at the translation's latest submit, approval or publication."""
    found = session.execute(
        select(MachineShare, Snapshot)
        .join(Snapshot, Snapshot.id == MachineShare.snapshot_id)
        .where(Snapshot.translation_id == translation.id)
        .order_by(Snapshot.id.desc())
        .limit(1)
    ).first()
    if found is None:
        return None
    return ShareLine(found[0], found[1])
