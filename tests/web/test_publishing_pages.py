"""Publishing from the translation page: publish now, publish later, cancel the plan; who may."""

import re
from datetime import timedelta

from tests.conftest import post_form, sign_in
from tests.desk import ENGLISH, Desk
from tests.web.snapshot import database_snapshot
from translate_flow.domain.models import utcnow


def approved(desk: Desk) -> None:
    for index, text in enumerate(ENGLISH):
        desk.write(desk.translator, index, text)
    desk.submit()
    desk.take_review()
    desk.approve()


def signed_in(app, email: str):  # type: ignore[no-untyped-def]
    client = app.test_client()
    assert sign_in(client, email).status_code == 302
    return client


def plan(client, desk: Desk, when: str):  # type: ignore[no-untyped-def]
    return post_form(client, f"/translations/{desk.translation_id}/schedule", {"publish_at": when})


def test_a_coordinator_plans_a_publication_and_cancels_it(app, desk):
    approved(desk)
    client = signed_in(app, desk.coordinator.email)
    page = client.get(f"/translations/{desk.translation_id}").get_data(as_text=True)
    assert 'data-testid="schedule-form"' in page
    when = (utcnow() + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    response = post_form(
        client, f"/translations/{desk.translation_id}/schedule", {"publish_at": when}
    )
    assert response.status_code == 302
    page = client.get(response.location).get_data(as_text=True)
    assert "It will be published on" in page
    assert re.search(r'data-testid="planned">Planned for \d{4}-\d\d-\d\d \d\d:\d\d UTC', page)
    response = post_form(client, f"/translations/{desk.translation_id}/unschedule")
    assert response.status_code == 302
    assert 'data-testid="planned"' not in client.get(response.location).get_data(as_text=True)


def test_a_time_in_the_past_is_refused_with_a_message(app, desk, db):
    approved(desk)
    client = signed_in(app, desk.coordinator.email)
    before = database_snapshot(db)
    past = (utcnow() - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    response = post_form(
        client, f"/translations/{desk.translation_id}/schedule", {"publish_at": past}
    )
    assert response.status_code == 400
    assert "Choose a time in the future" in response.get_data(as_text=True)
    assert database_snapshot(db) == before
    response = post_form(
        client, f"/translations/{desk.translation_id}/schedule", {"publish_at": "soon"}
    )
    assert response.status_code == 400
    assert database_snapshot(db) == before


def test_the_translator_may_not_plan_a_publication(app, desk, db):
    approved(desk)
    client = signed_in(app, desk.translator.email)
    assert 'data-testid="schedule-form"' not in client.get(
        f"/translations/{desk.translation_id}"
    ).get_data(as_text=True)
    before = database_snapshot(db)
    when = (utcnow() + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    response = post_form(
        client, f"/translations/{desk.translation_id}/schedule", {"publish_at": when}
    )
    assert response.status_code == 403
    assert database_snapshot(db) == before


def test_publishing_now_from_the_page_puts_it_on_the_public_site(app, desk):
    approved(desk)
    client = signed_in(app, desk.coordinator.email)
    response = post_form(client, f"/translations/{desk.translation_id}/actions/publish")
    assert response.status_code == 302
    page = client.get(response.location).get_data(as_text=True)
    assert 'href="/read/before-lamenting-the-weak-yen"' in page
    assert app.test_client().get("/read/before-lamenting-the-weak-yen").status_code == 200
