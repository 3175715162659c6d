"""Inline tags downstream: a translation with the source's link and emphasis placed reads, on the
public page, in the feeds and in every export, as the source's elements around the translated
words; search and counts read the words alone; the desk's compare, history and review-changes
pages show the placeholders as chips. Then the issue's "Done when", through the API."""

import json
import re

import feedparser
import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from tests.conftest import sign_in
from tests.desk import Desk, build_desk
from tests.factories import ArticleFactory, UserFactory
from tests.web.test_articles_api import token_client
from tests.web.wordpress_importer import import_wxr
from translate_flow.domain.models import Publication, Role
from translate_flow.domain.workflow import Action
from translate_flow.editing import saving as editing
from translate_flow.intake.articles import ArticleInput, correct_article
from translate_flow.intake.formats import BodyFormat
from translate_flow.text.wordcount import count_words

REPORT = "https://example.org/report"
BODY = (
    f"[報告書]({REPORT})は*日経アジア*の記事を引く。\n\n"
    "だが、通貨の弱さは原因ではなく結果である。\n\n"
    "[別の報告](https://example.org/other)も同じだ。"
)
ENGLISH = [
    "Before lamenting the weak yen",
    "{1}The report{/1} cites an article in {2}Nikkei Asia{/2}.",
    "But a weak currency is a result, not a cause.",
    "{1}Another report{/1} agrees.",
]
SLUG = "before-lamenting-the-weak-yen"
LINK = re.compile(r'<a href="https://example\.org/report"[^>]*>The report</a>')
EMPHASIS = "<em>Nikkei Asia</em>"


def text_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", "", html).split())


@pytest.fixture
def tagged(app: Flask, make_user: UserFactory, make_article: ArticleFactory) -> Desk:
    """Tests' desk (tests.desk) around a Markdown article with links and an emphasis."""
    return build_desk(app, make_user, make_article, body=BODY, body_format=BodyFormat.MARKDOWN)


@pytest.fixture
def published(tagged: Desk) -> Desk:
    tagged.publish(ENGLISH)
    return tagged


def check_rendered(html: str) -> None:
    """The link around the same words, once, and the emphasis; no placeholder left over."""
    assert LINK.search(html), html
    assert html.count(f'href="{REPORT}"') == 1
    assert EMPHASIS in html
    assert re.search(r"\{/?\d+/?\}", html) is None


def test_the_public_page_sets_the_sources_link_and_emphasis_around_the_translated_words(
    client, published
):
    html = client.get(f"/read/{SLUG}").get_data(as_text=True)
    body = html.split('data-testid="body">', 1)[1].split("</div>", 1)[0]
    check_rendered(body)
    assert re.search(r'<a href="https://example\.org/other"[^>]*>Another report</a>', body)
    assert "The report cites an article in Nikkei Asia." in text_of(body)


def test_the_atom_feed_carries_the_elements_in_its_content(client, published):
    parsed = feedparser.parse(client.get("/feed.atom").data)
    [entry] = parsed.entries
    check_rendered(entry.content[0].value)
    assert entry.title == ENGLISH[0]
    assert entry.summary == "The report cites an article in Nikkei Asia."


def test_the_html_markdown_and_json_exports_keep_the_link_and_the_emphasis(client, published):
    check_rendered(client.get(f"/read/{SLUG}.html").get_data(as_text=True))
    markdown = client.get(f"/read/{SLUG}.md").get_data(as_text=True)
    assert f"[The report]({REPORT}) cites an article in *Nikkei Asia*." in markdown
    assert "{1}" not in markdown
    body = json.loads(client.get(f"/read/{SLUG}.json").data)
    first = body["blocks"][0]
    # The texts stay plain words; `html` beside them has the elements.
    assert first["texts"] == ["The report cites an article in Nikkei Asia."]
    check_rendered(first["html"])
    check_rendered(body["html"].split("\n")[0])
    assert body["title"] == ENGLISH[0]


def test_the_wordpress_export_keeps_the_link_and_the_emphasis(app, published):
    client = app.test_client()
    sign_in(client, published.coordinator.email)
    [post] = import_wxr(client.get("/export/wordpress.xml").data)
    body = post.post_content.split('<div class="translate-flow-credit"', 1)[0]
    check_rendered(body)


def test_search_and_the_word_count_read_the_words_without_the_tags(app, client, published):
    assert f"/read/{SLUG}" in client.get("/?q=Nikkei").get_data(as_text=True)
    with published.session() as session:
        publication = session.scalars(select(Publication)).one()
        assert "{1}" not in publication.search_text
        assert "The report cites an article in Nikkei Asia." in publication.search_text
        words = [text.replace("{1}", "").replace("{/1}", "") for text in ENGLISH]
        words = [text.replace("{2}", "").replace("{/2}", "") for text in words]
        assert publication.word_count == sum(count_words(text) for text in words)
    assert f"/read/{SLUG}" not in client.get("/?q=%7B1%7D").get_data(as_text=True)


def test_a_published_snapshot_keeps_its_link_after_the_source_is_corrected(client, published):
    with published.session() as session:
        correct_article(
            session,
            published.person(session, published.coordinator),
            published.translation(session).article,
            ArticleInput(
                title="円安を嘆く前に",
                body=BODY.replace(REPORT, "https://example.org/corrected"),
                body_format=BodyFormat.MARKDOWN,
                source_language="ja",
            ),
            note="The outlet moved its report.",
        )
    html = client.get(f"/read/{SLUG}").get_data(as_text=True)
    check_rendered(html.split('data-testid="body">', 1)[1].split("</div>", 1)[0])
    assert "example.org/corrected" not in html


def test_a_segment_left_untranslated_shows_the_sources_own_markup(client, tagged):
    tagged.write(tagged.translator, 0, ENGLISH[0])
    tagged.write(tagged.translator, 2, ENGLISH[2])
    tagged.write(tagged.translator, 3, ENGLISH[3])
    with tagged.session() as session:
        editing.save_segment(
            session,
            tagged.person(session, tagged.translator),
            tagged.translation(session),
            tagged.segment_ids[1],
            text="",
            base_version=0,
            leave_untranslated=True,
        )
    tagged.submit()
    tagged.take_review()
    tagged.approve()
    tagged.act(tagged.coordinator, Action.PUBLISH)
    html = client.get(f"/read/{SLUG}").get_data(as_text=True)
    assert re.search(
        r'<p lang="ja"><a href="https://example\.org/report"[^>]*>報告書</a>は<em>日経アジア</em>の記事を引く。</p>',
        html,
    )


def test_the_preview_renders_the_tags_before_publishing(app, tagged):
    for index, text in enumerate(ENGLISH):
        tagged.write(tagged.translator, index, text)
    tagged.submit()
    tagged.take_review()
    tagged.approve()
    client = app.test_client()
    sign_in(client, tagged.coordinator.email)
    html = client.get(f"/translations/{tagged.translation_id}/preview").get_data(as_text=True)
    check_rendered(html.split('data-testid="body">', 1)[1].split("</div>", 1)[0])


# --- The desk's pages: chips, not braces --------------------------------------------------


@pytest.fixture
def reviewed(tagged: Desk) -> Desk:
    """Submitted with the emphasis left out; the reviewer adds it and approves."""
    texts = [*ENGLISH]
    texts[1] = "{1}The report{/1} cites an article in Nikkei Asia."
    for index, text in enumerate(texts):
        tagged.write(tagged.translator, index, text)
    tagged.submit()
    tagged.take_review()
    tagged.write(tagged.reviewer, 1, ENGLISH[1])
    tagged.approve()
    return tagged


def check_chips(html: str) -> None:
    assert 'data-placeholder="{1}"' in html and 'data-placeholder="{/2}"' in html
    assert 'title="start of tag 1: link to https://example.org/report"' in html
    text = text_of(html)
    assert "{1}" not in text and "{/1}" not in text and "{2}" not in text


def test_the_compare_page_shows_chips(app, reviewed):
    client = app.test_client()
    sign_in(client, reviewed.reviewer.email)
    for view in ("inline", "side"):
        response = client.get(f"/translations/{reviewed.translation_id}/compare?view={view}")
        assert response.status_code == 200
        html = response.get_data(as_text=True)
        check_chips(html)
        assert "app/chips.css" in html
        # The source beside it is numbered alike.
        sources = re.findall(r'data-testid="diff-source">(.*?)</p>', html, re.DOTALL)
        assert any('data-placeholder="{1}"' in source for source in sources)


def test_the_review_changes_page_shows_chips(app, reviewed):
    client = app.test_client()
    sign_in(client, reviewed.translator.email)
    response = client.get(f"/translations/{reviewed.translation_id}/review-changes")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    check_chips(html)
    # The emphasis the reviewer added is one inserted token: both its chips sit inside <ins>.
    assert re.search(r'<ins[^>]*>(?:(?!</ins>).)*data-placeholder="\{2\}"', html, re.DOTALL)


def test_the_history_page_shows_chips(app, reviewed):
    client = app.test_client()
    sign_in(client, reviewed.translator.email)
    url = f"/translations/{reviewed.translation_id}/segments/{reviewed.segment_ids[1]}/history"
    response = client.get(url)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    check_chips(html)
    current = html.split('data-testid="current-text">', 1)[1].split("</blockquote>", 1)[0]
    assert 'data-placeholder="{2}"' in current


# --- Done when ------------------------------------------------------------------------------


def test_done_when_a_markdown_article_translated_through_the_api_publishes_its_link_and_italics(
    app: Flask, make_user: UserFactory
) -> None:
    """A Markdown article with a link and an italic title of a work, brought in, translated
    segment by segment with both tags placed, reviewed, approved and published through the
    API: the English page and the WordPress export link the same words to the same address
    and set the same title in italics."""
    coordinator = make_user(Role.COORDINATOR, name="Cora Coordinator")
    translator = make_user(Role.TRANSLATOR, pairs=["ja:en"], name="Dorothy Phoenix")
    reviewer = make_user(Role.REVIEWER, reviews=["ja:en"], name="Rafael Reviewer")
    desk, dorothy, rafael = (
        token_client(app, user) for user in (coordinator, translator, reviewer)
    )

    created = desk.post(
        "/api/v1/articles",
        json={
            "title": "報告書を読む",
            "body": f"[報告書]({REPORT})は*Nikkei Asia*の記事を引く。\n\n円は弱い。",
            "body_format": "markdown",
            "source_language": "ja",
        },
    )
    assert created.status_code == 201, created.get_json()
    article_id = created.get_json()["id"]
    listed = desk.get(f"/api/v1/translations?article_id={article_id}&target_language=en")
    [summary] = listed.get_json()["items"]
    translation_id = summary["id"]
    assert dorothy.post(f"/api/v1/translations/{translation_id}/claim").status_code == 200

    english = {
        "報告書を読む": "Reading the report",
        "{1}報告書{/1}は{2}Nikkei Asia{/2}の記事を引く。": (
            "{1}The report{/1} cites an article in {2}Nikkei Asia{/2}."
        ),
        "円は弱い。": "The yen is weak.",
    }
    segments = dorothy.get(f"/api/v1/translations/{translation_id}").get_json()["segments"]
    tagged = next(segment for segment in segments if segment["tags"])
    assert [(tag["id"], tag["element"], tag.get("href")) for tag in tagged["tags"]] == [
        (1, "a", REPORT),
        (2, "em", None),
    ]
    for segment in segments:
        saved = dorothy.put(
            f"/api/v1/translations/{translation_id}/segments/{segment['segment_id']}",
            json={
                "text": english[segment["source_tagged"]],
                "base_version": segment["version"],
            },
        )
        assert saved.status_code == 200, saved.get_json()
        assert saved.get_json()["missing_tags"] == []

    def move(client: FlaskClient, action: str) -> None:
        answer = client.post(
            f"/api/v1/translations/{translation_id}/transitions", json={"action": action}
        )
        assert answer.status_code == 200, (action, answer.get_json())

    move(dorothy, "submit")
    move(rafael, "claim_review")
    move(rafael, "approve")
    move(desk, "publish")

    reader = app.test_client()
    page = reader.get("/read/reading-the-report")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    body = html.split('data-testid="body">', 1)[1].split("</div>", 1)[0]
    check_rendered(body)
    assert "<title>Reading the report" in html

    coordinator_client = app.test_client()
    sign_in(coordinator_client, coordinator.email)
    [post] = import_wxr(coordinator_client.get("/export/wordpress.xml").data)
    content = post.post_content.split('<div class="translate-flow-credit"', 1)[0]
    check_rendered(content)
    # The same words, the same address, the same italics on both.
    assert LINK.search(content).group(0) == LINK.search(body).group(0)  # type: ignore[union-attr]
