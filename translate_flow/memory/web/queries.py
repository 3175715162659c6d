"""What the memory's pages read besides the search: the desk's pairs, the collections with
their sizes, one unit with its origin."""

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from translate_flow.core.language_pairs import Pair, chooser_pairs
from translate_flow.domain.models import User
from translate_flow.domain.models.memory import MemoryCollection, MemoryUnit


def desk_pairs(session: Session, user: User) -> list[Pair]:
    """The pair chooser's pairs, with those only a collection has. Read from the small
    tables, never from the units: listing the distinct pairs of a million units is a scan."""
    collections = session.execute(
        select(MemoryCollection.source_language, MemoryCollection.target_language)
        .distinct()
        .order_by(MemoryCollection.source_language, MemoryCollection.target_language)
    ).all()
    return chooser_pairs(session, user, [(source, target) for source, target in collections])


def collection_units(session: Session, collection: MemoryCollection) -> int:
    return int(
        session.scalar(
            select(func.count())
            .select_from(MemoryUnit)
            .where(MemoryUnit.collection_id == collection.id)
        )
        or 0
    )
