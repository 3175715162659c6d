"""SQLite: a page of the desk's search for a word in thousands of articles, read in the list's
order instead of gathered whole.

The desk's search reads every matching article to count and order them (`paging.paginate`):
a word in 28,000 of 100,000 articles took 70–90 ms of SQLite's time, a rare word 2. For a
search with no filter but the state, there is a cheaper way once the matches are many. FTS5
counts its own matches (1.4 ms for that word); those in the chosen state are counted by walking
the smaller part of the list's index (`ix_articles_listing`: state, priority, age), the state's
own or the other states' (then subtracted from FTS5's count); and the page is read by walking
the chosen state's part of that index in order, which finds 25 matches among the first few
hundred entries: 10 ms in all for that word.
Below `WALK_FROM` matches the walk would pass over more entries than there are matches, and
the page is gathered as before. PostgreSQL's index cannot be walked this way (testing a row
means rebuilding its tsvector), so this is SQLite's alone.
"""

import functools
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Integer, Select, String, bindparam, func, select
from sqlalchemy.orm import Session

from translate_flow.core.full_text import (
    SEARCH_PARAMETER,
    SearchQuery,
    fts5_counted,
    fts5_match,
    fts5_rowids,
)
from translate_flow.core.kept import Keeper
from translate_flow.core.paging import PAGE_LIMIT, PAGE_OFFSET, Page
from translate_flow.domain.models import Article, ArticleStatus

# From this many matches of the search index on, the page is read in the list's order.
WALK_FROM = 2_000
# Its columns are the list's order (`order` below), state first.
LISTING_INDEX = "ix_articles_listing"


# How many articles each state has, to choose the part of the index to walk: only the choice
# depends on it, so a count a minute old does (`core.kept`).
_keeper = Keeper(60.0, changed=(Article,))


def _sizes(session: Session) -> dict[str, int]:
    def read(reading: Session) -> dict[str, int]:
        rows = reading.execute(select(Article.status, func.count()).group_by(Article.status))
        return {str(state): count for state, count in rows}

    return _keeper.get(session, "article_states", read)


@dataclass(frozen=True)
class _Walk:
    """The statements of a walk, built once (anew they took 0.7 ms of each such search): the
    search is the bind parameter `SEARCH_PARAMETER`, the state `STATE`, the page's
    `paging.PAGE_LIMIT` and `PAGE_OFFSET`."""

    found: Select[Any]
    counted: Select[Any]
    page: Select[Any]


STATE = "walked_state"


@functools.cache
def _walk(order: tuple[Any, ...]) -> _Walk:
    matches = fts5_rowids("article_search", bindparam(SEARCH_PARAMETER, type_=String))
    # `id + 0`: tested against the matches, not looked up by them, so that SQLite walks
    # the listing index as told rather than probing the table for each match.
    walking = (
        select(Article.id)
        .with_hint(Article, f"INDEXED BY {LISTING_INDEX}", "sqlite")
        .where(Article.status == bindparam(STATE), (Article.id + 0).in_(matches))
    )
    return _Walk(
        found=fts5_counted("article_search"),
        counted=walking.with_only_columns(func.count()),
        page=walking.order_by(*order)
        .limit(bindparam(PAGE_LIMIT, type_=Integer))
        .offset(bindparam(PAGE_OFFSET, type_=Integer)),
    )


def walked_page(
    session: Session,
    search: SearchQuery,
    status: ArticleStatus,
    order: tuple[Any, ...],
    page: int,
    per_page: int,
) -> Page[int] | None:
    """The page of articles in `status` that `search` finds, in the list's `order` (that of
    `LISTING_INDEX`), when the search index matches at least `WALK_FROM` articles on SQLite;
    None otherwise."""
    if session.get_bind().dialect.name != "sqlite" or not search.groups:
        return None
    walk = _walk(order)
    searched = {SEARCH_PARAMETER: fts5_match(search.groups)}
    found = session.scalar(walk.found, searched) or 0
    if found < WALK_FROM:
        return None

    def counted(states: list[ArticleStatus]) -> int:
        return sum(
            session.scalar(walk.counted, {**searched, STATE: state}) or 0 for state in states
        )

    # The matches in `status` are counted by walking the smaller part of the index: its own,
    # or the other states' (subtracted from all the matches).
    sizes = _sizes(session)
    others = [state for state in ArticleStatus if state != status]
    if sizes.get(status, 0) <= sum(sizes.get(state, 0) for state in others):
        total = counted([status])
    else:
        total = found - counted(others)
    offset = (page - 1) * per_page
    if offset >= total:
        return Page(items=[], total=total, page=page, per_page=per_page)
    paged = {**searched, STATE: status, PAGE_LIMIT: per_page, PAGE_OFFSET: offset}
    items = list(session.scalars(walk.page, paged))
    return Page(items=items, total=total, page=page, per_page=per_page)
