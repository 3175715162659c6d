"""Numbers, dates and text the database cannot hold get a 4xx with a reason, never a 500.

An id is an INTEGER column: 32 bits on PostgreSQL, 64 on SQLite; Python reads any number of
digits. Every `<int:…>` route is walked with ids beyond each limit; query strings and JSON
bodies are sent the same numbers, dates at the edges of the calendar, and NUL characters
(which PostgreSQL refuses to store).
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.routing import Rule

from tests.conftest import csrf_token, sign_in
from tests.desk import ENGLISH, Desk
from translate_flow.core.web.converters import at_most
from translate_flow.domain.models import Role, Translation

BEYOND_POSTGRES = str(2**31)
BEYOND_SQLITE = str(2**63)
# The issue's own example, and more digits than Python turns into an int at all.
HUGE = "99999999999999999999999"
ENDLESS = "9" * 5000
# `\d` matches these; they are no one's id.
NOT_ASCII = ["²", "٣"]
OUT_OF_RANGE = [BEYOND_POSTGRES, BEYOND_SQLITE, HUGE, ENDLESS]


@dataclass
class Caller:
    client: FlaskClient
    headers: dict[str, str]

    def send(self, method: str, url: str, **kwargs: object):  # type: ignore[no-untyped-def]
        return self.client.open(url, method=method, headers=self.headers, **kwargs)


@pytest.fixture
def coordinator(app: Flask, desk: Desk, make_user) -> Caller:  # type: ignore[no-untyped-def]
    """A coordinator who is also an admin, signed in, with the CSRF header on every request:
    the requests get past the form checks and reach the code that reads the ids."""
    user = make_user(Role.COORDINATOR, Role.ADMIN, pairs=["ja:en"], reviews=["ja:en"])
    client = app.test_client()
    assert sign_in(client, user.email).status_code == 302
    return Caller(client, {"X-CSRFToken": csrf_token(client)})


def _real_ids(desk: Desk) -> dict[str, str]:
    with desk.session() as session:
        translation = session.get(Translation, desk.translation_id)
        assert translation is not None
        article_id = translation.article_id
    return {
        "translation_id": str(desk.translation_id),
        "segment_id": str(desk.segment_ids[1]),
        "article_id": str(article_id),
        "user_id": str(desk.translator.id),
    }


# What the routes' other parts are filled with: plausible values, so that only the id is wrong.
OTHER_PARTS = {
    "slug": "a-slug",
    "action": "submit",
    "decision": "approve",
    "language": "en",
    "token": "a-token",
    "kind": "json",
    "check": "numbers",
    "name": "my-months",
}


def _int_arguments(rule: Rule) -> list[str]:
    return [
        name
        for name, converter in rule._converters.items()
        if rule.rule.find(f"<int:{name}>") != -1
        or type(converter).__name__ in {"IntegerConverter", "IdConverter"}
    ]


def _urls_with_one_bad_id(rule: Rule, real: dict[str, str], bad: str) -> Iterator[str]:
    """The rule's path with `bad` in one int part at a time, real values everywhere else."""
    ints = _int_arguments(rule)
    for target in ints:
        path = rule.rule
        for name in rule.arguments:
            if name == target:
                value = bad
            elif name in ints:
                value = real.get(name, "1")
            else:
                value = OTHER_PARTS[name]
            path = path.replace(f"<int:{name}>", value).replace(f"<{name}>", value)
            path = path.replace(f"<any(approve, delete):{name}>", value)
            path = path.replace(f"<any(html, md, json):{name}>", value)
        assert "<" not in path, f"fill in the placeholders of {rule.rule}"
        yield path


def _int_rules(app: Flask) -> list[Rule]:
    return [rule for rule in app.url_map.iter_rules() if _int_arguments(rule)]


@pytest.mark.parametrize("limit", [0, 7, 10, 99, 305, 1000, 2**31 - 1])
def test_the_converters_pattern_holds_exactly_the_numbers_up_to_its_limit(limit):
    pattern = re.compile(f"(?:{at_most(limit)})")
    near = {limit - 1, limit, limit + 1, 2 * limit, 10 ** len(str(limit)), 10 * limit + 9}
    for number in set(range(1200)) | near:
        assert bool(pattern.fullmatch(str(number))) == (0 <= number <= limit), number


def test_the_walk_finds_the_desks_and_the_apis_int_routes(app):
    rules = {rule.rule for rule in _int_rules(app)}
    assert "/sources/<int:outlet_id>" in rules
    assert "/translators/<int:user_id>" in rules
    assert "/api/v1/translations/<int:translation_id>/segments/<int:segment_id>" in rules
    assert len(rules) > 40


@pytest.mark.parametrize("bad", OUT_OF_RANGE + NOT_ASCII)
def test_every_int_route_answers_404_to_an_id_no_column_can_hold(app, desk, coordinator, bad):
    real = _real_ids(desk)
    answers: dict[str, int] = {}
    for rule in _int_rules(app):
        for url in _urls_with_one_bad_id(rule, real, bad):
            for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
                kwargs = {"json": {}} if rule.rule.startswith("/api/") and method != "GET" else {}
                response = coordinator.send(method, url, **kwargs)
                answers[f"{method} {url[:80]}"] = response.status_code
    wrong = {request: status for request, status in answers.items() if status != 404}
    assert not wrong, wrong


def test_a_path_id_in_range_that_does_not_exist_is_still_a_404(app, coordinator):
    for url in ("/sources/2147483647", "/translators/2147483647", "/api/v1/articles/2147483647"):
        assert coordinator.send("GET", url).status_code == 404, url


def test_the_largest_id_still_reaches_the_view(app, desk, coordinator):
    # The converter refuses what the column cannot hold, not what it can.
    response = coordinator.send("GET", "/api/v1/translations/2147483647")
    assert response.status_code == 404
    assert response.get_json()["error"]["code"] == "not_found"
    response = coordinator.send("GET", "/api/v1/translations/0002147483647")
    assert response.status_code == 404


# --- Query strings ---------------------------------------------------------------------------

DESK_QUERIES = [
    "/articles/?page={n}",
    "/articles/?outlet={n}",
    "/articles/?published_from=0001-01-01&published_to=9999-12-31",
    "/articles/{article_id}/revisions?from={n}&to={n}",
    "/articles/import?suggestion={n}",
    "/feeds/?outlet={n}&page={n}",
    "/people/?page={n}",
    "/notifications/?page={n}",
    "/admin/outbox?page={n}",
    "/moderation/?page={n}",
    "/board/?person={n}&outlet={n}",
    "/board/?column=draft&page={n}",
    "/translations/{translation_id}/compare?from={n}&to={n}",
    "/translations/{translation_id}/review-changes?round={n}",
    "/?page={n}&outlet={n}",
    "/sources/1?page={n}",
    "/translators/{user_id}?page={n}",
]


def test_a_desk_page_reads_a_number_out_of_range_like_a_malformed_one(desk, coordinator):
    """The desk's pages ignore a filter or page number they cannot use, as they ignore `?page=x`."""
    real = _real_ids(desk)
    answers = {
        url: coordinator.send("GET", url).status_code
        for query in DESK_QUERIES
        for bad in (BEYOND_POSTGRES, BEYOND_SQLITE, ENDLESS, "²")
        for url in [query.format(n=bad, **real)]
    }
    # /sources/1 is a 404 whatever the page: the desk has no outlet.
    wrong = {url[:100]: status for url, status in answers.items() if status not in (200, 404)}
    assert not wrong, wrong


API_QUERIES = [
    ("/api/v1/articles?page={n}", "page"),
    ("/api/v1/articles?per_page={n}", "per_page"),
    ("/api/v1/articles?outlet_id={n}", "outlet_id"),
    ("/api/v1/translations?page={n}", "page"),
    ("/api/v1/translations?translator_id={n}", "translator_id"),
    ("/api/v1/translations?article_id={n}", "article_id"),
    ("/api/v1/published?page={n}", "page"),
    ("/api/v1/published?outlet_id={n}", "outlet_id"),
]


def test_an_api_query_number_out_of_range_is_a_400_that_names_it(coordinator):
    wrong = {}
    for query, name in API_QUERIES:
        for bad in (BEYOND_POSTGRES, BEYOND_SQLITE, ENDLESS, "²", "٣", "0", "-1"):
            response = coordinator.send("GET", query.format(n=bad))
            if response.status_code != 400 or name not in response.get_json()["error"]["message"]:
                wrong[query.format(n=bad[:12])] = response.status_code
    assert not wrong, wrong


def test_the_api_still_accepts_the_largest_page_and_id(coordinator):
    for url in (
        "/api/v1/articles?page=2147483647&outlet_id=2147483647",
        "/api/v1/translations?page=2147483647&translator_id=2147483647&article_id=2147483647",
        "/api/v1/published?page=2147483647&outlet_id=2147483647",
    ):
        response = coordinator.send("GET", url)
        assert response.status_code == 200, url
        assert response.get_json()["items"] == []


@pytest.mark.parametrize("bad", ["0001-01-01", "9999-12-31", "2024-02-30", "+2024-01-01"])
def test_an_api_date_filter_outside_the_calendar_is_a_400(coordinator, bad):
    for name in ("published_from", "published_to"):
        response = coordinator.send("GET", f"/api/v1/articles?{name}={bad}")
        assert response.status_code == 400, response.get_data(as_text=True)
        assert name in response.get_json()["error"]["message"]


# --- JSON bodies -----------------------------------------------------------------------------


def _api_bodies(real: dict[str, str], bad: int) -> list[tuple[str, str, dict[str, object], str]]:
    translation = f"/api/v1/translations/{real['translation_id']}"
    segment = f"{translation}/segments/{real['segment_id']}"
    article = {"title": "T", "body": "B", "source_language": "ja"}
    return [
        ("POST", f"{translation}/comments", {"body": "x", "parent_id": bad}, "parent_id"),
        ("POST", f"{translation}/comments", {"body": "x", "segment_id": bad}, "segment_id"),
        ("POST", f"{translation}/assign", {"translator_id": bad}, "translator_id"),
        (
            "POST",
            f"{translation}/assign",
            {"translator_id": int(real["user_id"]), "reviewer_id": bad},
            "reviewer_id",
        ),
        ("PUT", segment, {"text": "x", "base_version": bad}, "base_version"),
        ("POST", "/api/v1/articles", article | {"outlet_id": bad}, "outlet_id"),
        ("PATCH", f"/api/v1/articles/{real['article_id']}", {"outlet_id": bad}, "outlet_id"),
    ]


@pytest.mark.parametrize("bad", [2**31, 2**63, 10**23, -1, 2**31 * -1])
def test_a_json_number_out_of_range_is_a_400_that_names_the_field(desk, coordinator, bad):
    for method, url, body, name in _api_bodies(_real_ids(desk), bad):
        response = coordinator.send(method, url, json=body)
        assert response.status_code == 400, (method, url, body, response.get_data(as_text=True))
        assert name in response.get_json()["error"]["message"], (url, body)


@pytest.mark.parametrize(
    "due_at",
    [
        "9999-12-31T23:59:59-12:00",  # past the last moment Python can hold, in UTC
        "0001-01-01T00:00:00+01:00",  # before the first
        "9999-12-31T23:59:59+00:00",  # holdable, but a grace period later is not
        "0001-01-01T00:00:00Z",
        "2026-13-01T00:00:00Z",
    ],
)
def test_a_due_date_at_the_edge_of_the_calendar_is_a_400(desk, coordinator, due_at):
    real = _real_ids(desk)
    response = coordinator.send(
        "POST",
        f"/api/v1/translations/{real['translation_id']}/assign",
        json={"translator_id": int(real["user_id"]), "due_at": due_at},
    )
    assert response.status_code == 400, response.get_data(as_text=True)
    assert "due_at" in response.get_json()["error"]["message"]


@pytest.mark.parametrize("published_on", ["0001-01-01", "9999-12-31", "0999-12-31"])
def test_a_publication_date_at_the_edge_of_the_calendar_is_a_400(coordinator, published_on):
    response = coordinator.send(
        "POST",
        "/api/v1/articles",
        json={"title": "T", "body": "B", "source_language": "ja", "published_on": published_on},
    )
    assert response.status_code == 400, response.get_data(as_text=True)
    assert "published_on" in response.get_json()["error"]["message"]


def test_the_edges_of_the_accepted_calendar_are_accepted(desk, coordinator):
    for day in ("1000-01-01", "8999-12-31"):
        response = coordinator.send(
            "POST",
            "/api/v1/articles",
            json={"title": day, "body": "B", "source_language": "ja", "published_on": day},
        )
        assert response.status_code == 201, response.get_data(as_text=True)
        assert response.get_json()["published_on"] == day


# --- Desk forms ------------------------------------------------------------------------------


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
def test_a_desk_form_date_at_the_edge_of_the_calendar_is_refused_on_the_form(
    desk, coordinator, day
):
    real = _real_ids(desk)
    assign = coordinator.send(
        "POST",
        f"/translations/{real['translation_id']}/assign",
        data={"translator_id": real["user_id"], "due_on": day},
    )
    assert assign.status_code == 400
    assert "between the years 1000 and 8999" in assign.get_data(as_text=True)
    article = coordinator.send(
        "POST",
        f"/articles/{real['article_id']}/edit",
        data={"title": "T", "body": "B", "source_language": "ja", "published_on": day},
    )
    assert article.status_code == 400
    assert "between the years 1000 and 8999" in article.get_data(as_text=True)


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
def test_a_publication_planned_at_the_edge_of_the_calendar_is_refused_on_the_form(
    desk, coordinator, day
):
    for index, text in enumerate(ENGLISH):
        desk.write(desk.translator, index, text)
    desk.submit()
    desk.take_review()
    desk.approve()
    response = coordinator.send(
        "POST",
        f"/translations/{desk.translation_id}/schedule",
        data={"publish_at": f"{day}T12:00"},
    )
    assert response.status_code == 400
    assert "between the years 1000 and 8999" in response.get_data(as_text=True)


@pytest.fixture
def translator(app: Flask, desk: Desk) -> Caller:
    """Dorothy, who holds the desk's translation in draft, signed in."""
    client = app.test_client()
    assert sign_in(client, desk.translator.email).status_code == 302
    return Caller(client, {"X-CSRFToken": csrf_token(client)})


@pytest.mark.parametrize("bad", [BEYOND_POSTGRES, BEYOND_SQLITE, ENDLESS, "-1", "²"])
def test_a_desk_form_number_out_of_range_is_refused(desk, coordinator, translator, bad):
    real = _real_ids(desk)
    translation = f"/translations/{real['translation_id']}"
    row = {
        "segments-0-segment_id": real["segment_id"],
        "segments-0-version": "0",
        "segments-0-text": "x",
    }
    for caller, url, data in (
        (translator, f"{translation}/edit", row | {"segments-0-segment_id": bad}),
        (translator, f"{translation}/edit", row | {"segments-0-version": bad}),
        (translator, f"{translation}/revisions/1/restore", {"base_version": bad}),
        (coordinator, f"{translation}/comments", {"body": "x", "segment_id": bad}),
        (coordinator, f"{translation}/comments", {"body": "x", "parent_id": bad}),
        (coordinator, f"/people/{real['user_id']}", {"display_name": "D", "capacity": bad}),
    ):
        response = caller.send("POST", url, data=data)
        assert response.status_code in (302, 400, 404), (url, data, response.status_code)


# --- Text PostgreSQL cannot store ------------------------------------------------------------


def test_a_nul_character_in_json_is_a_400(desk, coordinator):
    real = _real_ids(desk)
    translation = f"/api/v1/translations/{real['translation_id']}"
    for method, url, body in (
        ("POST", f"{translation}/comments", {"body": "before\x00after"}),
        (
            "PUT",
            f"{translation}/segments/{real['segment_id']}",
            {"text": "a\x00", "base_version": 0},
        ),
        ("POST", "/api/v1/articles", {"title": "T\x00", "body": "B", "source_language": "ja"}),
        ("PATCH", "/api/v1/me", {"bio": "\x00"}),
        ("POST", "/api/v1/outlets", {"name": "N", "language": "ja", "notes": ["\x00"]}),
        ("POST", f"{translation}/transitions", {"action": "submit", "reason": "\x00"}),
    ):
        response = coordinator.send(method, url, json=body)
        assert response.status_code == 400, (url, response.get_data(as_text=True))
        assert "NUL" in response.get_json()["error"]["message"]


def test_an_unpaired_surrogate_in_json_is_a_400(coordinator):
    response = coordinator.send(
        "PATCH",
        "/api/v1/me",
        data='{"bio": "\\ud800"}',
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.get_json()["error"]["message"]


def test_a_nul_character_in_a_form_or_query_is_a_400(desk, coordinator):
    real = _real_ids(desk)
    form = coordinator.send(
        "POST",
        f"/translations/{real['translation_id']}/comments",
        data={"body": "before\x00after"},
    )
    assert form.status_code == 400
    assert "NUL" in form.get_data(as_text=True)
    for url in (
        "/articles/?q=%00",
        "/api/v1/articles?q=%00",
        "/api/v1/published?q=a%00b",
        "/read/a%00b",
        "/api/v1/published/a%00b",
        "/?tag=%00",
    ):
        response = coordinator.send("GET", url)
        assert response.status_code == 400, url


@pytest.mark.parametrize("depth", [900, 5000, 100_000])
def test_a_json_body_nested_too_deeply_is_a_400(coordinator, depth):
    response = coordinator.send(
        "POST",
        "/api/v1/outlets",
        data='{"name": ' + "[" * depth + "]" * depth + "}",
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.get_json()["error"]["message"]


# --- Content-Length games --------------------------------------------------------------------


@pytest.mark.parametrize("length", ["-1", "abc", "99999999999999999999999", "5", "100000"])
def test_a_lying_content_length_is_not_a_500(desk, coordinator, length):
    real = _real_ids(desk)
    response = coordinator.client.open(
        f"/api/v1/translations/{real['translation_id']}/comments",
        method="POST",
        data=b'{"body": "hello there"}',
        headers=coordinator.headers
        | {"Content-Type": "application/json", "Content-Length": length},
    )
    assert response.status_code in (201, 400, 413), response.get_data(as_text=True)
