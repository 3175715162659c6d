"""The public site, signed out: the latest translations and their filters, a translation's page
with its credits and the original's details, translators' and outlets' pages, taken-down pages."""

import re
from datetime import date

import pytest
from flask.testing import FlaskClient

from tests.desk import ENGLISH, Desk
from tests.query_count import counting_queries
from tests.web.test_articles_api import add_outlet
from translate_flow.domain.workflow import Action
from translate_flow.intake.articles import ArticleInput, correct_article
from translate_flow.publishing import public_site


@pytest.fixture
def reader(app) -> FlaskClient:  # type: ignore[no-untyped-def]
    return app.test_client()


@pytest.fixture
def published(desk: Desk) -> Desk:
    """The desk's article, given an outlet, author and date, then published."""
    outlet_id = add_outlet(desk.app, desk.coordinator, "Toyo Jiho", country="JP")
    with desk.session() as session:
        article = desk.translation(session).article
        article.outlet_id = outlet_id
        article.author = "山田太郎"
        article.published_on = date(2026, 11, 20)
        article.source_url = "https://toyo.example/opinion/yen"
    with desk.session() as session:
        translator = desk.person(session, desk.translator)
        translator.bio = "Translates Japanese economic commentary."
    desk.publish()
    return desk


def text_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_the_home_page_lists_what_is_published_with_its_credit(reader, published):
    response = reader.get("/")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert '<html lang="en"' in html
    assert 'href="/read/before-lamenting-the-weak-yen"' in html
    page = text_of(html)
    assert "1 translation" in page
    assert "From Japanese: Toyo Jiho" in page
    assert "translated by Dorothy Phoenix" in page
    assert ENGLISH[1] in page  # the summary


def test_a_draft_is_not_on_the_public_site(reader, desk):
    desk.write(desk.translator, 0, ENGLISH[0])
    assert "Nothing here yet." in reader.get("/").get_data(as_text=True)


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("?language=ja", True),
        ("?language=de", False),
        ("?country=JP", True),
        ("?country=DE", False),
        ("?q=stagnation", True),
        ("?q=stagnat", True),  # the last word is a prefix
        ("?q=inflation", False),
        ("?tag=nothing", False),
        ("?outlet=999999", False),
        ("?page=not-a-number", True),  # ignored, not an error
        ("?language=<script>", True),  # not a language: ignored
    ],
)
def test_filters_and_search_narrow_the_list(reader, published, query, found):
    response = reader.get("/" + query)
    assert response.status_code == 200
    listed = "/read/before-lamenting-the-weak-yen" in response.get_data(as_text=True)
    assert listed == found


@pytest.mark.parametrize("query", ["", "?q=stagnation"])
def test_a_list_names_its_translators_without_reading_their_roles_or_pairs(
    app, reader, published, query
):
    with counting_queries(app) as statements:
        response = reader.get("/" + query)
    assert "/read/before-lamenting-the-weak-yen" in response.get_data(as_text=True)
    desk_only = [s for s in statements if "FROM user_roles" in s or "FROM language_pairs" in s]
    assert desk_only == []


def test_the_translation_page_shows_the_text_the_original_and_the_credit(reader, published):
    response = reader.get("/read/before-lamenting-the-weak-yen")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert '<html lang="en" dir="ltr">' in html
    assert (
        '<link rel="canonical" href="http://localhost/read/before-lamenting-the-weak-yen">' in html
    )
    assert '<meta property="og:title" content="Before lamenting the weak yen">' in html
    assert '<meta property="og:type" content="article">' in html
    page = text_of(html)
    assert f"<h1>{ENGLISH[0]}</h1>" in html
    for paragraph in ENGLISH[1:]:
        assert f"<p>{paragraph}</p>" in html
    assert "Translated by Dorothy Phoenix" in page
    assert "About Dorothy Phoenix — 1 Article" in page
    assert "Translates Japanese economic commentary." in page
    assert 'lang="ja" dir="ltr">円安を嘆く前に</dd>' in html
    assert "Toyo Jiho (Japan)" in page
    assert "山田太郎" in page
    assert "20 November 2026" in page
    assert 'href="https://toyo.example/opinion/yen" rel="noopener noreferrer nofollow"' in html
    assert "Updated" not in page
    assert "reviewed by" not in page


def test_reviewers_are_credited_when_the_site_wants(app, reader, published):
    app.jinja_env.globals["credit_reviewers"] = True
    page = text_of(reader.get("/read/before-lamenting-the-weak-yen").get_data(as_text=True))
    assert "reviewed by Rafael Reviewer" in page


def test_a_segment_left_untranslated_shows_the_original_marked_as_such(reader, desk):
    for index, text in enumerate(ENGLISH[:3]):
        desk.write(desk.translator, index, text)
    with desk.session() as session:
        from translate_flow.editing import saving as editing

        editing.save_segment(
            session,
            desk.person(session, desk.translator),
            desk.translation(session),
            desk.segment_ids[3],
            text="",
            base_version=0,
            leave_untranslated=True,
        )
    desk.submit()
    desk.take_review()
    desk.approve()
    desk.act(desk.coordinator, Action.PUBLISH)
    html = reader.get("/read/before-lamenting-the-weak-yen").get_data(as_text=True)
    assert '<p lang="ja">問われるべきは三十年の停滞だ。</p>' in html


def test_a_corrected_and_republished_translation_keeps_its_address_and_says_updated(
    reader, published
):
    desk = published
    desk.act(desk.coordinator, Action.REOPEN, reason="The figure changed.")
    desk.write(desk.translator, 1, "The yen has long been above 155 to the dollar.")
    # Meanwhile the page still shows what was published.
    html = reader.get("/read/before-lamenting-the-weak-yen").get_data(as_text=True)
    assert "above 150" in html and "above 155" not in html
    desk.submit()
    desk.take_review()
    desk.approve()
    desk.act(desk.coordinator, Action.PUBLISH)
    html = reader.get("/read/before-lamenting-the-weak-yen").get_data(as_text=True)
    assert "above 155" in html
    assert 'data-testid="updated"' in html
    assert "About Dorothy Phoenix — 1 Article" in text_of(html)


def test_an_unknown_address_is_404_and_a_taken_down_one_410(reader, published):
    assert reader.get("/read/no-such-translation").status_code == 404
    published.act(published.coordinator, Action.UNPUBLISH, reason="Rights withdrawn.")
    response = reader.get("/read/before-lamenting-the-weak-yen")
    assert response.status_code == 410
    assert "taken down" in response.get_data(as_text=True)
    assert "before-lamenting" not in reader.get("/").get_data(as_text=True)


def test_the_translators_page_counts_and_lists_their_published_work(reader, published):
    response = reader.get(f"/translators/{published.translator.id}")
    assert response.status_code == 200
    page = text_of(response.get_data(as_text=True))
    assert "About Dorothy Phoenix — 1 Article" in page
    assert "Translates Japanese economic commentary." in page
    assert ENGLISH[0] in page


def test_someone_without_published_work_has_no_public_page(reader, published):
    assert reader.get(f"/translators/{published.other.id}").status_code == 404
    assert reader.get("/translators/999999").status_code == 404


def test_the_outlets_page_lists_its_translated_articles(reader, published):
    html = reader.get("/").get_data(as_text=True)
    outlet_path = re.search(r'href="(/sources/\d+)"', html)
    assert outlet_path
    page = text_of(reader.get(outlet_path.group(1)).get_data(as_text=True))
    assert "Toyo Jiho" in page and "Japan" in page and "1 translated article" in page
    assert reader.get("/sources/999999").status_code == 404


def test_the_source_correction_of_a_published_article_does_not_change_the_page(reader, published):
    desk = published
    with desk.session() as session:
        correct_article(
            session,
            desk.person(session, desk.coordinator),
            desk.translation(session).article,
            ArticleInput(title="円安を嘆く前に", body="全く新しい本文。", source_language="ja"),
            note="Rewritten.",
        )
    html = reader.get("/read/before-lamenting-the-weak-yen").get_data(as_text=True)
    assert ENGLISH[1] in html


def test_public_pages_load_nothing_from_other_hosts(reader, published):
    for path in (
        "/",
        "/read/before-lamenting-the-weak-yen",
        f"/translators/{published.translator.id}",
    ):
        html = reader.get(path).get_data(as_text=True)
        assert not re.search(r'(?:src|href)="https?://(?!localhost)[^"]*\.(?:css|js)', html)
        # The one script is the site's own, on the article page: it fetches the comment
        # form's token when a reader starts writing.
        scripts = re.findall(r"<script[^>]*>", html)
        expected = (
            ['<script src="/static/app/reader-comment.js" defer>'] if "/read/" in path else []
        )
        assert scripts == expected


def test_robots_and_the_sitemap_point_at_the_public_pages(reader, published):
    robots = reader.get("/robots.txt").get_data(as_text=True)
    assert "Sitemap: http://localhost/sitemap.xml" in robots
    from xml.etree import ElementTree as ET

    sitemap = ET.fromstring(reader.get("/sitemap.xml").data)
    locations = [
        element.text for element in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")
    ]
    assert "http://localhost/read/before-lamenting-the-weak-yen" in locations
    assert f"http://localhost/translators/{published.translator.id}" in locations


def test_the_desk_shows_the_public_address_of_a_published_translation(app, published):
    from tests.conftest import sign_in

    client = app.test_client()
    sign_in(client, published.coordinator.email)
    html = client.get(f"/translations/{published.translation_id}").get_data(as_text=True)
    assert 'data-testid="public-link"' in html
    assert "/read/before-lamenting-the-weak-yen" in html


@pytest.mark.parametrize("query", ["yen", "円安", "weak 円安", "lamenting", "nothing-like-it"])
def test_looking_matches_up_or_walking_the_live_ones_finds_the_same(
    app, published, monkeypatch, query
):
    """SQLite looks a rare word's matches up (`public_site.LOOK_UP_BELOW`) and walks every live
    publication for a common one: either way the same page."""
    database = app.extensions["translate_flow.db"]
    pages = []
    for look_up_below in (0, 10**9):
        monkeypatch.setattr(public_site, "LOOK_UP_BELOW", look_up_below)
        with database.session(write=False) as session:
            page = public_site.latest_rows(session, public_site.PublicFilters(text=query))
            pages.append((page.total, [row.id for row in page.items]))
    assert pages[0] == pages[1]
    assert pages[0][0] == (0 if query == "nothing-like-it" else 1)
