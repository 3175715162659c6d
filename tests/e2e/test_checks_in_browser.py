"""Quality checks in the editor, in Chromium (issue 20): a wrong number is flagged on save, the
translator dismisses it with a reason, and the reviewer sees the finding and the reason."""

from pathlib import Path

from playwright.sync_api import Page, expect

from tests.e2e.conftest import E2E_MARKS, LiveServer, sign_in
from tests.e2e.desk_data import (
    REVIEWER,
    TRANSLATOR,
    TRANSLATOR_NAME,
    assign_to_translator,
    create_japanese_article,
    db_of,
    person,
    signed_in_page,
    write,
)
from tests.e2e.editing import box, editor_of, saved
from translate_flow.domain.models import Translation
from translate_flow.domain.workflow import Action
from translate_flow.workflow.transitions import fire

pytestmark = E2E_MARKS

SHOTS = Path("/tmp/helpers/shots/checks_editor")
TITLE = "補正予算"
PARAGRAPHS = ["政府は1兆5500億円の補正予算を決めた。", "野党は反対した。"]
WRONG = "The government approved a supplementary budget of 155 billion yen."
WHY = "Checked with the ministry: the paper misprinted the figure."


def test_a_wrong_number_is_flagged_dismissed_and_shown_to_the_reviewer(
    live_server: LiveServer, page: Page, new_context, problems
) -> None:
    tid = create_japanese_article(live_server, TITLE, PARAGRAPHS)
    assign_to_translator(live_server, tid)
    with db_of(live_server).transaction() as session:
        translation = session.get(Translation, tid)
        assert translation is not None
        write(session, person(session, TRANSLATOR), translation, ["Supplementary budget"])

    sign_in(page, TRANSLATOR)
    editor = editor_of(page, tid)
    expect(editor.get_by_test_id("open-findings")).to_contain_text("0 open findings")
    box(page, 2).fill(WRONG)
    saved(editor)
    row = page.locator("li[data-segment-id]").nth(1)
    expect(row.get_by_test_id("check-mark")).to_have_text("⚠ 1 error")
    expect(editor.get_by_test_id("open-findings")).to_contain_text("1 open finding")

    # The side panel names it, with both figures marked.
    box(page, 2).focus()
    finding = page.get_by_test_id("panel-finding").filter(has_text="155 billion")
    expect(finding).to_be_visible()
    expect(finding.locator("mark").first).to_have_text("1兆5500億")
    expect(finding.locator("mark").nth(1)).to_have_text("155 billion")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "flagged.png"))

    # Dismissed with a reason (a reason is required).
    finding.get_by_test_id("dismiss-finding").click()
    finding.get_by_test_id("dismiss-reason").fill(WHY)
    finding.get_by_test_id("dismiss-send").click()
    expect(finding.get_by_test_id("finding-dismissed")).to_have_text(
        f"Dismissed by {TRANSLATOR_NAME}: {WHY}"
    )
    expect(row.get_by_test_id("check-mark")).to_have_count(0)
    expect(editor.get_by_test_id("open-findings")).to_contain_text("0 open findings")
    page.screenshot(path=str(SHOTS / "dismissed.png"))

    box(page, 3).fill("The opposition objected.")
    saved(editor)
    with db_of(live_server).transaction() as session:
        translation = session.get(Translation, tid)
        assert translation is not None
        fire(session, person(session, TRANSLATOR), translation, Action.SUBMIT)
        fire(session, person(session, REVIEWER), translation, Action.CLAIM_REVIEW)

    # The reviewer sees the finding and the dismissal with its reason, in the row and the panel.
    reviewer = signed_in_page(new_context, problems, REVIEWER)
    editor_of(reviewer, tid)
    reviewed = reviewer.locator("li[data-segment-id]").nth(1)
    expect(reviewed.get_by_test_id("row-finding")).to_contain_text(WHY)
    box(reviewer, 2).focus()
    seen = reviewer.get_by_test_id("panel-finding").filter(has_text="155 billion")
    expect(seen.get_by_test_id("finding-dismissed")).to_contain_text(WHY)
    reviewer.screenshot(path=str(SHOTS / "reviewer.png"))
