"""API v1 editing: saving segments (200, merged, 409 with base/theirs/mine), revisions, diffs,
comments and the CSRF token; refusals say why and change nothing."""

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.conftest import CSRF_META, sign_in
from tests.desk import Desk
from tests.web.snapshot import database_snapshot
from tests.web.test_articles_api import assert_error, token_client
from translate_flow.domain.models import User


def api(app: Flask, user: User) -> FlaskClient:
    return token_client(app, user)


def url(desk: Desk, index: int = 1) -> str:
    return f"/api/v1/translations/{desk.translation_id}/segments/{desk.segment_ids[index]}"


def put(client: FlaskClient, desk: Desk, text: str, base: int, index: int = 1, **extra):  # type: ignore[no-untyped-def]
    return client.put(url(desk, index), json={"text": text, "base_version": base, **extra})


@pytest.fixture
def dorothy(app, desk) -> FlaskClient:  # type: ignore[no-untyped-def]
    return api(app, desk.translator)


def test_a_save_answers_the_text_and_the_new_version(dorothy, desk):
    response = put(dorothy, desk, "The yen is weak.", 0)
    assert response.status_code == 200
    body = response.get_json()
    # The source says the yen passed 150 to the dollar; this short text has no number.
    findings = {f["check"]: (f["severity"], f["dismissed"]) for f in body.pop("findings")}
    assert findings["numbers"] == ("error", None)
    assert body | {"revision_id": None} == {
        "segment_id": desk.segment_ids[1],
        "text": "The yen is weak.",
        "version": 1,
        "merged": False,
        "done": False,
        "leave_untranslated": False,
        "source_changed": False,
        "revision_id": None,
        "missing_tags": [],
    }
    assert isinstance(body["revision_id"], int)


def test_a_stale_save_apart_from_the_other_edit_is_merged(app, dorothy, desk):
    put(dorothy, desk, "The yen is weak against the dollar.", 0)
    coordinator = api(app, desk.coordinator)
    assert put(coordinator, desk, "The yen is very weak against the dollar.", 1).status_code == 200
    response = put(dorothy, desk, "The yen is weak against the US dollar.", 1)
    assert response.status_code == 200
    assert response.get_json()["merged"] is True
    assert response.get_json()["text"] == "The yen is very weak against the US dollar."


def test_an_overlapping_stale_save_is_409_with_base_theirs_and_mine(app, dorothy, desk, db):
    put(dorothy, desk, "The yen is weak.", 0)
    assert put(api(app, desk.coordinator), desk, "The yen is feeble.", 1).status_code == 200
    response = put(dorothy, desk, "The yen is frail.", 1)
    assert response.status_code == 409
    body = response.get_json()
    assert body["error"]["code"] == "edit_conflict"
    assert "kept" in body["error"]["message"]
    assert (body["base"], body["theirs"], body["mine"], body["version"]) == (
        "The yen is weak.",
        "The yen is feeble.",
        "The yen is frail.",
        2,
    )
    revisions = dorothy.get(url(desk) + "/revisions").get_json()["items"]
    assert revisions[0] | {"id": 0, "created_at": ""} == {
        "id": 0,
        "text": "The yen is frail.",
        "origin": "conflict",
        "version": None,
        "base_version": 1,
        "applied": False,
        "author": {"id": desk.translator.id, "name": "Dorothy Phoenix"},
        "restored_from_id": None,
        "suggestion": None,
        "created_at": "",
    }


def test_keeping_mine_after_a_409_saves_it_as_kept_after_conflict(app, dorothy, desk):
    put(dorothy, desk, "Theirs.", 0)
    coordinator = api(app, desk.coordinator)
    conflict = put(coordinator, desk, "Mine.", 0).get_json()
    response = put(coordinator, desk, "Mine.", conflict["version"], resolves_conflict=True)
    assert response.status_code == 200
    origins = [r["origin"] for r in dorothy.get(url(desk) + "/revisions").get_json()["items"]]
    assert origins == ["kept_after_conflict", "conflict", "typed"]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"base_version": 0}, "text is required"),
        ({"text": 12, "base_version": 0}, "text is required"),
        ({"text": "x"}, "base_version is required"),
        ({"text": "x", "base_version": "0"}, "base_version is required"),
        ({"text": "x", "base_version": True}, "base_version is required"),
        ({"text": "x", "base_version": 3}, "base_version must be a version"),
        ({"text": "x", "base_version": 0, "done": "yes"}, "done must be true or false"),
        # Found by Schemathesis: null was taken for "left out".
        (
            {"text": "x", "base_version": 0, "resolves_conflict": None},
            "resolves_conflict must be true or false",
        ),
        ({"text": "x", "base_version": 0, "colour": "red"}, "Unknown field(s): colour"),
        ({"text": "x" * 20_001, "base_version": 0}, "at most 20,000"),
    ],
)
def test_a_malformed_save_is_400_and_changes_nothing(dorothy, desk, db, body, message):
    before = database_snapshot(db)
    response = dorothy.put(url(desk), json=body)
    assert_error(response, 400, "invalid", message)
    assert database_snapshot(db) == before


def test_a_body_that_is_not_json_is_400(dorothy, desk):
    response = dorothy.put(url(desk), data="text=x", content_type="text/plain")
    assert response.status_code == 400
    assert "JSON object" in response.get_json()["error"]["message"]


def test_someone_else_may_not_save_and_learns_nothing_of_the_input(app, desk, db):
    olga = api(app, desk.other)
    before = database_snapshot(db)
    response = olga.put(url(desk), json={"nonsense": True})
    assert_error(response, 403, "forbidden", "Only its translator")
    assert database_snapshot(db) == before


def test_the_translator_may_not_save_while_in_review(app, dorothy, desk, db):
    for index in range(len(desk.segment_ids)):
        put(dorothy, desk, f"English {index}.", 0, index=index)
    desk.submit()
    before = database_snapshot(db)
    assert_error(put(dorothy, desk, "Late.", 1), 409, "conflict", "in review")
    assert database_snapshot(db) == before


def test_an_unknown_segment_or_translation_is_404(dorothy, desk):
    response = dorothy.put(
        f"/api/v1/translations/{desk.translation_id}/segments/999999",
        json={"text": "x", "base_version": 0},
    )
    assert_error(response, 404, "not_found", "no such segment")
    response = dorothy.put("/api/v1/translations/999999/segments/1", json={})
    assert response.status_code == 404


def test_signed_out_saves_are_401(client, desk):
    response = client.put(url(desk), json={"text": "x", "base_version": 0})
    assert response.status_code == 401


def _cookie_client(app: Flask, user: User) -> tuple[FlaskClient, str]:
    client = app.test_client()
    assert sign_in(client, user.email).status_code == 302
    match = CSRF_META.search(client.get("/account/").get_data(as_text=True))
    assert match
    return client, match.group(1)


def test_with_the_session_cookie_a_save_needs_the_csrf_token(app, desk, db):
    client, token = _cookie_client(app, desk.translator)
    before = database_snapshot(db)
    response = client.put(url(desk), json={"text": "x", "base_version": 0})
    assert_error(response, 400, "csrf_failed", "expired")
    assert database_snapshot(db) == before
    response = client.put(
        url(desk), json={"text": "x", "base_version": 0}, headers={"X-CSRFToken": token}
    )
    assert response.status_code == 200


def test_a_fresh_csrf_token_can_be_had_while_signed_in(app, desk):
    client, _token = _cookie_client(app, desk.translator)
    response = client.get("/api/v1/csrf-token")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    fresh = response.get_json()["csrf_token"]
    saved = client.put(
        url(desk), json={"text": "x", "base_version": 0}, headers={"X-CSRFToken": fresh}
    )
    assert saved.status_code == 200
    assert app.test_client().get("/api/v1/csrf-token").status_code == 401


def test_revisions_list_newest_first_with_their_authors(dorothy, desk):
    put(dorothy, desk, "one", 0)
    put(dorothy, desk, "two", 1)
    body = dorothy.get(url(desk) + "/revisions").get_json()
    assert body["version"] == 2
    assert [(r["text"], r["version"], r["origin"]) for r in body["items"]] == [
        ("two", 2, "typed"),
        ("one", 1, "typed"),
    ]


def test_a_diff_between_two_revisions_has_operations_and_escaped_html(dorothy, desk):
    put(dorothy, desk, "The yen <is> weak.", 0)
    put(dorothy, desk, "The yen <is> very weak.", 1)
    first, second = reversed(
        [r["id"] for r in dorothy.get(url(desk) + "/revisions").get_json()["items"]]
    )
    body = dorothy.get(
        f"/api/v1/translations/{desk.translation_id}/diff?from=revision:{first}&to=revision:{second}"
    ).get_json()
    assert body["from"] == f"revision:{first}"
    assert {"op": "insert", "text": "very "} in body["operations"]
    assert body["html"] == "The yen &lt;is&gt; <ins>very </ins>weak."
    assert body["html_after"] == body["html"]
    assert body["html_before"] == "The yen &lt;is&gt; weak."
    assert 0 < body["share_changed"] < 0.5


def test_a_diff_between_a_snapshot_and_now_goes_segment_by_segment(app, dorothy, desk):
    for index in range(len(desk.segment_ids)):
        put(dorothy, desk, f"English {index}.", 0, index=index)
    desk.submit()
    desk.take_review()
    rafael = api(app, desk.reviewer)
    assert put(rafael, desk, "English one, reviewed.", 1).status_code == 200
    response = rafael.get(f"/api/v1/translations/{desk.translation_id}/diff?from=snapshot:1")
    body = response.get_json()
    assert response.status_code == 200, body
    assert body["to"] == "current"
    assert body["changed_segments"] == 1
    [changed] = [s for s in body["segments"] if s["changed"]]
    assert (changed["before"], changed["after"]) == ("English 1.", "English one, reviewed.")
    assert changed["segment_id"] and changed["html"]


@pytest.mark.parametrize(
    ("query", "status", "message"),
    [
        ("", 400, "from must be"),
        ("?from=yesterday", 400, "from must be"),
        ("?from=snapshot:999", 404, "no such snapshot"),
        ("?from=revision:1&to=current", 400, "two revisions"),
    ],
)
def test_a_bad_diff_request_says_what_is_wrong(dorothy, desk, query, status, message):
    put(dorothy, desk, "x", 0)
    response = dorothy.get(f"/api/v1/translations/{desk.translation_id}/diff{query}")
    assert response.status_code == status
    assert message in response.get_json()["error"]["message"]


def test_comments_are_added_listed_and_resolved(app, dorothy, desk):
    olga = api(app, desk.other)
    response = olga.post(
        f"/api/v1/translations/{desk.translation_id}/comments",
        json={"body": "@Dorothy Phoenix is 150 right?", "segment_id": desk.segment_ids[1]},
    )
    assert response.status_code == 201
    root = response.get_json()
    assert root["mentioned"] == [{"id": desk.translator.id, "name": "Dorothy Phoenix"}]
    assert root["segment_id"] == desk.segment_ids[1]
    reply = dorothy.post(
        f"/api/v1/translations/{desk.translation_id}/comments",
        json={"body": "Yes, as in the source.", "parent_id": root["id"]},
    ).get_json()
    assert reply["parent_id"] == root["id"]
    assert reply["segment_id"] == desk.segment_ids[1]
    resolved = dorothy.patch(
        f"/api/v1/translations/{desk.translation_id}/comments/{root['id']}",
        json={"resolved": True},
    )
    assert resolved.status_code == 200
    assert resolved.get_json()["resolved"] is True
    items = dorothy.get(f"/api/v1/translations/{desk.translation_id}/comments").get_json()["items"]
    assert [(c["body"], c["resolved"]) for c in items] == [
        ("@Dorothy Phoenix is 150 right?", True),
        ("Yes, as in the source.", False),
    ]
    notices = dorothy.get("/notifications/").get_data(as_text=True)
    assert "mentioned you" in notices


@pytest.mark.parametrize(
    ("body", "status", "message"),
    [
        ({}, 400, "Write something"),
        ({"body": "  "}, 400, "Write something"),
        ({"body": "x", "segment_id": "one"}, 400, "segment_id must be a whole number"),
        ({"body": "x", "segment_id": 999999}, 404, "no such segment"),
        ({"body": "x", "parent_id": 999999}, 404, "no such comment"),
    ],
)
def test_a_bad_comment_is_refused_and_nothing_is_stored(dorothy, desk, db, body, status, message):
    before = database_snapshot(db)
    response = dorothy.post(f"/api/v1/translations/{desk.translation_id}/comments", json=body)
    assert response.status_code == status
    assert message in response.get_json()["error"]["message"]
    assert database_snapshot(db) == before


def test_a_stranger_may_not_resolve_a_thread(app, dorothy, desk, make_user, db):
    from translate_flow.domain.models import Role

    root = dorothy.post(
        f"/api/v1/translations/{desk.translation_id}/comments", json={"body": "Note to self."}
    ).get_json()
    stranger = api(app, make_user(Role.TRANSLATOR, pairs=["de:en"]))
    before = database_snapshot(db)
    response = stranger.patch(
        f"/api/v1/translations/{desk.translation_id}/comments/{root['id']}",
        json={"resolved": True},
    )
    assert_error(response, 403, "forbidden", "resolve")
    assert database_snapshot(db) == before


def test_the_openapi_document_describes_the_editing_schemas(client):
    document = client.get("/api/v1/openapi.json").get_json()
    schemas = document["components"]["schemas"]
    assert {"SegmentSaved", "EditConflict", "SegmentRevision", "Diff", "Comment"} <= set(schemas)
    put_op = document["paths"]["/translations/{translation_id}/segments/{segment_id}"]["put"]
    assert set(put_op["responses"]) >= {"200", "400", "401", "403", "404", "409"}
    assert re.search("merged", put_op["description"])
