"""Finding articles on the desk: filters, full-text search, order, pages, and odd input."""

import html
import re
from datetime import date, timedelta

import pytest
from sqlalchemy import update

from tests.web.test_article_corrections import edit
from translate_flow.domain.models import Article, Priority, Role, utcnow
from translate_flow.intake import article_list
from translate_flow.intake.articles import set_archived
from translate_flow.intake.outlets import OutletInput, create_outlet

# Searchable articles: (title, body, language).
SPANISH = (
    "Los embalses del sur llegan al verano",
    "La sequía obliga a los regantes a esperar.",
    "es",
)
RUSSIAN = ("Москва закрывает станции метро", "Жители Москвы недовольны ремонтом.", "ru")
GERMAN = (
    "Nachtbusse sollen alle Stadtteile verbinden",
    "Der Stadtrat hat das neue Nachtbusnetz beschlossen.",
    "de",
)
FRENCH = ("L'école ferme ses portes", "Les élèves de l'école primaire changent de quartier.", "fr")
HINDI = ("भारत में हिन्दी समाचार पत्र", "दिल्ली में नई योजना की घोषणा हुई।", "hi")


def db_of(app):  # type: ignore[no-untyped-def]
    return app.extensions["translate_flow.db"]


def titles(client, query: str = "") -> list[str]:  # type: ignore[no-untyped-def]
    """The titles listed, in order, for this query string."""
    response = client.get(f"/articles/{query}")
    assert response.status_code == 200, response.status_code
    listed = re.findall(r'<td><a href="/articles/\d+"[^>]*>([^<]*)</a>', response.text)
    return [html.unescape(title) for title in listed]


def add_outlet(app, actor, name: str, language: str, country: str) -> int:  # type: ignore[no-untyped-def]
    with db_of(app).transaction() as session:
        outlet = create_outlet(
            session,
            session.merge(actor),
            OutletInput(name=name, language=language, country=country),
        )
        return outlet.id


def archive(app, actor, article_id: int) -> None:  # type: ignore[no-untyped-def]
    with db_of(app).transaction() as session:
        set_archived(session, session.merge(actor), session.get(Article, article_id), archived=True)


def set_age(app, article_id: int, days: int) -> None:  # type: ignore[no-untyped-def]
    with db_of(app).transaction() as session:
        session.execute(
            update(Article)
            .where(Article.id == article_id)
            .values(created_at=utcnow() - timedelta(days=days))
        )


@pytest.fixture
def desk(signed_in):  # type: ignore[no-untyped-def]
    client, coordinator = signed_in(Role.COORDINATOR)
    return client, coordinator


@pytest.fixture
def searchable(desk, make_article):  # type: ignore[no-untyped-def]
    client, coordinator = desk
    for title, body, language in (SPANISH, RUSSIAN, GERMAN, FRENCH):
        make_article(coordinator, title=title, body=body, source_language=language)
    return client


# What both databases find (the same tokens are indexed on both: see test_search_scripts.py).
SEARCHES = {
    "embalses": [SPANISH],  # a word of the title
    "regantes": [SPANISH],  # a word of the body
    "EMBALSES": [SPANISH],
    "  embalses,  sur!  ": [SPANISH],  # punctuation separates words
    "sequía": [SPANISH],
    "école": [FRENCH],
    "l'école": [FRENCH],
    "Москва": [RUSSIAN],
    "москвы": [RUSSIAN],  # a word of the body, in another case
    "МОСКВА": [RUSSIAN],
    "Stadtrat Nachtbusnetz": [GERMAN],  # every word must be there
    "Stadtrat embalses": [],
    "Nachtbus": [GERMAN],  # the last word is a prefix: results while typing
    "tsunami": [],
    '"OR" NOT * ( embalses': [],  # search syntax is read as words
    "!!! ¿? …": [],  # no words: nothing to search, so nothing found (and the page says why)
    "sequia": [SPANISH],  # accents folded on both databases
    "ecole": [FRENCH],
}


def test_full_text_search_finds_words_from_titles_and_bodies(searchable):
    searches = SEARCHES
    found = {query: sorted(titles(searchable, f"?q={query}")) for query in searches}
    assert found == {
        query: sorted(title for title, _body, _language in articles)
        for query, articles in searches.items()
    }


def test_searches_with_the_same_filters_share_one_statement(searchable):
    # Built once for each set of filters, it runs with each search's own words (a value
    # left bound from an earlier search would find that search's articles).
    article_list._statements.cache_clear()
    assert titles(searchable, "?q=embalses") == [SPANISH[0]]
    assert titles(searchable, "?q=Москва") == [RUSSIAN[0]]
    assert titles(searchable, "?q=Москва&language=es") == []
    assert titles(searchable, "?q=embalses&language=es") == [SPANISH[0]]
    assert titles(searchable, "?q=embalses&language=ru") == []
    built = article_list._statements.cache_info()
    assert (built.misses, built.hits) == (2, 3)


def test_a_search_of_only_punctuation_says_why_it_finds_nothing(searchable):
    page = searchable.get("/articles/?q=%21%21+%F0%9F%99%82")
    assert "no letters or digits to look for" in page.get_data(as_text=True)
    assert "no letters or digits" not in searchable.get("/articles/?q=embalses").get_data(
        as_text=True
    )


def test_a_word_typed_with_a_combining_accent_is_found(searchable):
    assert titles(searchable, "?q=sequi\u0301a") == [SPANISH[0]]


def test_a_hindi_word_is_found(desk, make_article):
    client, coordinator = desk
    make_article(coordinator, title=HINDI[0], body=HINDI[1], source_language="hi")
    make_article(coordinator, title="समय की बात", body="चार रास्ते सबके लिए।", source_language="hi")
    assert titles(client, "?q=समाचार") == [HINDI[0]]
    assert titles(client, "?q=योजना") == [HINDI[0]]


def test_search_follows_a_correction_of_the_text(searchable, app, desk):
    client, _coordinator = desk
    article_id = int(
        re.search(r'<a href="/articles/(\d+)"[^>]*>Los embalses', client.get("/articles/").text)[1]
    )
    edit(client, article_id, body="<p>Los pantanos siguen vacíos.</p>")
    assert titles(client, "?q=regantes") == []
    assert titles(client, "?q=pantanos") == [SPANISH[0]]


@pytest.fixture
def catalogue(app, desk, make_article):  # type: ignore[no-untyped-def]
    """Articles from two outlets in two countries, with tags, dates and priorities."""
    client, coordinator = desk
    japan = add_outlet(app, coordinator, "Tōyō Jihō", "ja", "JP")
    spain = add_outlet(app, coordinator, "El Diario del Sur", "es", "ES")
    make_article(
        coordinator,
        title="Japón A",
        source_language="ja",
        outlet_id=japan,
        published_on=date(2024, 3, 12),
        tags=["Alliance", "opinion"],
        priority=Priority.HIGH,
    )
    make_article(
        coordinator,
        title="España B",
        source_language="es",
        outlet_id=spain,
        published_on=date(2024, 7, 3),
        tags=["sequía"],
    )
    make_article(
        coordinator,
        title="España C",
        source_language="es",
        outlet_id=spain,
        published_on=date(2024, 7, 4),
        tags=["sequía", "opinion"],
        priority=Priority.LOW,
    )
    make_article(coordinator, title="Sin medio D", source_language="de")
    return client, {"japan": japan, "spain": spain}


FILTERS = {
    "": ["Japón A", "España B", "Sin medio D", "España C"],
    "?language=es": ["España B", "España C"],
    "?language=de": ["Sin medio D"],
    "?country=JP": ["Japón A"],
    "?country=es": ["España B", "España C"],
    "?priority=3": ["Japón A"],
    "?priority=1": ["España C"],
    "?tag=opinion": ["Japón A", "España C"],
    "?tag=Sequía": ["España B", "España C"],
    "?tag=alliance": ["Japón A"],
    "?published_from=2024-07-03": ["España B", "España C"],
    "?published_to=2024-07-03": ["Japón A", "España B"],
    "?published_from=2024-07-03&published_to=2024-07-03": ["España B"],
    "?published_from=2024-08-01": [],
    "?language=es&tag=opinion": ["España C"],
    "?language=ja&country=ES": [],
}


def test_a_row_shows_the_outlet_its_country_the_date_the_priority_and_every_tag(catalogue):
    client, _outlets = catalogue
    page = client.get("/articles/?q=Japón").get_data(as_text=True)
    row = re.search(r"<tr>\s*<td><a [^>]*>Japón A</a>.*?</tr>", page, re.S)
    assert row, page
    cells = [
        re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", cell))).strip()
        for cell in re.findall(r"<td[^>]*>(.*?)</td>", row.group(0), re.S)
    ]
    assert cells[1:5] == ["Japanese", "Tōyō Jihō (JP)", "2024-03-12", "High"]
    assert cells[6] == "alliance opinion"  # each tag once, in order, even with two
    row = re.search(
        r"<tr>\s*<td><a [^>]*>Sin medio D</a>.*?</tr>", client.get("/articles/").text, re.S
    )
    assert row and "<td>—</td>" in row.group(0)  # no outlet


def test_each_filter_narrows_the_list(catalogue):
    client, outlets = catalogue
    expected = FILTERS | {
        f"?outlet={outlets['spain']}": ["España B", "España C"],
        f"?outlet={outlets['japan']}": ["Japón A"],
        "?outlet=999999": [],
    }
    assert {query: titles(client, query) for query in expected} == expected
    page = client.get("/articles/?language=es").get_data(as_text=True)
    assert '<p class="muted" data-testid="article-count">2 articles</p>' in page
    page = client.get("/articles/?language=zh").get_data(as_text=True)
    assert "0 articles" in page and "No article matches these filters." in page


def test_most_urgent_first_then_the_longest_waiting(app, desk, make_article):
    client, coordinator = desk
    ages = {  # title: (priority, days on the desk)
        "Normal nuevo": (Priority.NORMAL, 1),
        "Urgente nuevo": (Priority.URGENT, 0),
        "Baja antigua": (Priority.LOW, 30),
        "Normal antiguo": (Priority.NORMAL, 10),
        "Urgente antiguo": (Priority.URGENT, 2),
        "Alta": (Priority.HIGH, 5),
    }
    for title, (priority, days) in ages.items():
        article = make_article(coordinator, title=title, priority=priority)
        set_age(app, article.id, days)
    assert titles(client) == [
        "Urgente antiguo",
        "Urgente nuevo",
        "Alta",
        "Normal antiguo",
        "Normal nuevo",
        "Baja antigua",
    ]


def test_twenty_six_articles_make_two_pages(desk, make_article):
    client, coordinator = desk
    for number in range(1, 27):
        make_article(coordinator, title=f"Artículo {number:02}", source_language="es")
    first = client.get("/articles/").get_data(as_text=True)
    assert "26 articles" in first and "Page 1 of 2" in first
    assert titles(client) == [f"Artículo {number:02}" for number in range(1, 26)]
    assert 'href="/articles/?page=2" rel="next"' in first
    second = client.get("/articles/?page=2").get_data(as_text=True)
    assert "Page 2 of 2" in second and 'href="/articles/?page=1" rel="prev"' in second
    assert titles(client, "?page=2") == ["Artículo 26"]
    # The pager keeps the filters.
    filtered = client.get("/articles/?language=es&page=1").get_data(as_text=True)
    assert re.search(
        r'href="/articles/\?(language=es&amp;page=2|page=2&amp;language=es)"', filtered
    )
    # Past the end: an empty page, not an error.
    assert titles(client, "?page=3") == []


def test_archived_articles_are_hidden_unless_asked_for(app, desk, make_article):
    client, coordinator = desk
    make_article(coordinator, title="En la mesa")
    archived = make_article(coordinator, title="Archivado")
    archive(app, coordinator, archived.id)
    assert titles(client) == ["En la mesa"]
    assert titles(client, "?status=active") == ["En la mesa"]
    assert titles(client, "?status=archived") == ["Archivado"]
    assert titles(client, "?status=any") == ["En la mesa", "Archivado"]
    page = client.get("/articles/?status=any").get_data(as_text=True)
    assert 'Archivado</a> <span class="badge">archived</span>' in page


ODD_VALUES = [
    "?published_from=notadate",
    "?published_to=2024-13-45",
    "?priority=9",
    "?priority=abc",
    "?status=deleted",
    "?page=abc",
    "?page=-3",
    "?page=0",
    "?outlet=abc",
    "?country=Japan",
    "?language=<script>alert(1)</script>",
    "?q=" + "palabra " * 100,
    "?tag=" + "x" * 100,
]


def test_odd_filter_values_still_list_the_articles(catalogue):
    client, _outlets = catalogue
    statuses = {query: client.get(f"/articles/{query}").status_code for query in ODD_VALUES}
    assert statuses == dict.fromkeys(ODD_VALUES, 200)
    assert "<script>alert(1)</script>" not in client.get(f"/articles/{ODD_VALUES[10]}").text


def test_a_filter_value_that_cannot_be_used_is_explained(catalogue):
    client, _outlets = catalogue
    messages = {
        "?published_from=notadate": "Published from: Not a valid date value.",
        "?priority=9": "Priority: Not a valid choice.",
        "?status=deleted": "State: Not a valid choice.",
    }
    shown = {
        query: message in client.get(f"/articles/{query}").text
        for query, message in messages.items()
    }
    assert shown == dict.fromkeys(messages, True)


@pytest.mark.parametrize("url", ["/articles/", "/feeds/"])
def test_a_page_number_too_large_for_the_database_is_no_500(desk, url):
    client, _coordinator = desk
    assert client.get(f"{url}?page=99999999999999999999").status_code == 200


def test_the_language_filter_reads_a_code_in_any_case(catalogue):
    client, _outlets = catalogue
    assert titles(client, "?language=ES") == ["España B", "España C"]
