"""Inline tags in the editor, in Chromium: the source's link and emphasis as chips, a translator
wrapping words with them by keyboard (Ctrl+, and F9), removing a pair with one Backspace,
pasting placeholders as chips, copying the source with its tags, the side panel's history in
chips, and the plain placeholder text the form shows without JavaScript."""

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Locator, Page, ViewportSize, expect

from tests.e2e.axe import describe_schemes, violations_in_both_schemes
from tests.e2e.conftest import (
    ACTION_TIMEOUT_MS,
    E2E_MARKS,
    VIEWPORT,
    BrowserProblems,
    LiveServer,
    sign_in,
)
from tests.e2e.desk_data import (
    REVIEWER,
    TRANSLATOR,
    assign_to_translator,
    create_english_translation,
    db_of,
    person,
    write,
)
from tests.e2e.editing import box, saved, stored_texts
from translate_flow.domain.models import Translation
from translate_flow.intake.articles import ArticleInput
from translate_flow.intake.formats import BodyFormat

pytestmark = E2E_MARKS

SHOTS = Path("/tmp/helpers/shots/editor17")
REPORT = "https://example.org/kensain/2026"
BODY = f"[会計検査院の報告書]({REPORT})は*朝日新聞*を出典に挙げる。\n\n市は沈黙している。"
SOURCE_TAGGED = "{1}会計検査院の報告書{/1}は{2}朝日新聞{/2}を出典に挙げる。"
TYPED = "The audit report cites the Asahi as its source."


@pytest.fixture
def no_script_page(browser: Browser, live_server: LiveServer) -> Iterator[Page]:
    """A page in a context with JavaScript off, as some volunteers' browsers are."""
    context = browser.new_context(
        viewport=ViewportSize(width=VIEWPORT["width"], height=VIEWPORT["height"]),
        base_url=live_server.url,
        java_script_enabled=False,
    )
    context.set_default_timeout(ACTION_TIMEOUT_MS)
    try:
        yield context.new_page()
    finally:
        context.close()


def tagged_article(live_server: LiveServer) -> int:
    """A Japanese Markdown article whose first paragraph has a link and an emphasis."""
    translation_id = create_english_translation(
        live_server,
        ArticleInput(
            title="会計検査院は何を言ったか",
            body=BODY,
            source_language="ja",
            body_format=BodyFormat.MARKDOWN,
        ),
    )
    assign_to_translator(live_server, translation_id)
    return translation_id


def open_editor(page: Page, live_server: LiveServer) -> int:
    translation_id = tagged_article(live_server)
    sign_in(page, TRANSLATOR)
    page.goto(f"/translations/{translation_id}/edit")
    return translation_id


def row(page: Page, number: int) -> Locator:
    return page.get_by_test_id("segment").nth(number - 1)


def select_back(page: Page, words: str, after: str, chips_after: int = 0) -> None:
    """From the end of the box's text, selects `words` (which `after` follows) by Shift+←.

    A chip is one step of the caret, like a letter."""
    page.keyboard.press("Control+End")
    for _ in range(len(after) + chips_after):
        page.keyboard.press("ArrowLeft")
    for _ in range(len(words)):
        page.keyboard.press("Shift+ArrowLeft")
    assert page.evaluate("getSelection().toString()") == words


def test_the_source_shows_its_tags_as_chips_that_say_what_they_are(
    page: Page, live_server: LiveServer, problems: BrowserProblems
):
    open_editor(page, live_server)
    chips = row(page, 2).locator("[data-source-text] .tag-chip")
    expect(chips).to_have_count(4)
    expect(chips.first).to_be_visible()
    expect(chips.first).to_have_attribute("title", f"start of tag 1: link to {REPORT}")
    expect(chips.nth(2)).to_have_attribute("title", "start of tag 2: emphasis")
    # The text form is for browsers without JavaScript; here the chips copy as placeholders.
    expect(row(page, 2).get_by_text("Source with tags as text")).to_be_hidden()
    # A segment without tags keeps its plain box.
    expect(row(page, 3).locator("textarea[data-text]")).to_be_visible()
    expect(row(page, 3).get_by_test_id("tag-box")).to_have_count(0)
    assert problems.messages == []


def test_a_translator_wraps_words_with_the_next_tag_by_keyboard(
    page: Page, live_server: LiveServer, problems: BrowserProblems
):
    translation_id = open_editor(page, live_server)
    target = box(page, 2)
    expect(target).to_have_attribute("role", "textbox")
    target.click()
    page.keyboard.type(TYPED)
    strip = row(page, 2).get_by_test_id("tag-strip")
    expect(strip.get_by_role("button", name=re.compile(r"^Place tag"))).to_have_count(2)

    select_back(page, "audit report", " cites the Asahi as its source.")
    page.keyboard.press("Control+Comma")
    announcer = page.get_by_test_id("tag-announcer")
    expect(announcer).to_contain_text("Tag 1 (link to")
    expect(announcer).to_contain_text("placed around “audit report”")
    select_back(page, "the Asahi", " as its source.")
    page.keyboard.press("F9")
    expect(announcer).to_contain_text("All tags are placed.")
    expect(strip).to_have_text("Tags: all placed ✓")
    expect(target.locator(".tag-chip")).to_have_count(4)
    # Typing goes on around the chips.
    page.keyboard.press("Control+End")
    page.keyboard.press("Backspace")
    page.keyboard.type("!")
    saved(page)
    wrapped = "The {1}audit report{/1} cites {2}the Asahi{/2} as its source!"
    assert stored_texts(live_server, translation_id)[1] == wrapped
    # Pressed once more, the key says there is nothing left to place.
    page.keyboard.press("Control+Comma")
    expect(announcer).to_contain_text("All tags are placed.")

    # Backspace right after a chip removes it and its partner; the words stay.
    page.keyboard.press("Control+End")
    for _ in range(len(" as its source!")):
        page.keyboard.press("ArrowLeft")
    page.keyboard.press("Backspace")
    expect(target.locator(".tag-chip")).to_have_count(2)
    saved(page)
    unwrapped = "The {1}audit report{/1} cites the Asahi as its source!"
    assert stored_texts(live_server, translation_id)[1] == unwrapped
    expect(strip.get_by_role("button", name=re.compile(r"^Place tag 2: emphasis"))).to_be_visible()
    # Undo brings the pair back.
    page.keyboard.press("Control+z")
    page.keyboard.press("Control+z")
    expect(target.locator(".tag-chip")).to_have_count(4)
    saved(page)
    assert stored_texts(live_server, translation_id)[1] == wrapped
    # Placeholders are not words.
    expect(row(page, 2).locator("[data-target-words]")).to_have_text("9")

    # Alt+↑ and Alt+↓ move from a box with tags as from any box; the side panel's history of
    # the segment shows the saved texts with chips, not braces.
    page.keyboard.press("Alt+ArrowUp")
    expect(box(page, 1)).to_be_focused()
    page.keyboard.press("Alt+ArrowDown")
    expect(target).to_be_focused()
    history = page.get_by_test_id("panel-history")
    expect(history.locator(".tag-chip").first).to_be_visible()
    expect(history).not_to_contain_text("{1}")

    report = describe_schemes(violations_in_both_schemes(page))
    assert not report, report

    SHOTS.mkdir(parents=True, exist_ok=True)
    row(page, 2).scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "editor-1280.png"))
    page.set_viewport_size({"width": 390, "height": 800})
    page.reload()
    row(page, 2).scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "editor-390.png"))
    assert problems.messages == []


def test_pasted_placeholders_become_chips_and_the_strip_places_a_tag_by_mouse(
    page: Page, live_server: LiveServer, problems: BrowserProblems
):
    translation_id = open_editor(page, live_server)
    target = box(page, 2)
    target.click()
    page.keyboard.type("The report cites  as its source.")
    for _ in range(len(" as its source.")):
        page.keyboard.press("ArrowLeft")
    paste(page, "{2}the Asahi{/2}")
    expect(target.locator(".tag-chip")).to_have_count(2)
    # The caret is after what was pasted: typing goes on there.
    page.keyboard.type(",")
    saved(page)
    assert stored_texts(live_server, translation_id)[1] == (
        "The report cites {2}the Asahi{/2}, as its source."
    )
    # Braces typed as words stay words.
    page.keyboard.press("Control+End")
    page.keyboard.type(" {1}")
    saved(page)
    assert stored_texts(live_server, translation_id)[1].endswith(r"source. \{1}")
    for _ in range(4):
        page.keyboard.press("Backspace")
    # The mouse: select words, then the strip's button for tag 1.
    select_back(page, "report", " cites the Asahi, as its source.", chips_after=2)
    row(page, 2).get_by_role("button", name=re.compile(r"^Place tag 1: link")).click()
    saved(page)
    assert stored_texts(live_server, translation_id)[1] == (
        "The {1}report{/1} cites {2}the Asahi{/2}, as its source."
    )
    assert problems.messages == []


def test_copying_the_source_keeps_its_tags(
    page: Page, live_server: LiveServer, problems: BrowserProblems
):
    translation_id = open_editor(page, live_server)
    box(page, 2).click()
    page.keyboard.press("Alt+Insert")
    expect(box(page, 2).locator(".tag-chip")).to_have_count(4)
    # A segment without tags gets its plain text, by the row's button.
    row(page, 3).get_by_role("button", name="Copy source of segment 3 into the translation").click()
    expect(box(page, 3)).to_have_value("市は沈黙している。")
    # A suggestion from the side panel (Ctrl+1) comes in with its tags as chips.
    page.evaluate(
        """(id) => window.translateFlowEditor.addSuggestions(id, [
            {text: "The {1}report{/1} names {2}the Asahi{/2}.", origin: "Memory", score: 80}])""",
        page.get_by_test_id("segment").nth(1).get_attribute("data-segment-id"),
    )
    box(page, 2).click()
    page.keyboard.press("Control+1")
    expect(box(page, 2)).to_have_text("The 1report/1 names 2the Asahi/2.")
    page.keyboard.press("Control+z")
    expect(box(page, 2).locator(".tag-chip")).to_have_count(4)
    page.keyboard.press("Control+y")
    saved(page)
    assert stored_texts(live_server, translation_id)[1:] == [
        "The {1}report{/1} names {2}the Asahi{/2}.",
        "市は沈黙している。",
    ]
    assert problems.messages == []


def test_a_placeholder_the_source_does_not_have_is_refused_with_its_name(
    page: Page, live_server: LiveServer, problems: BrowserProblems
):
    problems.allow_status(400)
    open_editor(page, live_server)
    box(page, 2).click()
    page.keyboard.type("Text ")
    paste(page, "{9/}")
    expect(page.get_by_test_id("save-status")).to_contain_text("{9/}")
    assert problems.messages == []


def test_without_javascript_the_box_holds_the_placeholder_text(
    no_script_page: Page, live_server: LiveServer
):
    page = no_script_page
    translation_id = tagged_article(live_server)
    sign_in(page, TRANSLATOR)
    page.goto(f"/translations/{translation_id}/edit")
    textarea = box(page, 2)
    expect(textarea).to_have_value("")
    textarea.fill("The {1}audit report{/1} cites {2}the Asahi{/2}.")
    page.get_by_test_id("save-all").click()
    expect(box(page, 2)).to_have_value("The {1}audit report{/1} cites {2}the Asahi{/2}.")
    assert stored_texts(live_server, translation_id)[1] == (
        "The {1}audit report{/1} cites {2}the Asahi{/2}."
    )
    source = row(page, 2)
    expect(source.locator("[data-source-text] .tag-chip").first).to_have_attribute(
        "title", re.compile(re.escape(REPORT))
    )
    source.get_by_text("Source with tags as text").click()
    expect(source.get_by_text(SOURCE_TAGGED)).to_be_visible()
    SHOTS.mkdir(parents=True, exist_ok=True)
    source.scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "no-javascript-1280.png"))


def paste(page: Page, text: str) -> None:
    """Pastes text into the focused box, as Ctrl+V with it on the clipboard would."""
    page.evaluate(
        """(text) => {
          const data = new DataTransfer();
          data.setData("text/plain", text);
          document.activeElement.dispatchEvent(
            new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true })
          );
        }""",
        text,
    )


def test_a_tagged_phrase_moves_whole_by_cut_and_paste(
    page: Page, live_server: LiveServer, problems: BrowserProblems
):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    translation_id = open_editor(page, live_server)
    box(page, 2).click()
    page.keyboard.type("The audit report cites the Asahi as its source.")
    select_back(page, "audit report", " cites the Asahi as its source.")
    page.keyboard.press("Control+Comma")
    # Chip, words, chip: the caret is after the pair; select it whole and cut it.
    for _ in range(len("audit report") + 2):
        page.keyboard.press("Shift+ArrowLeft")
    page.keyboard.press("Control+x")
    expect(box(page, 2).locator(".tag-chip")).to_have_count(0)
    page.keyboard.press("Control+End")
    page.keyboard.press("Backspace")
    page.keyboard.type(", says the ")
    page.keyboard.press("Control+v")
    page.keyboard.type(".")
    expect(box(page, 2).locator(".tag-chip")).to_have_count(2)
    saved(page)
    assert stored_texts(live_server, translation_id)[1] == (
        "The  cites the Asahi as its source, says the {1}audit report{/1}."
    )
    # Copied from the source column, the chips paste as chips.
    row(page, 2).locator("[data-source-text]").click(click_count=3)
    page.keyboard.press("Control+c")
    box(page, 2).click()
    page.keyboard.press("Control+a")
    page.keyboard.press("Control+v")
    expect(box(page, 2).locator(".tag-chip")).to_have_count(4)
    saved(page)
    assert stored_texts(live_server, translation_id)[1] == SOURCE_TAGGED
    assert problems.messages == []


def test_japanese_input_next_to_a_chip_is_kept_whole(
    page: Page, live_server: LiveServer, problems: BrowserProblems
):
    translation_id = open_editor(page, live_server)
    box(page, 2).click()
    page.keyboard.press("Alt+Insert")
    # After the opening chip of the link: an input method composes, then commits.
    page.keyboard.press("Control+Home")
    page.keyboard.press("ArrowRight")
    ime = page.context.new_cdp_session(page)
    for reading in ("に", "にほ", "にほん", "日本"):
        ime.send(
            "Input.imeSetComposition",
            {"text": reading, "selectionStart": len(reading), "selectionEnd": len(reading)},
        )
    ime.send("Input.insertText", {"text": "日本"})
    expect(box(page, 2).locator(".tag-chip")).to_have_count(4)
    saved(page)
    assert stored_texts(live_server, translation_id)[1] == "{1}日本" + SOURCE_TAGGED[3:]
    assert problems.messages == []


def test_a_reader_sees_the_translation_s_tags_as_chips_and_cannot_change_them(
    page: Page, live_server: LiveServer, problems: BrowserProblems
):
    translation_id = tagged_article(live_server)
    with db_of(live_server).transaction() as session:
        translation = session.get(Translation, translation_id)
        assert translation is not None
        write(session, person(session, TRANSLATOR), translation, ["", SOURCE_TAGGED])
    sign_in(page, REVIEWER)
    page.goto(f"/translations/{translation_id}/edit")
    expect(page.get_by_test_id("read-only")).to_be_visible()
    reader = box(page, 2)
    expect(reader).to_have_attribute("aria-readonly", "true")
    expect(reader.locator(".tag-chip")).to_have_count(4)
    expect(reader.locator(".tag-chip").first).to_have_attribute(
        "title", f"start of tag 1: link to {REPORT}"
    )
    expect(row(page, 2).get_by_test_id("tag-strip")).to_have_count(0)
    expect(page.get_by_test_id("copy-source")).to_have_count(0)
    assert problems.messages == []
