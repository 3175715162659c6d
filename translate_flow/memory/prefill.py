"""Filling a translation's empty segments from exact memory matches, in one action.

Only 100% and 101% matches fill: below that the remembered text says something else, and a
translator skimming pre-filled drafts would miss it. A filled segment is a draft (never done),
saved through `editing.saving` like any other text, so it is in the history as "prefilled",
with the unit and score it came from, and the translator reads and confirms each one.
"""

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from translate_flow.domain.models import Segment, Translation, TranslationSegment, User
from translate_flow.editing.saving import SuggestionUsed, check_may_edit, save_segment
from translate_flow.memory.suggestions import memory_suggestions

EXACT = 100


@dataclass(frozen=True, slots=True)
class PrefillOutcome:
    filled: int
    segment_ids: list[int]


def prefill(session: Session, actor: User, translation: Translation) -> PrefillOutcome:
    """Fill each empty, active segment that has an exact match; the caller commits.

    Raises as `check_may_edit` does when the person may not edit the translation now.
    """
    check_may_edit(session, actor, translation)
    rows = session.scalars(
        select(TranslationSegment)
        .join(Segment, Segment.id == TranslationSegment.segment_id)
        .where(
            TranslationSegment.translation_id == translation.id,
            TranslationSegment.set_aside_at.is_(None),
            TranslationSegment.leave_untranslated.is_(False),
            TranslationSegment.text == "",
        )
        .order_by(Segment.position)
    ).all()
    filled: list[int] = []
    for row in rows:
        best = memory_suggestions(session, translation, row, threshold=EXACT, limit=1)
        if not best or not best[0].target.strip():
            continue
        match = best[0]
        outcome = save_segment(
            session,
            actor,
            translation,
            row.segment_id,
            text=match.target,
            base_version=row.version,
            done=False,
            prefilled=True,
            suggestion=SuggestionUsed("memory", match.unit_id, match.score),
        )
        if not outcome.conflict and outcome.revision is not None:
            filled.append(row.segment_id)
    return PrefillOutcome(len(filled), filled)
