"""POST /api/v1/checks: the checks over any text and its translation, with the desk's terms,
for anyone who may read the desk's articles; bad input refused with a sentence."""

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.desk import Desk
from tests.web.test_articles_api import token_client

URL = "/api/v1/checks"
BUDGET = {
    "source_language": "ja",
    "target_language": "en",
    "source": "思いやり予算",
    "targets": ["host-nation support"],
    "forbidden": [{"form": "sympathy budget", "reason": "a press nickname"}],
}


@pytest.fixture
def translator(app: Flask, desk: Desk) -> FlaskClient:
    return token_client(app, desk.translator)


def body(source: str, target: str, source_language: str = "ja", target_language: str = "en"):  # type: ignore[no-untyped-def]
    return {
        "source_language": source_language,
        "target_language": target_language,
        "source": source,
        "target": target,
    }


def checks(client: FlaskClient, payload: dict) -> list[dict]:  # type: ignore[type-arg]
    response = client.post(URL, json=payload)
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()["findings"]


def test_a_good_translation_has_no_findings(translator: FlaskClient) -> None:
    assert checks(translator, body("政府は否定した。", "The government denied it.")) == []


def test_findings_come_with_spans_errors_first(translator: FlaskClient) -> None:
    source = "詳細は https://example.jp/a を参照？"
    found = checks(translator, body(source, "See the site  for details."))
    assert [f["check"] for f in found] == ["placeables", "punctuation", "spacing"]
    assert found[0]["severity"] == "error"
    span = found[0]["source_spans"][0]
    assert source[span["start"] : span["end"]] == "https://example.jp/a"


def test_the_desks_terms_of_the_pair_are_used(
    app: Flask, desk: Desk, translator: FlaskClient
) -> None:
    coordinator = token_client(app, desk.coordinator)
    assert coordinator.post("/api/v1/terms", json=BUDGET).status_code == 201
    source = "{1}思いやり予算{/1}の増額"
    found = checks(translator, body(source, "A larger {1}sympathy budget{/1}"))
    glossary = [f for f in found if f["check"] == "glossary"]
    assert len(glossary) == 2
    assert any("a press nickname" in f["message"] for f in glossary)
    assert glossary[0]["source_spans"] == [{"start": 3, "end": 9}]
    kept = checks(translator, body(source, "More {1}host-nation support{/1}"))
    assert [f for f in kept if f["check"] == "glossary"] == []
    # Another pair's terms are not this pair's.
    other = checks(translator, body(source, "Mehr {1}Geld{/1}", target_language="de"))
    assert [f for f in other if f["check"] == "glossary"] == []


def test_anonymous_people_are_refused(app: Flask) -> None:
    assert app.test_client().post(URL, json=body("a", "b")).status_code == 401


@pytest.mark.parametrize(
    ("payload", "words"),
    [
        ({"source": "a", "target": "b", "source_language": "ja"}, "target_language is required"),
        (body("a", "b", source_language="xx-"), "source_language must be a language code"),
        (body("a", "b", target_language="qq"), "target_language"),
        (body("a" * 20_001, "b"), "at most 20,000"),
        (body("a", "b") | {"extra": 1}, "Unknown field"),
        (body("a", "b") | {"target": None}, "target must be a string"),
        ([1, 2], "JSON object"),
    ],
)
def test_bad_input_is_refused_with_a_sentence(
    translator: FlaskClient, payload: object, words: str
) -> None:
    response = translator.post(URL, json=payload)
    assert response.status_code == 400
    assert words in response.get_json()["error"]["message"]
