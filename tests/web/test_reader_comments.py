"""Readers' comments: sent signed out, held for moderation, approved, answered or deleted by
coordinators, the translator told; bots, floods and bad input get nowhere."""

import re

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select

from tests.conftest import csrf_token, post_form, sign_in
from tests.desk import Desk
from tests.web.snapshot import database_snapshot
from translate_flow.domain.models import Notification, ReaderComment, ReaderCommentStatus
from translate_flow.domain.workflow import Action

SLUG = "before-lamenting-the-weak-yen"
PAGE = f"/read/{SLUG}"


@pytest.fixture
def published(desk: Desk) -> Desk:
    desk.publish()
    return desk


def send(reader: FlaskClient, **fields: str):  # type: ignore[no-untyped-def]
    reader.get(PAGE)  # a reader opens the page first, which gives them their token
    data = {"name": "Ana Reader", "email": "", "body": "A fair summary of the debate.", **fields}
    return post_form(reader, f"{PAGE}/comments", data)


def stored(desk: Desk) -> list[tuple[str, str, str]]:
    with desk.session() as session:
        return [
            (c.name, c.body, c.status.value)
            for c in session.scalars(select(ReaderComment).order_by(ReaderComment.id))
        ]


def moderator(app, desk: Desk) -> FlaskClient:  # type: ignore[no-untyped-def]
    client = app.test_client()
    assert sign_in(client, desk.coordinator.email).status_code == 302
    return client


def test_a_readers_comment_waits_for_moderation(client, published):
    response = send(client, email="ana@example.org")
    assert response.status_code == 302
    assert response.location.endswith(f"{PAGE}#comments")
    page = client.get(response.location).get_data(as_text=True)
    assert "once a moderator has read it" in page
    assert "A fair summary" not in page.split('id="comments"')[1].split("<form")[0]
    assert stored(published) == [("Ana Reader", "A fair summary of the debate.", "pending")]


def test_approving_shows_it_and_tells_the_translator(app, client, published):
    send(client)
    desk_client = moderator(app, published)
    queue = desk_client.get("/moderation/").get_data(as_text=True)
    assert "Ana Reader" in queue and "A fair summary" in queue
    comment_id = re.search(r"/moderation/(\d+)/approve", queue)
    assert comment_id
    response = post_form(desk_client, f"/moderation/{comment_id.group(1)}/approve")
    assert response.status_code == 302
    page = client.get(PAGE).get_data(as_text=True)
    assert "A fair summary of the debate." in page
    assert "Comments (1)" in page
    with published.session() as session:
        [notice] = session.scalars(
            select(Notification).where(Notification.kind == "reader_comment:approved")
        ).all()
        assert notice.user_id == published.translator.id
        assert "Ana Reader commented on your translation" in notice.message


def test_answering_approves_and_shows_the_desks_reply(app, client, published):
    send(client)
    desk_client = moderator(app, published)
    queue = desk_client.get("/moderation/").get_data(as_text=True)
    [comment_id] = re.findall(r"/moderation/(\d+)/reply", queue)
    response = post_form(
        desk_client, f"/moderation/{comment_id}/reply", {"body": "Thank you, we agree."}
    )
    assert response.status_code == 302
    page = client.get(PAGE).get_data(as_text=True)
    assert "A fair summary" in page and "Thank you, we agree." in page
    assert "desk-reply" in page
    assert [status for *_rest, status in stored(published)] == ["approved", "approved"]


def test_deleting_keeps_it_off_the_page(app, client, published):
    send(client, body="Buy cheap watches")
    desk_client = moderator(app, published)
    queue = desk_client.get("/moderation/").get_data(as_text=True)
    comment_id = re.search(r"/moderation/(\d+)/delete", queue)
    assert comment_id
    post_form(desk_client, f"/moderation/{comment_id.group(1)}/delete")
    assert "cheap watches" not in client.get(PAGE).get_data(as_text=True)
    assert stored(published)[0][2] == "deleted"
    assert "cheap watches" in desk_client.get("/moderation/?status=deleted").get_data(as_text=True)


def test_a_bot_filling_the_hidden_field_is_thanked_and_ignored(client, published, db):
    before = database_snapshot(db)
    response = send(client, website="http://spam.example")
    assert response.status_code == 302
    assert "once a moderator has read it" in client.get(response.location).get_data(as_text=True)
    assert database_snapshot(db) == before


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"name": ""}, "Give a name"),
        ({"body": "   "}, "Write something"),
        ({"body": "x" * 3001}, "3000"),
        ({"email": "not-an-address"}, "does not look right"),
        ({"name": "n" * 101}, "100"),
    ],
)
def test_bad_input_is_refused_with_the_typed_text_kept(client, published, db, fields, message):
    before = database_snapshot(db)
    response = send(client, **fields)
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert message in html
    assert 'name="name"' in html
    if fields.get("body", "").strip() and len(fields["body"]) < 200:
        assert fields["body"] in html
    assert database_snapshot(db) == before


def test_a_comment_without_its_csrf_token_is_refused(client, published, db):
    client.get(PAGE)
    before = database_snapshot(db)
    response = client.post(f"{PAGE}/comments", data={"name": "A", "body": "B"})
    assert response.status_code == 400
    assert database_snapshot(db) == before


def test_a_flood_of_comments_is_stopped(app, client, published):
    app.config["READER_COMMENT_LIMIT"] = "3 per 10 minutes"
    for number in range(3):
        assert send(client, body=f"Comment {number}").status_code == 302
    response = send(client, body="One too many")
    assert response.status_code == 429
    assert len(stored(published)) == 3


def test_a_taken_down_translation_takes_no_comments(client, published, db):
    client.get(PAGE)
    token = csrf_token(client)
    published.act(published.coordinator, Action.UNPUBLISH, reason="Rights withdrawn.")
    before = database_snapshot(db)
    response = client.post(f"{PAGE}/comments", data={"csrf_token": token, "name": "A", "body": "B"})
    assert response.status_code == 410
    assert database_snapshot(db) == before


def test_only_coordinators_moderate(app, published, client):
    send(client)
    translator = app.test_client()
    sign_in(translator, published.translator.email)
    assert translator.get("/moderation/").status_code == 403
    with published.session() as session:
        comment_id = session.scalars(select(ReaderComment.id)).one()
    response = post_form(translator, f"/moderation/{comment_id}/approve")
    assert response.status_code == 403
    assert stored(published)[0][2] == ReaderCommentStatus.PENDING.value
