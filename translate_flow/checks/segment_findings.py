"""The findings of a translation's stored segments, each with the dismissal that holds for it.

The checks see what the editor saves: the source in placeholder form (`tag_source`) and the
row's text. A finding is dismissed while the latest dismissal of its check on that row was made
on the text the row holds now; any other text brings the finding back (and going back to the
very text a dismissal was made on brings that dismissal back with it).

A save keeps the row's findings (`checks.stored`), and reading a translation uses them while
their key still describes the row; only rows whose key differs (the source corrected, a term
of theirs changed, never saved since results were kept) are checked again, and reading keeps
nothing. The consistency check compares a row with its siblings, so it is never kept: it runs
over the whole article on every read, which costs a millisecond or so for 150 segments.

A whole translation is read in a fixed number of queries whatever its length: its rows, its
kept results, its dismissals with their authors, the pair's termbase version and its terms
(cached per process, see `terms.finding`), and the pair's newest memory unit (for the desk's
length figure, cached per process, see `desk_ratio`).

A save (issue 26: autosave under 30 ms) reads less: its siblings' texts as plain values, not
as rows; no kept result when its text changed (the result describes the text before); nothing
of the desk's for a row emptied; and its dismissals only when something was found.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from translate_flow.checks.base import CheckContext, Finding, Severity, run_checks
from translate_flow.checks.desk_ratio import desk_ratio
from translate_flow.checks.stored import (
    Kept,
    across_article,
    checks_version,
    findings_key,
    keep,
    kept_results,
    per_segment,
    terms_fingerprint,
    version_text,
)
from translate_flow.domain.models import (
    CheckDismissal,
    Segment,
    Translation,
    TranslationSegment,
    User,
)
from translate_flow.markup.source_tags import tag_source
from translate_flow.terms.finding import pair_version, terms_in_any
from translate_flow.workflow.transitions import active_segments

Pair = tuple[TranslationSegment, Segment]
# Every active row's (source in placeholder form, text), in reading order.
Siblings = tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class Dismissal:
    check: str
    text: str
    reason: str
    by_id: int | None
    by_name: str
    at: datetime

    def as_json(self) -> dict[str, Any]:
        by = {"id": self.by_id, "name": self.by_name} if self.by_id is not None else None
        return {"reason": self.reason, "by": by, "at": self.at.isoformat()}


@dataclass(frozen=True, slots=True)
class SegmentFinding:
    finding: Finding
    dismissed: Dismissal | None

    @property
    def is_open(self) -> bool:
        return self.dismissed is None

    @property
    def is_error(self) -> bool:
        return self.finding.severity is Severity.ERROR

    def as_json(self) -> dict[str, Any]:
        dismissed = self.dismissed.as_json() if self.dismissed is not None else None
        return self.finding.as_json() | {"dismissed": dismissed}


# Per row id, per check: every dismissal, oldest first.
Dismissals = dict[int, dict[str, list[Dismissal]]]


def dismissals_of(
    session: Session, translation: Translation, row_ids: Sequence[int] | None = None
) -> Dismissals:
    """Every dismissal made on the translation (on `row_ids` only, if given), with its
    author's name, in one query."""
    found: Dismissals = {}
    query = (
        select(CheckDismissal, User.display_name)
        .outerjoin(User, User.id == CheckDismissal.actor_id)
        .where(CheckDismissal.translation_id == translation.id)
        .order_by(CheckDismissal.id)
    )
    if row_ids is not None:
        query = query.where(CheckDismissal.translation_segment_id.in_(row_ids))
    rows = session.execute(query)
    for dismissal, name in rows:
        found.setdefault(dismissal.translation_segment_id, {}).setdefault(
            dismissal.check, []
        ).append(
            Dismissal(
                dismissal.check,
                dismissal.text,
                dismissal.reason,
                dismissal.actor_id,
                name or "",
                dismissal.created_at,
            )
        )
    return found


def holding(dismissals: Sequence[Dismissal], text: str) -> Dismissal | None:
    """The latest dismissal made on `text`, the row's text now, if any."""
    for dismissal in reversed(dismissals):
        if dismissal.text == text:
            return dismissal
    return None


def _with_dismissals(
    findings: list[Finding], text: str, dismissals: dict[str, list[Dismissal]]
) -> list[SegmentFinding]:
    return [
        SegmentFinding(finding, holding(dismissals.get(finding.check, ()), text))
        for finding in findings
    ]


@dataclass(frozen=True, slots=True)
class _Row:
    index: int
    row: TranslationSegment
    segment: Segment
    source: str  # in placeholder form


def _sorted(findings: list[Finding]) -> list[Finding]:
    # As `run_checks` orders them: errors first, then by check (stable within a check).
    return sorted(findings, key=lambda f: (f.severity is not Severity.ERROR, f.check))


def _findings(
    session: Session,
    translation: Translation,
    pairs: Sequence[Pair],
    wanted: set[int] | None,
    *,
    keep_found: bool = False,
    read_kept: bool = True,
    read_siblings: Callable[[], Siblings] | None = None,
) -> dict[int, list[SegmentFinding]]:
    source_language, target_language = translation.source_language, translation.target_language
    # Every source in placeholder form (the siblings), but results only where checks run.
    sources = [tag_source(segment.html).text for _, segment in pairs]
    checked = [
        _Row(index, row, segment, sources[index])
        for index, (row, segment) in enumerate(pairs)
        if (wanted is None or segment.id in wanted)
        and row.text.strip()
        and not row.leave_untranslated
    ]
    answer: dict[int, list[SegmentFinding]] = {
        # Nothing written yet, or kept in the original on purpose: nothing to check.
        segment.id: []
        for row, segment in pairs
        if wanted is None or segment.id in wanted
    }
    # A whole translation is read in the same statements whatever it holds (the pages' counts
    # are pinned); a save's rows skip what they do not need.
    for_save = wanted is not None
    if for_save and not checked:
        return answer  # a save that emptied its row: nothing of the desk's to read
    version = checks_version()
    ratio = desk_ratio(session, source_language, target_language)
    terms_version = version_text(pair_version(session, source_language, target_language))
    kept = (
        kept_results(
            session, translation.id, None if wanted is None else [item.row.id for item in checked]
        )
        if read_kept
        else {}
    )

    def key(item: _Row, terms: str) -> str:
        return findings_key(
            version=version,
            source_language=source_language,
            target_language=target_language,
            source=item.source,
            plain_source=item.segment.text,
            text=item.row.text,
            terms=terms,
            ratio=ratio,
        )

    own: dict[int, list[Finding]] = {}
    unsure: list[_Row] = []  # the termbase changed since their result was kept, or none was
    for item in checked:
        result = kept.get(item.row.id)
        if (
            result is not None
            and result.terms_version == terms_version
            and key(item, result.terms) == result.key
        ):
            own[item.index] = result.read()
            continue
        unsure.append(item)
    found_terms = terms_in_any(
        session, source_language, target_language, [item.segment.text for item in unsure]
    )
    for item, terms in zip(unsure, found_terms, strict=True):
        fingerprint = terms_fingerprint(terms)
        item_key = key(item, fingerprint)
        result = kept.get(item.row.id)
        if result is not None and result.key == item_key:
            own[item.index] = result.read()  # the termbase changed, but not for this segment
        else:
            context = CheckContext(
                source_language=source_language,
                target_language=target_language,
                terms=terms,
                plain_source=item.segment.text,
                length_ratio=ratio,
            )
            own[item.index] = run_checks(item.source, item.row.text, context, only=per_segment)
        if keep_found:
            findings = [finding.as_json() for finding in own[item.index]]
            keep(session, item.row.id, Kept(item_key, terms_version, fingerprint, findings))

    # The checks that compare segments, over the whole article (one tuple: each segment is
    # its own sibling, which agrees with itself; a tuple lets consistency index it once).
    siblings = (
        read_siblings()
        if read_siblings is not None
        else tuple((source, row.text) for source, (row, _) in zip(sources, pairs, strict=True))
    )
    article = CheckContext(source_language, target_language, siblings=siblings)
    found = {
        item.index: own[item.index]
        + run_checks(item.source, item.row.text, article, only=across_article)
        for item in checked
    }
    if for_save and not any(found.values()):
        return answer  # no finding for a dismissal to hold for
    dismissals = dismissals_of(
        session, translation, [item.row.id for item in checked] if for_save else None
    )
    for item in checked:
        answer[item.segment.id] = _with_dismissals(
            _sorted(found[item.index]), item.row.text, dismissals.get(item.row.id, {})
        )
    return answer


def translation_findings(
    session: Session, translation: Translation, pairs: Sequence[Pair] | None = None
) -> dict[int, list[SegmentFinding]]:
    """Per source segment id, the findings of every active row (`pairs` if already read): kept
    results where they still hold, the others found now (and not kept: reading writes nothing).
    """
    if pairs is None:
        pairs = active_segments(session, translation)
    return _findings(session, translation, pairs, None)


def sibling_texts(session: Session, translation: Translation) -> Siblings:
    """Every active row's (source in placeholder form, text), in reading order: what the
    checks that compare segments read, without loading the rows themselves."""
    rows = session.execute(
        TranslationSegment.active_in(translation.id, Segment.html, TranslationSegment.text)
    )
    return tuple((tag_source(html).text, text) for html, text in rows)


def saved_row_findings(
    session: Session,
    translation: Translation,
    row: TranslationSegment,
    *,
    text_changed: bool = False,
) -> list[SegmentFinding]:
    """One row's findings after a save, its siblings' texts read for the checks that compare
    segments; its own checks' findings are kept for the pages that read them later.

    `text_changed`: the save wrote a new text, so the result kept for the row describes
    another one (but for a text gone back to a kept one, found again the same) and is not
    read: an autosave is checked at once.
    """
    found = _findings(
        session,
        translation,
        [(row, row.segment)],
        {row.segment_id},
        keep_found=True,
        read_kept=not text_changed,
        read_siblings=lambda: sibling_texts(session, translation),
    )
    return found.get(row.segment_id, [])


def keep_findings(session: Session, translation: Translation, segment_ids: set[int]) -> None:
    """Keep the findings of rows saved together (the editor's form without JavaScript)."""
    if segment_ids:
        pairs = active_segments(session, translation)
        _findings(session, translation, pairs, segment_ids, keep_found=True)


def open_findings(findings: dict[int, list[SegmentFinding]]) -> list[tuple[int, SegmentFinding]]:
    """The findings no dismissal holds for, as (segment id, finding), in reading order."""
    return [
        (segment_id, finding)
        for segment_id, items in findings.items()
        for finding in items
        if finding.is_open
    ]


__all__ = [
    "Dismissal",
    "SegmentFinding",
    "dismissals_of",
    "holding",
    "keep_findings",
    "open_findings",
    "saved_row_findings",
    "translation_findings",
]
