"""What the memory's pages read besides the search: the desk's pairs, the collections with
their sizes, one unit with its origin."""

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from translate_flow.core.errors import UnknownLanguage
from translate_flow.domain.models import LanguagePair, User
from translate_flow.domain.models.memory import MemoryCollection, MemoryUnit
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


def collection_units(session: Session, collection: MemoryCollection) -> int:
    return int(
        session.scalar(
            select(func.count())
            .select_from(MemoryUnit)
            .where(MemoryUnit.collection_id == collection.id)
        )
        or 0
    )
