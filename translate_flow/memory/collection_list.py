"""The memory's collections with how many units each holds: the collections page and the API
list them the same way."""

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from translate_flow.domain.models.memory import MemoryCollection, MemoryUnit


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
