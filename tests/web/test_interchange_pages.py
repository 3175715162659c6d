"""The "Work offline" page: reached from the editor's toolbar, downloads XLIFF, takes the
edited file back and shows what became of each unit; the editor then shows the text."""

import io

from flask import Flask

from tests.conftest import csrf_token, sign_in
from tests.desk import Desk
from tests.web.snapshot import database_snapshot
from tests.web.test_interchange_api import set_target


def signed_in(app: Flask, user):  # type: ignore[no-untyped-def]
    client = app.test_client()
    assert sign_in(client, user.email).status_code == 302
    return client


def test_download_edit_upload_and_see_the_summary_and_the_text(app, desk: Desk):
    client = signed_in(app, desk.translator)
    editor = client.get(f"/translations/{desk.translation_id}/edit").get_data(as_text=True)
    assert f'href="/translations/{desk.translation_id}/offline"' in editor
    page = client.get(f"/translations/{desk.translation_id}/offline")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert 'data-testid="download-xliff12"' in html and 'data-testid="upload-form"' in html
    link = f"/api/v1/translations/{desk.translation_id}/export?format=xliff12"
    assert link in html.replace("&amp;", "&")
    data = client.get(link).get_data()
    desk.write(desk.coordinator, 3, "Meanwhile on the desk.")
    data = set_target(data, 1, "The yen has long been above 150 to the dollar.")
    data = set_target(data, 3, "Thirty years of stagnation.")
    response = client.post(
        f"/translations/{desk.translation_id}/offline",
        data={"csrf_token": csrf_token(client), "file": (io.BytesIO(data), "mine.xlf")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 200
    summary = response.get_data(as_text=True)
    assert "1 segment(s) saved" in summary
    assert "1 in conflict" in summary and 'data-testid="chooser-link"' in summary
    editor = client.get(f"/translations/{desk.translation_id}/edit").get_data(as_text=True)
    assert "The yen has long been above 150 to the dollar." in editor


def test_a_refused_file_is_said_on_the_page_and_nothing_changes(app, desk: Desk, db):
    client = signed_in(app, desk.translator)
    before = database_snapshot(db)
    response = client.post(
        f"/translations/{desk.translation_id}/offline",
        data={"csrf_token": csrf_token(client), "file": (io.BytesIO(b"<tmx/>"), "x.xlf")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 400
    assert "not an XLIFF" in response.get_data(as_text=True)
    assert database_snapshot(db) == before


def test_people_who_may_not_read_it_get_no_page_and_no_link(app, desk: Desk):
    client = signed_in(app, desk.other)
    assert client.get(f"/translations/{desk.translation_id}/offline").status_code == 403
    editor = client.get(f"/translations/{desk.translation_id}/edit").get_data(as_text=True)
    assert "/offline" not in editor
