"""Issue 16's "done when", by keyboard alone, on a laptop and on a phone: a translator
translates, a reviewer checks every segment and sends it back, the translator sees why and
fixes it, and the reviewer approves, all inside the editor, while the coordinator's due date
never moves. After signing in nobody clicks: focus moves by Tab and the editor's shortcuts."""

import re
import time
from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import Locator, Page, expect
from sqlalchemy import select

from tests.e2e.conftest import E2E_MARKS, BrowserProblems, LiveServer
from tests.e2e.desk_data import (
    COORDINATOR,
    REVIEWER,
    REVIEWER_NAME,
    TRANSLATOR,
    YEN_ENGLISH,
    YEN_PARAGRAPHS,
    YEN_TITLE,
    create_japanese_article,
    db_of,
    signed_in_page,
)
from translate_flow.domain.models import Translation, TranslationState, User
from translate_flow.domain.workflow import Action
from translate_flow.workflow.transitions import fire

pytestmark = E2E_MARKS

WHY = "Paragraph 2 drops “import prices”: the point of the sentence."
FIXED = "The yen has long been above 150 to the dollar, and dearer imports hit households hard."
MOST_TABS = 120  # a whole editor page of controls, with room to spare


def _assigned(live_server: LiveServer) -> tuple[int, datetime]:
    """Assigned by the coordinator (the assign screen has tests of its own), due in 20 hours."""
    tid = create_japanese_article(live_server, YEN_TITLE, YEN_PARAGRAPHS)
    due = (datetime.now(UTC) + timedelta(hours=20)).replace(second=0, microsecond=0)
    with db_of(live_server).transaction() as session:
        coordinator, translator = (
            session.scalars(select(User).where(User.email == email)).one()
            for email in (COORDINATOR, TRANSLATOR)
        )
        translation = session.get(Translation, tid)
        assert translation is not None
        fire(session, coordinator, translation, Action.ASSIGN, translator=translator, due_at=due)
    return tid, due


def _stored(live_server: LiveServer, tid: int) -> Translation:
    with db_of(live_server).session(write=False) as session:
        translation = session.get(Translation, tid)
        assert translation is not None
        session.expunge(translation)
        return translation


def _reaches(live_server: LiveServer, tid: int, state: TranslationState, due: datetime) -> None:
    deadline = time.monotonic() + 10
    while (stored := _stored(live_server, tid)).state != state:
        assert time.monotonic() < deadline, f"never reached {state}"
        time.sleep(0.1)
    assert stored.due_at is not None
    assert stored.due_at.replace(tzinfo=UTC) == due, "the coordinator's due date moved"


def _is_focused(target: Locator) -> bool:
    return bool(target.evaluate("element => element === document.activeElement"))


def _tab_to(page: Page, target: Locator) -> None:
    """Tab through the page until the target has the focus, as a keyboard user would."""
    expect(target).to_be_visible()
    for _ in range(MOST_TABS):
        if _is_focused(target):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"{target} cannot be reached with Tab")


def _segment_box(page: Page, number: int) -> Locator:
    return page.get_by_test_id("segment").nth(number - 1).locator("textarea[data-text]")


def _saved(page: Page) -> None:
    expect(page.get_by_test_id("save-status")).to_have_text(
        re.compile("saved", re.I), timeout=10_000
    )


@pytest.mark.parametrize("width", [1280, 390], ids=["laptop", "phone"])
def test_the_whole_review_loop_by_keyboard(
    live_server: LiveServer, new_context, problems: BrowserProblems, width: int
) -> None:
    tid, due = _assigned(live_server)
    editor_url = f"/translations/{tid}/edit"

    # The translator: the editor opens on the first empty box; Alt+↓ goes to the next one.
    translator = signed_in_page(new_context, problems, TRANSLATOR)
    translator.set_viewport_size({"width": width, "height": 844})
    translator.goto(editor_url)
    expect(_segment_box(translator, 1)).to_be_focused()
    for number, text in enumerate(YEN_ENGLISH, start=1):
        expect(_segment_box(translator, number)).to_be_focused()
        translator.keyboard.type(text)
        if number < len(YEN_ENGLISH):
            translator.keyboard.press("Alt+ArrowDown")
    _saved(translator)
    translator.keyboard.press("Control+Shift+Enter")
    _reaches(live_server, tid, TranslationState.IN_REVIEW, due)

    # The reviewer takes the review from the toolbar and checks each segment with Alt+Shift+C.
    reviewer = signed_in_page(new_context, problems, REVIEWER)
    reviewer.set_viewport_size({"width": width, "height": 844})
    reviewer.goto(editor_url)
    toolbar = reviewer.get_by_test_id("editor-toolbar")
    _tab_to(reviewer, toolbar.get_by_test_id("review-claim"))
    reviewer.keyboard.press("Enter")
    expect(toolbar.get_by_test_id("review-release")).to_be_visible()
    # The page reloaded: Alt+Shift+C is heard once review.js has run, which shows the buttons.
    expect(reviewer.get_by_test_id("review-check").first).to_be_visible()
    progress = toolbar.get_by_test_id("review-progress")
    expect(progress).to_have_text("0 of 3 checked")
    _tab_to(reviewer, _segment_box(reviewer, 1))
    for number in range(1, len(YEN_ENGLISH) + 1):
        reviewer.keyboard.press("Alt+Shift+C")
        expect(progress).to_have_text(f"{number} of 3 checked")
        reviewer.keyboard.press("Alt+ArrowDown")

    # …and sends it back: the reason chosen with the arrow keys, the words typed.
    reviewer.keyboard.press("Shift+Tab")  # out of the last box, back towards the toolbar
    _tab_to(reviewer, toolbar.get_by_text("Request changes…"))
    reviewer.keyboard.press("Enter")
    reasons = toolbar.get_by_test_id("review-change-reason")
    _tab_to(reviewer, reasons)
    first_reason = reasons.input_value()
    reviewer.keyboard.press("ArrowDown")
    expect(reasons).not_to_have_value(first_reason)
    reviewer.keyboard.press("Tab")
    expect(toolbar.get_by_test_id("review-reason")).to_be_focused()
    reviewer.keyboard.type(WHY)
    _tab_to(reviewer, toolbar.get_by_test_id("review-send"))
    reviewer.keyboard.press("Enter")
    _reaches(live_server, tid, TranslationState.DRAFT, due)

    # The translator sees why in the editor's banner, fixes paragraph 2 and submits again.
    translator.goto(editor_url)
    banner = translator.get_by_test_id("returned-banner")
    expect(banner).to_contain_text(f"Sent back by {REVIEWER_NAME}")
    expect(banner.get_by_test_id("returned-text")).to_have_text(WHY)
    _tab_to(translator, _segment_box(translator, 1))
    translator.keyboard.press("Alt+ArrowDown")
    expect(_segment_box(translator, 2)).to_be_focused()
    translator.keyboard.press("Control+A")
    translator.keyboard.type(FIXED)
    _saved(translator)
    translator.keyboard.press("Control+Shift+Enter")
    _reaches(live_server, tid, TranslationState.IN_REVIEW, due)

    # The reviewer: the changed segment lost its mark; checked again, then approved.
    reviewer.goto(editor_url)
    expect(progress).to_have_text("2 of 3 checked")
    _tab_to(reviewer, _segment_box(reviewer, 1))
    reviewer.keyboard.press("Alt+ArrowDown")
    expect(_segment_box(reviewer, 2)).to_have_value(FIXED)
    reviewer.keyboard.press("Alt+Shift+C")
    expect(progress).to_have_text("3 of 3 checked")
    reviewer.keyboard.press("Shift+Tab")
    _tab_to(reviewer, toolbar.get_by_test_id("review-approve"))
    reviewer.keyboard.press("Enter")
    _reaches(live_server, tid, TranslationState.APPROVED, due)
    expect(reviewer.get_by_test_id("state")).to_have_text("approved")
    assert problems.messages == []
