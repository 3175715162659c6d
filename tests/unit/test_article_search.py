"""Full-text search finds articles by words of their title and text, in every script."""

from typing import Any

import pytest
from sqlalchemy import event, insert, text

from translate_flow.domain.models import Article, Role
from translate_flow.intake.article_list import ArticleFilters, list_articles
from translate_flow.intake.formats import BodyFormat

ARTICLES = [
    ("米大統領選が映す分断", "日米同盟は七十年以上にわたり地域の安定を支えてきた。", "ja"),
    ("Washington y los aranceles", "Las cooperativas temen perder mercados.", "es"),
    ("Америка глазами соседей", "Эксперты спорят о выборах.", "ru"),
    ("Café politics in Paris", "A column about the alliance and tariffs.", "fr"),
]


@pytest.fixture
def desk(make_user, make_article):  # type: ignore[no-untyped-def]
    coordinator = make_user(Role.COORDINATOR)
    for title, body, language in ARTICLES:
        make_article(
            coordinator,
            title=title,
            body=body,
            source_language=language,
            body_format=BodyFormat.TEXT,
        )


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("aranceles", ["Washington y los aranceles"]),
        ("cooperativas mercados", ["Washington y los aranceles"]),
        ("aran", ["Washington y los aranceles"]),  # the last word matches as a prefix
        ("Америк", ["Америка глазами соседей"]),
        ("выборах", ["Америка глазами соседей"]),
        ("統領", ["米大統領選が映す分断"]),  # inside a run of Han characters
        ("同盟", ["米大統領選が映す分断"]),
        ("alliance TARIFFS", ["Café politics in Paris"]),
        ("alliance aranceles", []),  # every word must match
        ('"; DROP TABLE articles; --', []),  # no query syntax reaches the index
        # Nothing to look for finds nothing (the page says why), rather than everything.
        ("*", []),
    ],
)
def test_search_finds_articles_by_their_words(db, desk, query, expected):
    with db.session(write=False) as session:
        found = list_articles(session, ArticleFilters(text=query)).items
    assert sorted(a.title for a in found) == sorted(expected)


@pytest.mark.parametrize("page", [1, 2, 3, 4, 10**12])
def test_a_search_pages_and_counts_in_one_statement_as_two_would(db, make_user, make_article, page):
    coordinator = make_user(Role.COORDINATOR)
    for number in range(7):
        make_article(
            coordinator,
            title=f"Tariffs, part {number}",
            body="The tariff debate goes on.",
            body_format=BodyFormat.TEXT,
        )
    make_article(coordinator, title="Something else", body="Nothing here.")
    searched = ArticleFilters(text="tariffs")
    with db.session(write=False) as session:
        listed = list_articles(session, searched, page=page, per_page=3)
        everything = list_articles(session, searched, page=1, per_page=100).items
    assert listed.total == 7
    assert listed.pages == 3
    # The same order as the whole list's, a page at a time; past the end, nothing.
    assert [a.id for a in listed.items] == [a.id for a in everything[(page - 1) * 3 : page * 3]]


def test_a_word_with_many_stems_is_looked_up_in_the_index(session, desk) -> None:  # type: ignore[no-untyped-def]
    """An accented Latin word is tried in 25 languages' stems. PostgreSQL priced rebuilding
    each row's tsvector as cheap and read the whole table for such a word (19 s a search at
    10,000 articles), or walked the list's order testing every row; the page's statement, on
    a table big enough for the planner to choose, asks the index."""
    searched = ArticleFilters(text="áñupéibfn")
    if session.get_bind().dialect.name != "postgresql":
        # SQLite's MATCH goes through its FTS5 table whatever the planner thinks.
        assert list_articles(session, searched).items == []
        return
    session.execute(
        insert(Article),
        [
            {
                "title": f"Filler {number}",
                "source_language": "es",
                "search_tokens": f"filler es:fill w{number % 97} es:w{number % 89}",
            }
            for number in range(5_000)
        ],
    )
    session.execute(text("ANALYZE articles"))  # rolled back with the rows
    statements: list[tuple[str, Any]] = []

    def keep(_conn, _cursor, statement, parameters, _context, _many):  # type: ignore[no-untyped-def]
        statements.append((statement, parameters))

    engine = session.get_bind()
    event.listen(engine, "before_cursor_execute", keep)
    try:
        assert list_articles(session, searched).items == []
    finally:
        event.remove(engine, "before_cursor_execute", keep)
    page, parameters = next((s, p) for s, p in statements if "WITH gathered AS MATERIALIZED" in s)
    explained = session.connection().exec_driver_sql(f"EXPLAIN {page}", parameters)
    plan = [row[0] for row in explained]
    assert any("Bitmap Index Scan on ix_articles_search" in line for line in plan), plan
    assert not any("Seq Scan on articles" in line for line in plan), plan
    assert not any("ix_articles_listing" in line for line in plan), plan
    # Nor parallel workers, for the rest of the request's transaction only.
    setting = "SHOW max_parallel_workers_per_gather"
    assert session.connection().exec_driver_sql(setting).scalar() == "0"
    session.rollback()
    assert session.connection().exec_driver_sql(setting).scalar() != "0"
