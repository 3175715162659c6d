"""The translation page's publishing box (publish now first, later beside it) and the preview
of the public page, for the people who may publish."""

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.conftest import sign_in
from tests.desk import ENGLISH, Desk
from tests.factories import UserFactory
from tests.web.snapshot import database_snapshot
from translate_flow.domain.models import Role


def approved(desk: Desk) -> None:
    for index, text in enumerate(ENGLISH):
        desk.write(desk.translator, index, text)
    desk.submit()
    desk.take_review()
    desk.approve()


def signed_in_as(app: Flask, email: str) -> FlaskClient:
    client = app.test_client()
    assert sign_in(client, email).status_code == 302
    return client


def test_publish_now_comes_first_and_publish_later_beside_it_in_one_box(app, desk):
    approved(desk)
    html = (
        signed_in_as(app, desk.coordinator.email)
        .get(f"/translations/{desk.translation_id}")
        .get_data(as_text=True)
    )
    box = re.search(r'<section[^>]*data-testid="publishing".*?</section>', html, re.S)
    assert box, "the publishing box is missing"
    now, later = box.group(0).find("Publish now"), box.group(0).find("Publish later")
    assert 0 < now < later
    # Publishing is offered once, in its box, not again among the other actions.
    actions = html[html.index('id="actions-heading"') :]
    assert ">Publish<" not in actions and "Publish now" not in actions


def test_publish_now_publishes(app, desk):
    approved(desk)
    client = signed_in_as(app, desk.coordinator.email)
    html = client.get(f"/translations/{desk.translation_id}").get_data(as_text=True)
    form = re.search(r'<form method="post" action="([^"]+)"[^>]*data-testid="action-publish"', html)
    assert form
    token = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert token
    response = client.post(form.group(1), data={"csrf_token": token.group(1)})
    assert response.status_code == 302
    assert 'data-testid="public-link"' in client.get(response.location).get_data(as_text=True)


def test_the_preview_shows_the_current_text_as_the_public_page_marked_and_unindexed(app, desk):
    for index, text in enumerate(ENGLISH):
        desk.write(desk.translator, index, text)
    desk.submit()
    desk.take_review()
    desk.write(desk.reviewer, 2, "A weak currency is an outcome, not a cause.")
    client = signed_in_as(app, desk.coordinator.email)
    page = client.get(f"/translations/{desk.translation_id}").get_data(as_text=True)
    assert f'href="/translations/{desk.translation_id}/preview"' in page
    response = client.get(f"/translations/{desk.translation_id}/preview")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "Preview — not published" in html
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert "noindex" in response.headers["X-Robots-Tag"]
    assert 'class="public"' in html  # the public site's page, not the desk's
    assert "A weak currency is an outcome, not a cause." in html
    assert "<h1>Before lamenting the weak yen</h1>" in html
    assert "Take it with you" not in html  # nothing to export before it is published


def test_a_reviewer_with_publishing_rights_may_preview_and_others_may_not(
    app: Flask, desk: Desk, make_user: UserFactory, db
):
    approved(desk)
    publisher = make_user(Role.REVIEWER, publishes=["ja:en"], name="Paula Publisher")
    url = f"/translations/{desk.translation_id}/preview"
    assert signed_in_as(app, publisher.email).get(url).status_code == 200
    clients = [signed_in_as(app, p.email) for p in (desk.translator, desk.reviewer, desk.other)]
    before = database_snapshot(db)
    for client in clients:
        response = client.get(url)
        assert response.status_code == 403
        assert "who may publish" in response.get_data(as_text=True)
        page = client.get(f"/translations/{desk.translation_id}").get_data(as_text=True)
        assert 'data-testid="preview-link"' not in page
    assert database_snapshot(db) == before
    assert app.test_client().get(url).status_code in (302, 401)


@pytest.mark.parametrize("translation_id", [999_999])
def test_the_preview_of_a_missing_translation_is_404(app, desk, translation_id):
    client = signed_in_as(app, desk.coordinator.email)
    assert client.get(f"/translations/{translation_id}/preview").status_code == 404
