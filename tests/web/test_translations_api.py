"""API v1 translations: the whole road from the pool to publication, and every refusal.

A refused request answers a JSON error that says what was wrong, and leaves every row of
every table as it was (`unchanged`).
"""

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select, update

from tests.conftest import csrf_token, sign_in
from tests.factories import ArticleFactory, UserFactory
from tests.query_count import counting_queries
from tests.web.snapshot import database_snapshot
from tests.web.test_articles_api import assert_error, token_client
from translate_flow.domain.models import Role, Translation, TranslationSegment, User


@dataclass
class Person:
    user: User
    api: FlaskClient

    @property
    def ref(self) -> dict[str, Any]:
        return {"id": self.user.id, "name": self.user.display_name}


@dataclass
class Desk:
    coordinator: Person
    anna: Person  # translator, ja→en
    ben: Person  # translator, ja→en
    rita: Person  # reviewer, ja→en
    outsider: Person  # translator of another pair


@pytest.fixture
def desk(app: Flask, make_user: UserFactory) -> Desk:
    def person(*roles: Role, **fields: Any) -> Person:
        user = make_user(*roles, **fields)
        return Person(user, token_client(app, user))

    return Desk(
        coordinator=person(Role.COORDINATOR, name="Carla"),
        anna=person(Role.TRANSLATOR, name="Anna", pairs=["ja:en"]),
        ben=person(Role.TRANSLATOR, name="Ben", pairs=["ja:en"]),
        rita=person(Role.REVIEWER, name="Rita", reviews=["ja:en"]),
        outsider=person(Role.TRANSLATOR, name="Olga", pairs=["fr:en"]),
    )


@pytest.fixture
def article_id(app: Flask, desk: Desk, make_article: ArticleFactory) -> int:
    """A Japanese article with no translation yet (title and two paragraphs)."""
    app.config["TARGET_LANGUAGES"] = []
    return make_article(desk.coordinator.user).id


@pytest.fixture
def translation_id(desk: Desk, article_id: int) -> int:
    """An open ja→en translation, created through the API."""
    response = desk.coordinator.api.post(
        f"/api/v1/articles/{article_id}/translations", json={"target_language": "en"}
    )
    assert response.status_code == 201, response.get_data(as_text=True)
    identifier: int = response.get_json()["id"]
    return identifier


@pytest.fixture
def unchanged(db) -> Callable[[], AbstractContextManager[None]]:  # type: ignore[no-untyped-def]
    """`with unchanged(): …` fails unless the block left every row of every table as it was."""

    @contextmanager
    def _unchanged() -> Iterator[None]:
        before = database_snapshot(db)
        yield
        assert database_snapshot(db) == before

    return _unchanged


def fill(app: Flask, translation_id: int, text: str = "Translated.") -> None:
    """Write every segment's text straight into the database (the editor API comes later)."""
    with app.extensions["translate_flow.db"].transaction() as session:
        for row in session.scalars(
            select(TranslationSegment).where(TranslationSegment.translation_id == translation_id)
        ):
            row.text = text
            row.version += 1


def read(client: FlaskClient, translation_id: int) -> dict[str, Any]:
    response = client.get(f"/api/v1/translations/{translation_id}")
    assert response.status_code == 200, response.get_data(as_text=True)
    body: dict[str, Any] = response.get_json()
    return body


def translation_of(client: FlaskClient, article_id: int) -> int:
    """The id of the article's one translation, found through the list."""
    [item] = client.get(f"/api/v1/translations?article_id={article_id}").get_json()["items"]
    identifier: int = item["id"]
    return identifier


def move(client: FlaskClient, translation_id: int, action: str, **fields: Any):  # type: ignore[no-untyped-def]
    return client.post(
        f"/api/v1/translations/{translation_id}/transitions", json={"action": action} | fields
    )


def claim(client: FlaskClient, translation_id: int):  # type: ignore[no-untyped-def]
    return client.post(f"/api/v1/translations/{translation_id}/claim")


def assign(client: FlaskClient, translation_id: int, **fields: Any):  # type: ignore[no-untyped-def]
    return client.post(f"/api/v1/translations/{translation_id}/assign", json=fields)


def state_after(response) -> str:  # type: ignore[no-untyped-def]
    assert response.status_code == 200, response.get_data(as_text=True)
    body = response.get_json()
    assert body["translation"]["state"] == body["state"]
    state: str = body["state"]
    return state


def in_future(days: int = 7) -> str:
    return (datetime.now(UTC) + timedelta(days=days)).replace(microsecond=0).isoformat()


def set_columns(app: Flask, translation_id: int, **values: Any) -> None:
    with app.extensions["translate_flow.db"].transaction() as session:
        session.execute(
            update(Translation).where(Translation.id == translation_id).values(**values)
        )


# --- The whole road ------------------------------------------------------------------------------


def test_a_translation_goes_from_the_pool_to_publication(app, desk, article_id, unchanged):
    created = desk.coordinator.api.post(
        f"/api/v1/articles/{article_id}/translations", json={"target_language": "EN"}
    )
    assert created.status_code == 201, created.get_data(as_text=True)
    translation = created.get_json()
    tid = translation["id"]
    assert created.headers["Location"] == f"/api/v1/translations/{tid}"
    assert (translation["state"], translation["target_language"]) == ("open", "en")
    assert (translation["translator"], translation["reviewer"], translation["due_at"]) == (
        None,
        None,
        None,
    )
    assert [(s["kind"], s["text"], s["version"]) for s in translation["segments"]] == [
        ("title", "", 0),
        ("paragraph", "", 0),
        ("paragraph", "", 0),
    ]
    assert read(desk.anna.api, tid)["available_actions"] == ["claim"]

    claimed = claim(desk.anna.api, tid)
    assert state_after(claimed) == "draft"
    assert claimed.get_json()["from"] == "open"
    held = claimed.get_json()["translation"]
    assert held["translator"] == desk.anna.ref
    claimed_at = datetime.fromisoformat(held["claimed_at"])
    assert datetime.fromisoformat(held["due_at"]) - claimed_at == timedelta(days=14)

    with unchanged():
        second = claim(desk.ben.api, tid)
    assert_error(second, 409, "conflict", "Anna is already translating this")

    with unchanged():
        early = move(desk.anna.api, tid, "submit")
    assert_error(early, 409, "conflict", "3 segment(s) are still empty")

    fill(app, tid)
    submitted = move(desk.anna.api, tid, "submit")
    assert state_after(submitted) == "in_review"
    assert submitted.get_json()["translation"]["submitted_at"] is not None

    with unchanged():
        no_reason = move(desk.rita.api, tid, "request_changes")
    assert_error(no_reason, 400, "invalid", "Say why changes are needed")

    sent_back = move(
        desk.rita.api,
        tid,
        "request_changes",
        change_reason="terminology",
        reason="Use “Diet”, not “parliament”.",
    )
    assert state_after(sent_back) == "draft"
    assert sent_back.get_json()["translation"]["reviewer"] == desk.rita.ref

    assert state_after(move(desk.anna.api, tid, "submit")) == "in_review"

    with unchanged():
        own = move(desk.anna.api, tid, "approve")
    assert_error(own, 403, "forbidden", "Only reviewers of the pair and coordinators may approve")

    assert state_after(move(desk.rita.api, tid, "approve")) == "approved"
    published = move(desk.coordinator.api, tid, "publish")
    assert state_after(published) == "published"
    assert published.get_json()["translation"]["available_actions"] == ["unpublish", "reopen"]

    events = desk.anna.api.get(f"/api/v1/translations/{tid}/events").get_json()["items"]
    assert [(e["action"], e["from"], e["to"], e["actor"]) for e in events] == [
        ("created", None, None, desk.coordinator.ref),
        ("claim", "open", "draft", desk.anna.ref),
        ("submit", "draft", "in_review", desk.anna.ref),
        ("request_changes", "in_review", "draft", desk.rita.ref),
        ("submit", "draft", "in_review", desk.anna.ref),
        ("approve", "in_review", "approved", desk.rita.ref),
        ("publish", "approved", "published", desk.coordinator.ref),
    ]
    assert [e["id"] for e in events] == sorted(e["id"] for e in events)
    times = [datetime.fromisoformat(e["at"]) for e in events]
    assert times == sorted(times)
    assert all(t.utcoffset() == timedelta(0) for t in times)
    change_request = events[3]
    assert (change_request["change_reason"], change_request["reason"]) == (
        "terminology",
        "Use “Diet”, not “parliament”.",
    )
    assert events[0]["details"] == {"target_language": "en"}
    assert all(e["override"] is None for e in events)


def test_coordinator_assigns_a_translator_and_reviewer_with_a_due_date(desk, translation_id):
    tokyo = timezone(timedelta(hours=9))
    due = (datetime.now(tokyo) + timedelta(days=30)).replace(hour=18, minute=0, second=0)
    due = due.replace(microsecond=0)
    response = assign(
        desk.coordinator.api,
        translation_id,
        translator_id=desk.anna.user.id,
        reviewer_id=desk.rita.user.id,
        due_at=due.isoformat(),  # 18:00 in Tokyo is 09:00 UTC
    )

    assert state_after(response) == "draft"
    translation = response.get_json()["translation"]
    assert (translation["translator"], translation["reviewer"]) == (desk.anna.ref, desk.rita.ref)
    assert translation["due_at"] == due.astimezone(UTC).isoformat()
    assert translation["due_at"].endswith("T09:00:00+00:00")
    assert read(desk.anna.api, translation_id)["available_actions"] == ["release", "submit"]
    [_created, assigned] = desk.coordinator.api.get(
        f"/api/v1/translations/{translation_id}/events"
    ).get_json()["items"]
    assert (assigned["action"], assigned["actor"]) == ("assign", desk.coordinator.ref)
    assert assigned["details"] == {
        "translator_id": desk.anna.user.id,
        "reviewer_id": desk.rita.user.id,
        "due_at": translation["due_at"],
    }


def test_coordinator_hands_a_draft_on_to_another_translator(desk, translation_id):
    assert state_after(claim(desk.anna.api, translation_id)) == "draft"

    response = assign(desk.coordinator.api, translation_id, translator_id=desk.ben.user.id)

    assert state_after(response) == "draft"
    translation = response.get_json()["translation"]
    assert translation["translator"] == desk.ben.ref
    # Without a date, the claim period counts from the hand-over.
    due = datetime.fromisoformat(translation["due_at"])
    assert due - datetime.fromisoformat(translation["claimed_at"]) == timedelta(days=14)


def test_the_other_actions_are_accepted_too(app, desk, translation_id):
    tid = translation_id
    assert state_after(claim(desk.anna.api, tid)) == "draft"
    assert state_after(move(desk.anna.api, tid, "release")) == "open"
    assert state_after(claim(desk.ben.api, tid)) == "draft"
    fill(app, tid)
    assert state_after(move(desk.ben.api, tid, "submit")) == "in_review"
    taken = move(desk.rita.api, tid, "claim_review")
    assert state_after(taken) == "in_review"
    assert taken.get_json()["translation"]["reviewer"] == desk.rita.ref
    released = move(desk.rita.api, tid, "release_review")
    assert released.get_json()["translation"]["reviewer"] is None
    assert state_after(move(desk.coordinator.api, tid, "withdraw", reason="Duplicate")) == (
        "withdrawn"
    )
    assert state_after(move(desk.coordinator.api, tid, "restore")) == "open"


def test_published_translation_is_unpublished_and_reopened_with_reasons(
    app, desk, translation_id, unchanged
):
    tid = translation_id
    claim(desk.anna.api, tid)
    fill(app, tid)
    move(desk.anna.api, tid, "submit")
    move(desk.rita.api, tid, "approve")
    assert state_after(move(desk.coordinator.api, tid, "publish")) == "published"

    for action in ("unpublish", "reopen"):
        with unchanged():
            response = move(desk.coordinator.api, tid, action, reason="  ")
        assert_error(response, 400, "invalid", "Give a reason")
    assert state_after(move(desk.coordinator.api, tid, "unpublish", reason="Legal")) == (
        "unpublished"
    )
    assert state_after(move(desk.coordinator.api, tid, "reopen", reason="Fix it")) == "draft"
    events = desk.coordinator.api.get(f"/api/v1/translations/{tid}/events").get_json()["items"]
    assert [(e["action"], e["reason"]) for e in events[-2:]] == [
        ("unpublish", "Legal"),
        ("reopen", "Fix it"),
    ]


def test_coordinator_approves_own_translation_only_with_a_recorded_override(
    app, make_user, desk, translation_id, unchanged
):
    both = make_user(Role.COORDINATOR, Role.TRANSLATOR, name="Cora", pairs=["ja:en"])
    cora = Person(both, token_client(app, both))
    claim(cora.api, translation_id)
    fill(app, translation_id)
    move(cora.api, translation_id, "submit")

    with unchanged():
        response = move(cora.api, translation_id, "approve")
    assert_error(response, 403, "forbidden", "give a written reason")

    approved = move(cora.api, translation_id, "approve", override="Deadline; Rita is away.")
    assert state_after(approved) == "approved"
    events = cora.api.get(f"/api/v1/translations/{translation_id}/events").get_json()["items"]
    assert (events[-1]["action"], events[-1]["override"]) == ("approve", "Deadline; Rita is away.")


def test_a_translator_at_capacity_cannot_claim(app, make_user, desk, make_article, unchanged):
    busy = make_user(Role.TRANSLATOR, pairs=["ja:en"], capacity=1)
    client = token_client(app, busy)
    app.config["TARGET_LANGUAGES"] = ["en"]
    first, second = (make_article(desk.coordinator.user) for _ in range(2))
    ids = [translation_of(desk.coordinator.api, a.id) for a in (first, second)]
    assert state_after(claim(client, ids[0])) == "draft"

    with unchanged():
        response = claim(client, ids[1])
    assert_error(response, 409, "conflict", "your capacity")


# --- Reading a translation -----------------------------------------------------------------------


def test_translation_shows_active_segments_in_order_with_their_flags(app, desk, translation_id):
    with app.extensions["translate_flow.db"].transaction() as session:
        rows = list(
            session.scalars(
                select(TranslationSegment)
                .where(TranslationSegment.translation_id == translation_id)
                .order_by(TranslationSegment.segment_id)
            )
        )
        title, first, second = rows
        title.text, title.version = "Title in English", 3
        first.leave_untranslated = True
        second.text, second.source_changed_from_id = "Old text", second.segment_id
        segment_ids = [row.segment_id for row in rows]

    translation = read(desk.rita.api, translation_id)

    assert translation["article"]["id"] > 0
    assert translation["article"]["source_language"] == "ja"
    assert translation["article"]["title"].startswith("Article ")
    assert translation["article"]["url"].endswith(f"/articles/{translation['article']['id']}")
    assert translation["available_actions"] == []
    # The checks' findings are tested in test_checks_in_editor.
    assert [{k: v for k, v in s.items() if k != "findings"} for s in translation["segments"]] == [
        {
            "segment_id": segment_ids[0],
            "position": 0,
            "kind": "title",
            "source": translation["article"]["title"],
            "source_tagged": translation["article"]["title"],
            "tags": [],
            "text": "Title in English",
            "version": 3,
            "leave_untranslated": False,
            "source_changed": False,
        },
        {
            "segment_id": segment_ids[1],
            "position": 1,
            "kind": "paragraph",
            "source": translation["segments"][1]["source"],
            "source_tagged": translation["segments"][1]["source"],
            "tags": [],
            "text": "",
            "version": 0,
            "leave_untranslated": True,
            "source_changed": False,
        },
        {
            "segment_id": segment_ids[2],
            "position": 2,
            "kind": "paragraph",
            "source": "Second paragraph.",
            "source_tagged": "Second paragraph.",
            "tags": [],
            "text": "Old text",
            "version": 0,
            "leave_untranslated": False,
            "source_changed": True,
        },
    ]

    with app.extensions["translate_flow.db"].transaction() as session:
        session.execute(
            update(TranslationSegment)
            .where(TranslationSegment.segment_id == segment_ids[1])
            .values(set_aside_at=datetime.now(UTC))
        )
    segments = read(desk.rita.api, translation_id)["segments"]
    assert [s["segment_id"] for s in segments] == [segment_ids[0], segment_ids[2]]


def test_reading_a_translation_takes_the_same_queries_however_long_it_is(app, desk, make_article):
    app.config["TARGET_LANGUAGES"] = ["en"]
    counts = []
    for paragraphs in (1, 30):
        article = make_article(
            desk.coordinator.user, body="\n\n".join(f"Paragraph {n}." for n in range(paragraphs))
        )
        tid = translation_of(desk.anna.api, article.id)
        assign(desk.coordinator.api, tid, translator_id=desk.anna.user.id)
        with counting_queries(app) as statements:
            response = desk.anna.api.get(f"/api/v1/translations/{tid}")
        assert len(response.get_json()["segments"]) == paragraphs + 1
        counts.append(len(statements))
    assert counts[0] == counts[1]


# --- Listing translations ------------------------------------------------------------------------


@pytest.fixture
def listed(app: Flask, desk: Desk, make_article: ArticleFactory) -> dict[str, int]:
    """Four translations: ja→en open, ja→en Anna's, ja→en Anna's overdue, ja→fr open."""
    app.config["TARGET_LANGUAGES"] = ["en"]
    ids = {}
    for name in ("open", "anna", "late"):
        article = make_article(desk.coordinator.user, title=name)
        ids[name] = translation_of(desk.coordinator.api, article.id)
    app.config["TARGET_LANGUAGES"] = []
    article = make_article(desk.coordinator.user, title="french")
    response = desk.coordinator.api.post(
        f"/api/v1/articles/{article.id}/translations", json={"target_language": "fr"}
    )
    ids["french"] = response.get_json()["id"]
    for name, days in (("anna", 10), ("late", 2)):
        assign(
            desk.coordinator.api, ids[name], translator_id=desk.anna.user.id, due_at=in_future(days)
        )
    set_columns(app, ids["late"], due_at=datetime.now(UTC) - timedelta(hours=1))
    return ids


def ids_of(client: FlaskClient, query: str = "") -> list[int]:
    response = client.get(f"/api/v1/translations{query}")
    assert response.status_code == 200, response.get_data(as_text=True)
    return [item["id"] for item in response.get_json()["items"]]


def test_list_puts_the_soonest_due_first_and_filters(desk, listed):
    api = desk.ben.api
    assert ids_of(api) == [listed["late"], listed["anna"], listed["open"], listed["french"]]
    assert ids_of(api, "?state=open") == [listed["open"], listed["french"]]
    assert ids_of(api, "?target_language=FR") == [listed["french"]]
    assert ids_of(api, f"?translator_id={desk.anna.user.id}") == [listed["late"], listed["anna"]]
    assert ids_of(api, "?overdue=true") == [listed["late"]]
    assert ids_of(api, "?mine=true") == []
    assert ids_of(desk.anna.api, "?mine=true&overdue=false") == [listed["late"], listed["anna"]]
    assert ids_of(api, "?state=draft&overdue=1") == [listed["late"]]


def test_list_items_name_the_article_and_people_without_segments(desk, listed):
    [item] = desk.ben.api.get("/api/v1/translations?overdue=true").get_json()["items"]
    assert item["article"]["title"] == "late"
    assert item["translator"] == desk.anna.ref
    assert "segments" not in item
    assert read(desk.ben.api, item["id"])["id"] == item["id"]
    assert item["url"] == f"/api/v1/translations/{item['id']}"


def test_list_is_paginated(desk, listed):
    response = desk.ben.api.get("/api/v1/translations?per_page=3&page=2")
    body = response.get_json()
    assert (body["page"], body["per_page"], body["total"], body["pages"]) == (2, 3, 4, 2)
    assert [item["id"] for item in body["items"]] == [listed["french"]]
    assert desk.ben.api.get("/api/v1/translations?page=9").get_json()["items"] == []
    assert desk.ben.api.get("/api/v1/translations?per_page=1000").get_json()["per_page"] == 100


def test_listing_takes_the_same_queries_however_many_there_are(app, desk, listed):
    with counting_queries(app) as few:
        assert len(ids_of(desk.ben.api, "?per_page=2")) == 2
    with counting_queries(app) as many:
        assert len(ids_of(desk.ben.api, "?per_page=4")) == 4
    assert len(few) == len(many)


@pytest.mark.parametrize(
    ("query", "code", "message"),
    [
        ("?state=done", "invalid", "state must be one of open, draft"),
        ("?target_language=klingon", "unknown_language", "“klingon” is not a language code"),
        ("?translator_id=anna", "invalid", "translator_id must be a whole number"),
        ("?translator_id=-1", "invalid", "translator_id must be a whole number"),
        ("?article_id=1.5", "invalid", "article_id must be a whole number"),
        ("?mine=yes", "invalid", "mine must be true or false"),
        ("?overdue=late", "invalid", "overdue must be true or false"),
        ("?page=two", "invalid", "page and per_page must be whole numbers"),
        ("?per_page=", "invalid", "page and per_page must be whole numbers"),
    ],
)
def test_a_malformed_filter_is_a_400(desk, query, code, message):
    assert_error(desk.ben.api.get(f"/api/v1/translations{query}"), 400, code, message)


# --- Refusals: who ----------------------------------------------------------------------------


TRANSLATION_ENDPOINTS = [
    ("GET", ""),
    ("GET", "/events"),
    ("POST", "/claim"),
    ("POST", "/assign"),
    ("POST", "/transitions"),
]


@pytest.mark.parametrize(("method", "suffix"), TRANSLATION_ENDPOINTS)
def test_nobody_signed_in_gets_401_and_nothing_changes(
    app, translation_id, unchanged, method, suffix
):
    with unchanged():
        response = app.test_client().open(
            f"/api/v1/translations/{translation_id}{suffix}",
            method=method,
            json={"action": "withdraw", "reason": "x"} if method == "POST" else None,
        )
    assert_error(response, 401, "unauthorized", "Sign in, or send an API token")


def test_nobody_signed_in_can_create_or_list(app, article_id, unchanged):
    client = app.test_client()
    with unchanged():
        created = client.post(
            f"/api/v1/articles/{article_id}/translations", json={"target_language": "en"}
        )
    assert_error(created, 401, "unauthorized", "Sign in")
    assert_error(client.get("/api/v1/translations"), 401, "unauthorized", "Sign in")


@pytest.mark.parametrize(("method", "suffix"), TRANSLATION_ENDPOINTS)
def test_an_unknown_translation_is_a_404(desk, unchanged, method, suffix):
    with unchanged():
        response = desk.coordinator.api.open(
            f"/api/v1/translations/999999{suffix}",
            method=method,
            json={"action": "withdraw", "reason": "x"} if method == "POST" else None,
        )
    assert_error(response, 404, "not_found", "There is no such translation.")


def test_an_unknown_article_is_a_404(desk, unchanged):
    with unchanged():
        response = desk.coordinator.api.post(
            "/api/v1/articles/999999/translations", json={"target_language": "en"}
        )
    assert_error(response, 404, "not_found", "There is no such article.")


def test_only_coordinators_open_translations(desk, article_id, unchanged):
    with unchanged():
        response = desk.anna.api.post(
            f"/api/v1/articles/{article_id}/translations", json={"target_language": "en"}
        )
    assert_error(response, 403, "forbidden", "Only coordinators open translations")


@pytest.mark.parametrize("who", ["anna", "rita"])
def test_only_coordinators_assign(desk, translation_id, unchanged, who):
    client = getattr(desk, who).api
    with unchanged():
        # Even a malformed body: who may assign is checked before the input.
        response = assign(client, translation_id, translator_id="me")
    assert_error(response, 403, "forbidden", "Only coordinators may assign this")


@pytest.mark.parametrize(
    ("who", "message"),
    [
        ("outsider", "Only translators of the pair may claim this"),
        ("rita", "Only translators of the pair may claim this"),
        ("coordinator", "Only translators of the pair may claim this"),
    ],
)
def test_only_translators_of_the_pair_claim(desk, translation_id, unchanged, who, message):
    with unchanged():
        response = claim(getattr(desk, who).api, translation_id)
    assert_error(response, 403, "forbidden", message)


@pytest.mark.parametrize(
    ("who", "action", "fields", "message"),
    [
        ("ben", "submit", {}, "Only its translator and coordinators may submit"),
        ("ben", "release", {}, "Only its translator and coordinators may release"),
        ("anna", "withdraw", {"reason": "Bored"}, "Only coordinators may withdraw"),
        ("rita", "publish", {}, "Only coordinators and reviewers with publishing rights"),
        ("outsider", "approve", {}, "Only reviewers of the pair and coordinators may approve"),
    ],
)
def test_people_cannot_make_moves_that_are_not_theirs(
    app, desk, translation_id, unchanged, who, action, fields, message
):
    claim(desk.anna.api, translation_id)
    fill(app, translation_id)
    with unchanged():
        response = move(getattr(desk, who).api, translation_id, action, **fields)
    assert_error(response, 403, "forbidden", message)


@pytest.mark.parametrize(
    ("action", "fields", "message"),
    [
        ("submit", {}, "is open in the pool, so it cannot be submitted now"),
        ("approve", {}, "is open in the pool, so it cannot be approved now"),
        ("publish", {}, "is open in the pool, so it cannot be published now"),
        ("unpublish", {"reason": "x"}, "cannot be unpublished now"),
        ("reopen", {"reason": "x"}, "cannot be reopened now"),
        ("release_review", {}, "cannot be released from review now"),
        ("restore", {}, "cannot be restored now"),
    ],
)
def test_a_move_not_allowed_from_this_state_is_a_409(
    desk, translation_id, unchanged, action, fields, message
):
    with unchanged():
        response = move(desk.coordinator.api, translation_id, action, **fields)
    assert_error(response, 409, "conflict", message)


def test_a_withdrawn_translation_cannot_be_assigned(desk, translation_id, unchanged):
    move(desk.coordinator.api, translation_id, "withdraw", reason="Duplicate")
    with unchanged():
        response = assign(desk.coordinator.api, translation_id, translator_id=desk.anna.user.id)
    assert_error(response, 409, "conflict", "is withdrawn, so it cannot be assigned now")


def test_claiming_again_says_you_have_it(desk, translation_id, unchanged):
    claim(desk.anna.api, translation_id)
    with unchanged():
        response = claim(desk.anna.api, translation_id)
    assert_error(response, 409, "conflict", "You are already translating this")


def test_a_second_reviewer_is_told_who_reviews_it(app, make_user, desk, translation_id, unchanged):
    rolf = token_client(app, make_user(Role.REVIEWER, name="Rolf", reviews=["ja:en"]))
    claim(desk.anna.api, translation_id)
    fill(app, translation_id)
    move(desk.anna.api, translation_id, "submit")
    assert state_after(move(desk.rita.api, translation_id, "claim_review")) == "in_review"

    with unchanged():
        response = move(rolf, translation_id, "claim_review")
    assert_error(response, 409, "conflict", "Rita is already reviewing this")


def test_a_cookie_session_claims_with_the_csrf_header(app, desk, translation_id, unchanged):
    client = app.test_client()
    assert sign_in(client, desk.anna.user.email).status_code == 302
    with unchanged():
        refused = client.post(f"/api/v1/translations/{translation_id}/claim")
    assert_error(refused, 400, "csrf_failed", "did not come from this site")
    response = client.post(
        f"/api/v1/translations/{translation_id}/claim",
        headers={"X-CSRFToken": csrf_token(client)},
    )
    assert state_after(response) == "draft"


# --- Refusals: input -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("request_body", "code", "message"),
    [
        pytest.param({"json": {}}, "invalid", "target_language is required", id="missing"),
        pytest.param(
            {"json": {"target_language": " "}}, "invalid", "target_language is required", id="blank"
        ),
        pytest.param(
            {"json": {"target_language": 7}}, "invalid", "target_language must be a string", id="n"
        ),
        pytest.param(
            {"json": {"target_language": "klingon"}},
            "unknown_language",
            "“klingon” is not a language code",
            id="unknown language",
        ),
        pytest.param(
            {"json": {"target_language": "ja-JP"}},
            "invalid",
            "into another language than the source",
            id="the source language",
        ),
        pytest.param(
            {"json": {"target_language": "en", "translator_id": 1}},
            "invalid",
            "Unknown field(s): translator_id.",
            id="unknown field",
        ),
        pytest.param({"json": ["en"]}, "invalid", "Send a JSON object", id="a list"),
        pytest.param(
            {"data": "target_language=en", "content_type": "application/x-www-form-urlencoded"},
            "invalid",
            "Send a JSON object",
            id="form data",
        ),
    ],
)
def test_bad_new_translation_is_refused_and_nothing_saved(
    desk, article_id, unchanged, request_body, code, message
):
    with unchanged():
        response = desk.coordinator.api.post(
            f"/api/v1/articles/{article_id}/translations", **request_body
        )
    assert_error(response, 400, code, message)


def test_a_second_translation_into_the_same_language_is_a_409(
    desk, article_id, translation_id, unchanged
):
    with unchanged():
        response = desk.coordinator.api.post(
            f"/api/v1/articles/{article_id}/translations", json={"target_language": "en"}
        )
    assert_error(response, 409, "conflict", "already has a translation into en")


ASSIGN_CASES = [
    pytest.param({}, "translator_id is required", id="no translator"),
    pytest.param({"translator_id": None}, "translator_id is required", id="translator null"),
    pytest.param({"translator_id": "2"}, "translator_id must be a person's id", id="id string"),
    pytest.param({"translator_id": True}, "translator_id must be a person's id", id="id bool"),
    pytest.param(
        {"translator_id": 999_999},
        "translator_id: there is no person with the id 999999",
        id="unknown translator",
    ),
    pytest.param(
        {"translator_id": "anna", "reviewer_id": 999_999},
        "reviewer_id: there is no person with the id 999999",
        id="unknown reviewer",
    ),
    pytest.param(
        {"translator_id": "anna", "reviewer_id": 1.5},
        "reviewer_id must be a person's id",
        id="reviewer not an int",
    ),
    pytest.param({"translator_id": "outsider"}, "Olga does not translate ja→en", id="other pair"),
    pytest.param({"translator_id": "rita"}, "Rita does not translate ja→en", id="not translator"),
    pytest.param(
        {"translator_id": "anna", "reviewer_id": "ben"},
        "Ben does not review ja→en",
        id="reviewer without review right",
    ),
    pytest.param(
        {"translator_id": "anna", "due_at": "2031-03-01T18:00:00"},
        "due_at must be a date and time with a time zone",
        id="due without zone",
    ),
    pytest.param(
        {"translator_id": "anna", "due_at": "2031-03-01"},
        "due_at must be a date and time with a time zone",
        id="due a date",
    ),
    pytest.param(
        {"translator_id": "anna", "due_at": "next friday"},
        "due_at must be a date and time with a time zone",
        id="due words",
    ),
    pytest.param(
        {"translator_id": "anna", "due_at": 1_900_000_000},
        "due_at must be a date and time with a time zone",
        id="due a number",
    ),
    pytest.param(
        {"translator_id": "anna", "due_at": "2020-01-01T00:00:00Z"},
        "The due date must be in the future",
        id="due in the past",
    ),
    pytest.param(
        {"translator_id": "anna", "deadline": "2031-03-01T18:00:00Z"},
        "Unknown field(s): deadline.",
        id="unknown field",
    ),
]


@pytest.mark.parametrize(("fields", "message"), ASSIGN_CASES)
def test_bad_assignment_is_refused_with_a_reason(desk, translation_id, unchanged, fields, message):
    # Names stand for the desk's people, whose ids the test does not know in advance.
    body = {
        key: getattr(desk, value).user.id if value in ("anna", "ben", "rita", "outsider") else value
        for key, value in fields.items()
    }
    with unchanged():
        response = assign(desk.coordinator.api, translation_id, **body)
    assert_error(response, 400, "invalid", message)


def test_assignment_body_must_be_a_json_object(desk, translation_id, unchanged):
    with unchanged():
        response = desk.coordinator.api.post(
            f"/api/v1/translations/{translation_id}/assign", json=[desk.anna.user.id]
        )
    assert_error(response, 400, "invalid", "Send a JSON object")


def test_translator_and_reviewer_must_be_two_people(make_user, desk, translation_id, unchanged):
    both = make_user(Role.TRANSLATOR, Role.REVIEWER, pairs=["ja:en"], reviews=["ja:en"])
    with unchanged():
        response = assign(
            desk.coordinator.api, translation_id, translator_id=both.id, reviewer_id=both.id
        )
    assert_error(response, 400, "invalid", "someone other than the translator")


TRANSITION_CASES = [
    pytest.param(
        {}, "action must be one of submit, request_changes, approve, publish", id="no action"
    ),
    pytest.param({"action": "finish"}, "action must be one of", id="unknown action"),
    pytest.param({"action": "SUBMIT"}, "action must be one of", id="action in capitals"),
    pytest.param({"action": 3}, "action must be one of", id="action a number"),
    pytest.param({"action": ["submit"]}, "action must be one of", id="action a list"),
    pytest.param({"action": "claim"}, "To claim, POST to …/translations/{id}/claim", id="claim"),
    pytest.param({"action": "assign"}, "To assign, POST to", id="assign"),
    pytest.param(
        {"action": "withdraw", "reason": 5}, "reason must be a string", id="reason a number"
    ),
    pytest.param(
        {"action": "request_changes", "change_reason": "tone"},
        "change_reason must be one of accuracy, omission, terminology, style, headline, other",
        id="unknown change reason",
    ),
    pytest.param(
        {"action": "request_changes", "change_reason": ["style"]},
        "change_reason must be one of",
        id="change reason a list",
    ),
    pytest.param(
        {"action": "approve", "override": True}, "override must be a string", id="override bool"
    ),
    pytest.param(
        {"action": "submit", "comment": "done"}, "Unknown field(s): comment.", id="unknown field"
    ),
]


@pytest.mark.parametrize(("fields", "message"), TRANSITION_CASES)
def test_bad_transition_request_is_refused_with_a_reason(
    desk, translation_id, unchanged, fields, message
):
    with unchanged():
        response = desk.coordinator.api.post(
            f"/api/v1/translations/{translation_id}/transitions", json=fields
        )
    assert_error(response, 400, "invalid", message)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        pytest.param({}, "Say why changes are needed", id="no change reason"),
        pytest.param(
            {"change_reason": "other", "reason": " "}, "Describe the changes", id="other, no text"
        ),
    ],
)
def test_a_change_request_needs_its_reason(app, desk, translation_id, unchanged, fields, message):
    claim(desk.anna.api, translation_id)
    fill(app, translation_id)
    move(desk.anna.api, translation_id, "submit")
    with unchanged():
        response = move(desk.rita.api, translation_id, "request_changes", **fields)
    assert_error(response, 400, "invalid", message)


def test_withdrawing_needs_a_reason(desk, translation_id, unchanged):
    with unchanged():
        response = move(desk.coordinator.api, translation_id, "withdraw")
    assert_error(response, 400, "invalid", "Give a reason")


def test_claim_takes_no_fields(desk, translation_id, unchanged):
    with unchanged():
        response = desk.anna.api.post(
            f"/api/v1/translations/{translation_id}/claim", json={"due_at": in_future()}
        )
    assert_error(response, 400, "invalid", "Unknown field(s): due_at.")
    assert state_after(
        desk.anna.api.post(f"/api/v1/translations/{translation_id}/claim", json={})
    ) == ("draft")


# --- The document --------------------------------------------------------------------------------


def test_openapi_describes_the_translation_schemas(client):
    document = client.get("/api/v1/openapi.json").get_json()
    schemas = document["components"]["schemas"]
    segment = schemas["TranslationSegment"]["properties"]
    assert set(segment) == {
        "segment_id",
        "position",
        "kind",
        "source",
        "source_tagged",
        "tags",
        "text",
        "version",
        "leave_untranslated",
        "source_changed",
        "findings",
    }
    body = document["paths"]["/translations/{translation_id}/transitions"]["post"]["requestBody"]
    action = body["content"]["application/json"]["schema"]["properties"]["action"]
    assert set(action["enum"]) == {
        "submit",
        "request_changes",
        "approve",
        "publish",
        "unpublish",
        "reopen",
        "withdraw",
        "release",
        "claim_review",
        "release_review",
        "restore",
    }
    for ref in _refs(document):
        assert ref.removeprefix("#/components/schemas/") in schemas, ref


def _refs(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref":
                yield value
            else:
                yield from _refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _refs(value)
