"""One log line per request (JSON in production) with its id, person, route, status, time and
queries, and nothing else from the request; the request id in the answer's header, on error
pages and in API errors, so that a volunteer can quote it."""

import json
import logging
import re
from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.conftest import post_form
from tests.factories import PASSWORD
from translate_flow.domain.models import Role
from translate_flow.observability.request_log import FIELDS, LOGGER_NAME

HEX_ID = re.compile(r"[0-9a-f]{32}")


@pytest.fixture
def log_lines(
    app: Flask, caplog: pytest.LogCaptureFixture
) -> Callable[[], list[dict[str, object]]]:
    """`log_lines()` → the request lines written so far in this test, as JSON."""
    app.config["LOG_FORMAT"] = "json"
    caplog.set_level(logging.INFO, logger=LOGGER_NAME)

    def lines() -> list[dict[str, object]]:
        return [
            json.loads(record.getMessage())
            for record in caplog.records
            if record.name == LOGGER_NAME
        ]

    return lines


def test_each_request_writes_one_json_line_with_exactly_its_fields(desk, signed_in, log_lines):
    client, user = signed_in(Role.COORDINATOR)
    before = len(log_lines())
    response = client.get(f"/translations/{desk.translation_id}")
    assert response.status_code == 200
    lines = log_lines()[before:]
    assert len(lines) == 1
    (line,) = lines
    assert tuple(line) == FIELDS
    assert line["request_id"] == response.headers["X-Request-ID"]
    assert HEX_ID.fullmatch(str(line["request_id"]))
    assert line["person_id"] == user.id
    assert (line["method"], line["status"]) == ("GET", 200)
    # The route's rule, never the address with its ids and query string.
    assert line["route"] == "/translations/<int:translation_id>"
    assert isinstance(line["queries"], int) and line["queries"] >= 2
    assert isinstance(line["duration_ms"], float) and line["duration_ms"] >= 0
    logged_at = datetime.fromisoformat(str(line["time"]))
    assert logged_at.utcoffset() == UTC.utcoffset(None)
    assert abs((datetime.now(UTC) - logged_at).total_seconds()) < 60


def test_a_signed_out_visitor_and_a_missing_page_are_logged_too(client, log_lines):
    response = client.get("/no/such/page?q=whatever")
    assert response.status_code == 404
    (line,) = log_lines()
    assert line["person_id"] is None
    assert line["route"] is None
    assert line["status"] == 404


def test_passwords_query_strings_and_form_values_never_reach_the_log(
    app, make_user, log_lines, caplog
):
    user = make_user(Role.TRANSLATOR, email="quiet@example.org")
    client = app.test_client()
    signed_in = post_form(client, "/login", {"email": user.email, "password": PASSWORD})
    assert signed_in.status_code == 302
    post_form(app.test_client(), "/login", {"email": user.email, "password": "wrong " + PASSWORD})
    client.get("/desk/?search=confidential-words")
    lines = log_lines()
    assert {(line["route"], line["status"]) for line in lines} >= {("/login", 302), ("/login", 401)}
    text = "\n".join(record.getMessage() for record in caplog.records)
    for secret in (PASSWORD, "quiet@example.org", "confidential-words", "csrf", "session"):
        assert secret not in text


@pytest.mark.parametrize(
    ("sent", "kept"),
    [
        ("proxy-4f1c.9_A", True),
        ("x" * 64, True),
        ("x" * 65, False),
        ("has space", False),
        ('quote"and\\back', False),
        ("", False),
        ("é-accent", False),
    ],
)
def test_an_incoming_request_id_is_kept_only_when_short_and_plain(client, log_lines, sent, kept):
    response = client.get("/healthz", headers={"X-Request-ID": sent.encode().decode("latin-1")})
    returned = response.headers["X-Request-ID"]
    assert (returned == sent) is kept
    if not kept:
        assert HEX_ID.fullmatch(returned)
    assert log_lines()[-1]["request_id"] == returned


def test_a_missing_page_shows_the_request_id_to_quote(client):
    response = client.get("/no/such/page")
    assert response.status_code == 404
    request_id = response.headers["X-Request-ID"]
    page = response.get_data(as_text=True)
    assert f"Quote this reference when you report it: <code>{request_id}</code>" in page


def test_a_failure_page_shows_the_request_id_to_quote(app, client, monkeypatch, log_lines):
    def broken() -> str:
        raise RuntimeError("a bug")

    monkeypatch.setitem(app.view_functions, "home.health", broken)
    response = client.get("/healthz")
    assert response.status_code == 500
    request_id = response.headers["X-Request-ID"]
    assert f"<code>{request_id}</code>" in response.get_data(as_text=True)
    assert log_lines()[-1] | {"time": "", "duration_ms": 0.0, "queries": 0} == {
        "time": "",
        "request_id": request_id,
        "person_id": None,
        "method": "GET",
        "route": "/healthz",
        "status": 500,
        "duration_ms": 0.0,
        "queries": 0,
    }


def test_an_api_error_carries_the_request_id_in_its_body(client):
    response = client.get("/api/v1/no-such-thing", headers={"X-Request-ID": "client-ref-1"})
    assert response.status_code == 404
    assert response.headers["X-Request-ID"] == "client-ref-1"
    assert response.get_json()["error"]["request_id"] == "client-ref-1"


def test_every_answer_has_a_request_id_even_a_static_file(client: FlaskClient):
    first = client.get("/static/app/app.css")
    second = client.get("/static/app/app.css")
    assert HEX_ID.fullmatch(first.headers["X-Request-ID"])
    assert first.headers["X-Request-ID"] != second.headers["X-Request-ID"]
    first.close()
    second.close()


def test_outside_production_the_line_is_plain_text_with_the_same_fields(app, client, caplog):
    app.config["LOG_FORMAT"] = "text"
    caplog.set_level(logging.INFO, logger=LOGGER_NAME)
    response = client.get("/healthz")
    (message,) = [r.getMessage() for r in caplog.records if r.name == LOGGER_NAME]
    assert "\n" not in message
    assert [part.split("=", 1)[0] for part in message.split(" ")] == list(FIELDS)
    assert f"request_id={response.headers['X-Request-ID']}" in message
    assert "route=/healthz status=200" in message
    assert "person_id=-" in message


def test_a_served_request_prints_its_line_on_stderr_once(app, client, capsys):
    app.config["TESTING"] = False  # served for real: the tests keep their lines off stderr
    response = client.get("/healthz")
    printed = [line for line in capsys.readouterr().err.splitlines() if "route=/healthz" in line]
    assert len(printed) == 1
    assert response.headers["X-Request-ID"] in printed[0]


def test_in_the_tests_lines_reach_the_log_handlers_but_not_stderr(client, capsys, log_lines):
    client.get("/healthz")
    assert log_lines()[-1]["route"] == "/healthz"
    assert "/healthz" not in capsys.readouterr().err
