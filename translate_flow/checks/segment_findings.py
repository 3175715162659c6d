"""The findings of a translation's stored segments, each with the dismissal that holds for it.

The checks see what the editor saves: the source in placeholder form (`tag_source`) and the
row's text. A finding is dismissed while the latest dismissal of its check on that row was made
on the text the row holds now; any other text brings the finding back (and going back to the
very text a dismissal was made on brings that dismissal back with it).

A whole translation is read in three queries whatever its length: its rows, its dismissals with
their authors, and the pair's terms (cached per process, see `terms.finding`).
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from translate_flow.checks.base import CheckContext, Finding, Severity, run_checks
from translate_flow.domain.models import (
    CheckDismissal,
    Segment,
    Translation,
    TranslationSegment,
    User,
)
from translate_flow.markup.source_tags import tag_source
from translate_flow.terms.finding import terms_in_any
from translate_flow.workflow.transitions import active_segments

Pair = tuple[TranslationSegment, Segment]


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


def dismissals_of(session: Session, translation: Translation) -> Dismissals:
    """Every dismissal made on the translation, with its author's name, in one query."""
    found: Dismissals = {}
    rows = session.execute(
        select(CheckDismissal, User.display_name)
        .outerjoin(User, User.id == CheckDismissal.actor_id)
        .where(CheckDismissal.translation_id == translation.id)
        .order_by(CheckDismissal.id)
    )
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


def _findings(
    session: Session, translation: Translation, pairs: Sequence[Pair], wanted: set[int] | None
) -> dict[int, list[SegmentFinding]]:
    # Every source in placeholder form (the siblings), but terms only where checks will run.
    sources = [tag_source(segment.html).text for _, segment in pairs]
    checked = [
        index
        for index, (row, segment) in enumerate(pairs)
        if (wanted is None or segment.id in wanted)
        and row.text.strip()
        and not row.leave_untranslated
    ]
    found_terms = terms_in_any(
        session,
        translation.source_language,
        translation.target_language,
        [pairs[index][1].text for index in checked],
    )
    terms = dict(zip(checked, found_terms, strict=True))
    dismissals = dismissals_of(session, translation)
    everything = [(source, row.text) for source, (row, _) in zip(sources, pairs, strict=True)]
    result: dict[int, list[SegmentFinding]] = {}
    for index, (row, segment) in enumerate(pairs):
        if wanted is not None and segment.id not in wanted:
            continue
        if index not in terms:
            # Nothing written yet, or kept in the original on purpose: nothing to check.
            result[segment.id] = []
            continue
        context = CheckContext(
            source_language=translation.source_language,
            target_language=translation.target_language,
            terms=terms[index],
            plain_source=segment.text,
            siblings=everything[:index] + everything[index + 1 :],
            length_ratio=None,
        )
        found = run_checks(sources[index], row.text, context)
        result[segment.id] = _with_dismissals(found, row.text, dismissals.get(row.id, {}))
    return result


def translation_findings(
    session: Session, translation: Translation, pairs: Sequence[Pair] | None = None
) -> dict[int, list[SegmentFinding]]:
    """Per source segment id, the findings of every active row (`pairs` if already read)."""
    if pairs is None:
        pairs = active_segments(session, translation)
    return _findings(session, translation, pairs, None)


def row_findings(
    session: Session, translation: Translation, row: TranslationSegment
) -> list[SegmentFinding]:
    """One row's findings, its siblings read for the checks that compare segments."""
    pairs = active_segments(session, translation)
    return _findings(session, translation, pairs, {row.segment_id}).get(row.segment_id, [])


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
    "open_findings",
    "row_findings",
    "translation_findings",
]
