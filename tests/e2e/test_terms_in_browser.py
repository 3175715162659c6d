"""The termbase in Chromium, as the issue's "done when" tells it: the desk's terms are marked in
a Japanese source, their English form is one key away (Ctrl+Shift+N in the box, or a click or
Enter on the marked words), the panel lists the segment's terms; a term is added from selected
words (a translator's proposal, a coordinator's approved and marked at once and after a
reload); the box with tags takes a term too; the termbase page and the editor with its terms
pass the accessibility rules at 1280 and 390 px."""

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Page, expect
from sqlalchemy import select

from tests.e2e.axe import describe_schemes, violations_in_both_schemes
from tests.e2e.conftest import E2E_MARKS, BrowserProblems, LiveServer, page_width, sign_in
from tests.e2e.desk_data import (
    COORDINATOR,
    TRANSLATOR,
    YEN_PARAGRAPHS,
    YEN_TITLE,
    assign_to_translator,
    create_english_translation,
    create_japanese_article,
    db_of,
    nav,
    person,
    signed_in_page,
)
from tests.e2e.editing import box, editor_of, saved, stored_texts
from translate_flow.domain.models import Term, TermCategory, TermStatus
from translate_flow.intake.articles import ArticleInput
from translate_flow.intake.formats import BodyFormat
from translate_flow.terms.operations import ForbiddenForm, TermInput, create_term

pytestmark = E2E_MARKS

SHOTS = Path("/tmp/helpers/shots/terms")
PHONE = {"width": 390, "height": 844}
# The desk's style sheet for the yen editorial (円相場 and 輸入物価 in the first paragraph,
# 停滞 in the second).
STYLE_SHEET: list[tuple[str, list[str], dict[str, Any]]] = [
    ("円相場", ["the yen's exchange rate", "the yen"], {}),
    ("輸入物価", ["import prices"], {}),
    (
        "停滞",
        ["stagnation"],
        {
            "forbidden": [ForbiddenForm("stagnancy", "not the desk's word")],
            "note": "As in “the lost decades”.",
        },
    ),
    ("会計検査院", ["Board of Audit"], {"category": TermCategory.ORGANISATION}),
    ("朝日新聞", ["Asahi Shimbun"], {"category": TermCategory.ORGANISATION}),
]


def shot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / f"{name}.png")


def add_style_sheet(live_server: LiveServer) -> None:
    """The coordinator's terms, approved as they are added."""
    with db_of(live_server).transaction() as session:
        coordinator = person(session, COORDINATOR)
        for source, targets, fields in STYLE_SHEET:
            create_term(session, coordinator, TermInput("ja", "en", source, targets, **fields))


def yen_editorial(live_server: LiveServer) -> int:
    translation_id = create_japanese_article(live_server, YEN_TITLE, YEN_PARAGRAPHS)
    assign_to_translator(live_server, translation_id)
    return translation_id


def marks(page: Page, number: int):  # type: ignore[no-untyped-def]
    """The terms marked in the source of the n-th segment (1: the title)."""
    return page.get_by_test_id("segment").nth(number - 1).get_by_test_id("term-mark")


def stored_terms(live_server: LiveServer) -> list[tuple[str, list[str], TermStatus]]:
    with db_of(live_server).session(write=False) as session:
        return [
            (t.source, list(t.targets), t.status)
            for t in session.scalars(select(Term).order_by(Term.id))
        ]


def select_in_source(page: Page, number: int, words: str) -> None:
    """Selects `words` in the n-th segment's source, as a mouse would."""
    page.evaluate(
        """([number, words]) => {
          const source = document.querySelectorAll('[data-source-text]')[number - 1];
          const walker = document.createTreeWalker(source, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const at = node.nodeValue.indexOf(words);
            if (at < 0) continue;
            const range = document.createRange();
            range.setStart(node, at);
            range.setEnd(node, at + words.length);
            getSelection().removeAllRanges();
            getSelection().addRange(range);
            return;
          }
          throw new Error(`no ${words} in segment ${number}`);
        }""",
        [number, words],
    )


def test_a_translator_sees_the_desks_terms_in_the_japanese_source_one_key_away(
    page: Page, live_server: LiveServer, problems: BrowserProblems
):
    add_style_sheet(live_server)
    translation_id = yen_editorial(live_server)
    sign_in(page, TRANSLATOR)
    editor = editor_of(page, translation_id)
    expect(editor).to_have_attribute("data-terms-loaded", "true")
    # Every listed term of the source is marked, named with its English form.
    expect(marks(page, 2)).to_have_count(2)
    expect(marks(page, 3)).to_have_count(1)
    expect(marks(page, 2).first).to_have_text("円相場")
    expect(marks(page, 2).first).to_have_accessible_name("円相場: the yen's exchange rate")
    expect(marks(page, 2).nth(1)).to_have_accessible_name("輸入物価: import prices")

    # Hovering shows the target forms, the forbidden one with its reason, the note.
    marks(page, 3).first.hover()
    tip = page.get_by_test_id("term-tip")
    expect(tip).to_be_visible()
    expect(tip).to_contain_text("stagnation")
    expect(tip).to_contain_text("Not stagnancy: not the desk's word")
    expect(tip).to_contain_text("As in “the lost decades”.")
    shot(page, "term-tip-1280")

    # In the box, Ctrl+Shift+N puts the segment's Nth term at the caret.
    box(page, 2).click()
    page.keyboard.press("Control+Shift+1")
    page.keyboard.type(" has long been above 150 to the dollar. Rising ")
    page.keyboard.press("Control+Shift+2")
    page.keyboard.type(" hit households.")
    expected = (
        "the yen's exchange rate has long been above 150 to the dollar. "
        "Rising import prices hit households."
    )
    expect(box(page, 2)).to_have_value(expected)
    # The panel lists the segment's terms, with their keys and an Insert button.
    panel = page.get_by_test_id("editor-panel")
    listed = panel.get_by_test_id("panel-term")
    expect(listed).to_have_count(2)
    expect(listed.nth(1)).to_contain_text("Ctrl+Shift+2")
    expect(listed.nth(1)).to_contain_text("import prices")
    shot(page, "panel-terms-1280")

    # Enter on a marked term (reached by Tab) inserts its preferred form into its segment.
    box(page, 3).click()
    page.keyboard.type("Thirty years of ")
    marks(page, 3).first.focus()
    expect(tip).to_be_visible()
    page.keyboard.press("Enter")
    expect(box(page, 3)).to_have_value("Thirty years of stagnation")
    expect(box(page, 3)).to_be_focused()
    saved(page)
    texts = stored_texts(live_server, translation_id)
    assert texts[1:] == [expected, "Thirty years of stagnation"]

    report = describe_schemes(violations_in_both_schemes(page))
    assert not report, report
    assert problems.messages == []


def test_on_a_phone_a_tap_on_a_term_inserts_it(
    page: Page, live_server: LiveServer, problems: BrowserProblems
):
    add_style_sheet(live_server)
    translation_id = yen_editorial(live_server)
    page.set_viewport_size(PHONE)
    sign_in(page, TRANSLATOR)
    editor = editor_of(page, translation_id)
    expect(editor).to_have_attribute("data-terms-loaded", "true")
    box(page, 3).click()
    marks(page, 3).first.click()
    expect(box(page, 3)).to_have_value("stagnation")
    marks(page, 3).first.focus()
    expect(page.get_by_test_id("term-tip")).to_be_visible()
    width = page_width(page)
    assert width <= PHONE["width"]
    shot(page, "editor-terms-390")
    report = describe_schemes(violations_in_both_schemes(page))
    assert not report, report
    assert problems.messages == []


def test_the_box_with_tags_takes_a_term_at_its_caret(
    page: Page, live_server: LiveServer, problems: BrowserProblems
):
    add_style_sheet(live_server)
    translation_id = create_english_translation(
        live_server,
        ArticleInput(
            title="会計検査院は何を言ったか",
            body="[会計検査院の報告書](https://example.org/r)は*朝日新聞*を出典に挙げる。",
            source_language="ja",
            body_format=BodyFormat.MARKDOWN,
        ),
    )
    assign_to_translator(live_server, translation_id)
    sign_in(page, TRANSLATOR)
    editor = editor_of(page, translation_id)
    expect(editor).to_have_attribute("data-terms-loaded", "true")
    # Terms inside the link and the emphasis are marked between the chips.
    expect(marks(page, 2)).to_have_text(["会計検査院", "朝日新聞"])
    expect(marks(page, 1)).to_have_text(["会計検査院"])
    tag_box = page.get_by_test_id("segment").nth(1).get_by_test_id("tag-box")
    tag_box.click()
    page.keyboard.type("The report of the ")
    page.keyboard.press("Control+Shift+1")
    page.keyboard.type(" cites the ")
    page.keyboard.press("Control+Shift+2")
    expect(tag_box).to_have_text("The report of the Board of Audit cites the Asahi Shimbun")
    saved(page)
    assert stored_texts(live_server, translation_id)[1] == (
        "The report of the Board of Audit cites the Asahi Shimbun"
    )
    assert problems.messages == []


def test_a_translator_proposes_a_term_from_selected_words(
    page: Page, live_server: LiveServer, problems: BrowserProblems
):
    translation_id = yen_editorial(live_server)
    sign_in(page, TRANSLATOR)
    editor_of(page, translation_id)
    # From the source: the selection is the source form.
    select_in_source(page, 3, "三十年")
    offer = page.get_by_test_id("term-add")
    expect(offer).to_be_visible()
    offer.click()
    dialog = page.get_by_role("dialog", name="Add to the glossary")
    expect(dialog.get_by_label("Source form", exact=True)).to_have_value("三十年")
    expect(dialog.get_by_label("Preferred target form", exact=True)).to_be_focused()
    page.keyboard.type("thirty years")
    shot(page, "add-dialog-1280")
    dialog.get_by_role("button", name="Propose").click()
    said = dialog.get_by_test_id("term-dialog-said")
    expect(said).to_contain_text("Proposed “三十年”: a reviewer of the pair approves it")
    dialog.get_by_role("button", name="Close").click()
    expect(dialog).to_be_hidden()
    assert stored_terms(live_server) == [("三十年", ["thirty years"], TermStatus.PROPOSED)]
    # A proposal is not marked.
    expect(marks(page, 3)).to_have_count(0)

    # From the translation, by keyboard: select the words, Tab to the offer, Enter.
    box(page, 2).click()
    page.keyboard.type("The weak yen")
    for _ in range(len("weak yen")):
        page.keyboard.press("Shift+ArrowLeft")
    expect(offer).to_be_visible()
    page.keyboard.press("Tab")
    expect(offer).to_be_focused()
    page.keyboard.press("Enter")
    expect(dialog.get_by_label("Preferred target form", exact=True)).to_have_value("weak yen")
    expect(dialog.get_by_label("Source form", exact=True)).to_be_focused()
    page.keyboard.type("円安")
    page.keyboard.press("Enter")
    expect(said).to_contain_text("Proposed “円安”")
    page.keyboard.press("Escape")
    expect(box(page, 2)).to_be_focused()
    # A duplicate is refused with the sentence and a link to the term there is.
    problems.allow_status(409)
    select_in_source(page, 3, "三十年")
    offer.click()
    page.keyboard.type("three decades")
    dialog.get_by_role("button", name="Propose").click()
    expect(said).to_contain_text("already has “三十年”")
    expect(said.get_by_role("link", name="Open the existing term")).to_be_visible()
    assert len(stored_terms(live_server)) == 2
    assert problems.messages == []


def test_a_coordinators_term_from_a_selection_is_marked_at_once_and_after_a_reload(
    new_context: Callable[[], BrowserContext],
    live_server: LiveServer,
    problems: BrowserProblems,
):
    translation_id = yen_editorial(live_server)
    page = signed_in_page(new_context, problems, COORDINATOR)
    editor = editor_of(page, translation_id)
    expect(editor).to_have_attribute("data-terms-loaded", "true")
    expect(marks(page, 3)).to_have_count(0)
    select_in_source(page, 3, "通貨")
    page.get_by_test_id("term-add").click()
    dialog = page.get_by_role("dialog", name="Add to the glossary")
    page.keyboard.type("currency")
    dialog.get_by_label("Category").select_option("term")
    dialog.get_by_role("button", name="Add", exact=True).click()
    expect(dialog.get_by_test_id("term-dialog-said")).to_contain_text(
        "Added “通貨” to the glossary; it is marked in the source now."
    )
    dialog.get_by_role("button", name="Close").click()
    expect(marks(page, 3)).to_have_text(["通貨"])
    assert stored_terms(live_server) == [("通貨", ["currency"], TermStatus.APPROVED)]
    page.reload()
    expect(marks(page, 3)).to_have_text(["通貨"])
    expect(marks(page, 3).first).to_have_accessible_name("通貨: currency")
    assert problems.messages == []


@pytest.mark.parametrize("width", [1280, 390])
def test_the_termbase_page_lists_the_pairs_terms_and_passes_the_rules(
    page: Page, live_server: LiveServer, problems: BrowserProblems, width: int
):
    add_style_sheet(live_server)
    yen_editorial(live_server)
    with db_of(live_server).transaction() as session:
        create_term(
            session, person(session, TRANSLATOR), TermInput("ja", "en", "円安", ["weak yen"])
        )
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, COORDINATOR)
    if width < 700:
        page.get_by_test_id("nav-toggle").click()
    nav(page).get_by_role("link", name="Terms").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Termbase")
    expect(page.get_by_test_id("term-row")).to_have_count(len(STYLE_SHEET) + 1)
    shot(page, f"termbase-{width}")
    report = describe_schemes(violations_in_both_schemes(page))
    assert not report, report

    page.get_by_test_id("term-source").filter(has_text="停滞").click()
    expect(page.get_by_test_id("term-uses")).to_contain_text(YEN_TITLE)
    expect(page.get_by_test_id("term-history")).to_contain_text("Created by")
    shot(page, f"term-page-{width}")
    report = describe_schemes(violations_in_both_schemes(page))
    assert not report, report

    page.goto("/terms/proposals")
    proposal = page.get_by_test_id("proposal")
    expect(proposal).to_contain_text("円安")
    shot(page, f"proposals-{width}")
    report = describe_schemes(violations_in_both_schemes(page))
    assert not report, report
    proposal.get_by_role("button", name="Approve “円安”").click()
    expect(page.get_by_role("status").first).to_contain_text("Approved “円安”.")
    expect(page.get_by_test_id("no-proposals")).to_be_visible()
    assert problems.messages == []


DESK_STYLE_TBX = Path(__file__).parents[1] / "data" / "terms" / "desk_style_ja_en.tbx"
# Names and terms of the desk's style sheet, one in full-width letters (ＮＨＫ).
DONE_TITLE = "岸田首相と沖縄"
DONE_PARAGRAPHS = [
    "岸田文雄首相は在日米軍の駐留経費、いわゆる思いやり予算について日銀の見方にも触れた。",
    "ＮＨＫによると、沖縄県の知事は東京で防衛省と協議した。",
]


def test_done_when_the_coordinators_tbx_is_marked_in_a_japanese_source_one_key_away(
    new_context: Callable[[], BrowserContext],
    live_server: LiveServer,
    problems: BrowserProblems,
):
    coordinator = signed_in_page(new_context, problems, COORDINATOR)
    coordinator.goto("/terms/")
    coordinator.get_by_test_id("import-link").click()
    coordinator.get_by_label("Termbase file").set_input_files(DESK_STYLE_TBX)
    coordinator.get_by_role("button", name="Import", exact=True).click()
    expect(coordinator.get_by_role("status").first).to_contain_text(
        "Imported the TBX file: 11 added"
    )
    expect(coordinator.get_by_test_id("term-row")).to_have_count(11)

    translation_id = create_japanese_article(live_server, DONE_TITLE, DONE_PARAGRAPHS)
    assign_to_translator(live_server, translation_id)
    page = signed_in_page(new_context, problems, TRANSLATOR)
    editor = editor_of(page, translation_id)
    expect(editor).to_have_attribute("data-terms-loaded", "true")
    expect(marks(page, 2)).to_have_text(["岸田文雄", "在日米軍", "思いやり予算", "日銀"])
    expect(marks(page, 3)).to_have_text(["ＮＨＫ", "沖縄県", "東京", "防衛省"])
    expect(marks(page, 2).nth(3)).to_have_accessible_name("日銀: Bank of Japan")
    box(page, 2).click()
    page.keyboard.press("Control+Shift+1")
    page.keyboard.type(" spoke of the ")
    page.keyboard.press("Control+Shift+3")
    expect(box(page, 2)).to_have_value("Fumio Kishida spoke of the host-nation support")
    box(page, 3).click()
    page.keyboard.press("Control+Shift+4")
    expect(box(page, 3)).to_have_value("Ministry of Defense")
    saved(page)
    shot(page, "done-when-1280")
    assert problems.messages == []
