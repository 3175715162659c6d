"""The translation memory in Chromium, as the issue's "done when" tells it: the first of two
similar editorials is translated and approved (approval feeds the memory); the translator
opens the second, focuses its near-identical paragraph, sees the earlier translation as a
scored match in the side panel, inserts it with Ctrl+1 and saves, and the history says the
text came from memory with its score. Also: the panel on a phone, the panel's search, and the
desk's memory page."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.axe import describe_schemes, violations_in_both_schemes
from tests.e2e.conftest import E2E_MARKS, BrowserProblems, LiveServer, labelled, sign_in
from tests.e2e.desk_data import (
    COORDINATOR,
    REVIEWER,
    TRANSLATOR,
    TRANSLATOR_NAME,
    YEN_ENGLISH,
    YEN_PARAGRAPHS,
    YEN_TITLE,
    assign_to_translator,
    create_japanese_article,
    db_of,
    person,
    write,
)
from tests.e2e.editing import box, editor_of, last_revision, saved, segment_ids, stored_texts
from translate_flow.domain.models import Translation
from translate_flow.domain.workflow import Action
from translate_flow.workflow.transitions import fire

pytestmark = E2E_MARKS

SHOTS = Path("/tmp/helpers/shots/memory")
# The second editorial: the first paragraph again with one word more (強く), and a new one.
SECOND_TITLE = "物価高と賃金の行方"
SECOND_PARAGRAPHS = [
    "円相場が一ドル百五十円を超えて久しい。輸入物価の上昇は家計を強く直撃している。",
    "賃上げの動きは中小企業にまで広がるだろうか。",
]


def shot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / f"{name}.png")


def approved_first_editorial(live_server: LiveServer) -> int:
    """The yen editorial translated by Dorothy and approved by Rafael: in the memory now."""
    translation_id = create_japanese_article(live_server, YEN_TITLE, YEN_PARAGRAPHS)
    assign_to_translator(live_server, translation_id)
    with db_of(live_server).transaction() as session:
        translation = session.get(Translation, translation_id)
        assert translation is not None
        write(session, person(session, TRANSLATOR), translation, YEN_ENGLISH)
        fire(session, person(session, TRANSLATOR), translation, Action.SUBMIT)
        fire(session, person(session, REVIEWER), translation, Action.CLAIM_REVIEW)
        fire(session, person(session, REVIEWER), translation, Action.APPROVE)
    return translation_id


def second_editorial(live_server: LiveServer) -> int:
    translation_id = create_japanese_article(live_server, SECOND_TITLE, SECOND_PARAGRAPHS)
    assign_to_translator(live_server, translation_id)
    return translation_id


def open_panel(page: Page) -> None:
    toggle = page.get_by_role("button", name="Context panel", exact=True)
    if toggle.get_attribute("aria-expanded") != "true":
        toggle.click()


def test_translator_inserts_the_desks_earlier_translation_with_ctrl_1_and_the_history_says_so(
    page: Page, live_server: LiveServer, problems: BrowserProblems
):
    approved_first_editorial(live_server)
    translation_id = second_editorial(live_server)
    sign_in(page, TRANSLATOR)
    editor_of(page, translation_id)
    panel = page.get_by_test_id("editor-panel")
    box(page, 2).click()
    match = panel.get_by_test_id("suggestion").first
    expect(match).to_be_visible()
    # Its score, the remembered source with what differs marked, the translation, the origin.
    score = match.get_by_test_id("match-score")
    expect(score).to_have_text(re.compile(r"^9\d%$"))
    percent = int(score.inner_text().rstrip("%"))
    expect(match.locator(".suggestion-source")).to_contain_text("円相場が一ドル百五十円")
    expect(match.locator(".suggestion-source ins, .suggestion-source del")).not_to_have_count(0)
    expect(match.locator(".suggestion-text")).to_have_text(YEN_ENGLISH[1])
    expect(match).to_contain_text(YEN_TITLE)
    expect(match).to_contain_text(TRANSLATOR_NAME)
    shot(page, "panel-match-1280")
    # The new paragraph has nothing close: the panel says so.
    box(page, 3).click()
    expect(panel.get_by_test_id("memory-status")).to_contain_text("Nothing in the memory")
    expect(panel.get_by_test_id("suggestion")).to_have_count(0)

    box(page, 2).click()
    expect(panel.get_by_test_id("suggestion")).to_have_count(1)
    page.keyboard.press("Control+1")
    expect(box(page, 2)).to_have_value(YEN_ENGLISH[1])
    saved(page)
    ids = segment_ids(live_server, translation_id)
    assert stored_texts(live_server, translation_id)[1] == YEN_ENGLISH[1]
    revision = last_revision(live_server, translation_id, ids[1])
    assert (revision.suggestion_kind, revision.suggestion_score) == ("memory", percent)
    assert revision.suggestion_unit_id is not None

    # Edited after inserting: the next save is the person's own (no suggestion named again).
    box(page, 2).press("End")
    page.keyboard.type(" Wages lag behind.")
    saved(page)
    assert last_revision(live_server, translation_id, ids[1]).suggestion_kind is None

    # The panel's history (loaded again when the segment is chosen again) and the page say so.
    box(page, 1).click()
    box(page, 2).click()
    history = panel.get_by_test_id("panel-history")
    expect(history).to_contain_text(f"from memory ({percent}%)")
    page.get_by_test_id("segment").nth(1).get_by_test_id("history-link").click()
    expect(page.get_by_test_id("revision").nth(1)).to_contain_text(f"from memory ({percent}%)")
    assert problems.messages == []


def test_the_match_and_the_search_work_on_a_phone(
    page: Page, live_server: LiveServer, problems: BrowserProblems
):
    approved_first_editorial(live_server)
    translation_id = second_editorial(live_server)
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, TRANSLATOR)
    editor_of(page, translation_id)
    ids = segment_ids(live_server, translation_id)
    box(page, 2).click()
    # The panel waits to be asked for on a phone; the match is loaded and Ctrl+1 works without it.
    page.wait_for_function(
        "(id) => window.translateFlowEditor.suggestionsFor(id).length === 1", arg=ids[1]
    )
    expect(page.get_by_test_id("editor-panel")).to_be_hidden()
    page.keyboard.press("Control+1")
    expect(box(page, 2)).to_have_value(YEN_ENGLISH[1])
    saved(page)
    assert last_revision(live_server, translation_id, ids[1]).suggestion_kind == "memory"
    open_panel(page)
    panel = page.get_by_test_id("editor-panel")
    match = panel.get_by_test_id("suggestion").first
    expect(match).to_be_visible()
    expect(match.get_by_test_id("match-score")).to_have_text(re.compile(r"^9\d%$"))
    # Nothing sticks out of the panel sideways.
    width = page.evaluate(
        "() => document.querySelector('[data-editor-panel]').scrollWidth"
        " - document.querySelector('[data-editor-panel]').clientWidth"
    )
    assert width <= 0
    shot(page, "panel-match-390")

    # The panel's search: a two-character word, marked in the hit.
    open_panel(page)
    search = panel.get_by_role("searchbox")
    search.fill("輸入")
    search.press("Enter")
    hit = panel.get_by_test_id("concordance-hit")
    expect(hit).to_have_count(1)
    expect(hit.locator("mark")).to_have_text("輸入")
    expect(hit).to_contain_text(YEN_ENGLISH[1])
    panel.get_by_test_id("concordance-hit").scroll_into_view_if_needed()
    shot(page, "panel-search-390")
    # A search with no word in it says why it found nothing.
    search.fill("!!! 🙂")
    search.press("Enter")
    expect(panel.get_by_test_id("concordance-hit")).to_have_count(0)
    expect(panel.locator("[data-concordance-status]")).to_contain_text("no letters or digits")
    assert problems.messages == []


@pytest.mark.parametrize("width", [1280, 390])
def test_the_memory_page_finds_a_phrase_for_the_coordinator(
    page: Page, live_server: LiveServer, problems: BrowserProblems, width: int
):
    approved_first_editorial(live_server)
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, COORDINATOR)
    if width < 700:
        page.get_by_test_id("nav-toggle").click()
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Memory").click()
    page.get_by_label("Word or phrase").fill("停滞")
    page.get_by_role("button", name="Search", exact=True).click()
    hits = page.get_by_test_id("memory-hit")
    expect(hits).to_have_count(1)
    expect(hits.locator("mark")).to_have_text("停滞")
    expect(hits).to_contain_text("Thirty years of stagnation")
    expect(hits.get_by_role("link", name=YEN_TITLE)).to_be_visible()
    shot(page, f"memory-page-{width}")
    report = describe_schemes(violations_in_both_schemes(page))
    assert not report, report
    page.get_by_test_id("collections-link").click()
    expect(page.get_by_role("heading", name="Memory collections")).to_be_visible()
    shot(page, f"collections-page-{width}")
    report = describe_schemes(violations_in_both_schemes(page))
    assert not report, report
    assert problems.messages == []


def test_the_panel_with_a_match_passes_the_accessibility_rules(
    page: Page, live_server: LiveServer, problems: BrowserProblems
):
    approved_first_editorial(live_server)
    translation_id = second_editorial(live_server)
    sign_in(page, TRANSLATOR)
    editor_of(page, translation_id)
    box(page, 2).click()
    expect(page.get_by_test_id("suggestion")).to_have_count(1)
    report = describe_schemes(violations_in_both_schemes(page))
    assert not report, report
    assert problems.messages == []


TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="OmegaT" creationtoolversion="6" segtype="sentence"
 o-tmf="OmegaT" adminlang="en" srclang="ja" datatype="plaintext"/><body>
<tu><tuv xml:lang="ja-JP"><seg>思いやり予算の増額が決まった。</seg></tuv>
<tuv xml:lang="en-US"><seg>An increase in the host-nation support budget was decided.</seg>
</tuv></tu>
<tu><tuv xml:lang="ja-JP"><seg>防衛予算が増える。</seg></tuv>
<tuv xml:lang="en-US"><seg>The defence budget grows.</seg></tuv></tu>
</body></tmx>
"""


def test_coordinator_imports_a_tmx_file_finds_its_units_and_deletes_the_collection(
    page: Page, live_server: LiveServer, problems: BrowserProblems, tmp_path: Path
):
    approved_first_editorial(live_server)  # the desk has a ja → en pair in use
    tmx = tmp_path / "omegat-project.tmx"
    tmx.write_text(TMX, encoding="utf-8")
    sign_in(page, COORDINATOR)
    page.goto("/memory/collections")
    labelled(page, "TMX file").set_input_files(tmx)
    labelled(page, "Collection name").fill("Alliance editorials")
    page.get_by_role("button", name="Import", exact=True).click()
    expect(page.get_by_role("status").first).to_contain_text("2 added, 0 skipped")
    row = page.get_by_test_id("collection").filter(has_text="Alliance editorials")
    expect(row.get_by_test_id("collection-units")).to_have_text("2")
    shot(page, "collections-page-1280")

    page.goto("/memory/")
    page.get_by_label("Word or phrase").fill("予算")
    page.get_by_label("Word or phrase").press("Enter")
    hits = page.get_by_test_id("memory-hit")
    expect(hits).to_have_count(2)
    expect(hits.first).to_contain_text("Collection “Alliance editorials”")

    page.goto("/memory/collections")
    row.get_by_test_id("delete-collection").click()
    expect(
        page.get_by_role("heading", name="Delete the collection “Alliance editorials”?")
    ).to_be_visible()
    shot(page, "confirm-delete-1280")
    page.get_by_test_id("confirm-delete-button").click()
    expect(page.get_by_role("status").first).to_contain_text(
        "Deleted the collection “Alliance editorials” and its 2 units."
    )
    expect(page.get_by_test_id("collection")).to_have_count(0)
    assert problems.messages == []
