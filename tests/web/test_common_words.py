"""SQLite: a word in many articles is paged by walking the list's index (`intake.common_words`),
and finds the same articles, total and order as the gathered page."""

from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete

from translate_flow.core.indexed_languages import article_languages
from translate_flow.domain.models import Article, ArticleStatus, utcnow
from translate_flow.intake import common_words
from translate_flow.intake.article_list import (
    LIST_ORDER,
    ArticleFilters,
    _page_of_ids,
    search_of,
)

# (status, priority, age in hours, has the common word)
ARTICLE = st.tuples(
    st.sampled_from(list(ArticleStatus)),
    st.integers(min_value=1, max_value=4),
    st.integers(min_value=0, max_value=5),
    st.booleans(),
)


def _desk(app, articles) -> None:  # type: ignore[no-untyped-def]
    now = utcnow()
    with app.extensions["translate_flow.db"].transaction() as session:
        session.execute(delete(Article))
        session.add_all(
            Article(
                title="reservoirs" if common else "drought",
                search_text="summer",
                source_language="en",
                status=status,
                priority=priority,
                created_at=now - timedelta(hours=age),
            )
            for status, priority, age, common in articles
        )


def _pages(app, monkeypatch, text: str, status: ArticleStatus, walk_from: int):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(common_words, "WALK_FROM", walk_from)
    with app.extensions["translate_flow.db"].session(write=False) as session:
        filters = ArticleFilters(text=text, status=status)
        return [_page_of_ids(session, filters, page, 3) for page in (1, 2, 3, 9)]


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(articles=st.lists(ARTICLE, max_size=14), status=st.sampled_from(list(ArticleStatus)))
def test_walked_pages_are_the_gathered_pages(app, monkeypatch, articles, status):
    if not app.extensions["translate_flow.db"].is_sqlite:
        # Only SQLite walks (`common_words.walked_page` returns None on PostgreSQL, which
        # `test_only_many_matches_on_sqlite_are_walked` checks); this would run there once
        # PostgreSQL could test a row without rebuilding its tsvector (a stored column).
        pytest.skip("PostgreSQL's search index cannot be walked in the list's order")
    _desk(app, articles)
    for text in ("reservoir", "summer", "reservoirs summer"):
        walked = _pages(app, monkeypatch, text, status, walk_from=1)
        gathered = _pages(app, monkeypatch, text, status, walk_from=10**9)
        assert walked == gathered, text


def test_only_many_matches_on_sqlite_are_walked(app, monkeypatch):
    monkeypatch.setattr(common_words, "WALK_FROM", 3)
    _desk(app, [(ArticleStatus.ACTIVE, 2, hours, True) for hours in range(4)])
    database = app.extensions["translate_flow.db"]
    with database.session(write=False) as session:
        search = ArticleFilters(text="reservoirs")
        query = search_of(search, article_languages(session))
        walked = common_words.walked_page(session, query, ArticleStatus.ACTIVE, LIST_ORDER, 1, 25)
        rare = search_of(ArticleFilters(text="drought"), article_languages(session))
        assert (
            common_words.walked_page(session, rare, ArticleStatus.ACTIVE, LIST_ORDER, 1, 25) is None
        )
    if database.is_sqlite:
        assert walked is not None
        assert walked.total == 4
    else:
        assert walked is None


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)  # only SQLite walks
def test_walks_of_different_words_share_their_statements(app, monkeypatch):
    """Built once, the walk runs with each search's own word and state (a value left bound
    from the one before would find its articles, or miss these)."""
    _desk(
        app,
        [(ArticleStatus.ACTIVE, 2, hours, True) for hours in range(4)]
        + [(ArticleStatus.ARCHIVED, 2, hours, False) for hours in range(3)],
    )
    common_words._walk.cache_clear()
    assert _pages(app, monkeypatch, "reservoirs", ArticleStatus.ACTIVE, 1)[0].total == 4
    assert _pages(app, monkeypatch, "drought", ArticleStatus.ARCHIVED, 1)[0].total == 3
    assert _pages(app, monkeypatch, "drought", ArticleStatus.ACTIVE, 1)[0].total == 0
    assert common_words._walk.cache_info().misses == 1
