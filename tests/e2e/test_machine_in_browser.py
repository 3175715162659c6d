"""Machine translation in Chromium, as issue 21's "done when" tells it, with the real Apertium:
a Spanish article's paragraph shows Apertium's suggestion in the side panel, Ctrl+1 inserts
it, the translator submits, and the translation page shows how much of the text is the
machine's unedited output. Where no engine serves the pair, the panel says so once."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.compiled_once import share_compiled_templates
from tests.conftest import test_config as app_config
from tests.databases import copy_sqlite_schema
from tests.e2e.conftest import E2E_MARKS, BrowserProblems, LiveServer, serving, sign_in
from tests.e2e.desk_data import (
    REVIEWER,
    assign_to_translator,
    create_english_translation,
)
from tests.e2e.editing import box, editor_of, last_revision, saved, segment_ids, submit_in_editor
from tests.machine_servers import apertium_url  # noqa: F401  (the real APY, or a skip)
from translate_flow import create_app
from translate_flow.demo.people import DEMO_PASSWORD, load_demo
from translate_flow.intake.articles import ArticleInput

pytestmark = E2E_MARKS

SHOTS = Path("/tmp/helpers/shots/machine")
TITLE = "Washington y el precio de los alimentos"
PARAGRAPHS = [
    "Las cooperativas temen perder mercados que tardaron décadas en abrir.",
    "El gobierno prepara una respuesta para la próxima semana.",
]
ENGLISH_TITLE = "Washington and the price of food"
ENGLISH_LAST = "The government is preparing a response for next week."


@pytest.fixture
def live_server(
    tmp_path: Path,
    sqlite_schema_file: Path,
    apertium_url: str,  # noqa: F811
) -> Iterator[LiveServer]:
    """The app as e2e's own, configured with the real Apertium (as TRANSLATE_FLOW_APERTIUM_URL
    would): on at "suggestions" for the pairs it serves, es→en among them."""
    url = copy_sqlite_schema(sqlite_schema_file, tmp_path / "e2e.sqlite3")
    config = app_config(url, tmp_path / "instance") | {"APERTIUM_URL": apertium_url}
    app = share_compiled_templates(create_app(config))
    with app.extensions["translate_flow.db"].transaction() as session:
        load_demo(session, app.extensions["translate_flow.passwords"], DEMO_PASSWORD)
    with serving(app) as address:
        yield LiveServer(url=address, app=app)


def spanish_article_for_rafael(live_server: LiveServer, language: str = "es") -> int:
    """The Spanish piece, assigned to Rafael (who translates es→en on the demo desk)."""
    translation_id = create_english_translation(
        live_server,
        ArticleInput(title=TITLE, body="\n\n".join(PARAGRAPHS), source_language=language),
    )
    assign_to_translator(live_server, translation_id, REVIEWER)
    return translation_id


def test_an_apertium_suggestion_is_inserted_with_ctrl_1_and_the_machine_share_shows(
    page: Page, live_server: LiveServer, problems: BrowserProblems
):
    translation_id = spanish_article_for_rafael(live_server)
    ids = segment_ids(live_server, translation_id)
    sign_in(page, REVIEWER)
    editor_of(page, translation_id)
    panel = page.get_by_test_id("editor-panel")
    box(page, 2).click()
    suggestion = panel.get_by_test_id("suggestion").first
    expect(suggestion).to_contain_text("Machine: Apertium")
    machine_text = suggestion.locator(".suggestion-text").inner_text()
    assert "cooperatives" in machine_text
    expect(suggestion.locator("kbd")).to_have_text("Ctrl+1")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / "panel-apertium-1280.png")

    page.keyboard.press("Control+1")
    expect(box(page, 2)).to_have_value(machine_text)
    box(page, 1).fill(ENGLISH_TITLE)
    box(page, 3).fill(ENGLISH_LAST)
    box(page, 1).click()
    saved(page)
    revision = last_revision(live_server, translation_id, ids[1])
    assert (revision.suggestion_kind, revision.suggestion_engine) == ("machine", "apertium")
    assert revision.suggestion_text == machine_text == revision.text

    submit_in_editor(page)
    expect(page.get_by_test_id("state")).to_have_text("in review")
    page.goto(f"/translations/{translation_id}")
    share = page.get_by_test_id("machine-share")
    expect(share).to_contain_text("Machine translation, unedited:")
    expect(share).to_contain_text("1 of 3 paragraphs from a machine suggestion")
    page.screenshot(path=SHOTS / "translation-page-share.png")
    assert problems.messages == []


def test_a_pair_no_engine_serves_is_asked_about_once_and_said_once(
    page: Page, live_server: LiveServer, problems: BrowserProblems
):
    # Apertium has no Japanese. The page cannot know that without asking Apertium (which it
    # never does while rendering): the first segment's answer says so, and nothing more is asked.
    translation_id = create_english_translation(
        live_server,
        ArticleInput(
            title="円安", body="円相場が続落した。\n\n輸入物価が上がる。", source_language="ja"
        ),
    )
    assign_to_translator(live_server, translation_id, REVIEWER)
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    sign_in(page, REVIEWER)
    editor_of(page, translation_id)
    box(page, 2).click()
    status = page.get_by_test_id("machine-status")
    expect(status).to_have_text("No machine translation engine serves ja→en.")
    box(page, 3).click()
    expect(status).to_have_count(1)
    expect(page.get_by_test_id("suggestion")).to_have_count(0)
    assert len([url for url in asked if "machine=only" in url]) == 1
    assert problems.messages == []
