"""The WordPress export as a WordPress 6.1 site imports it (read through a port of its importer,
tests/web/wordpress_importer.py): every field's text, the custom fields' serialized-data shape,
the post names, the dates in the site's time zone, and the public site's script payloads."""

from dataclasses import dataclass, replace
from datetime import UTC, date, datetime

import pytest
from flask import Flask
from sqlalchemy import select

from tests.conftest import sign_in
from tests.desk import Desk
from tests.factories import ArticleFactory
from tests.web.test_articles_api import add_outlet

# The public site's payloads, and its fixture that puts one in every field.
from tests.web.test_public_xss import LIVE, PAYLOADS, poisoned, poisoned_site  # noqa: F401
from tests.web.wordpress_importer import (
    Node,
    StoredPost,
    import_wxr,
    is_serialized,
    maybe_unserialize,
    parse_wxr,
    read_html,
    sanitize_title,
    utf8_uri_encode,
)
from translate_flow.domain.models import Publication, Translation
from translate_flow.domain.workflow import Action
from translate_flow.publishing.exports import wordpress_meta_value, wordpress_names
from translate_flow.workflow.transitions import fire

TITLE = "<script>alert(1)</script> & 5 < 7"
STANDFIRST = "<b>Bold</b> claims: 5 < 7 & [gallery ids=1]"
SERIALIZED_OUTLET = 'a:1:{i:0;s:3:"pwn";}'
SOURCE_URL = "https://toyo.example/news/1?a=1&b=2"


@dataclass
class Expected:
    translator_id: int
    translator_name: str
    source_title: str
    texts: list[str]  # title, standfirst, paragraphs


def claimed(desk: Desk, make_article: ArticleFactory, **fields: object) -> Desk:
    """A new article's English translation, claimed by the desk's translator."""
    article = make_article(desk.coordinator, **fields)
    with desk.session() as session:
        translation = session.scalars(
            select(Translation).where(Translation.article_id == article.id)
        ).one()
        fire(session, desk.person(session, desk.translator), translation, Action.CLAIM)
        ids = sorted(row.segment_id for row in translation.segments)
        return replace(desk, translation_id=translation.id, segment_ids=ids)


@pytest.fixture
def rich(app: Flask, desk: Desk, make_article: ArticleFactory) -> Expected:
    """A published translation with markup, a shortcode and script in every text field, an
    outlet named like PHP serialized data, and a control character in the translator's name."""
    outlet_id = add_outlet(app, desk.coordinator, SERIALIZED_OUTLET)
    source_title = f"円安の{PAYLOADS[0]}"
    work = claimed(
        desk,
        make_article,
        title=source_title,
        standfirst="識者は語る。",
        body="第一段落。\n\n第二段落。",
        author=PAYLOADS[1],
        outlet_id=outlet_id,
        source_url=SOURCE_URL,
        published_on=date(2024, 1, 14),
        tags=["<b>economy</b>", "5 < 7 & more"],
    )
    texts = [
        TITLE,
        STANDFIRST,
        f"First {PAYLOADS[0]} and {PAYLOADS[1]}.",
        f"Second {PAYLOADS[2]} {PAYLOADS[3]} [embed]https://example.com/x[/embed]",
    ]
    assert len(texts) == len(work.segment_ids)
    with desk.session() as session:
        # Stored past the people pages' checks (older data, a direct edit): a form feed is a
        # character XML cannot carry at all.
        desk.person(session, desk.translator).display_name = "Dorothy & <Phoenix>\x0c"
    work.publish(texts)
    return Expected(desk.translator.id, "Dorothy & <Phoenix>", source_title, texts)


def exported(app: Flask) -> bytes:
    result = app.test_cli_runner().invoke(args=["export"])
    assert result.exit_code == 0, result.output
    return result.stdout_bytes


def imported(app: Flask) -> list[StoredPost]:
    return import_wxr(exported(app))


def shows_as_text(html: str, text: str) -> None:
    """A field WordPress prints as HTML shows exactly `text`, with no element of its own."""
    node = read_html(html)
    assert node.text == text
    assert not list(node.iter()), html


def test_titles_excerpts_names_and_terms_show_the_text_as_typed(app, rich):
    [post] = imported(app)
    shows_as_text(post.post_title, TITLE)  # what the_title() prints
    shows_as_text(post.post_excerpt, STANDFIRST)  # the_excerpt()
    assert post.author is not None
    shows_as_text(post.author.display_name, rich.translator_name)  # the_author()
    terms = {(term.domain, read_html(term.name).text) for term in post.terms}
    assert terms == {
        ("category", "From Japanese"),
        ("post_tag", "<b>economy</b>"),
        ("post_tag", "5 < 7 & more"),
    }
    assert post.post_status == "publish"


def _credit(content: Node) -> Node:
    [credit] = [node for node in content.find_all("div") if "credit" in (node.attrs["class"] or "")]
    return credit


def test_the_content_leads_with_the_standfirst_and_ends_with_the_credits(app, rich):
    [post] = imported(app)
    content = read_html(post.post_content)
    paragraphs = [p.text for p in content.find_all("p")]
    assert paragraphs[:3] == rich.texts[1:]  # the standfirst leads, then the body
    [lead] = content.find_all("p", **{"class": "standfirst"})
    assert lead.text == STANDFIRST
    credit = _credit(content)
    about = f"About {rich.translator_name} — 1 Article"
    links = {a.text: a.attrs["href"] for a in credit.find_all("a")}
    assert links[about] == f"http://localhost/translators/{rich.translator_id}"
    [original_title] = credit.find_all("cite")
    assert (original_title.text, original_title.attrs["lang"]) == (rich.source_title, "ja")
    assert SERIALIZED_OUTLET in credit.text
    assert SOURCE_URL in links.values()
    assert "Translated by" in credit.text


def test_the_content_has_no_markup_or_shortcode_of_the_texts_own(app, rich):
    [post] = imported(app)
    content = read_html(post.post_content)
    assert {node.tag for node in content.iter()} <= {"p", "em", "div", "a", "cite", "br"}
    for node in content.iter():
        assert not [name for name in node.attrs if name.startswith("on")], node
        if "href" in node.attrs:
            assert (node.attrs["href"] or "").startswith(("http://", "https://"))
    assert not LIVE.search(post.post_content)
    # the_content runs do_shortcode(): a bracket the translator typed must not reach it.
    assert "[" not in post.post_content and "[" not in post.post_excerpt
    assert "[embed]https://example.com/x[/embed]" in content.text


def test_custom_fields_come_back_as_the_strings_they_were(app, rich):
    [post] = imported(app)
    assert post.meta == {
        "translate_flow_translator": rich.translator_name,
        "translate_flow_source_url": SOURCE_URL,
        "translate_flow_source_title": rich.source_title,
        "translate_flow_outlet": SERIALIZED_OUTLET,  # not the array it spells
    }


@pytest.mark.parametrize(
    "value",
    [
        SERIALIZED_OUTLET,
        "b:1;",
        "i:42;",
        "d:0.5;",
        "N;",
        ' s:3:"abc"; ',
        's:6:"日本";',
        'O:8:"stdClass":0:{}',
        'E:7:"Foo:Bar";',
        "a:2:{broken}",
        "Toyo Keizai",
        "a: the magazine",
        "日本:経済;",
        "",
    ],
)
def test_a_custom_field_that_looks_serialized_is_written_so_wordpress_returns_the_string(value):
    written = wordpress_meta_value(value)
    assert maybe_unserialize(written) == value
    if not is_serialized(value):
        assert written == value  # plain values stay plain


# Each moment (UTC) and what a site in each zone calls it: standard and summer time on both
# hemispheres, and the hour after Europe's clocks went forward on 31 March 2024.
MOMENTS = [
    datetime(2024, 1, 15, 3, 30, tzinfo=UTC),
    datetime(2024, 7, 15, 3, 30, tzinfo=UTC),
    datetime(2024, 3, 31, 1, 30, tzinfo=UTC),
]
LOCAL = {
    "UTC": ["2024-01-15 03:30:00", "2024-07-15 03:30:00", "2024-03-31 01:30:00"],
    "Asia/Tokyo": ["2024-01-15 12:30:00", "2024-07-15 12:30:00", "2024-03-31 10:30:00"],
    "Europe/Berlin": ["2024-01-15 04:30:00", "2024-07-15 05:30:00", "2024-03-31 03:30:00"],
    "Australia/Sydney": ["2024-01-15 14:30:00", "2024-07-15 13:30:00", "2024-03-31 12:30:00"],
}


@pytest.mark.parametrize("zone", list(LOCAL))
def test_post_dates_are_the_sites_local_time_and_gmt_is_utc(app, desk, zone):
    desk.publish()
    app.config["SITE_TIME_ZONE"] = zone
    client = app.test_client()
    sign_in(client, desk.coordinator.email)
    for moment, local in zip(MOMENTS, LOCAL[zone], strict=True):
        with desk.session() as session:
            publication = session.scalars(select(Publication)).one()
            publication.first_published_at = publication.published_at = moment
        [post] = import_wxr(client.get("/export/wordpress.xml").data)
        assert (post.post_date, post.post_date_gmt) == (local, f"{moment:%Y-%m-%d %H:%M:%S}")
        assert post.post_status == "publish"  # not scheduled for later


def test_an_unknown_time_zone_is_a_clear_error(app, desk):
    desk.publish()
    app.config["SITE_TIME_ZONE"] = "Asia/Tokio"
    result = app.test_cli_runner().invoke(args=["export"])
    assert result.exit_code != 0
    assert "Asia/Tokio" in result.output and "TRANSLATE_FLOW_SITE_TIME_ZONE" in result.output
    client = app.test_client()
    sign_in(client, desk.coordinator.email)
    response = client.get("/export/wordpress.xml")
    assert response.status_code == 400
    assert "TRANSLATE_FLOW_SITE_TIME_ZONE" in response.get_data(as_text=True)


# Slugs as they were made before they were fitted to WordPress: up to 120 characters.
OLD_SLUGS = [
    "日本経済" * 15,  # 60 characters, 540 bytes once percent-encoded
    "日本経済" * 10 + "円安" * 10,  # the same first 40 characters
    "правительство-обсуждает-экономическую-политику-страны",
]


def test_every_post_name_is_kept_whole_by_wordpress_and_unique(app, desk, make_article):
    for old_slug in OLD_SLUGS:
        work = claimed(desk, make_article)
        work.publish([f"Title {old_slug}", "A paragraph.", "Another."])
        with desk.session() as session:
            publication = session.scalars(
                select(Publication).where(Publication.translation_id == work.translation_id)
            ).one()
            publication.slug = old_slug
    posts = parse_wxr(exported(app)).posts
    for post in posts:
        # wp_insert_post stores sanitize_title(post_name): the whole name, nothing cut.
        assert sanitize_title(post.post_name) == utf8_uri_encode(post.post_name)
    assert (
        [post.post_name for post in posts]
        == [
            OLD_SLUGS[0][:22],  # 22 characters × 9 bytes = 198 of WordPress's 200
            OLD_SLUGS[0][:22] + "-2",
            "правительство-обсуждает",  # cut between words, not inside the third
        ]
    )


def test_a_run_of_old_slugs_alike_in_their_first_200_bytes_get_names_of_their_own():
    slugs = [OLD_SLUGS[0] + str(number) for number in range(300)]
    names = wordpress_names(slugs)
    assert len(set(names)) == len(slugs)
    assert all(sanitize_title(name) == utf8_uri_encode(name) for name in names)
    assert names[-1] == OLD_SLUGS[0][:21] + "-300"  # 21 × 9 + 4 bytes


@pytest.mark.usefixtures("poisoned_site")
def test_the_poisoned_site_imports_as_inert_text(app):
    [post] = imported(app)
    shows_as_text(post.post_title, poisoned(0))
    shows_as_text(post.post_excerpt, poisoned(1))
    assert post.author is not None
    shows_as_text(post.author.display_name, poisoned(3))
    for html in (post.post_title, post.post_excerpt, post.post_content):
        assert not LIVE.search(html), html
    content = read_html(post.post_content)
    body = [p.text for p in content.find_all("p")]
    assert body[:3] == [poisoned(1), poisoned(2), poisoned(3)]
    assert 'href="javascript:' not in post.post_content
    assert post.meta["translate_flow_outlet"] == poisoned(1)
    assert post.meta["translate_flow_source_url"] == ""  # not an address a link may carry
