"""A whole-article machine draft: every empty segment filled from the pair's draft engine.

Only where an admin allows drafts for the pair (`pair_settings.draft_engine`), and only for
the person who writes the text (its translator, or a coordinator editing it). It happens in
three steps, so that no transaction is held while the engine works: `plan` reads the empty
segments, `translate` asks the engine (with a read session, after the caller has ended its
transaction), `fill` saves each answer through the versioned save. A segment someone wrote
in the meantime is left as they wrote it. Drafted text is saved as such (origin
`machine_draft`, the engine and its text kept for the machine's share) and never marked done.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from translate_flow.core.db import Database
from translate_flow.core.errors import PermissionDenied, ValidationFailed
from translate_flow.domain.models import (
    MachineMode,
    Segment,
    Translation,
    TranslationSegment,
    User,
)
from translate_flow.domain.workflow import EditRole
from translate_flow.editing.saving import SuggestionUsed, check_may_edit, save_segment
from translate_flow.machine.configured import ConfiguredEngine, configured_engines
from translate_flow.machine.pair_settings import draft_engine, mode_for
from translate_flow.machine.suggesting import cache_days, translate_cached, wait_seconds
from translate_flow.markup.source_tags import tag_source

# A draft is asked for on purpose and may hold a hundred paragraphs: it may wait longer than
# one suggestion beside a segment does.
MIN_DRAFT_WAIT_SECONDS = 60.0


@dataclass(frozen=True, slots=True)
class EmptySegment:
    segment_id: int
    version: int
    source: str  # the source's text, its inline tags as placeholders


@dataclass(frozen=True, slots=True)
class DraftPlan:
    translation_id: int
    source_language: str
    target_language: str
    segments: list[EmptySegment]


@dataclass(frozen=True, slots=True)
class DraftOutcome:
    engine: str
    filled: int
    segment_ids: list[int]


def _pair(translation: Translation) -> str:
    return f"{translation.source_language}→{translation.target_language}"


def drafts_allowed(session: Session, config: Mapping[str, Any], translation: Translation) -> bool:
    """Whether an admin allows drafts of the pair with some engine, from the desk's settings
    alone (no engine is asked which pairs it serves: pages call this while rendering)."""
    return any(
        mode_for(session, engine, translation.source_language, translation.target_language)
        is MachineMode.DRAFTS
        for engine in configured_engines(session, config)
    )


def check_may_draft(
    session: Session, config: Mapping[str, Any], actor: User, translation: Translation
) -> None:
    """Raises PermissionDenied (or Conflict, as `check_may_edit`) with a sentence for the person."""
    role = check_may_edit(session, actor, translation)
    if role is EditRole.REVIEWER:
        raise PermissionDenied(
            "A machine draft is for the translator: a reviewer edits what was written."
        )
    if not drafts_allowed(session, config, translation):
        raise PermissionDenied(
            f"Machine drafts are not allowed for {_pair(translation)} on this desk; machine "
            "suggestions beside each segment may be. An admin decides (Admin → Machine "
            "translation)."
        )


def plan(
    session: Session, config: Mapping[str, Any], actor: User, translation: Translation
) -> DraftPlan:
    """The empty segments to draft, after checking that the person may have them drafted."""
    check_may_draft(session, config, actor, translation)
    rows = session.execute(
        select(TranslationSegment.segment_id, TranslationSegment.version, Segment.html)
        .join(Segment, Segment.id == TranslationSegment.segment_id)
        .where(
            TranslationSegment.translation_id == translation.id,
            TranslationSegment.set_aside_at.is_(None),
            TranslationSegment.leave_untranslated.is_(False),
            TranslationSegment.text == "",
        )
        .order_by(Segment.position)
    ).all()
    segments = [
        EmptySegment(segment_id, version, tag_source(html).text)
        for segment_id, version, html in rows
    ]
    return DraftPlan(
        translation.id,
        translation.source_language,
        translation.target_language,
        [segment for segment in segments if segment.source.strip()],
    )


def engine_for(
    reading: Session, config: Mapping[str, Any], draft: DraftPlan
) -> ConfiguredEngine | None:
    return draft_engine(
        reading, configured_engines(reading, config), draft.source_language, draft.target_language
    )


def translate(
    reading: Session,
    database: Database,
    config: Mapping[str, Any],
    engine: ConfiguredEngine,
    draft: DraftPlan,
) -> list[str]:
    """The engine's text for each planned segment, in order; raises MachineError."""
    results = translate_cached(
        reading,
        database,
        engine,
        draft.source_language,
        draft.target_language,
        [segment.source for segment in draft.segments],
        days=cache_days(config),
        wait=max(wait_seconds(config), MIN_DRAFT_WAIT_SECONDS),
    )
    return [result.text for result in results]


def fill(
    session: Session,
    actor: User,
    translation: Translation,
    engine: ConfiguredEngine,
    segments: Sequence[EmptySegment],
    texts: Sequence[str],
) -> DraftOutcome:
    """Save each text into its segment if that is still empty and untouched; the caller commits."""
    check_may_edit(session, actor, translation)
    filled: list[int] = []
    for segment, text in zip(segments, texts, strict=True):
        if not text.strip():
            continue
        row = session.scalar(
            select(TranslationSegment).where(
                TranslationSegment.translation_id == translation.id,
                TranslationSegment.segment_id == segment.segment_id,
                TranslationSegment.set_aside_at.is_(None),
            )
        )
        if row is None or row.text or row.version != segment.version:
            continue  # written (or corrected away) while the engine worked: theirs stands
        try:
            outcome = save_segment(
                session,
                actor,
                translation,
                segment.segment_id,
                text=text,
                base_version=segment.version,
                done=False,
                suggestion=SuggestionUsed("machine", engine=engine.name, text=text),
                machine_draft=True,
            )
        except ValidationFailed:
            # The engine misplaced a tag (refused before anything is written): the segment
            # stays empty for the person, whose panel still offers the suggestion.
            continue
        if outcome.conflict or outcome.revision is None:
            continue
        filled.append(segment.segment_id)
    session.flush()
    return DraftOutcome(engine.name, len(filled), filled)
