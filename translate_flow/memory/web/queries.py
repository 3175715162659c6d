"""What the memory's pages read besides the search: the desk's pairs, the collections with
their sizes, one unit with its origin."""

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from translate_flow.core.errors import UnknownLanguage
from translate_flow.domain.models import Article, LanguagePair, Translation, User
from translate_flow.domain.models.memory import MemoryCollection, MemoryUnit
from translate_flow.memory.matching import Origin
from translate_flow.text.languages import get_language

Pair = tuple[str, str]


def _code(code: str) -> str | None:
    try:
        return get_language(code).code
    except UnknownLanguage:
        return None


def desk_pairs(session: Session, user: User) -> list[Pair]:
    """The pairs the desk works in: the person's own first, then everyone's, then those only
    a collection has. Read from the two small tables, never from the units: listing the
    distinct pairs of a million units would be a scan."""
    own = [(p.source_language, p.target_language) for p in user.language_pairs]
    people = session.execute(
        select(LanguagePair.source_language, LanguagePair.target_language)
        .distinct()
        .order_by(LanguagePair.source_language, LanguagePair.target_language)
    ).all()
    collections = session.execute(
        select(MemoryCollection.source_language, MemoryCollection.target_language)
        .distinct()
        .order_by(MemoryCollection.source_language, MemoryCollection.target_language)
    ).all()
    pairs: list[Pair] = []
    for source, target in [*own, *people, *collections]:
        pair = (_code(source), _code(target))
        if pair[0] and pair[1] and pair not in pairs:
            pairs.append((pair[0], pair[1]))
    return pairs


def parse_pair(value: str | None) -> Pair | None:
    """ "ja:en" as the pair chooser sends it; None for anything else."""
    source, colon, target = (value or "").partition(":")
    if not colon:
        return None
    pair = (_code(source.strip()[:20]), _code(target.strip()[:20]))
    return (pair[0], pair[1]) if pair[0] and pair[1] else None


@dataclass(frozen=True, slots=True)
class CollectionLine:
    collection: MemoryCollection
    units: int


def collections(session: Session) -> list[CollectionLine]:
    """Every collection, by pair and name, with how many units it holds."""
    counts = (
        select(MemoryUnit.collection_id, func.count().label("units"))
        .where(MemoryUnit.collection_id.is_not(None))
        .group_by(MemoryUnit.collection_id)
        .subquery()
    )
    rows = session.execute(
        select(MemoryCollection, func.coalesce(counts.c.units, 0))
        .outerjoin(counts, counts.c.collection_id == MemoryCollection.id)
        .order_by(
            MemoryCollection.source_language,
            MemoryCollection.target_language,
            func.lower(MemoryCollection.name),
            MemoryCollection.id,
        )
    ).all()
    return [CollectionLine(collection, int(units)) for collection, units in rows]


def collection_units(session: Session, collection: MemoryCollection) -> int:
    return int(
        session.scalar(
            select(func.count())
            .select_from(MemoryUnit)
            .where(MemoryUnit.collection_id == collection.id)
        )
        or 0
    )


def unit_origin(session: Session, unit: MemoryUnit) -> Origin:
    """Where a unit came from, as matches and search hits show it."""
    title = None
    if unit.translation_id is not None:
        title = session.scalar(
            select(Article.title)
            .join(Translation, Translation.article_id == Article.id)
            .where(Translation.id == unit.translation_id)
        )
    translator = session.get(User, unit.translator_id) if unit.translator_id else None
    reviewer = session.get(User, unit.reviewer_id) if unit.reviewer_id else None
    return Origin(
        translation_id=unit.translation_id,
        segment_id=unit.segment_id,
        article_title=title,
        collection_id=unit.collection_id,
        collection_name=unit.collection.name if unit.collection else None,
        translator_id=unit.translator_id,
        translator_name=translator.display_name if translator else None,
        reviewer_id=unit.reviewer_id,
        reviewer_name=reviewer.display_name if reviewer else None,
        updated_at=unit.updated_at,
        withdrawn=unit.withdrawn,
    )
