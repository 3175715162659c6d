"""Rebuilding the search tokens of every article and publication (`translate-flow search
reindex`, and `db upgrade` after a migration that left rows unindexed).

Rows go in order of id, in batches, each batch committed: an interrupted run loses at most
one batch, and the next picks up where it stopped (the rows still NULL, or `from_id`).
The analyser is the work (about 2 ms an article); the database writes are a few percent.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import cast

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

from translate_flow.domain.models import Article, Publication
from translate_flow.domain.models.search import article_tokens, publication_tokens

BATCH = 500

articles = cast(Table, Article.__table__)
publications = cast(Table, Publication.__table__)


@dataclass(frozen=True)
class Batch:
    table: str
    rows: int
    last_id: int


def _where(table: Table, everything: bool, after: int) -> ColumnElement[bool]:
    column = table.c
    return and_(column.id > after, true() if everything else column.search_tokens.is_(None))


def pending(engine: Engine, *, everything: bool = False, from_id: int = 0) -> int:
    """How many rows a reindex would read."""
    with engine.connect() as connection:
        counts = [
            connection.scalar(
                select(func.count()).select_from(table).where(_where(table, everything, from_id))
            )
            for table in (articles, publications)
        ]
        return sum(count or 0 for count in counts)


def _article_rows(
    connection: Connection, where: ColumnElement[bool], size: int
) -> list[tuple[int, str]]:
    rows = connection.execute(
        select(articles.c.id, articles.c.title, articles.c.search_text, articles.c.source_language)
        .where(where)
        .order_by(articles.c.id)
        .limit(size)
    ).all()
    return [(row[0], article_tokens(row[1] or "", row[2] or "", row[3] or "")) for row in rows]


def _publication_rows(
    connection: Connection, where: ColumnElement[bool], size: int
) -> list[tuple[int, str]]:
    rows = connection.execute(
        select(
            publications.c.id,
            publications.c.title,
            publications.c.search_text,
            publications.c.target_language,
            articles.c.title,
            articles.c.search_text,
            articles.c.source_language,
        )
        .join(articles, articles.c.id == publications.c.article_id)
        .where(where)
        .order_by(publications.c.id)
        .limit(size)
    ).all()
    return [
        (
            row[0],
            publication_tokens(row[1] or "", row[2] or "", row[3] or "", (row[4], row[5], row[6])),
        )
        for row in rows
    ]


def reindex(
    engine: Engine, *, everything: bool = False, from_id: int = 0, batch: int = BATCH
) -> Iterator[Batch]:
    """Fill `search_tokens` for the rows not indexed yet (or all, with `everything`), articles
    then publications; yields after each committed batch."""
    readers: tuple[tuple[Table, Callable[..., list[tuple[int, str]]]], ...] = (
        (articles, _article_rows),
        (publications, _publication_rows),
    )
    for table, read in readers:
        after = from_id
        statement = (
            update(table)
            .where(table.c.id == bindparam("row_id"))
            .values(search_tokens=bindparam("tokens"))
        )
        while True:
            with engine.begin() as connection:
                done = read(connection, _where(table, everything, after), batch)
                if not done:
                    break
                connection.execute(
                    statement, [{"row_id": row_id, "tokens": tokens} for row_id, tokens in done]
                )
            after = done[-1][0]
            yield Batch(table.name, len(done), after)
