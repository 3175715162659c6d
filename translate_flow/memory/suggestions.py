"""The memory's matches for one segment of a translation, ready to show and to insert.

A match is found on the segment's source in placeholder form, its tags renumbered to this
segment's (`markup.renumbering`), so that inserting `target` gives a text the editor saves as
it is. The remembered source is shown as a diff against this segment's source: what the
remembered one had is struck through, what this one has instead is underlined, which is what
the translator must change in the remembered translation.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup
from sqlalchemy import select
from sqlalchemy.orm import Session

from translate_flow.domain.models import Segment, Translation, TranslationSegment
from translate_flow.markup.chips import with_chips
from translate_flow.markup.renumbering import renumber
from translate_flow.markup.source_tags import Tag, tag_source
from translate_flow.memory.matching import Match, Origin, find_matches
from translate_flow.text.analysis import stored_form
from translate_flow.text.diffing import diff_text, render_inline

# CAT tools' usual default: below 70 a match costs more to adapt than to translate afresh.
DEFAULT_THRESHOLD = 70
MAX_SUGGESTIONS = 5


@dataclass(frozen=True, slots=True)
class MemorySuggestion:
    unit_id: int
    score: int
    source: str  # the remembered source, in this segment's tag numbering
    target: str  # what is inserted: the remembered translation, renumbered
    source_html: Markup  # the remembered source against this one, as a diff with chips
    target_html: Markup
    origin: Origin


def _context(session: Session, row: TranslationSegment) -> tuple[str, str]:
    """This segment's source in placeholder form, and the one before it ("" at the start)."""
    segment = row.segment
    previous = session.scalar(
        select(Segment.html)
        .where(Segment.revision_id == segment.revision_id, Segment.position < segment.position)
        .order_by(Segment.position.desc())
        .limit(1)
    )
    here = stored_form(tag_source(segment.html).text)
    return here, stored_form(tag_source(previous).text) if previous is not None else ""


def memory_suggestions(
    session: Session,
    translation: Translation,
    row: TranslationSegment,
    *,
    threshold: int = DEFAULT_THRESHOLD,
    limit: int = MAX_SUGGESTIONS,
) -> list[MemorySuggestion]:
    """Up to `limit` matches for the row's source at or above `threshold`, best first.

    The translation's own units (it may have been published and reopened) are left out: a
    segment suggesting its own text back is noise.
    """
    source, previous = _context(session, row)
    tags = tag_source(row.segment.html).tags
    found = find_matches(
        session,
        translation.source_language,
        translation.target_language,
        source,
        previous,
        limit=limit,
        threshold=threshold,
        exclude_translation_id=translation.id,
    )
    return [_suggestion(match, source, tags) for match in found]


def _suggestion(match: Match, source: str, tags: Sequence[Tag]) -> MemorySuggestion:
    remembered_source, target = renumber(match.source, match.target, tags)
    diff = render_inline(diff_text(remembered_source, source))
    return MemorySuggestion(
        unit_id=match.unit_id,
        score=match.score,
        source=remembered_source,
        target=target,
        source_html=with_chips(diff, tags),
        target_html=with_chips(target, tags),
        origin=match.origin,
    )
