"""The compare page opens on what a reviewer wants: what changed since it was sent back, or
for a first review since it was submitted; with the source, and the changed segments only."""

import re

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from tests.conftest import sign_in
from tests.desk import ENGLISH, Desk
from translate_flow.domain.models import Snapshot


def signed_in_as(app: Flask, email: str) -> FlaskClient:
    client = app.test_client()
    assert sign_in(client, email).status_code == 302
    return client


def snapshot_id(desk: Desk, action: str) -> int:
    with desk.session() as session:
        ids = session.scalars(
            select(Snapshot.id)
            .where(Snapshot.translation_id == desk.translation_id, Snapshot.action == action)
            .order_by(Snapshot.id)
        ).all()
    return ids[-1]


def compare(client: FlaskClient, desk: Desk, query: str = "") -> str:
    response = client.get(f"/translations/{desk.translation_id}/compare{query}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def selected(html: str, name: str) -> str:
    select_html = re.search(rf'<select[^>]*name="{name}".*?</select>', html, re.S)
    assert select_html
    option = re.search(r'<option selected value="([^"]+)"', select_html.group(0))
    option = option or re.search(r'<option value="([^"]+)" selected', select_html.group(0))
    assert option, select_html.group(0)
    return option.group(1)


def submitted(desk: Desk) -> None:
    for index, text in enumerate(ENGLISH):
        desk.write(desk.translator, index, text)
    desk.submit()
    desk.take_review()


def test_a_first_review_opens_on_the_text_as_submitted_against_now(app, desk):
    submitted(desk)
    desk.write(desk.reviewer, 1, "The yen has been above 150 to the dollar for long.")
    html = compare(signed_in_as(app, desk.reviewer.email), desk)
    assert selected(html, "before") == f"snapshot:{snapshot_id(desk, 'submit')}"
    assert selected(html, "after") == "current"
    assert "since it was submitted" in html
    assert "1 of 4 segments changed" in html


def test_work_sent_back_opens_on_what_changed_since_the_request(app, desk):
    submitted(desk)
    desk.send_back()
    desk.write(desk.translator, 3, "What must be asked is thirty years of stagnation.")
    desk.submit()
    desk.take_review()
    html = compare(signed_in_as(app, desk.reviewer.email), desk)
    assert selected(html, "before") == f"snapshot:{snapshot_id(desk, 'request_changes')}"
    assert "since it was sent back" in html
    assert "1 of 4 segments changed" in html


def test_changed_segments_only_and_the_source_column(app, desk):
    submitted(desk)
    desk.write(desk.reviewer, 1, "The yen has been above 150 to the dollar for long.")
    client = signed_in_as(app, desk.reviewer.email)
    every = compare(client, desk)
    assert every.count('data-testid="diff-segment"') == 4
    assert 'name="changed"' in every and "Changed segments only" in every
    assert "円相場が一ドル百五十円を超えて久しい。" in every  # the source beside the change
    only = compare(client, desk, "?changed=1")
    assert only.count('data-testid="diff-segment"') == 1
    assert re.search(r'name="changed" value="1"[^>]*checked', only)
    side = compare(client, desk, "?changed=1&view=side")
    assert side.count('data-testid="diff-source"') == 1 and "side" in side


def test_explicit_versions_in_the_address_still_win(app, desk):
    submitted(desk)
    desk.approve()
    client = signed_in_as(app, desk.reviewer.email)
    first, second = snapshot_id(desk, "submit"), snapshot_id(desk, "approve")
    html = compare(client, desk, f"?before=snapshot:{first}&after=snapshot:{second}")
    assert selected(html, "before") == f"snapshot:{first}"
    assert selected(html, "after") == f"snapshot:{second}"
    assert 'data-testid="compare-opening"' not in html
