"""Rebuilding the search tokens of every article, publication and memory unit
(`translate-flow search reindex`, and `db upgrade` after a migration that left rows
unindexed).

Tables go in a fixed order (`TABLES`), each table's rows in order of id, in batches, each
batch committed: an interrupted run loses at most one batch, and the next picks up where it
stopped (the rows still NULL, or from a `Start`: the table and the last id written).

A few rows (an upgrade that touched some) are written one by one, the index kept up by its
triggers. A full rebuild (`--all`, or most rows without tokens) goes another way: it takes the
index away (the GIN indexes on PostgreSQL, the FTS5 triggers on SQLite), writes the tokens in
bulk (COPY on PostgreSQL), builds the index once at the end (both GIN indexes at the same
time), and runs the analyser, most of the work, in a pool of processes, one per core.
The index comes back in a `finally`; a run killed before that (power, `kill -9`) leaves it to
the next run, which restores it before anything else (`restore_index`). In between, searches
scan the table (PostgreSQL) or use the FTS5 index as it was (SQLite: rows written meanwhile
are found after the rebuild), slower or staler, never an error.
"""

import os
from collections.abc import Callable, Collection, Generator, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass
from multiprocessing import get_context
from typing import Any, cast

from sqlalchemy import (
    ColumnElement,
    Connection,
    Engine,
    Table,
    and_,
    bindparam,
    func,
    select,
    true,
    update,
)

from translate_flow.domain.models import Article, MemoryUnit, Publication
from translate_flow.domain.models.search import (
    MEMORY_SEARCH_DDL,
    POSTGRES_MEMORY_SEARCH_DDL,
    POSTGRES_PUBLICATION_SEARCH_DDL,
    POSTGRES_SEARCH_DDL,
    PUBLICATION_SEARCH_DDL,
    SQLITE_SEARCH_DDL,
    article_tokens,
    memory_unit_tokens,
    publication_tokens,
)

BATCH = 500
# Above this share of rows to write, building the index once beats keeping it up row by row.
BULK_SHARE = 0.5
# The GIN build sorts its entries in this much memory (the server's default, 64 MB, made it
# spill to disk several times over at 100,000 articles).
GIN_BUILD_MEMORY = "256MB"

articles = cast(Table, Article.__table__)
publications = cast(Table, Publication.__table__)
memory_units = cast(Table, MemoryUnit.__table__)
# The order a reindex goes through them.
TABLES = ("articles", "publications", "memory_units")

# (source table, its FTS5 table, the DDL that makes the FTS5 table and then its triggers)
SQLITE_INDEXES = (
    ("articles", "article_search", SQLITE_SEARCH_DDL),
    ("publications", "publication_search", PUBLICATION_SEARCH_DDL),
    ("memory_units", "memory_search", MEMORY_SEARCH_DDL),
)
# (source table, its GIN index, the DDL that makes it)
POSTGRES_INDEXES = (
    ("articles", "ix_articles_search", POSTGRES_SEARCH_DDL),
    ("publications", "ix_publications_search", POSTGRES_PUBLICATION_SEARCH_DDL),
    ("memory_units", "ix_memory_units_search", POSTGRES_MEMORY_SEARCH_DDL),
)
TRIGGER_EVENTS = ("insert", "delete", "update")


@dataclass(frozen=True)
class Batch:
    table: str
    rows: int
    last_id: int


@dataclass(frozen=True)
class Start:
    """Where a run begins: the tables before `table` are passed over, `table` goes on after
    `after`, the tables behind it from their start. A stopped run resumes from its last
    `Batch` (`Start(batch.table, batch.last_id)`)."""

    table: str = TABLES[0]
    after: int = 0

    def __post_init__(self) -> None:
        if self.table not in TABLES:
            raise ValueError(f"{self.table} is not indexed for search: one of {', '.join(TABLES)}")

    def after_in(self, table: str) -> int | None:
        """The id `table`'s rows start after; None when the run passes it over."""
        order, mine = TABLES.index(table), TABLES.index(self.table)
        if order < mine:
            return None
        return self.after if order == mine else 0


def _where(table: Table, everything: bool, after: int) -> ColumnElement[bool]:
    column = table.c
    return and_(column.id > after, true() if everything else column.search_tokens.is_(None))


def pending(engine: Engine, *, everything: bool = False, start: Start = Start()) -> int:
    """How many rows a reindex would read."""
    total = 0
    with engine.connect() as connection:
        for table, _read, _analyse in READERS:
            after = start.after_in(table.name)
            if after is not None:
                where = _where(table, everything, after)
                total += (
                    connection.scalar(select(func.count()).select_from(table).where(where)) or 0
                )
    return total


def _bulk_tables(engine: Engine, everything: bool, start: Start) -> list[str]:
    """The tables whose index a bulk run takes away: those it rewrites whole or mostly. A
    table with a few rows to write keeps its index (its triggers or GIN index take them): a
    desk's memory filled after an upgrade must not cost the articles' index a rebuild."""
    chosen = []
    with engine.connect() as connection:
        for table, _read, _analyse in READERS:
            after = start.after_in(table.name)
            if after is None:
                continue
            rows = connection.scalar(select(func.count()).select_from(table)) or 0
            waiting = connection.scalar(
                select(func.count()).select_from(table).where(_where(table, everything, after))
            )
            if everything or (waiting or 0) > rows * BULK_SHARE:
                chosen.append(table.name)
    return chosen


def _most_rows_pending(engine: Engine, everything: bool, start: Start) -> bool:
    with engine.connect() as connection:
        total = sum(
            connection.scalar(select(func.count()).select_from(table)) or 0
            for table, _read, _analyse in READERS
        )
    return pending(engine, everything=everything, start=start) > total * BULK_SHARE


# --- The index, taken away and put back ----------------------------------------------------------


def _sqlite_triggers(connection: Connection, source: str) -> set[str]:
    names = connection.exec_driver_sql(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?", (source,)
    ).scalars()
    return set(names)


def _postgres_indexes(connection: Connection) -> set[str]:
    names = connection.exec_driver_sql(
        "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()"
    ).scalars()
    return set(names)


def index_complete(engine: Engine) -> bool:
    """Whether the search index is all there (a bulk run killed half-way leaves it missing)."""
    with engine.connect() as connection:
        if engine.dialect.name == "sqlite":
            return all(
                {f"{source}_search_{event}" for event in TRIGGER_EVENTS}
                <= _sqlite_triggers(connection, source)
                for source, _table, _statements in SQLITE_INDEXES
            )
        present = _postgres_indexes(connection)
        return all(name in present for _source, name, _create in POSTGRES_INDEXES)


def drop_index(engine: Engine, tables: Collection[str] = TABLES) -> None:
    """Take the index of `tables` away for a bulk write, in a transaction of its own,
    committed at once: on PostgreSQL, DROP INDEX locks readers out of the table until its
    transaction ends."""
    with engine.begin() as connection:
        if engine.dialect.name == "sqlite":
            for source, _table, _statements in SQLITE_INDEXES:
                if source in tables:
                    for event in TRIGGER_EVENTS:
                        connection.exec_driver_sql(
                            f"DROP TRIGGER IF EXISTS {source}_search_{event}"
                        )
        else:
            for source, name, _create in POSTGRES_INDEXES:
                if source in tables:
                    connection.exec_driver_sql(f"DROP INDEX IF EXISTS {name}")


def restore_index(engine: Engine) -> bool:
    """Put back what `drop_index` took, built in one pass from the rows as they are now;
    nothing to do when it is all there. True when something was rebuilt."""
    if engine.dialect.name != "sqlite":
        return _restore_postgres(engine)
    rebuilt = False
    with engine.begin() as connection:
        for source, table, statements in SQLITE_INDEXES:
            if _sqlite_triggers(connection, source) >= {
                f"{source}_search_{event}" for event in TRIGGER_EVENTS
            }:
                continue
            for event in TRIGGER_EVENTS:
                connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {source}_search_{event}")
            for statement in statements[1:]:
                connection.exec_driver_sql(statement)
            # The FTS5 table missed every write since its triggers went: read them all again.
            connection.exec_driver_sql(
                f"INSERT INTO {table}({table}) VALUES ('rebuild')"  # noqa: S608 -- our table
            )
            rebuilt = True
    return rebuilt


def _restore_postgres(engine: Engine) -> bool:
    """The missing GIN indexes at once, each in a connection of its own: PostgreSQL 15 builds
    a GIN index on one core, and the tables' builds were two fifths of a full rebuild."""
    with engine.connect() as connection:
        present = _postgres_indexes(connection)
    missing = [create for _source, name, create in POSTGRES_INDEXES if name not in present]

    def build(create: str) -> None:
        with engine.begin() as connection:
            connection.exec_driver_sql(f"SET LOCAL maintenance_work_mem = '{GIN_BUILD_MEMORY}'")
            connection.exec_driver_sql(create)

    with ThreadPoolExecutor(len(missing) or 1) as threads:
        for future in [threads.submit(build, create) for create in missing]:
            future.result()
    return bool(missing)


# --- Reading rows and analysing them -------------------------------------------------------------


def _article_rows(
    connection: Connection, where: ColumnElement[bool], size: int
) -> list[tuple[Any, ...]]:
    return [
        tuple(row)
        for row in connection.execute(
            select(
                articles.c.id, articles.c.title, articles.c.search_text, articles.c.source_language
            )
            .where(where)
            .order_by(articles.c.id)
            .limit(size)
        ).all()
    ]


def _publication_rows(
    connection: Connection, where: ColumnElement[bool], size: int
) -> list[tuple[Any, ...]]:
    column = publications.c
    return [
        tuple(row)
        for row in connection.execute(
            select(column.id, column.title, column.search_text, column.target_language)
            .where(where)
            .order_by(column.id)
            .limit(size)
        ).all()
    ]


def _memory_unit_rows(
    connection: Connection, where: ColumnElement[bool], size: int
) -> list[tuple[Any, ...]]:
    column = memory_units.c
    return [
        tuple(row)
        for row in connection.execute(
            select(
                column.id,
                column.source,
                column.source_language,
                column.target,
                column.target_language,
            )
            .where(where)
            .order_by(column.id)
            .limit(size)
        ).all()
    ]


def analyse_articles(rows: list[tuple[Any, ...]]) -> list[tuple[int, str]]:
    """Each article's (id, tokens); a module-level function, so that a worker process can run it."""
    return [(row[0], article_tokens(row[1] or "", row[2] or "", row[3] or "")) for row in rows]


def analyse_publications(rows: list[tuple[Any, ...]]) -> list[tuple[int, str]]:
    return [
        (
            row[0],
            publication_tokens(row[1] or "", row[2] or "", row[3] or ""),
        )
        for row in rows
    ]


def analyse_memory_units(rows: list[tuple[Any, ...]]) -> list[tuple[int, str]]:
    return [
        (row[0], memory_unit_tokens(row[1] or "", row[2] or "", row[3] or "", row[4] or ""))
        for row in rows
    ]


Reader = Callable[[Connection, ColumnElement[bool], int], list[tuple[Any, ...]]]
Analyser = Callable[[list[tuple[Any, ...]]], list[tuple[int, str]]]
READERS: tuple[tuple[Table, Reader, Analyser], ...] = (
    (articles, _article_rows, analyse_articles),
    (publications, _publication_rows, analyse_publications),
    (memory_units, _memory_unit_rows, analyse_memory_units),
)
assert tuple(table.name for table, _read, _analyse in READERS) == TABLES


def _chunks(
    engine: Engine, table: Table, read: Reader, everything: bool, after: int, size: int
) -> Iterator[list[tuple[Any, ...]]]:
    """The rows to analyse, a batch at a time, read ahead of what has been written."""
    while True:
        with engine.connect() as connection:
            rows = read(connection, _where(table, everything, after), size)
        if not rows:
            return
        after = rows[-1][0]
        yield rows


def _analysed_in_a_pool(
    chunks: Iterator[list[tuple[Any, ...]]],
    analyse: Analyser,
    pool: ProcessPoolExecutor,
    ahead: int,
) -> Iterator[list[tuple[int, str]]]:
    """Each chunk's results in order, with `ahead` chunks at the workers while the parent
    writes: the parent's reads and writes overlap the analysis."""
    waiting: list[Future[list[tuple[int, str]]]] = []
    for chunk in chunks:
        waiting.append(pool.submit(analyse, chunk))
        if len(waiting) >= ahead:
            yield waiting.pop(0).result()
    for future in waiting:
        yield future.result()


# --- Writing -------------------------------------------------------------------------------------


def _write_rows(connection: Connection, table: Table, done: list[tuple[int, str]]) -> None:
    statement = (
        update(table)
        .where(table.c.id == bindparam("row_id"))
        .values(search_tokens=bindparam("tokens"))
    )
    connection.execute(statement, [{"row_id": row_id, "tokens": tokens} for row_id, tokens in done])


def _copy_rows(connection: Connection, table: Table, done: list[tuple[int, str]]) -> None:
    """PostgreSQL: COPY into a scratch table, one UPDATE from it (an executemany UPDATE is a
    round of planning and locking per row)."""
    connection.exec_driver_sql(
        "CREATE TEMPORARY TABLE IF NOT EXISTS search_reindex (id bigint, tokens text) "
        "ON COMMIT DELETE ROWS"
    )
    cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
    with cursor.copy("COPY search_reindex (id, tokens) FROM STDIN") as copy:
        for row in done:
            copy.write_row(row)
    connection.exec_driver_sql(
        f"UPDATE {table.name} SET search_tokens = search_reindex.tokens "  # noqa: S608 -- our table
        f"FROM search_reindex WHERE {table.name}.id = search_reindex.id"
    )


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)))


def reindex(
    engine: Engine,
    *,
    everything: bool = False,
    start: Start = Start(),
    batch: int = BATCH,
    workers: int | None = None,
    bulk: bool | None = None,
) -> Generator[Batch, None, None]:
    """Fill `search_tokens` for the rows not indexed yet (or all, with `everything`), table
    after table from `start`; yields after each committed batch.

    `bulk` (default: with `everything` or when most rows are to be written) drops the index
    for the run and builds it once at the end; `workers` processes run the analyser (default:
    one per core; 1 runs it here).
    """
    restore_index(engine)
    if bulk is None:
        bulk = everything or _most_rows_pending(engine, everything, start)
    workers = default_workers() if workers is None else workers
    pool = (
        ProcessPoolExecutor(workers, mp_context=get_context("spawn"))
        if bulk and workers > 1
        else None
    )
    write = _copy_rows if bulk and engine.dialect.name == "postgresql" else _write_rows
    try:
        if bulk:
            drop_index(engine, _bulk_tables(engine, everything, start))
        for table, read, analyse in READERS:
            after = start.after_in(table.name)
            if after is None:
                continue
            chunks = _chunks(engine, table, read, everything, after, batch)
            results = (
                _analysed_in_a_pool(chunks, analyse, pool, workers + 1)
                if pool is not None
                else map(analyse, chunks)
            )
            for done in results:
                with engine.begin() as connection:
                    write(connection, table, done)
                yield Batch(table.name, len(done), done[-1][0])
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
        if bulk:
            restore_index(engine)
