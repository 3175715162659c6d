"""Writing the memory: a translation's segments as it is approved or republished, collections
brought in from files, and deletions that leave no index rows behind."""

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from itertools import islice
from typing import Any

from sqlalchemy import ColumnElement, delete, func, insert, select, update
from sqlalchemy import text as sql
from sqlalchemy.orm import Session

from translate_flow.domain.models import (
    Segment,
    Translation,
    TranslationSegment,
    User,
    utcnow,
)
from translate_flow.domain.models.memory import (
    MemoryCollection,
    MemoryTerm,
    MemoryTermCount,
    MemoryUnit,
)
from translate_flow.domain.models.search import memory_unit_tokens
from translate_flow.markup.source_tags import tag_source
from translate_flow.memory.index import text_hash, unit_term_hashes
from translate_flow.text.analysis import match_key, stored_form

# Units per batch when filling a collection: large enough that the per-statement cost
# vanishes, small enough that a TMX of 100,000 units never holds them all at once.
BATCH_SIZE = 5000
# Ids per statement when deleting units, and rows per statement when counting terms.
CHUNK = 2000
# SQLite's page cache while a collection is filled (KiB, as PRAGMA cache_size takes it): the
# index's terms land all over its B-tree, and the default 2 MB made each batch disk-bound.
BULK_CACHE_KIB = 262_144


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
    skipped. Returns how many were added.

    The bulk path: on PostgreSQL units and index rows go in by COPY (ids taken from the
    sequence beforehand), on SQLite by executemany on the driver's cursor with a larger page
    cache; the term counts are summed over the whole call and written once, in term order.
    """
    counts: Counter[int] = Counter()
    added = 0
    postgres = session.get_bind().dialect.name == "postgresql"
    with _bulk_cache(session, postgres=postgres):
        for batch in _batches(_unit_rows(collection, texts), BATCH_SIZE):
            if postgres:
                added += _copy_units(session, collection, batch, counts)
            else:
                added += _insert_units(session, collection, batch, counts)
    _count_terms(session, counts)
    return added


_UNIT_COLUMNS = (
    "source_language",
    "target_language",
    "source",
    "target",
    "source_key",
    "target_key",
    "source_hash",
    "previous_hash",
    "collection_id",
    "created_at",
    "updated_at",
    "withdrawn",
    # Written here: Core inserts and COPY bypass the mapper event that keeps it elsewhere.
    "search_tokens",
)


def _unit_rows(
    collection: MemoryCollection, texts: Iterable[UnitText]
) -> Iterator[tuple[Any, ...]]:
    """Each text as a row of `_UNIT_COLUMNS`, normalised; pairs with an empty side left out."""
    now = utcnow()
    for unit_text in texts:
        source, target = stored_form(unit_text.source), stored_form(unit_text.target)
        source_key, target_key = match_key(source), match_key(target)
        if not source_key or not target_key:
            continue
        moment = unit_text.created_at or now
        yield (
            collection.source_language,
            collection.target_language,
            source,
            target,
            source_key,
            target_key,
            text_hash(source_key),
            None,
            collection.id,
            moment,
            moment,
            False,
            memory_unit_tokens(
                source, collection.source_language, target, collection.target_language
            ),
        )


def _batches(rows: Iterator[tuple[Any, ...]], size: int) -> Iterator[list[tuple[Any, ...]]]:
    while batch := list(islice(rows, size)):
        yield batch


def _row_terms(
    ids: Sequence[int], rows: Sequence[tuple[Any, ...]], counts: Counter[int]
) -> list[tuple[int, int]]:
    """The index rows of freshly added units, in index order (pages touched once each)."""
    found: list[tuple[int, int]] = []
    for unit_id, row in zip(ids, rows, strict=True):
        hashes = unit_term_hashes(row[0], row[1], row[4], row[5])
        counts.update(hashes)
        found.extend((term, unit_id) for term in hashes)
    found.sort()
    return found


def _insert_units(
    session: Session,
    collection: MemoryCollection,
    rows: list[tuple[Any, ...]],
    counts: Counter[int],
) -> int:
    ids = session.scalars(
        insert(MemoryUnit).returning(MemoryUnit.id, sort_by_parameter_order=True),
        [dict(zip(_UNIT_COLUMNS, row, strict=True)) for row in rows],
    ).all()
    cursor = session.connection().connection.driver_connection.cursor()  # type: ignore[union-attr]
    cursor.executemany(
        "INSERT INTO memory_terms (term, unit_id) VALUES (?, ?)", _row_terms(ids, rows, counts)
    )
    return len(ids)


def _copy_units(
    session: Session,
    collection: MemoryCollection,
    rows: list[tuple[Any, ...]],
    counts: Counter[int],
) -> int:
    """COPY, three to ten times faster than executemany on PostgreSQL for rows this narrow."""
    ids = list(
        session.scalars(
            sql(
                "SELECT nextval(pg_get_serial_sequence('memory_units', 'id')) "
                "FROM generate_series(1, :n)"
            ),
            {"n": len(rows)},
        )
    )
    cursor = session.connection().connection.driver_connection.cursor()  # type: ignore[union-attr]
    with cursor.copy(f"COPY memory_units (id, {', '.join(_UNIT_COLUMNS)}) FROM STDIN") as copy:
        for unit_id, row in zip(ids, rows, strict=True):
            copy.write_row((unit_id, *row))
    terms = _row_terms(ids, rows, counts)
    with cursor.copy("COPY memory_terms (term, unit_id) FROM STDIN") as copy:
        for start in range(0, len(terms), 50_000):
            copy.write("".join(f"{t}\t{u}\n" for t, u in terms[start : start + 50_000]))
    return len(ids)


@contextmanager
def _bulk_cache(session: Session, *, postgres: bool) -> Iterator[None]:
    """On SQLite, a larger page cache for the connection while a collection is filled, given
    back afterwards (the connection returns to a pool that serves requests)."""
    if postgres:
        yield
        return
    driver = session.connection().connection.driver_connection
    before = int(driver.execute("PRAGMA cache_size").fetchone()[0])  # type: ignore[union-attr]
    driver.execute(f"PRAGMA cache_size = -{BULK_CACHE_KIB}")  # type: ignore[union-attr]
    try:
        yield
    finally:
        driver.execute(f"PRAGMA cache_size = {before}")  # type: ignore[union-attr]
        driver.execute("PRAGMA shrink_memory")  # type: ignore[union-attr]


def _count_terms(session: Session, deltas: dict[int, int]) -> None:
    """Apply changes to the term counts, in term order; a count that reaches 0 goes.

    In term order: two transactions that both add units holding "the" then lock its row in
    the same order as every other row they share, and never wait on each other in a circle.
    """
    changed = sorted((term, delta) for term, delta in deltas.items() if delta)
    if not changed:
        return
    session.execute(
        sql(
            "INSERT INTO memory_term_counts (term, units) VALUES (:term, :units) "
            "ON CONFLICT (term) DO UPDATE SET units = memory_term_counts.units + excluded.units"
        ),
        [{"term": term, "units": delta} for term, delta in changed],
    )
    fallen = [term for term, delta in changed if delta < 0]
    for start in range(0, len(fallen), CHUNK):
        session.execute(
            delete(MemoryTermCount).where(
                MemoryTermCount.term.in_(fallen[start : start + CHUNK]),
                MemoryTermCount.units <= 0,
            )
        )


def _index(session: Session, units: Sequence[MemoryUnit], *, replace: bool) -> None:
    if not units:
        return
    counts: Counter[int] = Counter()
    if replace:
        counts.subtract(_forget_terms(session, MemoryTerm.unit_id.in_([u.id for u in units])))
    rows: list[dict[str, int]] = []
    for unit in units:
        hashes = unit_term_hashes(
            unit.source_language, unit.target_language, unit.source_key, unit.target_key
        )
        counts.update(hashes)
        rows.extend({"term": term, "unit_id": unit.id} for term in sorted(hashes))
    if rows:
        session.execute(insert(MemoryTerm), rows)
    _count_terms(session, counts)


def _forget_terms(session: Session, which: ColumnElement[bool]) -> Counter[int]:
    """Delete the index rows matching `which`; how many were deleted of each term (counted in
    the database: a large collection has millions)."""
    removed = Counter(
        dict(
            session.execute(
                select(MemoryTerm.term, func.count()).where(which).group_by(MemoryTerm.term)
            ).all()
        )
    )
    session.execute(delete(MemoryTerm).where(which))
    return removed


def _delete_units(session: Session, unit_ids: Sequence[int]) -> None:
    # The index rows go first and explicitly: the foreign key's cascade would remove them
    # too, but not their counts.
    counts: Counter[int] = Counter()
    for start in range(0, len(unit_ids), CHUNK):
        chunk = unit_ids[start : start + CHUNK]
        counts.subtract(_forget_terms(session, MemoryTerm.unit_id.in_(chunk)))
        session.execute(delete(MemoryUnit).where(MemoryUnit.id.in_(chunk)))
    _count_terms(session, counts)


def delete_unit(session: Session, unit: MemoryUnit) -> None:
    """Forget one unit (a coordinator's decision), index rows and their counts included."""
    _delete_units(session, [unit.id])


def delete_collection(session: Session, collection: MemoryCollection) -> None:
    """Forget a collection and every unit in it, index rows and their counts included."""
    units = select(MemoryUnit.id).where(MemoryUnit.collection_id == collection.id)
    removed = _forget_terms(session, MemoryTerm.unit_id.in_(units))
    session.execute(delete(MemoryUnit).where(MemoryUnit.collection_id == collection.id))
    _count_terms(session, Counter({term: -units for term, units in removed.items()}))
    session.delete(collection)
    session.flush()
