"""Writing the memory: a translation's segments as it is approved or republished, collections
brought in from files, and deletions that leave no index rows behind."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from translate_flow.domain.models import (
    Segment,
    Translation,
    TranslationSegment,
    User,
    utcnow,
)
from translate_flow.domain.models.memory import MemoryCollection, MemoryTerm, MemoryUnit
from translate_flow.markup.source_tags import tag_source
from translate_flow.memory.index import text_hash, unit_term_hashes
from translate_flow.text.analysis import match_key, stored_form

# Rows per INSERT batch when filling a collection: large enough that the per-statement cost
# vanishes, small enough that a TMX of 100,000 units never holds them all at once.
BATCH_SIZE = 2000


@dataclass(frozen=True, slots=True)
class UnitText:
    """One pair of texts to remember (from a TMX file, say), with its date if it has one."""

    source: str
    target: str
    created_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class _Remembered:
    segment_id: int
    source: str
    target: str
    previous_hash: int


def remember_translation(session: Session, translation: Translation) -> int:
    """Add or update one unit per translated segment of `translation`; returns how many.

    Called when a translation is approved or (re)published. Units are keyed by the
    translation and its source segment, so republishing a correction updates them in place;
    a segment no longer in the translation (its source was corrected) takes its unit along.
    Segments left untranslated or set aside are not remembered.
    """
    wanted = _translated_segments(session, translation)
    existing = {
        unit.segment_id: unit
        for unit in session.scalars(
            select(MemoryUnit).where(MemoryUnit.translation_id == translation.id)
        )
    }
    now = utcnow()
    stale = [unit.id for segment_id, unit in existing.items() if segment_id not in wanted]
    _delete_units(session, stale)
    reindex: list[MemoryUnit] = []
    for segment_id, text in wanted.items():
        unit = existing.get(segment_id)
        if unit is None:
            unit = MemoryUnit(
                source_language=translation.source_language,
                target_language=translation.target_language,
                translation_id=translation.id,
                segment_id=segment_id,
                created_at=now,
            )
            session.add(unit)
        unit.translator_id = translation.translator_id
        unit.reviewer_id = translation.reviewer_id
        unit.withdrawn = False
        if unit.id is not None and (unit.source, unit.target, unit.previous_hash) == (
            text.source,
            text.target,
            text.previous_hash,
        ):
            continue
        unit.source, unit.target = text.source, text.target
        unit.source_key, unit.target_key = match_key(text.source), match_key(text.target)
        unit.source_hash, unit.previous_hash = text_hash(unit.source_key), text.previous_hash
        unit.updated_at = now
        reindex.append(unit)
    session.flush()
    _index(session, reindex, replace=True)
    return len(wanted)


def _translated_segments(session: Session, translation: Translation) -> dict[int, _Remembered]:
    """The translation's segments worth remembering, by source segment, with the key hash of
    the source segment before each (the empty text's for the first: the article's start)."""
    revision = session.execute(
        select(Segment.id, Segment.html)
        .where(Segment.revision_id == translation.source_revision_id)
        .order_by(Segment.position)
    ).all()
    texts = dict(
        session.execute(
            select(TranslationSegment.segment_id, TranslationSegment.text).where(
                TranslationSegment.translation_id == translation.id,
                TranslationSegment.leave_untranslated.is_(False),
                TranslationSegment.set_aside_at.is_(None),
            )
        ).all()
    )
    wanted: dict[int, _Remembered] = {}
    previous = ""
    for segment_id, html in revision:
        source = stored_form(tag_source(html).text)
        target = stored_form(texts.get(segment_id, ""))
        if match_key(target) and match_key(source):
            wanted[segment_id] = _Remembered(
                segment_id, source, target, text_hash(match_key(previous))
            )
        previous = source
    return wanted


def mark_withdrawn(session: Session, translation: Translation) -> int:
    """Mark the units of a withdrawn or unpublished translation: still found, shown as such."""
    result = session.execute(
        update(MemoryUnit)
        .where(MemoryUnit.translation_id == translation.id)
        .values(withdrawn=True, updated_at=utcnow())
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


def create_collection(
    session: Session,
    *,
    name: str,
    source_language: str,
    target_language: str,
    created_by: User | None,
) -> MemoryCollection:
    collection = MemoryCollection(
        name=name,
        source_language=source_language,
        target_language=target_language,
        created_by_id=created_by.id if created_by else None,
    )
    session.add(collection)
    session.flush()
    return collection


def add_to_collection(
    session: Session, collection: MemoryCollection, texts: Iterable[UnitText]
) -> int:
    """Add units to a collection in batches (a TMX import); pairs with an empty side are
    skipped. Returns how many were added."""
    added = 0
    batch: list[dict[str, Any]] = []
    for text in texts:
        source, target = stored_form(text.source), stored_form(text.target)
        source_key, target_key = match_key(source), match_key(target)
        if not source_key or not target_key:
            continue
        moment = text.created_at or utcnow()
        batch.append(
            {
                "source_language": collection.source_language,
                "target_language": collection.target_language,
                "source": source,
                "target": target,
                "source_key": source_key,
                "target_key": target_key,
                "source_hash": text_hash(source_key),
                "previous_hash": None,
                "collection_id": collection.id,
                "created_at": moment,
                "updated_at": moment,
                "withdrawn": False,
            }
        )
        if len(batch) == BATCH_SIZE:
            added += _insert_units(session, batch)
            batch = []
    if batch:
        added += _insert_units(session, batch)
    return added


def _insert_units(session: Session, rows: list[dict[str, Any]]) -> int:
    ids = session.scalars(
        insert(MemoryUnit).returning(MemoryUnit.id, sort_by_parameter_order=True), rows
    ).all()
    terms = [
        {"term": term, "unit_id": unit_id}
        for unit_id, row in zip(ids, rows, strict=True)
        for term in unit_term_hashes(
            row["source_language"], row["target_language"], row["source_key"], row["target_key"]
        )
    ]
    if terms:
        session.execute(insert(MemoryTerm), terms)
    return len(ids)


def _index(session: Session, units: Sequence[MemoryUnit], *, replace: bool) -> None:
    if not units:
        return
    if replace:
        session.execute(delete(MemoryTerm).where(MemoryTerm.unit_id.in_([u.id for u in units])))
    rows = [
        {"term": term, "unit_id": unit.id}
        for unit in units
        for term in unit_term_hashes(
            unit.source_language, unit.target_language, unit.source_key, unit.target_key
        )
    ]
    if rows:
        session.execute(insert(MemoryTerm), rows)


def _delete_units(session: Session, unit_ids: Sequence[int]) -> None:
    # The index rows go first and explicitly: the foreign key's cascade would do it too, but
    # one statement per side is faster than the cascade's row-by-row lookups.
    for start in range(0, len(unit_ids), BATCH_SIZE):
        chunk = unit_ids[start : start + BATCH_SIZE]
        session.execute(delete(MemoryTerm).where(MemoryTerm.unit_id.in_(chunk)))
        session.execute(delete(MemoryUnit).where(MemoryUnit.id.in_(chunk)))


def delete_unit(session: Session, unit: MemoryUnit) -> None:
    """Forget one unit (a coordinator's decision), index rows included."""
    _delete_units(session, [unit.id])


def delete_collection(session: Session, collection: MemoryCollection) -> None:
    """Forget a collection and every unit in it, index rows included."""
    units = select(MemoryUnit.id).where(MemoryUnit.collection_id == collection.id)
    session.execute(delete(MemoryTerm).where(MemoryTerm.unit_id.in_(units)))
    session.execute(delete(MemoryUnit).where(MemoryUnit.collection_id == collection.id))
    session.delete(collection)
    session.flush()
