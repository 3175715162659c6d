"""Reviewing without leaving the editor (issue 16, points 4 to 6), in Chromium: the reviewer
takes the review, checks segments, sends it back with a reason and a proposed due date; the
translator sees why, fixes and resubmits; the reviewer approves from the editor. The
coordinator's due date never moves."""

import re
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from playwright.sync_api import Page, expect
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
    person,
    signed_in_page,
    write,
)
from tests.e2e.editing import submit_in_editor
from translate_flow.domain.models import Snapshot, Translation, TranslationState
from translate_flow.domain.workflow import Action
from translate_flow.workflow.transitions import fire

pytestmark = E2E_MARKS

SHOTS = Path("/tmp/helpers/shots/review")
WIDTHS = (1280, 820, 390)
WHY = "Say “the weak yen”, not “the cheap yen”, as our glossary has it."


def _assigned_and_submitted(live_server: LiveServer) -> tuple[int, datetime]:
    """The coordinator assigned it due in 20 hours; the translator translated and submitted."""
    tid = create_japanese_article(live_server, YEN_TITLE, YEN_PARAGRAPHS)
    due = (datetime.now(UTC) + timedelta(hours=20)).replace(second=0, microsecond=0)
    with db_of(live_server).transaction() as session:
        coordinator, translator = person(session, COORDINATOR), person(session, TRANSLATOR)
        translation = session.get(Translation, tid)
        assert translation is not None
        fire(session, coordinator, translation, Action.ASSIGN, translator=translator, due_at=due)
        write(session, translator, translation, YEN_ENGLISH)
        fire(session, translator, translation, Action.SUBMIT)
    return tid, due


def _translation(live_server: LiveServer, tid: int) -> Translation:
    with db_of(live_server).session(write=False) as session:
        translation = session.get(Translation, tid)
        assert translation is not None
        session.expunge(translation)
        return translation


def _due(live_server: LiveServer, tid: int) -> datetime:
    due_at = _translation(live_server, tid).due_at
    assert due_at is not None
    return due_at.replace(tzinfo=UTC)


def _wait_for_state(live_server: LiveServer, tid: int, state: TranslationState, page: Page) -> None:
    """Polls the database until the translation is in `state`, waiting through the page, so
    that the browser's events (a route handler's turn) go on meanwhile: Playwright's sync API
    runs a route handler only inside one of its own calls, and a save held by `page.route`
    while the test slept held the decision behind it, then the context's close."""
    deadline = time.monotonic() + 10
    while _translation(live_server, tid).state != state:
        assert time.monotonic() < deadline, f"never reached {state}"
        page.wait_for_timeout(100)


def _shots(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 820})
        page.screenshot(path=str(SHOTS / f"{name}-{width}.png"))
    page.set_viewport_size({"width": 1280, "height": 800})


def _row(page: Page, number: int):  # type: ignore[no-untyped-def]
    return page.get_by_test_id("segment").nth(number - 1)


def test_review_round_trip_inside_the_editor(
    live_server: LiveServer, new_context, problems: BrowserProblems
) -> None:
    tid, due = _assigned_and_submitted(live_server)
    editor_url = f"/translations/{tid}/edit"

    # The reviewer takes the review from the editor; "Release" is offered only then.
    reviewer = signed_in_page(new_context, problems, REVIEWER)
    reviewer.goto(editor_url)
    toolbar = reviewer.get_by_test_id("editor-toolbar")
    expect(toolbar.get_by_test_id("review-release")).to_have_count(0)
    toolbar.get_by_test_id("review-claim").click()
    expect(toolbar.get_by_test_id("review-release")).to_be_visible()
    expect(toolbar.get_by_test_id("review-claim")).to_have_count(0)
    progress = toolbar.get_by_test_id("review-progress")
    expect(progress).to_have_text("0 of 3 checked")
    expect(_row(reviewer, 1).get_by_test_id("review-mark")).to_have_text("in review")

    # Two segments checked: one with the mouse, one with the keyboard.
    _row(reviewer, 1).get_by_test_id("review-check").click()
    expect(progress).to_have_text("1 of 3 checked")
    _row(reviewer, 2).locator("textarea[data-text]").focus()
    reviewer.keyboard.press("Alt+Shift+C")
    expect(progress).to_have_text("2 of 3 checked")
    expect(_row(reviewer, 2).get_by_test_id("review-mark")).to_have_text("checked")
    expect(_row(reviewer, 2).get_by_test_id("review-check")).to_have_attribute(
        "aria-pressed", "true"
    )
    _shots(reviewer, "reviewer-toolbar")

    # Sent back with a reason, words and a proposed due date (it is due within 48 hours).
    toolbar.get_by_text("Request changes…").click()
    toolbar.get_by_test_id("review-change-reason").select_option("terminology")
    toolbar.get_by_test_id("review-reason").fill(WHY)
    proposed_day = (datetime.now(UTC) + timedelta(days=5)).date()
    toolbar.get_by_test_id("review-proposed-due").fill(proposed_day.isoformat())
    _shots(reviewer, "reviewer-send-back")
    toolbar.get_by_test_id("review-send").click()
    _wait_for_state(live_server, tid, TranslationState.DRAFT, reviewer)
    sent_back = _translation(live_server, tid)
    assert sent_back.proposed_due_at is not None
    assert sent_back.proposed_due_at.date() == proposed_day
    assert _due(live_server, tid) == due

    # The translator opens the editor on the banner, and follows its link to the row.
    translator = signed_in_page(new_context, problems, TRANSLATOR)
    translator.goto(editor_url)
    banner = translator.get_by_test_id("returned-banner")
    expect(banner).to_contain_text(f"Sent back by {REVIEWER_NAME}: Terminology")
    expect(banner.get_by_test_id("returned-text")).to_have_text(WHY)
    expect(banner.get_by_test_id("returned-due")).to_contain_text("until a coordinator accepts it")
    _shots(translator, "translator-banner")
    box = _row(translator, 2).locator("textarea[data-text]")
    box.fill("The yen has long been above 150 to the dollar; the weak yen hits households hard.")
    expect(translator.get_by_test_id("save-status")).to_have_text(
        re.compile("saved", re.I), timeout=10_000
    )
    submit_in_editor(translator)
    _wait_for_state(live_server, tid, TranslationState.IN_REVIEW, translator)
    assert _due(live_server, tid) == due

    # Back with the reviewer: the changed segment lost its mark; approving asks once.
    reviewer.goto(editor_url)
    expect(progress).to_have_text("1 of 3 checked")
    toolbar.get_by_test_id("review-approve").click()
    confirm = reviewer.get_by_test_id("review-confirm")
    expect(confirm).to_be_visible()
    expect(confirm).to_contain_text("2 of 3 segments are not checked yet")
    confirm.get_by_role("button", name="Keep reviewing").click()
    _row(reviewer, 2).get_by_test_id("review-check").click()
    _row(reviewer, 3).get_by_test_id("review-check").click()
    expect(progress).to_have_text("3 of 3 checked")
    toolbar.get_by_test_id("review-approve").click()
    _wait_for_state(live_server, tid, TranslationState.APPROVED, reviewer)
    expect(reviewer.get_by_test_id("state")).to_have_text("approved")

    # The coordinator's date held throughout; the proposal waits for them on the page.
    assert _due(live_server, tid) == due
    coordinator = signed_in_page(new_context, problems, COORDINATOR)
    coordinator.goto(f"/translations/{tid}")
    expect(coordinator.get_by_test_id("due-proposal")).to_contain_text(REVIEWER_NAME)
    expect(coordinator.get_by_test_id("due-accept")).to_be_visible()
    _shots(coordinator, "coordinator-due")
    assert problems.messages == []


def test_approving_right_after_an_edit_approves_the_edited_text(
    live_server: LiveServer, new_context, problems: BrowserProblems
) -> None:
    """The reviewer's last keystrokes, still waiting for the autosave, are saved before the
    decision freezes the text."""
    tid, _due_at = _assigned_and_submitted(live_server)
    reviewer = signed_in_page(new_context, problems, REVIEWER)
    reviewer.goto(f"/translations/{tid}/edit")
    toolbar = reviewer.get_by_test_id("editor-toolbar")
    toolbar.get_by_test_id("review-claim").click()
    expect(toolbar.get_by_test_id("review-release")).to_be_visible()
    # Taking the review reloads the page. Its HTML can be on screen before its deferred scripts
    # have run, and a click then posts the toolbar's form without JavaScript (a valid path
    # that asks nothing). The "Mark checked" buttons appear only once review.js, the last
    # script, has run, so the editor and its dialog are live from then on.
    expect(_row(reviewer, 1).get_by_test_id("review-check")).to_be_visible()
    sharper = "Before lamenting the weak yen, ask how we work"

    def slow_save(route):  # type: ignore[no-untyped-def]
        # A save that takes its time on a slow line: the decision must wait for it.
        if route.request.method == "PUT":
            time.sleep(1.5)
        route.continue_()

    reviewer.route("**/api/v1/translations/*/segments/*", slow_save)
    _row(reviewer, 1).locator("textarea[data-text]").fill(sharper)
    toolbar.get_by_test_id("review-approve").click()
    reviewer.get_by_test_id("review-confirm-yes").click()
    _wait_for_state(live_server, tid, TranslationState.APPROVED, reviewer)
    # The text frozen by the approval, the one the coordinator publishes, has the edit.
    with db_of(live_server).session(write=False) as session:
        approved = session.scalars(
            select(Snapshot)
            .where(Snapshot.translation_id == tid, Snapshot.action == "approve")
            .order_by(Snapshot.id.desc())
        ).first()
        assert approved is not None
        assert approved.segments[0]["text"] == sharper
    # A save the page sends as the context closes would reach a handler that can no longer
    # continue it, and closing waits on handlers: let them go first.
    reviewer.unroute_all(behavior="ignoreErrors")
    assert problems.messages == []
