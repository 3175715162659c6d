"""API v1 articles and outlets: intake in every format, listing, corrections, refusals.

A refused request answers a JSON error that says what was wrong, and the database is left
exactly as it was (`database_snapshot`).
"""

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import date
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from tests.conftest import csrf_token, sign_in
from tests.factories import ArticleFactory, UserFactory
from tests.web.snapshot import database_snapshot
from tests.web.test_api import _token
from translate_flow.domain.models import Priority, Role, Translation, User
from translate_flow.intake import articles
from translate_flow.intake.outlets import OutletInput, create_outlet

VALID = {
    "title": "Kabinett beschließt den Haushalt",
    "body": "Der Bundestag berät am Donnerstag.\n\nDie Opposition kritisiert den Entwurf.",
    "source_language": "de",
}
PARAGRAPHS = [
    "The first paragraph stays exactly as it was.",
    "The second paragraph will be corrected by the outlet.",
    "The third paragraph will be removed entirely.",
    "The fourth paragraph also stays.",
]


def token_client(app: Flask, user: User) -> FlaskClient:
    """A client that sends `user`'s API token with every request."""
    client = app.test_client()
    client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {_token(app, user.email)}"
    # The token's first use is recorded now, so that snapshots see only the request under test.
    assert client.get("/api/v1/me").status_code == 200
    return client


@pytest.fixture
def coordinator(make_user: UserFactory) -> User:
    return make_user(Role.COORDINATOR)


@pytest.fixture
def api(app: Flask, coordinator: User) -> FlaskClient:
    return token_client(app, coordinator)


@pytest.fixture
def translator_api(app: Flask, make_user: UserFactory) -> FlaskClient:
    return token_client(app, make_user(Role.TRANSLATOR, pairs=["de:en"]))


@pytest.fixture
def unchanged(db) -> Callable[[], AbstractContextManager[None]]:  # type: ignore[no-untyped-def]
    """`with unchanged(): …` fails unless the block left every row of every table as it was."""

    @contextmanager
    def _unchanged() -> Iterator[None]:
        before = database_snapshot(db)
        yield
        assert database_snapshot(db) == before

    return _unchanged


def assert_error(response, status: int, code: str, message: str) -> None:  # type: ignore[no-untyped-def]
    assert response.status_code == status, response.get_data(as_text=True)
    error = response.get_json()["error"]
    assert error["code"] == code
    assert message in error["message"]


def add_outlet(app: Flask, actor: User, name: str, **fields: Any) -> int:
    values = {"language": "ja", "country": "JP"} | fields
    with app.extensions["translate_flow.db"].transaction() as session:
        return create_outlet(session, session.merge(actor), OutletInput(name=name, **values)).id


def shape(segments: list[dict[str, Any]]) -> list[tuple[int, str, str]]:
    return [(s["position"], s["kind"], s["text"]) for s in segments]


# --- Bringing an article in ----------------------------------------------------------------------


def test_coordinator_brings_in_plain_text_one_segment_per_paragraph(api):
    response = api.post(
        "/api/v1/articles",
        json={
            "title": "  Kabinett   beschließt den Haushalt ",
            "standfirst": "Die Koalition einigt sich.",
            # Blank lines separate paragraphs; single line breaks are wraps within one.
            "body": "Der Bundestag berät\nam Donnerstag.\n\n"
            "Die Opposition\nkritisiert den Entwurf.\n",
            "source_language": "DE",
            "author": " Anna   Schmidt ",
            "source_url": "https://www.example.de/politik/haushalt?utm_source=rss&id=7",
            "published_on": "2024-07-03",
            "priority": 4,
            "tags": ["Haushalt, Politik", "haushalt"],
            "notes": "Fachbegriffe bitte prüfen.",
        },
    )

    assert response.status_code == 201, response.get_data(as_text=True)
    article = response.get_json()
    assert response.headers["Location"] == f"/api/v1/articles/{article['id']}"
    assert shape(article["segments"]) == [
        (0, "title", "Kabinett beschließt den Haushalt"),
        (1, "standfirst", "Die Koalition einigt sich."),
        (2, "paragraph", "Der Bundestag berät am Donnerstag."),
        (3, "paragraph", "Die Opposition kritisiert den Entwurf."),
    ]
    assert [s["words"] for s in article["segments"]] == [4, 4, 5, 5]
    assert (article["segment_count"], article["word_count"]) == (4, 18)
    assert {key: article[key] for key in ("title", "author", "source_language", "revision")} == {
        "title": "Kabinett beschließt den Haushalt",
        "author": "Anna Schmidt",
        "source_language": "de",
        "revision": 1,
    }
    assert article["source_url"] == "https://www.example.de/politik/haushalt?id=7"
    assert (article["published_on"], article["priority"]) == ("2024-07-03", "urgent")
    assert (article["tags"], article["status"], article["outlet"]) == (
        ["haushalt", "politik"],
        "active",
        None,
    )
    assert api.get(response.headers["Location"]).get_json() == article


@pytest.mark.parametrize(
    ("body_format", "body", "expected"),
    [
        pytest.param(
            "text",
            "Without a blank line\neach line is a paragraph.",
            [("paragraph", "Without a blank line"), ("paragraph", "each line is a paragraph.")],
            id="text",
        ),
        pytest.param(
            "markdown",
            "## Die Lage\n\nEin *wichtiger* Satz.\n\n- Erstens\n- Zweitens\n\n> Ein Zitat.",
            [
                ("heading", "Die Lage"),
                ("paragraph", "Ein wichtiger Satz."),
                ("list_item", "Erstens"),
                ("list_item", "Zweitens"),
                ("quote", "Ein Zitat."),
            ],
            id="markdown",
        ),
        pytest.param(
            "html",
            "<h2>Die Lage</h2><p>Ein <a href='https://example.org/' onclick='steal()'>Link</a>."
            "<script>steal()</script></p><figure><img src='x.jpg'><figcaption>Bild: dpa"
            "</figcaption></figure><blockquote><p>Ein Zitat.</p></blockquote><ul><li>Erstens</ul>",
            [
                ("heading", "Die Lage"),
                ("paragraph", "Ein Link."),
                ("caption", "Bild: dpa"),
                ("quote", "Ein Zitat."),
                ("list_item", "Erstens"),
            ],
            id="html",
        ),
    ],
)
def test_each_body_format_is_segmented_by_its_structure(api, body_format, body, expected):
    response = api.post(
        "/api/v1/articles",
        json={"title": "Titel", "body": body, "body_format": body_format, "source_language": "de"},
    )

    assert response.status_code == 201, response.get_data(as_text=True)
    article = response.get_json()
    positions = [(index, kind, text) for index, (kind, text) in enumerate(expected, start=1)]
    assert shape(article["segments"]) == [(0, "title", "Titel"), *positions]
    assert article["segment_count"] == len(expected) + 1
    assert article["word_count"] == sum(s["words"] for s in article["segments"])


def test_inline_markup_is_kept_and_everything_active_is_removed(api):
    response = api.post(
        "/api/v1/articles",
        json={
            "title": "T",
            "body": "<p>Ein <em>wichtiger</em> <a href='https://example.org/' onclick='x()'>Link"
            "</a><script>steal()</script> <a href='javascript:alert(1)'>hier</a>.</p>",
            "body_format": "html",
            "source_language": "de",
        },
    )

    assert response.status_code == 201
    [_title, paragraph] = response.get_json()["segments"]
    assert paragraph["text"] == "Ein wichtiger Link hier."
    assert paragraph["html"] == (
        'Ein <em>wichtiger</em> <a href="https://example.org/" rel="noopener noreferrer nofollow">'
        'Link</a> <a rel="noopener noreferrer nofollow">hier</a>.'
    )


def test_japanese_is_counted_a_character_a_word(api):
    response = api.post(
        "/api/v1/articles",
        json={
            "title": "東京の天気",
            "body": "今日は晴れです。\n\nNHKによると、2024年の夏は暑い。",
            "source_language": "ja",
        },
    )

    assert response.status_code == 201
    article = response.get_json()
    # Each kana and kanji is one; a run of Latin letters or of digits is one word; 、。 none.
    assert [(s["text"], s["words"]) for s in article["segments"]] == [
        ("東京の天気", 5),
        ("今日は晴れです。", 7),
        ("NHKによると、2024年の夏は暑い。", 12),
    ]
    assert article["word_count"] == 24


@pytest.mark.parametrize(
    ("request_body", "code", "message"),
    [
        pytest.param(
            {"data": "title=Hallo", "content_type": "application/x-www-form-urlencoded"},
            "invalid",
            "Send a JSON object",
            id="form data",
        ),
        pytest.param(
            {"data": '{"title": ', "content_type": "application/json"},
            "invalid",
            "Send a JSON object",
            id="malformed JSON",
        ),
        pytest.param({"json": [VALID]}, "invalid", "Send a JSON object", id="a list"),
        pytest.param(
            {"json": VALID | {"colour": "red", "body_html": "<p>x</p>"}},
            "invalid",
            "Unknown field(s): body_html, colour.",
            id="unknown fields",
        ),
        pytest.param(
            {"json": VALID | {"title": " "}}, "invalid", "Give the article a title", id="no title"
        ),
        pytest.param(
            {"json": VALID | {"body": " \n\n "}}, "invalid", "body is empty", id="empty body"
        ),
        pytest.param(
            {"json": VALID | {"body": "<script>x()</script><img src=x>", "body_format": "html"}},
            "invalid",
            "no text once scripts",
            id="body without text",
        ),
        pytest.param(
            {"json": VALID | {"source_language": "klingon"}},
            "unknown_language",
            "“klingon” is not a language code",
            id="unknown language",
        ),
        pytest.param(
            {"json": VALID | {"body_format": "docx"}},
            "invalid",
            "body_format must be text, markdown or html",
            id="unknown format",
        ),
        pytest.param(
            {"json": VALID | {"title": 42}}, "invalid", "title must be a string", id="title number"
        ),
        pytest.param(
            {"json": VALID | {"tags": "politik, wirtschaft"}},
            "invalid",
            "tags must be a list of strings",
            id="tags not a list",
        ),
        pytest.param(
            {"json": VALID | {"tags": ["politik", 3]}},
            "invalid",
            "tags must be a list of strings",
            id="tag not a string",
        ),
        pytest.param(
            {"json": VALID | {"outlet_id": "1"}},
            "invalid",
            "outlet_id must be an integer",
            id="outlet_id a string",
        ),
        pytest.param(
            {"json": VALID | {"outlet_id": True}},
            "invalid",
            "outlet_id must be an integer",
            id="outlet_id a boolean",
        ),
        pytest.param(
            {"json": VALID | {"outlet_id": 999_999}},
            "invalid",
            "That outlet does not exist.",
            id="no such outlet",
        ),
        pytest.param(
            {"json": VALID | {"priority": "soon"}},
            "invalid",
            "priority must be one of low, normal, high, urgent",
            id="priority soon",
        ),
        pytest.param(
            {"json": VALID | {"priority": 5}},
            "invalid",
            "priority must be one of",
            id="priority 5",
        ),
        pytest.param(
            {"json": VALID | {"published_on": "yesterday"}},
            "invalid",
            "published_on must be a date such as",
            id="published_on yesterday",
        ),
        pytest.param(
            {"json": VALID | {"source_url": "ftp://example.org/a"}},
            "invalid",
            "must be an http:// or https:// address",
            id="source_url not http",
        ),
    ],
)
def test_bad_article_is_refused_with_a_reason_and_nothing_saved(
    api, unchanged, request_body, code, message
):
    with unchanged():
        response = api.post("/api/v1/articles", **request_body)
    assert_error(response, 400, code, message)


def test_a_number_is_not_a_publication_date(api, unchanged):
    with unchanged():
        response = api.post("/api/v1/articles", json=VALID | {"published_on": 20240101})
    assert_error(response, 400, "invalid", "published_on must be a date")


@pytest.mark.parametrize(
    ("who", "status", "code", "message"),
    [
        ("translator", 403, "forbidden", "Only coordinators bring articles in"),
        ("nobody", 401, "unauthorized", "Sign in, or send an API token"),
    ],
)
def test_only_coordinators_bring_articles_in(
    app, translator_api, unchanged, who, status, code, message
):
    client = translator_api if who == "translator" else app.test_client()
    with unchanged():
        response = client.post("/api/v1/articles", json=VALID)
    assert_error(response, status, code, message)


def test_an_address_already_on_the_desk_is_a_409_naming_the_article(api, unchanged):
    first = api.post(
        "/api/v1/articles",
        json=VALID | {"source_url": "https://www.example.de/politik/haushalt?id=7&utm_source=x"},
    ).get_json()

    with unchanged():
        response = api.post(
            "/api/v1/articles",
            json=VALID | {"source_url": "HTTPS://WWW.Example.de/politik/haushalt?id=7"},
        )

    assert_error(response, 409, "duplicate", "already on the desk: “Kabinett beschließt")
    error = response.get_json()["error"]
    assert error["article_id"] == first["id"]
    assert api.get(error["article_url"]).get_json()["id"] == first["id"]


# --- Finding articles ----------------------------------------------------------------------------


@pytest.fixture
def desk(app: Flask, coordinator: User, make_article: ArticleFactory) -> dict[str, int]:
    """Five articles and two outlets; names → ids."""
    asahi = add_outlet(app, coordinator, "Asahi Shimbun")
    monde = add_outlet(app, coordinator, "Le Monde", language="fr", country="FR")

    def article(name: str, **fields: Any) -> int:
        return make_article(coordinator, title=name, **fields).id

    ids = {
        "asahi": asahi,
        "monde": monde,
        "budget": article(
            "budget",
            source_language="ja",
            outlet_id=asahi,
            tags=["Politik"],
            published_on=date(2024, 3, 1),
        ),
        "typhoon": article(
            "typhoon",
            source_language="ja",
            outlet_id=asahi,
            priority=Priority.URGENT,
            published_on=date(2024, 3, 10),
        ),
        "climat": article(
            "climat",
            source_language="fr",
            outlet_id=monde,
            priority=Priority.HIGH,
            tags=["climat", "politik"],
            published_on=date(2024, 2, 1),
        ),
        "essay": article("essay", source_language="de", priority=Priority.LOW),
        "old": article("old", source_language="fr", outlet_id=monde),
    }
    with app.extensions["translate_flow.db"].transaction() as session:
        old = articles.get_article(session, ids["old"])
        articles.set_archived(session, session.merge(coordinator), old, archived=True)
    return ids


def titles(response) -> list[str]:  # type: ignore[no-untyped-def]
    assert response.status_code == 200, response.get_data(as_text=True)
    return [item["title"] for item in response.get_json()["items"]]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # The desk's order: most urgent first, then the longest waiting.
        ("", ["typhoon", "climat", "budget", "essay"]),
        ("language=ja", ["typhoon", "budget"]),
        ("outlet_id={asahi}", ["typhoon", "budget"]),
        ("country=fr", ["climat"]),
        ("country=FR&status=any", ["climat", "old"]),
        ("status=archived", ["old"]),
        ("status=any", ["typhoon", "climat", "budget", "old", "essay"]),
        ("priority=urgent", ["typhoon"]),
        ("priority=3", ["climat"]),
        ("tag=POLITIK", ["climat", "budget"]),
        ("published_from=2024-03-01", ["typhoon", "budget"]),
        ("published_to=2024-02-29", ["climat"]),
        ("published_from=2024-02-01&published_to=2024-03-01", ["climat", "budget"]),
        ("language=ja&priority=normal", ["budget"]),
    ],
    ids=lambda value: (value or "desk order") if isinstance(value, str) else ",".join(value),
)
def test_list_filters_combine_and_keep_the_desk_order(api, desk, query, expected):
    response = api.get(f"/api/v1/articles?{query.format(**desk)}")
    assert titles(response) == expected
    body = response.get_json()
    assert (body["total"], body["page"], body["pages"]) == (len(expected), 1, 1)
    assert all("segments" not in item for item in body["items"])


def test_list_pages_through_every_article_once(api, coordinator, make_article):
    for number in range(5):
        make_article(coordinator, title=f"Artikel {number}")

    pages = [api.get(f"/api/v1/articles?per_page=2&page={page}").get_json() for page in (1, 2, 3)]

    assert [page["total"] for page in pages] == [5, 5, 5]
    assert [page["pages"] for page in pages] == [3, 3, 3]
    assert [item["title"] for page in pages for item in page["items"]] == [
        f"Artikel {number}" for number in range(5)
    ]
    beyond = api.get("/api/v1/articles?per_page=2&page=4").get_json()
    assert (beyond["items"], beyond["total"]) == ([], 5)


@pytest.mark.parametrize(("asked", "given"), [("1000", 100), ("100", 100), ("1", 1)])
def test_per_page_is_kept_at_most_100(api, coordinator, make_article, asked, given):
    make_article(coordinator)
    body = api.get(f"/api/v1/articles?per_page={asked}").get_json()
    assert body["per_page"] == given
    assert len(body["items"]) == 1


@pytest.mark.parametrize("asked", ["0", "-3"])
def test_per_page_below_1_is_refused_as_the_document_says(api, asked):
    answer = api.get(f"/api/v1/articles?per_page={asked}")
    assert answer.status_code == 400
    assert "per_page" in answer.get_json()["error"]["message"]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("per_page=many", "page, per_page and outlet_id must be whole numbers"),
        ("page=two", "page, per_page and outlet_id must be whole numbers"),
        ("outlet_id=asahi", "page, per_page and outlet_id must be whole numbers"),
        ("status=deleted", "status must be active, archived or any"),
        ("priority=soon", "priority must be one of"),
        ("published_from=yesterday", "must be a date such as"),
    ],
)
def test_malformed_filters_are_a_400(api, query, message):
    assert_error(api.get(f"/api/v1/articles?{query}"), 400, "invalid", message)


def test_full_text_search_finds_words_and_word_beginnings(api, coordinator, make_article):
    make_article(coordinator, title="Haushaltsstreit in Berlin", body="Die Koalition streitet.")
    make_article(coordinator, title="Taifun erreicht Okinawa", body="Schulen bleiben geschlossen.")

    assert titles(api.get("/api/v1/articles?q=koalition")) == ["Haushaltsstreit in Berlin"]
    assert titles(api.get("/api/v1/articles?q=Haush")) == ["Haushaltsstreit in Berlin"]
    assert titles(api.get("/api/v1/articles?q=okinawa+schulen")) == ["Taifun erreicht Okinawa"]
    assert titles(api.get("/api/v1/articles?q=Tokio")) == []


def test_search_finds_a_japanese_word_inside_a_sentence(api, coordinator, make_article):
    make_article(coordinator, title="東京の天気予報", body="今日は晴れです。", source_language="ja")
    make_article(coordinator, title="大阪の選挙", body="投票率が下がった。", source_language="ja")
    # Written without spaces, the whole run is one token to both indexes.
    assert titles(api.get("/api/v1/articles?q=天気")) == ["東京の天気予報"]
    assert titles(api.get("/api/v1/articles?q=投票率")) == ["大阪の選挙"]
    assert titles(api.get("/api/v1/articles?q=京都")) == []


def test_get_one_article_with_its_segments(api, coordinator, make_article):
    article = make_article(coordinator, title="Titel", body="Eins.\n\nZwei.")

    response = api.get(f"/api/v1/articles/{article.id}")

    assert response.status_code == 200
    body = response.get_json()
    assert body["id"] == article.id
    assert shape(body["segments"]) == [
        (0, "title", "Titel"),
        (1, "paragraph", "Eins."),
        (2, "paragraph", "Zwei."),
    ]


def test_a_missing_article_is_a_json_404(api, translator_api):
    for client in (api, translator_api):
        assert_error(client.get("/api/v1/articles/999999"), 404, "not_found", "no such article")
    assert_error(api.patch("/api/v1/articles/999999", json={}), 404, "not_found", "no such article")


# --- Correcting an article -----------------------------------------------------------------------


def test_changing_details_only_keeps_the_revision_and_its_segments(api, app, coordinator):
    outlet = add_outlet(app, coordinator, "Asahi Shimbun")
    created = api.post("/api/v1/articles", json=VALID).get_json()

    response = api.patch(
        f"/api/v1/articles/{created['id']}",
        json={
            "priority": "high",
            "tags": ["Wirtschaft"],
            "notes": "Eilt.",
            "author": "Anna Schmidt",
            "outlet_id": outlet,
            "published_on": "2024-07-04",
            "note": "Metadaten ergänzt",
        },
    )

    assert response.status_code == 200, response.get_data(as_text=True)
    body = response.get_json()
    assert body["correction"] == {
        "new_revision": False,
        "changed": 0,
        "added": 0,
        "removed": 0,
        "translations_flagged": 0,
    }
    assert body["revision"] == 1
    assert body["segments"] == created["segments"]
    assert (body["priority"], body["tags"], body["notes"]) == ("high", ["wirtschaft"], "Eilt.")
    assert (body["author"], body["published_on"]) == ("Anna Schmidt", "2024-07-04")
    stored = api.get(f"/api/v1/articles/{created['id']}").get_json()
    assert stored["outlet"]["name"] == "Asahi Shimbun"
    assert {k: v for k, v in stored.items() if k != "outlet"} == {
        k: v for k, v in body.items() if k not in {"outlet", "correction"}
    }


def test_the_correction_answer_shows_the_new_outlet(api, app, coordinator):
    outlet = add_outlet(app, coordinator, "Asahi Shimbun")
    created = api.post("/api/v1/articles", json=VALID).get_json()

    response = api.patch(f"/api/v1/articles/{created['id']}", json={"outlet_id": outlet})

    assert response.get_json()["outlet"]["name"] == "Asahi Shimbun"


def _translate_everything(app: Flask, article_id: int) -> None:
    with app.extensions["translate_flow.db"].transaction() as session:
        translation = session.scalar(
            select(Translation).where(Translation.article_id == article_id)
        )
        for row in translation.segments:
            row.text = f"EN: {row.segment.text}"


def test_a_changed_body_becomes_a_new_revision_with_its_own_segments(api, app):
    created = api.post(
        "/api/v1/articles",
        json={"title": "A title", "body": "\n\n".join(PARAGRAPHS), "source_language": "de"},
    ).get_json()
    _translate_everything(app, created["id"])
    corrected = [
        PARAGRAPHS[0],
        "A paragraph the outlet added.",
        "The second paragraph was corrected by the outlet.",
        PARAGRAPHS[3],
    ]

    response = api.patch(
        f"/api/v1/articles/{created['id']}",
        json={"body": "\n\n".join(corrected), "note": "The outlet fixed paragraph two."},
    )

    assert response.status_code == 200, response.get_data(as_text=True)
    body = response.get_json()
    assert body["correction"] == {
        "new_revision": True,
        "changed": 1,
        "added": 1,
        "removed": 1,
        "translations_flagged": 1,
    }
    assert body["revision"] == 2
    assert shape(body["segments"]) == [
        (0, "title", "A title"),
        *[(position, "paragraph", text) for position, text in enumerate(corrected, start=1)],
    ]
    # The new revision's own rows; revision 1 keeps its segments for the history.
    assert not {s["id"] for s in body["segments"]} & {s["id"] for s in created["segments"]}
    assert body["segment_count"] == 5
    assert body["word_count"] == sum(s["words"] for s in body["segments"])
    assert api.get(f"/api/v1/articles/{created['id']}").get_json()["segments"] == body["segments"]


def test_sending_the_same_text_again_makes_no_revision(api):
    created = api.post("/api/v1/articles", json=VALID).get_json()

    response = api.patch(
        f"/api/v1/articles/{created['id']}", json={"title": VALID["title"], "body": VALID["body"]}
    )

    assert response.get_json()["correction"]["new_revision"] is False
    assert response.get_json()["segments"] == created["segments"]


def test_an_empty_patch_changes_nothing_but_the_time_and_the_log(api, db):
    created = api.post("/api/v1/articles", json=VALID).get_json()
    before = database_snapshot(db)

    response = api.patch(f"/api/v1/articles/{created['id']}", json={})

    assert response.status_code == 200
    body = response.get_json()
    assert body["correction"]["new_revision"] is False
    ignored = {"updated_at", "correction"}
    assert {k: v for k, v in body.items() if k not in ignored} == {
        k: v for k, v in created.items() if k not in ignored
    }
    after = database_snapshot(db)
    assert {name: rows for name, rows in after.items() if name not in {"articles", "events"}} == {
        name: rows for name, rows in before.items() if name not in {"articles", "events"}
    }


def test_body_format_alone_does_not_reinterpret_the_stored_text(api):
    created = api.post("/api/v1/articles", json=VALID).get_json()

    response = api.patch(f"/api/v1/articles/{created['id']}", json={"body_format": "text"})

    texts = [s["text"] for s in response.get_json()["segments"]]
    assert texts == [s["text"] for s in created["segments"]]


@pytest.mark.parametrize(
    ("change", "code", "message"),
    [
        ({"colour": "red"}, "invalid", "Unknown field(s): colour."),
        ({"revision": 3}, "invalid", "Unknown field(s): revision."),
        ({"tags": "politik"}, "invalid", "tags must be a list of strings"),
        ({"outlet_id": "2"}, "invalid", "outlet_id must be an integer"),
        ({"priority": "soon"}, "invalid", "priority must be one of"),
        ({"published_on": "yesterday"}, "invalid", "must be a date such as"),
        ({"body": ""}, "invalid", "body is empty"),
        ({"title": ""}, "invalid", "Give the article a title"),
        ({"source_language": "xx"}, "unknown_language", "not a language code"),
        ({"note": 5}, "invalid", "note must be a string"),
    ],
    ids=lambda value: str(value) if isinstance(value, dict) else None,
)
def test_a_bad_correction_is_refused_and_changes_nothing(api, unchanged, change, code, message):
    created = api.post("/api/v1/articles", json=VALID).get_json()
    with unchanged():
        response = api.patch(f"/api/v1/articles/{created['id']}", json=change)
    assert_error(response, 400, code, message)


def test_a_correction_to_another_articles_address_is_a_409(api, unchanged):
    first = api.post(
        "/api/v1/articles", json=VALID | {"source_url": "https://example.org/a"}
    ).get_json()
    second = api.post(
        "/api/v1/articles", json=VALID | {"source_url": "https://example.org/b"}
    ).get_json()

    with unchanged():
        response = api.patch(
            f"/api/v1/articles/{second['id']}",
            json={"source_url": "HTTPS://EXAMPLE.org/a?utm_source=x"},
        )

    assert_error(response, 409, "duplicate", "already on the desk")
    assert response.get_json()["error"]["article_id"] == first["id"]


def test_translators_cannot_correct_articles(api, translator_api, unchanged):
    created = api.post("/api/v1/articles", json=VALID).get_json()
    with unchanged():
        response = translator_api.patch(
            f"/api/v1/articles/{created['id']}", json={"priority": "urgent"}
        )
    assert_error(response, 403, "forbidden", "Only coordinators")


def test_a_cookie_session_correction_needs_the_csrf_header(app, coordinator, api, unchanged):
    created = api.post("/api/v1/articles", json=VALID).get_json()
    browser = app.test_client()
    assert sign_in(browser, coordinator.email).status_code == 302
    url = f"/api/v1/articles/{created['id']}"

    with unchanged():
        refused = browser.patch(url, json={"priority": "urgent"})
    assert_error(refused, 400, "csrf_failed", "did not come from this site")

    accepted = browser.patch(
        url, json={"priority": "urgent"}, headers={"X-CSRFToken": csrf_token(browser)}
    )
    assert accepted.status_code == 200
    assert accepted.get_json()["priority"] == "urgent"


# --- Outlets -------------------------------------------------------------------------------------


def test_coordinator_adds_an_outlet_everyone_sees_it(api, translator_api):
    response = api.post(
        "/api/v1/outlets",
        json={
            "name": "  Asahi   Shimbun ",
            "language": "ja",
            "country": "jp",
            "homepage": "https://www.asahi.com/",
            "feed_url": "https://www.asahi.com/rss/asahi/newsheadlines.rdf",
            "notes": "Paywall after three articles.",
        },
    )

    assert response.status_code == 201, response.get_data(as_text=True)
    outlet = response.get_json()
    assert outlet == {
        "id": outlet["id"],
        "name": "Asahi Shimbun",
        "language": "ja",
        "country": "JP",
        "homepage": "https://www.asahi.com/",
        "feed_url": "https://www.asahi.com/rss/asahi/newsheadlines.rdf",
        "notes": "Paywall after three articles.",
        "is_active": True,
    }
    api.post("/api/v1/outlets", json={"name": "Le Monde", "language": "fr", "is_active": False})
    listed = translator_api.get("/api/v1/outlets")
    assert listed.status_code == 200
    assert [(o["name"], o["is_active"]) for o in listed.get_json()["items"]] == [
        ("Asahi Shimbun", True),
        ("Le Monde", False),
    ]


@pytest.mark.parametrize(
    ("fields", "code", "message"),
    [
        ({"language": "ja"}, "invalid", "Give the outlet a name"),
        ({"name": "X", "language": "klingon"}, "unknown_language", "“klingon” is not a language"),
        ({"name": "X", "language": "ja", "country": "Japan"}, "invalid", "not a country code"),
        ({"name": "X", "language": "ja", "homepage": "asahi.com"}, "invalid", "homepage must be"),
        ({"name": "X", "language": "ja", "feed_url": "ftp://x.jp/"}, "invalid", "feed address"),
        ({"name": "X", "language": "ja", "is_active": "yes"}, "invalid", "is_active must be"),
        ({"name": 7, "language": "ja"}, "invalid", "name must be a string"),
        ({"name": "X", "language": "ja", "owner": "me"}, "invalid", "Unknown field(s): owner."),
    ],
    ids=lambda value: str(value) if isinstance(value, dict) else None,
)
def test_a_bad_outlet_is_refused_with_a_reason(api, unchanged, fields, code, message):
    with unchanged():
        response = api.post("/api/v1/outlets", json=fields)
    assert_error(response, 400, code, message)


def test_a_made_up_country_code_is_refused(api, unchanged):
    with unchanged():
        response = api.post(
            "/api/v1/outlets", json={"name": "X", "language": "ja", "country": "ZZ"}
        )
    assert_error(response, 400, "invalid", "not a country code")


def test_an_outlet_name_is_taken_whatever_its_case_and_spacing(api, unchanged):
    api.post("/api/v1/outlets", json={"name": "Asahi Shimbun", "language": "ja"})
    with unchanged():
        response = api.post("/api/v1/outlets", json={"name": " asahi  SHIMBUN", "language": "ja"})
    assert_error(response, 409, "conflict", "already an outlet called “Asahi Shimbun”")


def test_translators_cannot_add_outlets(translator_api, unchanged):
    with unchanged():
        response = translator_api.post("/api/v1/outlets", json={"name": "X", "language": "ja"})
    assert_error(response, 403, "forbidden", "Only coordinators manage outlets")


# --- The OpenAPI document describes what the API answers ----------------------------------------
# jsonschema is not installed in .venv, so responses are checked against the schemas' field
# lists only: every field sent is documented, every required field is sent.


def _check_fields(schemas: dict[str, Any], name: str, value: dict[str, Any]) -> None:
    schema = schemas[name]
    assert set(schema["required"]) <= set(value), name
    assert set(value) <= set(schema["properties"]), (name, set(value) - set(schema["properties"]))
    nested = {"outlet": "Outlet", "segments": "Segment"}
    for field, inner in nested.items():
        if field in schema["properties"] and value.get(field) is not None:
            for item in value[field] if isinstance(value[field], list) else [value[field]]:
                _check_fields(schemas, inner, item)


def test_article_responses_use_only_documented_fields(app, api, coordinator):
    schemas = api.get("/api/v1/openapi.json").get_json()["components"]["schemas"]
    outlet = add_outlet(app, coordinator, "Asahi Shimbun")
    created = api.post(
        "/api/v1/articles", json=VALID | {"outlet_id": outlet, "standfirst": "Kurz."}
    ).get_json()
    patched = api.patch(f"/api/v1/articles/{created['id']}", json={"priority": "low"}).get_json()
    page = api.get("/api/v1/articles").get_json()

    _check_fields(schemas, "Article", created)
    _check_fields(schemas, "Article", api.get(f"/api/v1/articles/{created['id']}").get_json())
    correction = patched.pop("correction")
    _check_fields(schemas, "Article", patched)
    correction_schema = schemas["CorrectedArticle"]["allOf"][1]["properties"]["correction"]
    assert set(correction) == set(correction_schema["properties"])
    _check_fields(schemas, "ArticlePage", page)
    for item in page["items"]:
        _check_fields(schemas, "Article", item)
    for item in api.get("/api/v1/outlets").get_json()["items"]:
        _check_fields(schemas, "Outlet", item)
