"""The terms of a translation's source segments, as the editor marks them and lists them.

Spans are in code points of each segment's plain source text (`Segment.text`, NFC: the
`source` of GET /translations/{id}), so a client marks them on the text it shows.
"""

from sqlalchemy.orm import Session

from translate_flow.domain.models import Segment, Translation, TranslationSegment
from translate_flow.terms.finding import FoundTerm, terms_in_any


def translation_terms(session: Session, translation: Translation) -> dict[int, list[FoundTerm]]:
    """Each active segment's terms, by source segment id (segments with none left out)."""
    rows = session.execute(
        TranslationSegment.active_in(translation.id, Segment.id, Segment.text)
    ).all()
    found = terms_in_any(
        session,
        translation.source_language,
        translation.target_language,
        [text for _, text in rows],
    )
    return {segment_id: terms for (segment_id, _), terms in zip(rows, found, strict=True) if terms}


def segment_terms(
    session: Session, translation: Translation, row: TranslationSegment
) -> list[FoundTerm]:
    return terms_in_any(
        session, translation.source_language, translation.target_language, [row.segment.text]
    )[0]
