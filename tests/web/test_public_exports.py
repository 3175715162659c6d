"""What leaves the site: Atom feeds (parsed by feedparser, checked against RFC 4287's required
elements), HTML, Markdown and JSON of one translation, the WordPress export, the public API."""

import json
import re
from xml.etree import ElementTree as ET

import feedparser
import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.conftest import sign_in
from tests.desk import ENGLISH, Desk
from tests.web.wordpress_importer import StoredPost, import_wxr, read_html
from translate_flow.domain.models import ArticleTag
from translate_flow.domain.workflow import Action

ATOM = "{http://www.w3.org/2005/Atom}"
SLUG = "before-lamenting-the-weak-yen"


@pytest.fixture
def published(desk: Desk) -> Desk:
    with desk.session() as session:
        session.add(ArticleTag(article_id=desk.translation(session).article_id, tag="economy"))
    desk.publish()
    return desk


def check_atom(document: bytes) -> ET.Element:
    """The elements RFC 4287 requires of a feed and of each entry."""
    root = ET.fromstring(document)
    assert root.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated"):
        assert root.find(f"{ATOM}{name}") is not None, name
    assert root.find(f"{ATOM}link[@rel='self']") is not None
    feed_has_author = root.find(f"{ATOM}author") is not None
    for entry in root.findall(f"{ATOM}entry"):
        for name in ("id", "title", "updated"):
            assert entry.find(f"{ATOM}{name}") is not None, name
        assert entry.find(f"{ATOM}link[@rel='alternate']") is not None
        assert feed_has_author or entry.find(f"{ATOM}author") is not None
    return root


@pytest.mark.parametrize("path", ["/feed.atom", "/feed/ja.atom"])
def test_site_and_language_feeds_are_valid_atom_with_every_translation(client, published, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response.content_type.startswith("application/atom+xml")
    check_atom(response.data)
    parsed = feedparser.parse(response.data)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    [entry] = parsed.entries
    assert entry.title == ENGLISH[0]
    assert entry.link == f"http://localhost/read/{SLUG}"
    assert entry.author == "Dorothy Phoenix"
    assert ENGLISH[3] in entry.content[0].value
    assert [tag.term for tag in entry.tags] == ["economy"]


def test_the_translators_feed_and_an_empty_language(client, published):
    parsed = feedparser.parse(client.get(f"/translators/{published.translator.id}/feed.atom").data)
    assert not parsed.bozo and len(parsed.entries) == 1
    assert "Dorothy Phoenix" in parsed.feed.title
    empty = client.get("/feed/de.atom")
    check_atom(empty.data)
    assert feedparser.parse(empty.data).entries == []


def test_a_feed_of_no_language_is_a_clear_400(client, published):
    response = client.get("/feed/klingon.atom")
    assert response.status_code == 400
    assert "not a language code" in response.get_data(as_text=True)


def test_markdown_export_has_the_text_the_credit_and_the_original(client, published):
    response = client.get(f"/read/{SLUG}.md")
    assert response.status_code == 200
    assert response.mimetype == "text/markdown"
    markdown = response.get_data(as_text=True)
    assert markdown.startswith(f"# {ENGLISH[0]}\n")
    assert "Translated by Dorothy Phoenix from Japanese" in markdown
    assert ENGLISH[2] in markdown
    assert markdown.rstrip().endswith(f"<http://localhost/read/{SLUG}>")


@pytest.mark.parametrize(
    ("stored", "link"),
    [
        ("javascript:alert(1)", None),
        ("https://toyo.example/a b>c", "([original](<https://toyo.example/a%20b%3Ec>))"),
    ],
)
def test_markdown_links_the_original_only_at_a_web_address(client, published, stored, link):
    with published.session() as session:
        # Intake refuses such addresses; stored anyway (older data), no link may carry them.
        published.translation(session).article.source_url = stored
    markdown = client.get(f"/read/{SLUG}.md").get_data(as_text=True)
    assert "javascript:" not in markdown
    if link:
        assert link in markdown
    else:
        assert "[original]" not in markdown


def test_json_export_carries_the_source_the_credit_and_the_blocks(client, published):
    body = json.loads(client.get(f"/read/{SLUG}.json").data)
    assert body["slug"] == SLUG
    assert body["url"] == f"http://localhost/read/{SLUG}"
    assert body["translator"] == {
        "name": "Dorothy Phoenix",
        "published_count": 1,
        "url": f"http://localhost/translators/{published.translator.id}",
    }
    assert body["source"]["title"] == "円安を嘆く前に"
    assert body["source"]["language"] == "ja"
    assert [block["texts"] for block in body["blocks"]] == [[text] for text in ENGLISH[1:]]
    assert "reviewer" not in body


def test_html_export_is_a_page_of_its_own(client, published):
    html = client.get(f"/read/{SLUG}.html").get_data(as_text=True)
    assert html.startswith("<!doctype html>")
    assert '<html lang="en" dir="ltr">' in html
    assert "Translated by Dorothy Phoenix — 1 Article." in html
    assert f"<p>{ENGLISH[1]}</p>" in html


def test_an_unknown_export_format_is_not_found(client, published):
    assert client.get(f"/read/{SLUG}.pdf").status_code == 404


def check_wxr(document: bytes, expected_slugs: list[str]) -> list[StoredPost]:
    """The posts a WordPress site makes of the export (see wordpress_importer)."""
    posts = import_wxr(document)
    assert sorted(post.post_name for post in posts) == sorted(expected_slugs)
    for post in posts:
        assert post.author is not None  # the post's creator is one of the file's authors
        assert (post.post_status, post.post_type) == ("publish", "post")
        assert "Translated by" in read_html(post.post_content).text
    return posts


def test_coordinators_download_a_wordpress_export_of_every_live_translation(app, published):
    client = app.test_client()
    sign_in(client, published.coordinator.email)
    response = client.get("/export/wordpress.xml")
    assert response.status_code == 200
    assert "attachment" in response.headers["Content-Disposition"]
    [post] = check_wxr(response.data, [SLUG])
    assert read_html(post.post_title).text == ENGLISH[0]
    categories = {(term.domain, read_html(term.name).text) for term in post.terms}
    assert categories == {("category", "From Japanese"), ("post_tag", "economy")}


def credits(app: Flask, client: FlaskClient, published: Desk, slugs: list[str]) -> tuple[str, str]:
    """The first post's credit in the WordPress export, and the translator page's og:title."""
    [post, *_] = check_wxr(app.test_cli_runner().invoke(args=["export"]).stdout_bytes, slugs)
    page = client.get(f"/translators/{published.translator.id}").get_data(as_text=True)
    og_title = re.search(r'<meta property="og:title" content="([^"]*)">', page)
    assert og_title
    return read_html(post.post_content).text, og_title.group(1)


def test_the_credits_count_one_article_and_then_two(app, client, published, desk_two):
    content, og_title = credits(app, client, published, [SLUG])
    assert "About Dorothy Phoenix — 1 Article" in content and "1 Articles" not in content
    assert og_title == "Dorothy Phoenix — 1 Article"
    desk_two.publish([ENGLISH[0] + ", again", "A second article."])
    content, og_title = credits(app, client, published, [SLUG, SLUG + "-again"])
    assert "About Dorothy Phoenix — 2 Articles" in content
    assert og_title == "Dorothy Phoenix — 2 Articles"


def test_volunteers_may_not_download_the_export(app, published):
    client = app.test_client()
    sign_in(client, published.translator.email)
    assert client.get("/export/wordpress.xml").status_code == 403


def test_the_command_line_writes_the_same_export(app, published, tmp_path):
    target = tmp_path / "export.xml"
    result = app.test_cli_runner().invoke(args=["export", "--format", "wxr", "--output", target])
    assert result.exit_code == 0, result.output
    check_wxr(target.read_bytes(), [SLUG])
    to_stdout = app.test_cli_runner().invoke(args=["export"])
    assert to_stdout.exit_code == 0
    check_wxr(to_stdout.stdout_bytes, [SLUG])


def test_taken_down_translations_leave_the_export_and_the_feeds(app, client, published):
    before = client.get("/feed.atom")
    assert len(feedparser.parse(before.data).entries) == 1
    published.act(published.coordinator, Action.UNPUBLISH, reason="Rights withdrawn.")
    result = app.test_cli_runner().invoke(args=["export"])
    check_wxr(result.stdout_bytes, [])
    # The feed built before the take-down is not served again, to a reader holding its ETag
    # or not.
    after = client.get("/feed.atom", headers={"If-None-Match": before.headers["ETag"]})
    assert after.status_code == 200 and after.headers["ETag"] != before.headers["ETag"]
    assert feedparser.parse(after.data).entries == []
    assert feedparser.parse(client.get("/feed.atom").data).entries == []


def test_the_public_api_lists_and_reads_published_translations_without_a_token(client, published):
    listing = client.get("/api/v1/published").get_json()
    assert (listing["total"], listing["page"], listing["pages"]) == (1, 1, 1)
    [item] = listing["items"]
    assert item["slug"] == SLUG
    assert item["url"] == f"http://localhost/read/{SLUG}"
    assert item["translator"]["published_count"] == 1
    assert item["source"]["language"] == "ja"
    one = client.get(f"/api/v1/published/{SLUG}").get_json()
    assert one["html"].startswith(f"<p>{ENGLISH[1]}</p>")
    assert client.get("/api/v1/published?language=de").get_json()["total"] == 0
    assert client.get("/api/v1/published/nothing").status_code == 404
    bad = client.get("/api/v1/published?page=two")
    assert bad.status_code == 400
    assert "page must be a whole number" in bad.get_json()["error"]["message"]


def test_a_taken_down_translation_is_410_in_the_api(client, published):
    published.act(published.coordinator, Action.UNPUBLISH, reason="Rights withdrawn.")
    response = client.get(f"/api/v1/published/{SLUG}")
    assert response.status_code == 410
    assert response.get_json()["error"]["code"] == "gone"


def test_a_feed_answers_304_until_something_is_published(client, published, desk_two):
    first = client.get("/feed.atom")
    etag = first.headers["ETag"]
    again = client.get("/feed.atom", headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.data == b""
    desk_two.publish([ENGLISH[0] + ", again", "A second article."])
    changed = client.get("/feed.atom", headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed.headers["ETag"] != etag
    assert len(feedparser.parse(changed.data).entries) == 2


@pytest.fixture
def desk_two(app, desk: Desk, make_article) -> Desk:  # type: ignore[no-untyped-def]
    """A second article's translation, claimed by the same translator."""
    from dataclasses import replace

    from sqlalchemy import select

    from translate_flow.domain.models import Translation
    from translate_flow.workflow.transitions import fire

    article = make_article(desk.coordinator, title="第二の記事", body="段落。")
    with desk.session() as session:
        translation = session.scalars(
            select(Translation).where(Translation.article_id == article.id)
        ).one()
        fire(session, desk.person(session, desk.translator), translation, Action.CLAIM)
        ids = sorted(row.segment_id for row in translation.segments)
        return replace(desk, translation_id=translation.id, segment_ids=ids)
