"""The editor's side panel in Chromium: open or closed per person, the coordinator's notes
and the article's details, the focused segment's comments (posted, answered and resolved in
place) and history, the whole source as a page, and the suggestions list that memory,
terminology and machine translation will fill (through `window.translateFlowEditor`)."""

import re
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from tests.e2e.axe import describe_schemes, violations_in_both_schemes
from tests.e2e.conftest import E2E_MARKS, BrowserProblems, LiveServer, sign_in
from tests.e2e.desk_data import (
    TRANSLATOR,
    YEN_ENGLISH,
    YEN_PARAGRAPHS,
    YEN_TITLE,
    assign_to_translator,
    create_english_translation,
    db_of,
)
from tests.e2e.editing import box, saved, segment_ids, stored_texts, submit_in_editor
from translate_flow.domain.models import Comment, Priority
from translate_flow.intake.articles import ArticleInput

pytestmark = E2E_MARKS

NOTES = "Keep the editorial’s “we”: it speaks for the paper. 円安 is “the weak yen”."


def detailed_article(live_server: LiveServer, paragraphs: list[str] = YEN_PARAGRAPHS) -> int:
    """The yen editorial with every detail the panel shows; returns its English translation."""
    translation_id = create_english_translation(
        live_server,
        ArticleInput(
            title=YEN_TITLE,
            body="\n\n".join(paragraphs),
            source_language="ja",
            author="山田太郎",
            source_url="https://www.example.jp/opinion/2026/yen",
            published_on=date(2026, 11, 30),
            priority=Priority.HIGH,
            tags=["economy", "yen"],
            notes=NOTES,
        ),
    )
    assign_to_translator(live_server, translation_id)
    return translation_id


def stored_comments(live_server: LiveServer, translation_id: int) -> list[tuple[str, bool]]:
    with db_of(live_server).transaction() as session:
        return [
            (c.body, c.is_resolved)
            for c in session.scalars(
                select(Comment).where(Comment.translation_id == translation_id).order_by(Comment.id)
            )
        ]


def open_editor(page: Page, live_server: LiveServer) -> int:
    translation_id = detailed_article(live_server)
    sign_in(page, TRANSLATOR)
    page.goto(f"/translations/{translation_id}/edit")
    return translation_id


def test_the_panel_is_open_or_closed_as_each_person_left_it(
    page: Page, live_server: LiveServer, problems: BrowserProblems
):
    open_editor(page, live_server)
    panel = page.get_by_test_id("editor-panel")
    toggle = page.get_by_role("button", name="Context panel", exact=True)
    # Open on a laptop to begin with, beside the rows.
    expect(panel).to_be_visible()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    panel_box, rows_box = panel.bounding_box(), page.get_by_test_id("editor-rows").bounding_box()
    assert panel_box is not None and rows_box is not None
    assert panel_box["x"] >= rows_box["x"] + rows_box["width"]
    toggle.click()
    expect(panel).to_be_hidden()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    page.reload()
    expect(panel).to_be_hidden()
    # From the keyboard too.
    box(page, 1).focus()
    page.keyboard.press("Alt+Shift+P")
    expect(panel).to_be_visible()
    page.reload()
    expect(panel).to_be_visible()
    assert problems.messages == []


def test_the_panel_slides_over_the_rows_on_a_phone_and_closes_with_escape(
    page: Page, live_server: LiveServer, problems: BrowserProblems
):
    page.set_viewport_size({"width": 390, "height": 800})
    open_editor(page, live_server)
    panel = page.get_by_test_id("editor-panel")
    # Closed to begin with: the phone's width is the rows'.
    expect(panel).to_be_hidden()
    page.get_by_role("button", name="Context panel", exact=True).click()
    expect(panel).to_be_visible()
    expect(panel).to_be_focused()
    expect(panel.get_by_text(NOTES)).to_be_in_viewport()
    page.keyboard.press("Escape")
    expect(panel).to_be_hidden()
    expect(page.get_by_role("button", name="Context panel", exact=True)).to_be_focused()
    # Left open on a phone, it still waits to be asked for: it would cover the text.
    page.get_by_role("button", name="Context panel", exact=True).click()
    expect(panel).to_be_visible()
    page.reload()
    expect(panel).to_be_hidden()
    # And it is back beside the rows on a laptop.
    page.set_viewport_size({"width": 1280, "height": 800})
    page.reload()
    expect(panel).to_be_visible()
    assert problems.messages == []


def test_the_panel_shows_the_notes_the_article_and_the_focused_segment(
    page: Page, live_server: LiveServer, problems: BrowserProblems
):
    open_editor(page, live_server)
    panel = page.get_by_test_id("editor-panel")
    expect(panel.get_by_test_id("panel-notes")).to_contain_text(NOTES)
    details = panel.get_by_test_id("panel-article")
    for text in ("山田太郎", "2026-11-30", "www.example.jp", "economy", "High"):
        expect(details).to_contain_text(text)
    expect(details.get_by_role("link", name=re.compile("example.jp"))).to_have_attribute(
        "href", "https://www.example.jp/opinion/2026/yen"
    )
    # The cursor is in the title's box: the panel is about segment 1; then about segment 3.
    expect(panel.get_by_test_id("panel-current")).to_have_text("Segment 1 · title")
    box(page, 3).click()
    expect(panel.get_by_test_id("panel-current")).to_have_text("Segment 3 · paragraph")
    # Its history follows the saves.
    box(page, 3).fill(YEN_ENGLISH[2])
    saved(page)
    box(page, 2).click()
    box(page, 3).click()
    expect(panel.get_by_test_id("panel-history")).to_contain_text(YEN_ENGLISH[2])
    assert problems.messages == []


def test_comments_are_posted_answered_and_resolved_without_leaving_the_editor(
    page: Page, live_server: LiveServer, problems: BrowserProblems
):
    translation_id = open_editor(page, live_server)
    panel = page.get_by_test_id("editor-panel")
    box(page, 2).click()
    # A mark on the page that a reload would wipe.
    page.evaluate("window.stayed = true")
    open_threads = page.get_by_test_id("open-threads")
    expect(open_threads).to_have_text("0 open comment threads")
    panel.get_by_label(re.compile("^New comment")).fill("Is 家計 “households” or “families”?")
    panel.get_by_role("button", name="Comment", exact=True).click()
    thread = panel.get_by_test_id("thread")
    expect(thread).to_contain_text("Is 家計 “households” or “families”?")
    expect(open_threads).to_have_text("1 open comment thread")
    expect(page.get_by_test_id("segment").nth(1).get_by_test_id("row-comments")).to_have_text(
        "Comments (1, 1 open)"
    )
    thread.get_by_label(re.compile("^Reply to")).fill("Households: it is about budgets.")
    thread.get_by_role("button", name="Reply").click()
    expect(thread.locator(".reply")).to_contain_text("Households: it is about budgets.")
    thread.get_by_test_id("resolve").click()
    expect(thread).to_contain_text("resolved")
    expect(open_threads).to_have_text("0 open comment threads")
    assert page.evaluate("window.stayed") is True
    assert stored_comments(live_server, translation_id) == [
        ("Is 家計 “households” or “families”?", True),
        ("Households: it is about budgets.", False),
    ]
    # Another segment has its own (none); back on segment 2 the thread is there.
    box(page, 3).click()
    expect(panel.get_by_test_id("thread")).to_have_count(0)
    page.get_by_test_id("segment").nth(1).get_by_test_id("row-comments").click()
    expect(panel.get_by_test_id("thread")).to_have_count(1)
    assert problems.messages == []


def test_suggestions_added_by_a_feature_are_listed_and_inserted_with_the_keyboard(
    page: Page, live_server: LiveServer, problems: BrowserProblems
):
    translation_id = open_editor(page, live_server)
    ids = segment_ids(live_server, translation_id)
    panel = page.get_by_test_id("editor-panel")
    box(page, 2).click()
    expect(panel.get_by_test_id("panel-suggestions")).to_contain_text("No suggestions")
    count = page.evaluate(
        """([id, texts]) => window.translateFlowEditor.addSuggestions(id, [
            {text: texts[0], origin: "Machine: DeepL", score: 0.71},
            {text: texts[1], origin: "Memory", score: 92},
        ])""",
        [ids[1], ["The yen has been weak for a long time.", YEN_ENGLISH[1]]],
    )
    assert count == 2
    items = panel.get_by_test_id("suggestion")
    # Best first, each with where it comes from and its score.
    expect(items).to_have_count(2)
    expect(items.nth(0)).to_contain_text(YEN_ENGLISH[1])
    expect(items.nth(0)).to_contain_text("Memory · 92%")
    expect(items.nth(1)).to_contain_text("Machine: DeepL · 71%")
    expect(
        items.nth(0).get_by_role("button", name=re.compile("^Insert suggestion 1"))
    ).to_be_visible()
    # Ctrl+2 puts the second into the focused box, and it is saved like typed text.
    box(page, 2).click()
    page.keyboard.press("Control+2")
    expect(box(page, 2)).to_have_value("The yen has been weak for a long time.")
    saved(page)
    # The Insert button replaces it with the first.
    items.nth(0).get_by_role("button", name=re.compile("^Insert")).click()
    expect(box(page, 2)).to_have_value(YEN_ENGLISH[1])
    expect(box(page, 2)).to_be_focused()
    saved(page)
    assert stored_texts(live_server, translation_id)[1] == YEN_ENGLISH[1]
    # Another segment's suggestions are its own.
    box(page, 3).click()
    expect(items).to_have_count(0)
    assert problems.messages == []


def test_the_whole_source_opens_as_a_page_and_closes(
    page: Page, live_server: LiveServer, problems: BrowserProblems
):
    open_editor(page, live_server)
    page.get_by_test_id("whole-source-open").click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_role("heading", name=YEN_TITLE)).to_be_visible()
    expect(dialog).to_contain_text(YEN_PARAGRAPHS[1])
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    assert problems.messages == []


@pytest.mark.parametrize("width", [1280, 820, 390])
def test_screenshots_of_the_editor_with_the_panel_open_and_closed(
    page: Page, live_server: LiveServer, problems: BrowserProblems, artifacts: Path, width: int
):
    """For a person to look at: the Japanese editorial half translated, a comment, suggestions."""
    page.set_viewport_size({"width": width, "height": 900})
    translation_id = open_editor(page, live_server)
    box(page, 1).fill(YEN_ENGLISH[0])
    box(page, 2).fill(YEN_ENGLISH[1] + " " + YEN_ENGLISH[1])
    box(page, 2).click()
    saved(page)
    ids = segment_ids(live_server, translation_id)
    page.evaluate(
        """([id, text]) => window.translateFlowEditor.addSuggestions(id, [
            {text, origin: "Memory", score: 92}])""",
        [ids[2], YEN_ENGLISH[2]],
    )
    toggle = page.get_by_role("button", name="Context panel", exact=True)
    if toggle.get_attribute("aria-expanded") == "true":
        toggle.click()
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=artifacts / f"editor-{width}-panel-closed.png")
    toggle.click()
    box(page, 3).focus()
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=artifacts / f"editor-{width}-panel-open.png")
    # Scrolled down: the toolbar stays; on a laptop the panel stays beside the rows.
    page.evaluate("window.scrollTo(0, 500)")
    page.screenshot(path=artifacts / f"editor-{width}-panel-open-scrolled.png")
    assert problems.messages == []


@pytest.mark.parametrize("width", [1280, 390])
def test_the_panel_and_the_submit_check_pass_the_accessibility_rules(
    page: Page, live_server: LiveServer, problems: BrowserProblems, width: int
):
    page.set_viewport_size({"width": width, "height": 900})
    translation_id = open_editor(page, live_server)
    ids = segment_ids(live_server, translation_id)
    # Everything the panel can show, shown: a thread, a suggestion, history, the submit check.
    box(page, 2).fill(YEN_ENGLISH[1])
    box(page, 2).click()
    saved(page)
    toggle = page.get_by_role("button", name="Context panel", exact=True)
    if toggle.get_attribute("aria-expanded") != "true":
        toggle.click()
    panel = page.get_by_test_id("editor-panel")
    panel.get_by_label(re.compile("^New comment")).fill("Households or families?")
    panel.get_by_role("button", name="Comment", exact=True).click()
    expect(panel.get_by_test_id("thread")).to_have_count(1)
    page.evaluate(
        """([id, text]) => window.translateFlowEditor.addSuggestions(id, [
            {text, origin: "Memory", score: 92}])""",
        [ids[1], YEN_ENGLISH[1]],
    )
    expect(panel.get_by_test_id("suggestion")).to_have_count(1)
    if width < 1100:
        page.keyboard.press("Escape")
    submit_in_editor(page)
    expect(page.get_by_test_id("submit-problem")).to_be_visible()
    if width < 1100:
        toggle.click()
    report = describe_schemes(violations_in_both_schemes(page))
    assert not report, report
    assert problems.messages == []
