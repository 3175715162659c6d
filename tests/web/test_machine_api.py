"""Machine translation through the API: the people of a pair translate texts with an engine that
is on for it; everyone else, and every engine that is off, is refused with the reason and
nothing is sent; a failing engine answers 503; the engines are listed without their keys."""

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.conftest import csrf_token, sign_in
from tests.machine_desk import EchoEngine, _fresh_engines, add_row  # noqa: F401
from tests.web.snapshot import database_snapshot
from tests.web.test_articles_api import token_client
from translate_flow.domain.models import MachineMode, Role, User
from translate_flow.machine.configured import admin_engines
from translate_flow.machine.pair_settings import choose

URL = "/api/v1/machine-translations"
KEY = "deepl-secret-0123456789-wxyz"


def _ask(texts=("Hola.",), engine="echo", source="es", target="en") -> dict:  # type: ignore[no-untyped-def]
    return {
        "engine": engine,
        "source_language": source,
        "target_language": target,
        "texts": list(texts),
    }


@pytest.fixture
def engines(app: Flask, make_user) -> User:  # type: ignore[no-untyped-def]
    """Echo on (es→en, ca→en), one over its quota, and one an admin has not enabled."""
    admin = make_user(Role.ADMIN)
    with app.extensions["translate_flow.db"].transaction() as session:
        add_row(session, name="echo", key=KEY, creator=admin)
        add_row(session, name="quota", kind="test-quota")
        add_row(session, name="idle", enabled=False)
    return admin


@pytest.fixture
def translator(app: Flask, make_user, engines) -> FlaskClient:  # type: ignore[no-untyped-def]
    return token_client(app, make_user(Role.TRANSLATOR, pairs=["es:en"]))


def test_a_translator_of_the_pair_gets_translations_and_the_cache_sends_nothing_twice(translator):
    response = translator.post(URL, json=_ask(["Hola.", "Adiós."]))
    assert response.status_code == 200, response.get_json()
    assert response.get_json() == {
        "engine": "echo",
        "translations": [
            {"text": "[echo en] Hola.", "cached": False},
            {"text": "[echo en] Adiós.", "cached": False},
        ],
    }
    again = translator.post(URL, json=_ask(["Adiós.", " Hola. ", "Gracias."]))
    assert [t["cached"] for t in again.get_json()["translations"]] == [True, True, False]
    assert [text for text, _s, _t in EchoEngine.sent] == ["Hola.", "Adiós.", "Gracias."]


def test_a_regional_variant_of_the_pair_is_the_pair(translator):
    response = translator.post(URL, json=_ask(source="es-AR"))
    assert response.status_code == 200, response.get_json()


def test_signing_in_is_needed(client, engines):
    response = client.post(URL, json=_ask())
    assert response.status_code == 401
    assert EchoEngine.sent == []


def test_the_session_cookie_needs_the_csrf_token(app, make_user, engines):
    person = make_user(Role.TRANSLATOR, pairs=["es:en"])
    browser = app.test_client()
    sign_in(browser, person.email)
    refused = browser.post(URL, json=_ask())
    assert refused.status_code == 400
    assert refused.get_json()["error"]["code"] == "csrf_failed"
    assert EchoEngine.sent == []
    allowed = browser.post(URL, json=_ask(), headers={"X-CSRFToken": csrf_token(browser)})
    assert allowed.status_code == 200


@pytest.mark.parametrize(
    ("roles", "pairs", "status"),
    [
        ((Role.TRANSLATOR,), ["ja:en"], 403),
        ((Role.REVIEWER,), [], 403),
        ((Role.COORDINATOR,), [], 200),
        ((Role.ADMIN,), [], 200),
    ],
)
def test_only_the_pairs_people_coordinators_and_admins_may_ask(
    app, make_user, engines, roles, pairs, status
):
    client = token_client(app, make_user(*roles, pairs=pairs))
    response = client.post(URL, json=_ask())
    assert response.status_code == status, response.get_json()
    if status == 403:
        assert "translate or review es → en" in response.get_json()["error"]["message"]
        assert EchoEngine.sent == []


def test_a_reviewer_of_the_pair_may_ask(app, make_user, engines):
    client = token_client(app, make_user(Role.REVIEWER, reviews=["es:en"]))
    assert client.post(URL, json=_ask()).status_code == 200


def test_no_text_goes_to_an_engine_that_is_off_for_the_pair(app, translator, engines):
    db = app.extensions["translate_flow.db"]
    with db.transaction() as session:
        echo = next(e for e in admin_engines(session) if e.name == "echo")
        choose(session, session.merge(engines), echo, "es", "en", MachineMode.OFF)
    before = database_snapshot(db)
    for engine in ("echo", "idle"):
        response = translator.post(URL, json=_ask(engine=engine))
        assert response.status_code == 403
        assert "is off for es → en" in response.get_json()["error"]["message"]
    assert EchoEngine.sent == []
    assert database_snapshot(db) == before


@pytest.mark.parametrize(
    ("body", "status", "message"),
    [
        (_ask(engine="babelfish"), 404, "no engine named “babelfish”"),
        (_ask(texts=["x"] * 51), 400, "at most 50"),
        (_ask(texts=["x" * 5001]), 400, "texts[0] holds 5,001 characters"),
        (_ask(texts=[]), 400, "texts is required"),
        (_ask(texts=["ok", 3]), 400, "texts[1] must be a string"),
        (_ask(source="español"), 400, "source_language must be a language code"),
        (_ask(source="en"), 400, "must differ"),
        ({**_ask(), "glossary": True}, 400, "Unknown field(s): glossary"),
        ({"source_language": "es", "target_language": "en", "texts": ["x"]}, 400, "engine is"),
    ],
)
def test_a_request_that_cannot_be_served_is_refused_with_the_reason(
    translator, body, status, message
):
    response = translator.post(URL, json=body)
    assert response.status_code == status
    assert message in response.get_json()["error"]["message"]
    assert EchoEngine.sent == []


def test_a_pair_the_engine_does_not_translate_is_refused(app, make_user, engines):
    client = token_client(app, make_user(Role.COORDINATOR))
    response = client.post(URL, json=_ask(source="ja"))
    assert response.status_code == 400
    assert response.get_json()["error"]["message"] == "Echo does not translate ja → en."
    assert EchoEngine.sent == []


def test_an_engine_over_its_quota_answers_503_with_when_to_retry(app, translator):
    db = app.extensions["translate_flow.db"]
    before = database_snapshot(db)
    response = translator.post(URL, json=_ask(engine="quota"))
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "60"
    error = response.get_json()["error"]
    assert {key: value for key, value in error.items() if key != "request_id"} == {
        "code": "machine_unavailable",
        "message": "Over quota: the month's characters are used up",
    }
    assert database_snapshot(db) == before


def test_the_engines_are_listed_with_their_pairs_and_never_their_keys(translator):
    response = translator.get("/api/v1/machine-engines")
    assert response.status_code == 200
    body = response.get_json()
    assert KEY not in response.get_data(as_text=True)
    by_name = {engine["name"]: engine for engine in body["engines"]}
    assert by_name["echo"] == {
        "name": "echo",
        "label": "Echo",
        "kind": "test-echo",
        "origin": "admin",
        "enabled": True,
        "receives_text": True,
        "pairs_error": None,
        "pairs": [
            {
                "source_language": "es",
                "target_language": "en",
                "mode": "suggestions",
                "priority": 100,
            }
        ],
    }
    assert by_name["idle"]["receives_text"] is False
    assert by_name["idle"]["pairs"][0]["mode"] == "off"


def test_listing_engines_needs_signing_in(client, engines):
    assert client.get("/api/v1/machine-engines").status_code == 401
