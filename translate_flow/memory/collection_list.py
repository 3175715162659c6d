"""The memory's collections with how many units each holds: the collections page and the API
list them the same way."""

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from translate_flow.domain.models.memory import MemoryCollection, MemoryUnit
from translate_flow.text.collation import collation_key


@dataclass(frozen=True, slots=True)
class CollectionLine:
    collection: MemoryCollection
    units: int


def collections(session: Session) -> list[CollectionLine]:
    """Every collection, by pair and name, with how many units it holds.

    A desk has a few dozen collections: they are put in the collation order here rather than
    through a stored key.
    """
    counts = (
        select(MemoryUnit.collection_id, func.count().label("units"))
        .where(MemoryUnit.collection_id.is_not(None))
        .group_by(MemoryUnit.collection_id)
        .subquery()
    )
    rows = session.execute(
        select(MemoryCollection, func.coalesce(counts.c.units, 0)).outerjoin(
            counts, counts.c.collection_id == MemoryCollection.id
        )
    ).all()
    lines = [CollectionLine(collection, int(units)) for collection, units in rows]
    return sorted(lines, key=_order)


def _order(line: CollectionLine) -> tuple[str, str, bytes, int]:
    collection = line.collection
    return (
        collection.source_language,
        collection.target_language,
        collation_key(collection.name),
        collection.id,
    )
