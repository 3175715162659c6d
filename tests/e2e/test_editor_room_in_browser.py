"""The editor in Chromium as volunteers write in it: boxes that grow with the text and are
never shorter than the source, a toolbar that stays on screen while scrolling (laptop and
phone) without covering the box being written, and a submit that is checked in the page and
never leaves the editor for an error page."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.e2e.conftest import E2E_MARKS, BrowserProblems, LiveServer, sign_in
from tests.e2e.desk_data import (
    COORDINATOR,
    TRANSLATOR,
    YEN_ENGLISH,
    YEN_PARAGRAPHS,
    YEN_TITLE,
    assign_to_translator,
    create_japanese_article,
    db_of,
    person,
)
from tests.e2e.editing import box, saved, submit_in_editor
from translate_flow.domain.models import Translation, TranslationState
from translate_flow.domain.workflow import Action, Request
from translate_flow.workflow.transitions import fire

pytestmark = E2E_MARKS

# A long editorial: enough rows to scroll through.
MANY_PARAGRAPHS = [
    f"第{n}段落。円相場が一ドル百五十円を超えて久しい。輸入物価の上昇は家計を直撃している。"
    for n in range(1, 13)
]
LONG_ENGLISH = (
    "The yen has stayed above 150 to the dollar for so long that the weakness of the currency "
    "has become the starting point of every argument about the economy, from wages to tourism, "
    "and yet the question this editorial wants its readers to ask is a different one: why thirty "
    "years of stagnation came first, and what the weak yen merely reports about them."
)


def source_of(page: Page, number: int) -> Locator:
    return page.get_by_test_id("segment").nth(number - 1).locator("[data-source-text]")


def height(locator: Locator) -> float:
    found = locator.bounding_box()
    assert found is not None
    return found["height"]


def open_editor(page: Page, live_server: LiveServer, paragraphs: list[str]) -> int:
    translation_id = create_japanese_article(live_server, YEN_TITLE, paragraphs)
    assign_to_translator(live_server, translation_id)
    sign_in(page, TRANSLATOR)
    page.goto(f"/translations/{translation_id}/edit")
    return translation_id


def state_of(live_server: LiveServer, translation_id: int) -> TranslationState:
    with db_of(live_server).transaction() as session:
        translation = session.get(Translation, translation_id)
        assert translation is not None
        return translation.state


# --- Point 1: room to write ------------------------------------------------------------------


@pytest.mark.parametrize("width", [1280, 390])
def test_a_box_grows_with_its_text_and_is_never_shorter_than_its_source(
    page: Page, live_server: LiveServer, problems: BrowserProblems, width: int
):
    page.set_viewport_size({"width": width, "height": 800})
    open_editor(page, live_server, YEN_PARAGRAPHS)
    paragraph = box(page, 2)
    # Empty, it is already as tall as the Japanese paragraph beside it.
    assert height(paragraph) >= height(source_of(page, 2))
    before = height(paragraph)
    paragraph.fill(LONG_ENGLISH)
    # The whole translation is in view: the box grew, and nothing scrolls inside it.
    assert height(paragraph) > before
    inner = paragraph.evaluate("(box) => box.scrollHeight - box.clientHeight")
    assert inner <= 1
    # And shrinks back (to the source's height, not below) when the text goes.
    paragraph.fill("")
    assert height(source_of(page, 2)) <= height(paragraph) < before + 1
    saved(page)
    assert problems.messages == []


def test_without_javascript_a_box_has_rows_for_the_longer_text(
    page: Page, live_server: LiveServer, problems: BrowserProblems, artifacts: Path
):
    translation_id = open_editor(page, live_server, YEN_PARAGRAPHS)
    box(page, 2).fill(LONG_ENGLISH)
    saved(page)
    page.context.route("**/*.js", lambda route: route.abort())
    problems.allow_status(0)
    page.goto(f"/translations/{translation_id}/edit")
    rows = int(box(page, 2).get_attribute("rows") or 0)
    assert rows >= 7
    assert box(page, 2).evaluate("(box) => box.scrollHeight - box.clientHeight") <= 2 * 24
    page.screenshot(path=artifacts / "editor-1280-without-javascript.png", full_page=True)


# --- Point 2: the toolbar stays --------------------------------------------------------------


@pytest.mark.parametrize("width", [1280, 390])
def test_the_toolbar_stays_at_the_top_and_never_covers_the_box_being_written(
    page: Page, live_server: LiveServer, problems: BrowserProblems, width: int
):
    page.set_viewport_size({"width": width, "height": 700})
    open_editor(page, live_server, MANY_PARAGRAPHS)
    toolbar = page.locator("[data-editor-toolbar]")
    expect(box(page, 1)).to_be_focused()
    # Down through the rows with the keyboard, far below the first screen.
    for _ in range(9):
        page.keyboard.press("Alt+ArrowDown")
    expect(box(page, 10)).to_be_focused()
    assert page.evaluate("window.scrollY") > 300
    bar = toolbar.bounding_box()
    assert bar is not None and abs(bar["y"]) < 1
    for part in ("progress", "save-status", "open-threads", "submit"):
        expect(toolbar.get_by_test_id(part)).to_be_in_viewport()
    # The focused box is below the toolbar, not under it, also when it is reached by Tab…
    focused = box(page, 10).bounding_box()
    assert focused is not None and focused["y"] >= bar["y"] + bar["height"] - 1
    # …and when scrolled to from below (the browser brings it just into view).
    page.keyboard.press("Control+End")
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    box(page, 3).focus()
    bar = toolbar.bounding_box()
    focused = box(page, 3).bounding_box()
    assert bar is not None and focused is not None
    assert focused["y"] >= bar["y"] + bar["height"] - 1
    assert problems.messages == []


# --- Point 3: submitting stays in the editor -------------------------------------------------


def test_submit_names_the_empty_segments_jumps_to_the_first_and_stays(
    page: Page, live_server: LiveServer, problems: BrowserProblems
):
    translation_id = open_editor(page, live_server, YEN_PARAGRAPHS)
    editor_url = page.url
    box(page, 2).fill(YEN_ENGLISH[1])
    submit_in_editor(page)
    problem = page.get_by_test_id("submit-problem")
    expect(problem).to_have_attribute("role", "alert")
    expect(problem).to_contain_text("segments 1, 3 are still empty")
    assert page.url == editor_url
    # The button to the first empty segment has the keyboard: Enter goes there.
    expect(problem.get_by_role("button", name="Go to segment 1")).to_be_focused()
    page.keyboard.press("Enter")
    expect(box(page, 1)).to_be_focused()
    expect(problem).to_be_hidden()
    # From the keyboard, the same check.
    page.keyboard.type(YEN_ENGLISH[0])
    page.keyboard.press("Control+Shift+Enter")
    expect(problem).to_contain_text("segment 3 is still empty")
    # "Leave untranslated" is an answer too: then the submit goes, and the editor stays.
    page.get_by_test_id("segment").nth(2).get_by_label("Leave untranslated").check()
    page.keyboard.press("Control+Shift+Enter")
    expect(page.get_by_test_id("state")).to_have_text("in review")
    expect(page).to_have_url(re.compile(rf"/translations/{translation_id}/edit$"))
    expect(page.get_by_test_id("submitted-note")).to_contain_text("Submitted for review")
    expect(page.get_by_test_id("read-only")).to_be_visible()
    assert state_of(live_server, translation_id) == TranslationState.IN_REVIEW
    assert problems.messages == []


def test_a_refusal_from_the_server_is_said_in_the_editor(
    page: Page, live_server: LiveServer, problems: BrowserProblems
):
    translation_id = open_editor(page, live_server, YEN_PARAGRAPHS)
    for number, text in enumerate(YEN_ENGLISH, start=1):
        box(page, number).fill(text)
    box(page, 1).click()
    saved(page)
    # Meanwhile the coordinator withdraws the article: the submit is refused.
    with db_of(live_server).transaction() as session:
        translation = session.get(Translation, translation_id)
        assert translation is not None
        fire(
            session,
            person(session, COORDINATOR),
            translation,
            Action.WITHDRAW,
            request=Request(reason="The paper retracted the editorial."),
        )
    problems.allow_status(409)
    editor_url = page.url
    submit_in_editor(page)
    problem = page.get_by_test_id("submit-problem")
    expect(problem).to_contain_text("Not submitted:")
    expect(problem).to_have_attribute("role", "alert")
    assert page.url == editor_url
    expect(box(page, 2)).to_have_value(YEN_ENGLISH[1])
    assert state_of(live_server, translation_id) == TranslationState.WITHDRAWN
    assert [m for m in problems.messages if "409" not in m] == []
