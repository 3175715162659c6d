"""Hostile files and bodies through the real forms, the API, URL import and the feed poll:
each is answered with a 413 or 400 (422 for an import) that says what to do, the typed form
comes back filled in, and nothing is written."""

import json

import pytest
from sqlalchemy import select

from bench import hostile
from tests.conftest import post_form
from tests.web.snapshot import database_snapshot
from tests.web.test_article_intake import (
    article_fields,
    db_of,
    error_text,
    field_value,
    post_article_form,
    textarea_value,
    upload,
)
from tests.web.test_articles_api import token_client
from translate_flow import jobs
from translate_flow.domain.models import Outlet, Role
from translate_flow.intake.outlets import OutletInput, create_outlet

TYPED = {"title": "Los embalses del sur", "source_language": "es", "author": "Ana Ruiz"}


@pytest.fixture
def coordinator(signed_in):  # type: ignore[no-untyped-def]
    client, _user = signed_in(Role.COORDINATOR)
    return client


def assert_form_kept(page: str) -> None:
    assert field_value(page, "title") == TYPED["title"]
    assert field_value(page, "author") == TYPED["author"]
    assert field_value(page, "source_language") == TYPED["source_language"]


# Uploads: (file name, data) → (status, what the page says)
UPLOADS = {
    "zip bomb": ("story.docx", 413, "unpacks to 1,0"),
    "millions of XML nodes": ("story.docx", 413, "times its size"),
    "half a million XML nodes": ("story.docx", 413, "holds more than 40,000 XML elements"),
    "billion laughs": ("story.docx", 400, "declares XML entities, which Word never writes"),
    "deep XML": ("story.docx", 400, "nests its XML more than 100 deep"),
}
HTML_FILES = {
    "nested divs": (400, "nests elements more than 512 deep"),
    "left-open formatting re-opened": (413, "more than 50,000 elements"),
    "many tiny elements": (413, "more than 50,000 elements"),
}


@pytest.mark.parametrize("action", ["preview", "save"])
def test_hostile_uploads_are_refused_with_what_to_do_and_the_form_kept(app, coordinator, action):
    before = database_snapshot(db_of(app))
    docx_files = hostile.docx_files()
    html_files = hostile.html_bodies(hostile.UPLOAD_LIMIT)
    files = {
        **{
            case: (name, docx_files[case], status, said)
            for case, (name, status, said) in UPLOADS.items()
        },
        **{
            case: ("article.html", html_files[case].encode(), status, said)
            for case, (status, said) in HTML_FILES.items()
        },
    }
    outcome = {}
    for case, (name, data, _status, said) in files.items():
        assert len(data) <= hostile.UPLOAD_LIMIT
        response = post_article_form(
            coordinator,
            "/articles/new",
            {**article_fields(**TYPED, body=""), "upload": upload(name, data), "action": action},
        )
        page = response.get_data(as_text=True)
        assert_form_kept(page)
        message = error_text(page)
        outcome[case] = (response.status_code, said if said in message else message)
    assert outcome == {case: (status, said) for case, (_n, _d, status, said) in files.items()}
    assert database_snapshot(db_of(app)) == before


def test_pasted_html_nested_too_deep_is_a_400_and_the_text_stays_in_the_form(app, coordinator):
    before = database_snapshot(db_of(app))
    body = hostile.html_bodies(hostile.PASTE_LIMIT - 1_000)["nested divs"]
    response = post_article_form(
        coordinator,
        "/articles/new",
        {**article_fields(**TYPED, body=body, body_format="html"), "action": "save"},
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Paste the article's text instead" in error_text(page)
    assert_form_kept(page)
    assert textarea_value(page, "body") == body
    assert database_snapshot(db_of(app)) == before


def test_the_api_answers_413_too_large_and_400_invalid_and_stores_nothing(app, make_user):
    client = token_client(app, make_user(Role.COORDINATOR))
    before = database_snapshot(db_of(app))
    bodies = hostile.html_bodies(hostile.API_LIMIT - 10_000)
    outcome = {}
    for case in ("nested divs", "many tiny elements", "one giant paragraph"):
        response = client.post(
            "/api/v1/articles",
            data=json.dumps(
                {"title": "T", "body": bodies[case], "body_format": "html", "source_language": "es"}
            ),
            content_type="application/json",
        )
        error = response.get_json()["error"]
        outcome[case] = (response.status_code, error["code"], error["message"].split(";")[0])
    assert outcome == {
        "nested divs": (
            400,
            "invalid",
            "The HTML nests elements more than 512 deep, which no article does (and browsers do "
            "not show). Paste the article's text instead, or save it again from its editor.",
        ),
        "many tiny elements": (413, "too_large", "The HTML has more than 50,000 elements"),
        "one giant paragraph": (
            413,
            "too_large",
            "The article is longer than 1,000,000 characters (about 150,000 words), more than "
            "the desk takes at once. Split it into several articles.",
        ),
    }
    assert database_snapshot(db_of(app)) == before


def test_importing_a_page_too_large_to_search_is_explained_and_saves_nothing(
    app, coordinator, local_site
):
    app.config["FETCH_ALLOWED_HOSTS"] = [local_site.host]
    pages = hostile.pages(hostile.FETCH_LIMIT)
    deep = local_site.add("/deep.html", pages["nested divs"].encode())
    spans = local_site.add("/spans.html", pages["many spans in one paragraph"].encode())
    before = database_snapshot(db_of(app))
    expected = {
        deep: (422, "That page nests elements more than 512 deep"),
        spans: (422, "That page has more than 8,000 HTML elements"),
    }
    outcome = {}
    for url, (_status, message) in expected.items():
        response = post_form(coordinator, "/articles/import", {"url": url})
        page = response.get_data(as_text=True)
        assert field_value(page, "url") == url  # the address stays in the form
        said = error_text(page)
        assert "Paste the article's text instead" in said
        outcome[url] = (response.status_code, message if message in said else said)
    assert outcome == expected
    assert database_snapshot(db_of(app)) == before


def test_a_hostile_feed_is_recorded_as_the_outlets_feed_error_and_suggests_nothing(
    app, make_user, local_site
):
    app.config["FETCH_ALLOWED_HOSTS"] = [local_site.host]
    feeds = hostile.feeds(hostile.FETCH_LIMIT)
    db = db_of(app)
    actor = make_user(Role.COORDINATOR)
    with db.transaction() as session:
        for number, name in enumerate(("quadratic entity", "a huge number of entries")):
            url = local_site.add(f"/feed{number}.xml", feeds[name], "application/rss+xml")
            create_outlet(session, actor, OutletInput(name=name, language="es", feed_url=url))
    report = jobs.poll_feeds(app)
    assert report.new_entries == {}
    with db.session(write=False) as session:
        errors = {o.name: o.feed_error for o in session.scalars(select(Outlet))}
    assert errors["quadratic entity"].startswith("The feed declares its own XML entities")
    assert errors["a huge number of entries"].startswith("The feed lists more than 1,000 entries")
