"""One page of a longer list, and the query that fetches it."""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from sqlalchemy import ColumnElement, Integer, Select, bindparam, func, select
from sqlalchemy.orm import Session
from sqlalchemy.sql import visitors
from sqlalchemy.sql.elements import ColumnClause
from sqlalchemy.sql.util import ClauseAdapter

T = TypeVar("T")


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


def rows_of_page(ids: Page[int], by_id: Mapping[int, T]) -> Page[T]:
    """A page of ids as the rows loaded for them, in the page's order (an id whose row has
    gone since is left out)."""
    return Page(
        items=[by_id[i] for i in ids.items if i in by_id],
        total=ids.total,
        page=ids.page,
        per_page=ids.per_page,
    )


# The largest OFFSET both databases take; a page number past it is answered by the count alone.
MAX_OFFSET = 2**31 - 1


def paginate(
    session: Session,
    query: Select[T],
    *order_by: Any,
    page: int,
    per_page: int,
    count_in_page: bool = False,
    values: Mapping[str, Any] | None = None,
    counted: Select[Any] | None = None,
) -> Page[T]:
    """Count the matches, then fetch the rows of page `page` (1-based) in the given order.

    `count_in_page` counts in the page's own statement (`count(*) OVER ()`), for queries that
    find every match before ordering anyway, such as a full-text search: two statements would
    run the search twice. Lists read in index order keep the separate count, which lets the
    page stop after its rows. On PostgreSQL such a query's rows are gathered before they are
    ordered (`_gathered_then_ordered`).

    `values` are those of the query's named bind parameters, for a query built once and run
    with each request's values; `counted` is then its `counted_in_page` statement, also built
    once (building the two anew took 1.3 ms of a desk search on PostgreSQL).
    """
    page = max(1, page)
    offset = (page - 1) * per_page
    values = values or {}
    if count_in_page and offset <= MAX_OFFSET:
        if counted is None:
            postgresql = session.get_bind().dialect.name == "postgresql"
            counted = counted_in_page(query, *order_by, postgresql=postgresql)
        paged = {**values, PAGE_LIMIT: per_page, PAGE_OFFSET: offset}
        rows = session.execute(counted, paged).all()
        if rows or page == 1:
            total = rows[0][-1] if rows else 0
            return Page(items=[row[0] for row in rows], total=total, page=page, per_page=per_page)
    total = (
        session.scalar(select(func.count()).select_from(query.order_by(None).subquery()), values)
        or 0
    )
    # Past the last page there is nothing to fetch (and a huge number would overflow OFFSET).
    if offset >= total:
        return Page(items=[], total=total, page=page, per_page=per_page)
    items = list(session.scalars(query.order_by(*order_by).limit(per_page).offset(offset), values))
    return Page(items=items, total=total, page=page, per_page=per_page)


# The bind parameters of a `counted_in_page` statement's page.
PAGE_LIMIT = "page_limit"
PAGE_OFFSET = "page_offset"


def counted_in_page(query: Select[T], *order_by: Any, postgresql: bool) -> Select[Any]:
    """The statement of a page whose matches are counted in it (`paginate`'s
    `count_in_page`): the page's rows of `query`'s first column, each with the count of all
    the matches; its limit and offset are the bind parameters `PAGE_LIMIT` and `PAGE_OFFSET`."""
    if postgresql:
        counted = _gathered_then_ordered(query, order_by)
    else:
        counted = query.add_columns(func.count().over()).order_by(*order_by)
    return counted.limit(bindparam(PAGE_LIMIT, type_=Integer)).offset(
        bindparam(PAGE_OFFSET, type_=Integer)
    )


def _gathered_then_ordered(query: Select[T], order_by: tuple[Any, ...]) -> Select[Any]:
    """`query`'s rows gathered first, with the columns of the order, and ordered after: its
    first column and the count of all of them.

    Asked for the first rows of a search in a list's order, PostgreSQL's planner walked the
    list's ordering index and tested each row (rebuilding its tsvector, ~20 µs a row: 0.7 s
    for a word in 1,500 of 100,000 articles). Gathered in a materialised CTE, the matches come
    from the search index in one pass over the rows, order columns included; asking for ids
    only there and the order's columns outside read every match twice (26,000 primary-key
    probes, 90 ms of a 125 ms search, where one pass takes 30 ms).
    """
    ordering = [
        element.__clause_element__() if hasattr(element, "__clause_element__") else element
        for element in order_by
    ]
    carried: list[ColumnElement[Any]] = list(query.selected_columns)
    for expression in ordering:
        for element in visitors.iterate(expression):
            if isinstance(element, ColumnClause) and not any(
                element.compare(column) for column in carried
            ):
                carried.append(element)
    matches = query.with_only_columns(*carried).cte("gathered").prefix_with("MATERIALIZED")
    on_matches = ClauseAdapter(matches)
    # Counted apart rather than `count(*) OVER ()`, which passed every match through a
    # window's own store before the sort kept 25: 8–11% of a word in 10,000–28,000 articles.
    counted = select(func.count()).select_from(matches).scalar_subquery()
    return select(matches.c[0], counted).order_by(
        *(on_matches.traverse(expression) for expression in ordering)
    )
