"""The editor page as volunteers use it, through the test client: boxes with room to write
without JavaScript, counts in characters for Japanese, the toolbar's parts, the side panel's
context (notes, the article's details, the whole source) and the reviewer's hooks."""

import re
from datetime import date

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from tests.conftest import sign_in
from tests.desk import Desk
from tests.factories import ArticleFactory, UserFactory
from translate_flow.domain.models import Priority, Role, Translation, User
from translate_flow.domain.workflow import Action
from translate_flow.editing import comments
from translate_flow.editing.workspace import MIN_BOX_ROWS, box_rows
from translate_flow.intake.formats import BodyFormat
from translate_flow.text.wordcount import count_unit
from translate_flow.workflow.transitions import fire

LONG_ENGLISH = (
    "The yen has stayed above 150 to the dollar for so long that the weakness of the currency "
    "has become the starting point of every argument about the economy, from wages to tourism, "
    "and yet the question this editorial wants its readers to ask is a different one: why thirty "
    "years of stagnation came first, and what the weak yen merely reports about them."
)


def editor_html(client: FlaskClient, translation_id: int) -> str:
    response = client.get(f"/translations/{translation_id}/edit")
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    return response.get_data(as_text=True)


def text_only(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.fixture
def dorothy(app: Flask, desk: Desk) -> FlaskClient:
    client = app.test_client()
    assert sign_in(client, desk.translator.email).status_code == 302
    return client


# --- Room to write without JavaScript --------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "target", "rows"),
    [
        ("短い。", "", MIN_BOX_ROWS),  # room to start writing, however short the source
        ("円" * 95, "", 4),  # 95 wide characters fill about four lines of the column
        ("円" * 95, LONG_ENGLISH, 7),  # the translation is longer: it decides
        ("a\nb\nc\nd", "", 4),  # each line of the source counts
    ],
)
def test_a_box_is_as_tall_as_the_longer_of_source_and_translation(source, target, rows):
    assert box_rows(source, target) == rows


def test_a_long_translation_of_a_short_japanese_paragraph_gets_its_room(dorothy, desk):
    desk.write(desk.translator, 1, LONG_ENGLISH)
    html = editor_html(dorothy, desk.translation_id)
    tags = re.findall(r"<textarea[^>]*data-text[^>]*>", html)
    heights = [int(re.search(r'rows="(\d+)"', tag)[1]) for tag in tags]  # type: ignore[index]
    # Sized from the source alone, the box had 2 rows for 330 characters of English.
    assert heights[1] >= 7
    assert min(heights) >= MIN_BOX_ROWS


# --- Counts: characters for Japanese and Chinese ----------------------------------------------


@pytest.mark.parametrize(
    ("language", "unit"),
    [("ja", "characters"), ("zh-Hant", "characters"), ("th", "words"), ("en", "words")],
)
def test_languages_written_without_spaces_are_counted_in_characters(language, unit):
    assert count_unit(language) == unit


def test_the_progress_of_a_japanese_source_is_in_characters(dorothy, desk):
    html = text_only(editor_html(dorothy, desk.translation_id))
    assert re.search(r"Characters: 0 of [\d,]+ source characters \( 0 words written\)", html)
    assert "source words" not in html
    # Under each source segment too.
    assert re.search(r"\d+ characters", html)


# --- The toolbar -----------------------------------------------------------------------------


def test_the_toolbar_holds_progress_save_status_open_threads_and_submit(dorothy, desk):
    with desk.session() as session:
        translation = desk.translation(session)
        person = desk.person(session, desk.translator)
        comments.add_comment(
            session,
            person,
            translation,
            "Is 円安 the weak yen here?",
            segment_id=desk.segment_ids[1],
        )
        resolved = comments.add_comment(session, person, translation, "A settled question.")
        comments.set_resolved(session, person, translation, resolved.comment, resolved=True)
    html = editor_html(dorothy, desk.translation_id)
    toolbar = html.split("data-editor-toolbar", 1)[1].split("keyboard-help", 1)[0]
    for part in ('data-testid="progress"', 'id="save-status"', 'data-testid="submit"'):
        assert part in toolbar
    assert re.search(r"\b1 open comment thread\b(?!s)", text_only(toolbar))
    # The submit goes to the transition API from the page (with the form as the fallback).
    assert f'data-transitions-url="/api/v1/translations/{desk.translation_id}/transitions"' in html
    assert 'aria-keyshortcuts="Control+Shift+Enter"' in toolbar


def test_each_row_carries_its_segment_and_state_for_the_reviewer(dorothy, desk):
    desk.write(desk.translator, 1, "The yen has long been above 150 to the dollar.")
    html = editor_html(dorothy, desk.translation_id)
    found = re.findall(r'data-segment-id="(\d+)" data-row-state="(\w+)"', html)
    assert found == [
        (str(desk.segment_ids[0]), "empty"),
        (str(desk.segment_ids[1]), "draft"),
        (str(desk.segment_ids[2]), "empty"),
        (str(desk.segment_ids[3]), "empty"),
    ]


# --- The side panel --------------------------------------------------------------------------


@pytest.fixture
def detailed(app: Flask, make_user: UserFactory, make_article: ArticleFactory) -> tuple[int, User]:
    """An article with every detail the panel shows, claimed by a translator."""
    coordinator = make_user(Role.COORDINATOR)
    translator = make_user(Role.TRANSLATOR, pairs=["ja:en"])
    article = make_article(
        coordinator,
        title="円安を嘆く前に",
        body="## 停滞の三十年\n\n円相場が一ドル百五十円を超えて久しい。",
        body_format=BodyFormat.MARKDOWN,
        author="山田太郎",
        source_url="https://www.example.jp/opinion/2026/yen",
        published_on=date(2026, 11, 30),
        priority=Priority.URGENT,
        tags=["economy", "yen"],
        notes="Keep the editorial's first person plural: it speaks for the paper.",
    )
    with app.extensions["translate_flow.db"].transaction() as session:
        translation = session.scalars(
            select(Translation).where(
                Translation.article_id == article.id, Translation.target_language == "en"
            )
        ).one()
        translation_id = translation.id
        fire(session, session.get(User, translator.id), translation, Action.CLAIM)  # type: ignore[arg-type]
    return translation_id, translator


def test_the_panel_shows_the_notes_and_the_articles_details(app, detailed):
    translation_id, translator = detailed
    client = app.test_client()
    sign_in(client, translator.email)
    html = editor_html(client, translation_id)
    panel = html.split('id="editor-panel"', 1)[1].split("</aside>", 1)[0]
    text = text_only(panel)
    assert "Notes for translators" in text
    assert "Keep the editorial&#39;s first person plural" in panel or "Keep the editorial" in text
    for expected in (
        "山田太郎",
        "2026-11-30",
        "www.example.jp/opinion/2026/yen",
        "economy",
        "yen",
        "Urgent",
    ):
        assert expected in text, expected
    assert 'href="https://www.example.jp/opinion/2026/yen"' in panel
    assert 'aria-controls="editor-panel"' in html and "aria-expanded=" in html


def test_the_whole_source_is_a_page_of_headings_and_paragraphs(app, detailed):
    translation_id, translator = detailed
    client = app.test_client()
    sign_in(client, translator.email)
    html = editor_html(client, translation_id)
    source = html.split('data-whole-source data-testid="whole-source"', 1)[1].split("</dialog>", 1)[
        0
    ]
    assert re.search(r"<h2>\s*円安を嘆く前に\s*</h2>", source)
    assert re.search(r"<h3>\s*停滞の三十年\s*</h3>", source)
    assert re.search(r"<p>\s*円相場が一ドル百五十円を超えて久しい。\s*</p>", source)
    assert 'lang="ja"' in source


def test_the_panel_without_notes_says_nothing_about_them(dorothy, desk):
    with desk.session() as session:
        assert desk.translation(session).article.notes == ""
    assert "Notes for translators" not in editor_html(dorothy, desk.translation_id)


def test_the_read_only_editor_has_the_panel_but_no_submit(app, desk):
    client = app.test_client()
    sign_in(client, desk.other.email)
    html = editor_html(client, desk.translation_id)
    assert 'data-editable="false"' in html
    assert 'id="editor-panel"' in html
    assert 'data-testid="submit"' not in html
