"""One page of a longer list, and the query that fetches it."""

from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

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


# The largest OFFSET both databases take; a page number past it is answered by the count alone.
MAX_OFFSET = 2**31 - 1


def paginate(
    session: Session,
    query: Select[T],
    *order_by: Any,
    page: int,
    per_page: int,
    count_in_page: bool = False,
) -> Page[T]:
    """Count the matches, then fetch the rows of page `page` (1-based) in the given order.

    `count_in_page` counts in the page's own statement (`count(*) OVER ()`), for queries that
    find every match before ordering anyway, such as a full-text search: two statements would
    run the search twice. Lists read in index order keep the separate count, which lets the
    page stop after its rows.
    """
    page = max(1, page)
    offset = (page - 1) * per_page
    if count_in_page and offset <= MAX_OFFSET:
        rows = session.execute(
            query.add_columns(func.count().over())
            .order_by(*order_by)
            .limit(per_page)
            .offset(offset)
        ).all()
        if rows or page == 1:
            total = rows[0][-1] if rows else 0
            return Page(items=[row[0] for row in rows], total=total, page=page, per_page=per_page)
    total = session.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0
    # Past the last page there is nothing to fetch (and a huge number would overflow OFFSET).
    if offset >= total:
        return Page(items=[], total=total, page=page, per_page=per_page)
    items = list(session.scalars(query.order_by(*order_by).limit(per_page).offset(offset)))
    return Page(items=items, total=total, page=page, per_page=per_page)
