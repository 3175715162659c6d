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


def paginate(
    session: Session, query: Select[T], *order_by: Any, page: int, per_page: int
) -> Page[T]:
    """Count the matches, then fetch the rows of page `page` (1-based) in the given order."""
    total = session.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0
    # Past the last page there is nothing to fetch (and a huge number would overflow OFFSET).
    page = max(1, page)
    if (page - 1) * per_page >= total:
        return Page(items=[], total=total, page=page, per_page=per_page)
    items = list(
        session.scalars(query.order_by(*order_by).limit(per_page).offset((page - 1) * per_page))
    )
    return Page(items=items, total=total, page=page, per_page=per_page)
