"""Readers' pages a proxy can keep: a signed-out reader gets no cookie, validators and 304s; a
publication, correction, take-down, moderated comment or translator's rename changes the
validators; each worker serves a repeated page from its last rendering; the comment form gets
its token when the reader starts writing, and without it the reader loses nothing."""

import re
import time
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select, update

from tests.conftest import sign_in
from tests.desk import Desk
from tests.query_count import counting_queries
from tests.web.test_articles_api import add_outlet
from translate_flow.domain.models import (
    Article,
    Outlet,
    Publication,
    PublicSiteGeneration,
    ReaderComment,
    ReaderCommentStatus,
    utcnow,
)
from translate_flow.domain.workflow import Action
from translate_flow.publishing import public_site, reader_comments, site_generation
from translate_flow.publishing.web.public import public_pages
from translate_flow.publishing.web.public.comments import SEND_AGAIN
from translate_flow.publishing.web.public.deploy_stamp import deploy_stamp
from translate_flow.publishing.web.public.public_pages import STALE_SECONDS, page_etag

SLUG = "before-lamenting-the-weak-yen"
PAGE = f"/read/{SLUG}"
SESSION_COOKIE = "translate_flow_session"
TOKEN_FIELD = re.compile(r'<input[^>]*name="csrf_token"[^>]*value="([^"]*)"')


@pytest.fixture(autouse=True)
def one_stale_period(monkeypatch: pytest.MonkeyPatch) -> float:
    """The pages' clock held in the middle of the current STALE_SECONDS period. The ETag changes
    when a period ends (every five minutes, by design), so two requests that straddled the end
    got two ETags, and a test comparing them failed once in a while."""
    now = time.time()
    middle = now - now % STALE_SECONDS + STALE_SECONDS / 2
    monkeypatch.setattr(public_pages, "time", lambda: middle)
    return middle


@pytest.fixture
def published(desk: Desk) -> Desk:
    outlet_id = add_outlet(desk.app, desk.coordinator, "Toyo Jiho", country="JP")
    with desk.session() as session:
        desk.translation(session).article.outlet_id = outlet_id
    desk.publish()
    return desk


def reader(app: Flask) -> FlaskClient:
    """A reader who has never been here: no cookie."""
    return app.test_client()


def public_paths(desk: Desk) -> list[str]:
    with desk.session() as session:
        outlet_id = session.scalars(select(Outlet.id)).one()
    return [
        "/",
        "/?q=yen&language=ja",
        PAGE,
        f"{PAGE}.html",
        f"{PAGE}.md",
        f"{PAGE}.json",
        f"/translators/{desk.translator.id}",
        f"/sources/{outlet_id}",
        "/sitemap.xml",
        "/robots.txt",
    ]


def queries(statements: list[str]) -> list[str]:
    """The queries, without SQLite's BEGIN."""
    return [s for s in statements if not s.startswith("BEGIN")]


def etag_of(app: Flask, path: str) -> str:
    response = reader(app).get(path)
    assert response.status_code == 200
    assert response.headers["ETag"]
    return response.headers["ETag"]


# --- What a signed-out reader's pages send ---------------------------------------------------


def test_a_signed_out_readers_pages_set_no_cookie_and_may_be_kept(app, published):
    for path in public_paths(published):
        response = reader(app).get(path)
        assert response.status_code == 200, path
        assert "Set-Cookie" not in response.headers, path
        assert response.headers["Cache-Control"] == "public, max-age=60", path
        assert response.headers["ETag"].startswith('"'), path
        assert response.headers["Last-Modified"], path
        assert "Cookie" in response.headers["Vary"], path


@pytest.mark.parametrize(
    "path",
    ["/feed.atom", "/feed/ja.atom", "/read/no-such-page", f"{PAGE}/deeper", "/translators/999"],
)
def test_feeds_and_dead_links_set_no_cookie_either(app, published, path):
    response = reader(app).get(path)
    assert response.status_code in (200, 404), path
    assert "Set-Cookie" not in response.headers


def test_a_taken_down_page_sets_no_cookie(app, published):
    published.act(published.coordinator, Action.UNPUBLISH, reason="Rights withdrawn.")
    response = reader(app).get(PAGE)
    assert response.status_code == 410
    assert "Set-Cookie" not in response.headers


def test_an_unchanged_page_is_answered_304_without_a_body(app, published):
    for path in public_paths(published):
        first = reader(app).get(path)
        again = reader(app).get(path, headers={"If-None-Match": first.headers["ETag"]})
        assert again.status_code == 304, path
        assert again.get_data() == b""
        assert again.headers["ETag"] == first.headers["ETag"]
        assert again.headers["Cache-Control"] == "public, max-age=60"
        assert "Set-Cookie" not in again.headers
        since = reader(app).get(path, headers={"If-Modified-Since": first.headers["Last-Modified"]})
        assert since.status_code == 304, path


def test_a_proxys_weak_etag_is_answered_304_too(app, published):
    etag = etag_of(app, PAGE)
    response = reader(app).get(PAGE, headers={"If-None-Match": f"W/{etag}"})
    assert response.status_code == 304


def test_a_304_costs_one_query(app, published):
    etag = etag_of(app, PAGE)
    with counting_queries(app) as statements:
        response = reader(app).get(PAGE, headers={"If-None-Match": etag})
    assert response.status_code == 304
    assert len(queries(statements)) == 1


def test_no_public_cache_seconds_means_ask_every_time(app, published):
    app.config["PUBLIC_CACHE_SECONDS"] = 0
    response = reader(app).get(PAGE)
    assert response.headers["Cache-Control"] == "no-cache"
    assert response.headers["ETag"]


def test_a_person_with_a_session_gets_a_private_page(app, published):
    client = app.test_client()
    assert sign_in(client, published.translator.email).status_code == 302
    response = client.get(PAGE)
    assert response.headers["Cache-Control"] == "private, no-cache"
    assert "ETag" not in response.headers
    assert "Desk" in response.get_data(as_text=True)


# --- The worker's copy ---------------------------------------------------------------------


def test_a_repeated_page_is_served_from_the_workers_copy_after_one_query(app, published):
    first = reader(app).get(PAGE)
    with counting_queries(app) as statements:
        again = reader(app).get(PAGE)
    assert len(queries(statements)) == 1
    assert again.get_data() == first.get_data()
    assert again.headers["ETag"] == first.headers["ETag"]
    assert again.headers["Content-Type"] == first.headers["Content-Type"]
    assert again.headers["Content-Security-Policy"]  # the app's headers, as on any page


def test_a_download_keeps_its_type_and_name_from_the_copy(app, published):
    first = reader(app).get(f"{PAGE}.md")
    again = reader(app).get(f"{PAGE}.md")
    assert again.headers["Content-Type"] == first.headers["Content-Type"]
    assert again.headers["Content-Disposition"] == first.headers["Content-Disposition"]


def test_a_signed_in_person_never_gets_a_readers_copy_nor_leaves_theirs(app, published):
    reader(app).get(PAGE)  # a reader's copy exists
    client = app.test_client()
    sign_in(client, published.translator.email)
    assert "Desk</a>" in client.get(PAGE).get_data(as_text=True)
    assert "Volunteers’ sign-in" in reader(app).get(PAGE).get_data(as_text=True)


def test_query_strings_in_another_order_share_a_copy(app, published):
    one = reader(app).get("/?language=ja&q=yen")
    other = reader(app).get("/?q=yen&language=ja")
    assert one.headers["ETag"] == other.headers["ETag"]
    assert one.headers["ETag"] != etag_of(app, "/?q=yen")


# --- What changes the validators -------------------------------------------------------------


def test_a_correction_changes_the_page(app, published):
    before = etag_of(app, PAGE)
    published.act(published.coordinator, Action.REOPEN, reason="A typo.")
    assert etag_of(app, PAGE) == before  # the published text stays until republished
    published.write(published.translator, 1, "A corrected first paragraph.")
    published.submit()
    published.take_review()
    published.approve()
    published.act(published.coordinator, Action.PUBLISH)
    response = reader(app).get(PAGE, headers={"If-None-Match": before})
    assert response.status_code == 200
    assert "A corrected first paragraph." in response.get_data(as_text=True)


def test_a_take_down_changes_the_lists(app, published):
    before = etag_of(app, "/")
    published.act(published.coordinator, Action.UNPUBLISH, reason="Rights withdrawn.")
    response = reader(app).get("/", headers={"If-None-Match": before})
    assert response.status_code == 200
    assert SLUG not in response.get_data(as_text=True)


def test_a_translators_new_name_reaches_their_pages_and_the_feeds(app, published):
    paths = [PAGE, f"/translators/{published.translator.id}", "/"]
    before = {path: etag_of(app, path) for path in paths}
    feed = etag_of(app, "/feed.atom")
    with published.session() as session:
        published.person(session, published.translator).display_name = "Dorothy Renamed"
    for path in paths:
        response = reader(app).get(path, headers={"If-None-Match": before[path]})
        assert response.status_code == 200, path
        assert "Dorothy Renamed" in response.get_data(as_text=True), path
    assert etag_of(app, "/feed.atom") != feed


def test_a_sign_in_changes_nothing_a_reader_sees(app, published):
    before = etag_of(app, PAGE)
    client = app.test_client()
    assert sign_in(client, published.translator.email).status_code == 302
    assert etag_of(app, PAGE) == before


def test_a_comment_changes_the_page_when_approved_not_when_sent(app, published):
    before = etag_of(app, PAGE)
    with published.session() as session:
        publication = session.scalars(select(Publication)).one()
        comment = reader_comments.submit(
            session, publication, reader_comments.ReaderInput("Ana", "", "Well put.")
        )
        comment_id = comment.id
    assert etag_of(app, PAGE) == before
    with published.session() as session:
        coordinator = published.person(session, published.coordinator)
        comment = reader_comments.get(session, comment_id)
        reader_comments.moderate(session, coordinator, comment, ReaderCommentStatus.APPROVED)
    approved = reader(app).get(PAGE)
    assert approved.headers["ETag"] != before
    assert "Well put." in approved.get_data(as_text=True)


def test_an_outlets_new_name_changes_its_page(app, published):
    with published.session() as session:
        outlet_id = session.scalars(select(Outlet.id)).one()
    before = etag_of(app, f"/sources/{outlet_id}")
    with published.session() as session:
        session.get(Outlet, outlet_id).feed_error = "timed out"
    assert etag_of(app, f"/sources/{outlet_id}") == before  # not shown
    with published.session() as session:
        session.get(Outlet, outlet_id).name = "Toyo Keizai"
    assert "Toyo Keizai" in reader(app).get(f"/sources/{outlet_id}").get_data(as_text=True)


def test_only_a_published_articles_details_change_the_site(app, published, make_article):
    before = etag_of(app, PAGE)
    other = make_article(published.coordinator, title="Not translated yet")
    with published.session() as session:
        session.get(Article, other.id).author = "Someone"
    assert etag_of(app, PAGE) == before
    with published.session() as session:
        article_id = session.scalars(select(Publication.article_id)).one()
        session.get(Article, article_id).author = "山田太郎"
    assert etag_of(app, PAGE) != before


def test_a_bulk_update_of_comments_bumps_the_generation(app, published):
    database = app.extensions["translate_flow.db"]
    with database.transaction() as session:
        before = site_generation.current(session).generation
        session.execute(update(ReaderComment).where(ReaderComment.id == 0).values(name="nobody"))
    with database.transaction() as session:
        assert site_generation.current(session).generation == before + 1
        assert session.get(PublicSiteGeneration, 1).changed_at <= utcnow()


def test_a_rolled_back_change_leaves_the_generation(app, published):
    database = app.extensions["translate_flow.db"]
    with database.transaction() as session:
        before = site_generation.current(session).generation
    session = database.session(write=True)
    try:
        session.get(Outlet, session.scalars(select(Outlet.id)).one()).name = "X"
        session.flush()
        session.rollback()
    finally:
        session.close()
    with database.transaction() as session:
        assert site_generation.current(session).generation == before


def test_the_etag_is_renewed_every_stale_period(app, published):
    with app.test_request_context(PAGE):
        with app.extensions["translate_flow.db"].transaction() as session:
            version = site_generation.current(session)
        start = 1_800_000_000 - 1_800_000_000 % STALE_SECONDS
        assert page_etag(version, start) == page_etag(version, start + STALE_SECONDS - 1)
        assert page_etag(version, start) != page_etag(version, start + STALE_SECONDS)


def test_the_deploy_stamp_follows_the_templates_content(tmp_path: Path):
    package, templates = tmp_path / "package", tmp_path / "templates"
    package.mkdir()
    templates.mkdir()
    (package / "views.py").write_text("x = 1\n")
    (templates / "page.html").write_text("<p>one</p>")
    first = deploy_stamp(str(package), str(templates))
    deploy_stamp.cache_clear()
    assert deploy_stamp(str(package), str(templates)) == first
    (templates / "page.html").write_text("<p>two</p>")
    deploy_stamp.cache_clear()
    assert deploy_stamp(str(package), str(templates)) != first
    deploy_stamp.cache_clear()


# --- The comment form's token -----------------------------------------------------------------


def test_the_signed_out_form_has_an_empty_token_and_asks_for_one(app, published):
    html = reader(app).get(PAGE).get_data(as_text=True)
    assert TOKEN_FIELD.search(html).group(1) == ""
    assert 'data-token-url="/comment-token"' in html
    assert '<script src="/static/app/reader-comment.js" defer>' in html


def test_the_token_starts_the_session_and_the_comment_is_taken(app, published):
    client = reader(app)
    client.get(PAGE)
    response = client.get("/comment-token")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    assert SESSION_COOKIE in response.headers["Set-Cookie"]
    token = response.get_json()["csrf_token"]
    sent = client.post(
        f"{PAGE}/comments", data={"csrf_token": token, "name": "Ana", "body": "Well put."}
    )
    assert sent.status_code == 302
    thanked = client.get(sent.location)
    assert "once a moderator has read it" in thanked.get_data(as_text=True)
    assert thanked.headers["Cache-Control"] == "private, no-cache"
    # With a session, the form carries its token in the page, as before.
    assert TOKEN_FIELD.search(thanked.get_data(as_text=True)).group(1)


def test_a_comment_sent_without_a_token_comes_back_whole_with_one(app, published):
    client = reader(app)
    client.get(PAGE)
    typed = {"name": "Ana Reader", "email": "ana@example.org", "body": "Line one.\nLine two."}
    response = client.post(f"{PAGE}/comments", data=typed)
    assert response.status_code == 400
    assert response.mimetype == "text/html"
    assert response.headers["Cache-Control"] == "no-store"
    assert SESSION_COOKIE in response.headers["Set-Cookie"]
    html = response.get_data(as_text=True)
    assert SEND_AGAIN.split(":")[0] in html and "Nothing you wrote is lost." in html
    assert 'value="Ana Reader"' in html and 'value="ana@example.org"' in html
    assert "Line one.\nLine two.</textarea>" in html
    token = TOKEN_FIELD.search(html).group(1)
    assert token
    with published.session() as session:
        assert session.scalars(select(ReaderComment)).all() == []
    again = client.post(f"{PAGE}/comments", data=typed | {"csrf_token": token})
    assert again.status_code == 302
    with published.session() as session:
        assert [c.body for c in session.scalars(select(ReaderComment))] == ["Line one.\nLine two."]


def test_a_tokenless_comment_on_a_taken_down_page_is_refused_like_any_form(app, published):
    published.act(published.coordinator, Action.UNPUBLISH, reason="Rights withdrawn.")
    response = reader(app).post(f"{PAGE}/comments", data={"name": "A", "body": "B"})
    assert response.status_code == 400
    assert "did not come from this site" in response.get_data(as_text=True)
    with published.session() as session:
        assert session.scalars(select(ReaderComment)).all() == []


def test_the_counts_kept_for_a_site_version_follow_its_changes(app, published):
    """Readers' pages take each translator's count from every count kept for the site's version
    (`published_counts(..., site=)`): a take-down changes the version, and the count with it."""
    translator = published.translator.id
    with published.session() as session:
        site = site_generation.current(session)
        assert public_site.published_counts(session, {translator}, site=site) == {translator: 1}
        assert public_site.published_counts(session, {translator}) == {translator: 1}
    published.act(published.coordinator, Action.UNPUBLISH, reason="Rights withdrawn.")
    with published.session() as session:
        later = site_generation.current(session)
        assert later.tag != site.tag
        assert public_site.published_counts(session, {translator}, site=later) == {}
        assert public_site.published_counts(session, {translator}) == {}
