"""The translation workflow through the real UI: a coordinator assigns from the board, a
translator claims from her desk, the road from draft through review to publication with
its history, and two people claiming the same open item at once."""

import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from playwright.sync_api import BrowserContext, Locator, Page, expect

from tests.e2e.conftest import E2E_MARKS, BrowserProblems, LiveServer, labelled, sign_in
from tests.e2e.desk_data import (
    COORDINATOR,
    RAIL_PARAGRAPHS,
    RAIL_TITLE,
    REVIEWER,
    REVIEWER_NAME,
    TRANSLATOR,
    TRANSLATOR_NAME,
    YEN_ENGLISH,
    YEN_PARAGRAPHS,
    YEN_TITLE,
    assign_to_translator,
    click_action,
    create_japanese_article,
    db_of,
    nav,
    signed_in_page,
)
from tests.e2e.editing import submit_in_editor
from translate_flow.domain.models import Translation

pytestmark = E2E_MARKS

CHANGES_WANTED = "“本丸” is figurative here: say “the real target”, not “the main keep”."


def board_column(page: Page, state: str) -> Locator:
    return page.get_by_test_id(f"column-{state}")


def card(scope: Page | Locator, translation_id: int) -> Locator:
    return scope.get_by_test_id(f"card-{translation_id}")


def step(words: str) -> re.Pattern[str]:
    """A history line after its time: these words in order, however the template spaces them."""
    return re.compile(r"·\s+" + r"\s+".join(re.escape(word) for word in words.split()))


def test_coordinator_assigns_from_the_board_and_the_translator_claims_the_other(
    page: Page,
    new_context: Callable[[], BrowserContext],
    live_server: LiveServer,
    problems: BrowserProblems,
    artifacts: Path,
):
    yen = create_japanese_article(live_server, YEN_TITLE, YEN_PARAGRAPHS)
    rail = create_japanese_article(live_server, RAIL_TITLE, RAIL_PARAGRAPHS)
    due = (datetime.now(UTC) + timedelta(days=10)).date()

    # Both wait in the Open column of the board.
    sign_in(page, COORDINATOR)
    nav(page).get_by_role("link", name="Board", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Board")
    expect(page.get_by_test_id("count-open")).to_have_text("2")
    expect(page.get_by_test_id("count-draft")).to_have_text("0")
    board_column(page, "open").get_by_role("link", name=YEN_TITLE).click()

    expect(page).to_have_url(re.compile(rf"/translations/{yen}$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(YEN_TITLE)
    expect(page.get_by_test_id("state")).to_have_text("open")
    expect(page.get_by_test_id("translator")).to_have_text("nobody yet")
    page.get_by_role("button", name="Assign…").click()

    # The assign screen ranks the ja→en translators; she is chosen with a due date.
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Assign {YEN_TITLE}")
    translators = page.get_by_test_id("translator-candidates")
    expect(translators.get_by_role("radio", name=TRANSLATOR_NAME)).to_be_visible()
    translators.get_by_role("radio", name=TRANSLATOR_NAME).check()
    expect(page.get_by_role("radio", name="No reviewer yet")).to_be_checked()
    labelled(page, "Due on").fill(due.isoformat())
    page.get_by_role("button", name="Assign", exact=True).click()

    expect(page).to_have_url(re.compile(rf"/translations/{yen}$"))
    expect(page.get_by_role("status")).to_have_text(
        f"Assigned to {TRANSLATOR_NAME}, due {due.isoformat()} 23:59 UTC."
    )
    expect(page.get_by_test_id("state")).to_have_text("draft")
    expect(page.get_by_test_id("translator")).to_have_text(TRANSLATOR_NAME)
    expect(page.get_by_test_id("due")).to_contain_text(f"{due.isoformat()} 23:59 UTC")

    nav(page).get_by_role("link", name="Board", exact=True).click()
    draft = board_column(page, "draft")
    expect(page.get_by_test_id("count-draft")).to_have_text("1")
    expect(card(draft, yen)).to_contain_text(YEN_TITLE)
    expect(card(draft, yen)).to_contain_text(TRANSLATOR_NAME)
    expect(card(draft, yen)).to_contain_text(f"due {due.isoformat()}")
    expect(card(board_column(page, "open"), rail)).to_be_visible()

    # The translator, in her own browser, finds it under "My work" with its due date…
    translator = signed_in_page(new_context, problems, TRANSLATOR)
    mine = translator.get_by_test_id("my-work").get_by_role("row").filter(has_text=YEN_TITLE)
    expect(mine).to_contain_text(due.isoformat())
    expect(mine).to_contain_text("ja→en")
    expect(translator.get_by_test_id("claimable")).not_to_contain_text(YEN_TITLE)

    # …and claims the other one from the open items.
    open_item = (
        translator.get_by_test_id("claimable").get_by_role("row").filter(has_text=RAIL_TITLE)
    )
    open_item.get_by_role("button", name="Claim", exact=True).click()
    expect(translator).to_have_url(re.compile(rf"/translations/{rail}$"))
    expect(translator.get_by_role("status")).to_have_text(
        re.compile(r"^It is yours: due .+ UTC\.$")
    )
    expect(translator.get_by_test_id("state")).to_have_text("draft")
    expect(translator.get_by_test_id("translator")).to_have_text(TRANSLATOR_NAME)
    nav(translator).get_by_role("link", name="Desk", exact=True).click()
    expect(translator.get_by_test_id("my-work").locator("tbody tr")).to_have_count(2)
    expect(translator.locator("#translator-home")).to_contain_text(
        "Nothing is open in your pairs right now."
    )

    # The coordinator's board now has both in Draft, with her name on each.
    page.reload()
    expect(page.get_by_test_id("count-open")).to_have_text("0")
    expect(page.get_by_test_id("count-draft")).to_have_text("2")
    for translation_id in (yen, rail):
        expect(card(draft, translation_id)).to_contain_text(TRANSLATOR_NAME)
    expect(card(draft, rail)).to_contain_text(RAIL_TITLE)
    page.screenshot(path=artifacts / "workflow-board.png", full_page=True)
    translator.screenshot(path=artifacts / "workflow-translator-desk.png", full_page=True)
    assert problems.messages == []


def test_from_draft_through_review_and_changes_to_publication_with_its_history(
    page: Page,
    new_context: Callable[[], BrowserContext],
    live_server: LiveServer,
    problems: BrowserProblems,
    artifacts: Path,
):
    yen = create_japanese_article(live_server, YEN_TITLE, YEN_PARAGRAPHS)
    assign_to_translator(live_server, yen)
    problems.allow_status(409)  # submitting with empty segments is refused with 409

    # The translator cannot submit empty segments; once written, she can.
    translator = page
    sign_in(translator, TRANSLATOR)
    translator.get_by_test_id("my-work").get_by_role("link", name=YEN_TITLE).click()
    expect(translator).to_have_url(re.compile(rf"/translations/{yen}$"))
    expect(translator.get_by_test_id("progress")).to_have_text("0 of 3 segments translated")
    click_action(translator, "Submit for review")
    expect(translator.get_by_test_id("refusal")).to_contain_text("3 segment(s) are still empty.")
    expect(translator.get_by_test_id("state")).to_have_text("draft")

    translator.get_by_test_id("open-editor").click()
    for number, text in enumerate(YEN_ENGLISH, start=1):
        translator.get_by_label(re.compile(rf"^Translation of segment {number} ")).fill(text)
    translator.get_by_label(re.compile(r"^Translation of segment 1 ")).click()
    expect(translator.locator("[data-editor]")).to_have_attribute("data-save-state", "saved")
    translator.goto(f"/translations/{yen}")
    expect(translator.get_by_test_id("progress")).to_have_text("3 of 3 segments translated")
    click_action(translator, "Submit for review")
    expect(translator.get_by_role("status")).to_have_text("Translation submitted.")
    expect(translator.get_by_test_id("state")).to_have_text("in review")

    # The reviewer finds it in his queue, takes it, and sends it back with a reason.
    reviewer = signed_in_page(new_context, problems, REVIEWER)
    queued = reviewer.get_by_test_id("review-queue").get_by_role("row").filter(has_text=YEN_TITLE)
    expect(queued).to_contain_text(TRANSLATOR_NAME)
    queued.get_by_role("button", name="Take for review").click()
    expect(reviewer).to_have_url(re.compile(rf"/translations/{yen}$"))
    expect(reviewer.get_by_role("status")).to_have_text("Translation taken for review.")
    expect(reviewer.get_by_test_id("reviewer")).to_have_text(REVIEWER_NAME)
    reviewer.locator("details.action-details summary").filter(has_text="Request changes").click()
    request_changes = reviewer.get_by_test_id("action-request_changes")
    request_changes.get_by_label("Why changes are needed").select_option(label="Terminology")
    request_changes.get_by_label("What needs changing").fill(CHANGES_WANTED)
    request_changes.get_by_role("button", name="Request changes", exact=True).click()
    expect(reviewer.get_by_role("status")).to_have_text("Translation sent back for changes.")
    expect(reviewer.get_by_test_id("state")).to_have_text("draft")

    # The translator is told: an unread count in the navigation, the notice with the reason.
    translator.reload()
    bell = nav(translator).get_by_test_id("nav-notifications")
    expect(bell).to_have_text("Notifications (1)")
    expect(bell).to_have_accessible_name("Notifications: 1 unread")
    bell.click()
    expect(translator.get_by_test_id("unread-count")).to_contain_text("1 unread.")
    notice = translator.locator("li.notification.unread")
    expect(notice).to_have_count(1)
    expect(notice).to_contain_text(
        f"{REVIEWER_NAME} asked for changes to “{YEN_TITLE}” (ja→en) — terminology: "
        f"{CHANGES_WANTED}."
    )
    # Changes requested: the notice opens the editor, where she can submit again.
    notice.get_by_role("link", name="Open the translation").click()
    expect(translator).to_have_url(re.compile(rf"/translations/{yen}/edit$"))
    expect(translator.get_by_test_id("state")).to_have_text("draft")
    # Submitting stays in the editor, which says so and shows the text as submitted.
    submit_in_editor(translator)
    expect(translator.get_by_test_id("submitted-note")).to_contain_text("Submitted for review")
    expect(translator.get_by_test_id("state")).to_have_text("in review")

    # Back with the same reviewer, marked as his; he approves.
    nav(reviewer).get_by_role("link", name="Desk", exact=True).click()
    queued = reviewer.get_by_test_id("review-queue").get_by_role("row").filter(has_text=YEN_TITLE)
    expect(queued).to_contain_text("yours")
    # Listed under its translated title now that it has one, with the original beside it.
    queued.get_by_role("link", name=YEN_ENGLISH[0]).click()
    click_action(reviewer, "Approve")
    expect(reviewer.get_by_role("status")).to_have_text("Translation approved.")
    expect(reviewer.get_by_test_id("state")).to_have_text("approved")

    # The coordinator publishes; the history tells the whole road, in order.
    coordinator = signed_in_page(new_context, problems, COORDINATOR)
    coordinator.goto(f"/translations/{yen}")
    click_action(coordinator, "Publish now")
    expect(coordinator.get_by_role("status")).to_have_text("Translation published.")
    expect(coordinator.get_by_test_id("state")).to_have_text("published")
    steps = coordinator.get_by_test_id("history").locator("> li")
    expect(steps).to_have_text(
        [
            step("Corinne Coordinator opened the translation"),
            step(f"Corinne Coordinator assigned it (open → draft) to {TRANSLATOR_NAME}"),
            step(f"{TRANSLATOR_NAME} submitted it (draft → in review)"),
            step(f"{REVIEWER_NAME} took it for review"),
            step(f"{REVIEWER_NAME} sent it back for changes (in review → draft) terminology"),
            step(f"{TRANSLATOR_NAME} submitted it (draft → in review)"),
            step(f"{REVIEWER_NAME} approved it (in review → approved)"),
            step("Corinne Coordinator published it (approved → published)"),
        ]
    )
    sent_back = steps.nth(4)
    expect(sent_back.locator(".badge")).to_have_text("terminology")
    expect(sent_back.locator("blockquote.reason")).to_have_text(CHANGES_WANTED)
    expect(coordinator.get_by_test_id("snapshots").locator("tbody tr")).to_have_count(5)
    coordinator.screenshot(path=artifacts / "workflow-translation-published.png", full_page=True)
    assert problems.messages == []


def test_two_people_claim_the_same_open_item_at_once_and_one_is_told_who_has_it(
    page: Page,
    new_context: Callable[[], BrowserContext],
    live_server: LiveServer,
    problems: BrowserProblems,
):
    rail = create_japanese_article(live_server, RAIL_TITLE, RAIL_PARAGRAPHS)
    problems.allow_status(409)  # the one who comes second gets 409 Conflict
    # Both translate ja→en: Dorothy, and Rafael, who also reviews.
    sign_in(page, TRANSLATOR)
    other = signed_in_page(new_context, problems, REVIEWER)
    people = {TRANSLATOR_NAME: page, REVIEWER_NAME: other}
    buttons = [
        person.get_by_test_id("claimable")
        .get_by_role("row")
        .filter(has_text=RAIL_TITLE)
        .get_by_role("button", name="Claim", exact=True)
        for person in people.values()
    ]
    for button in buttons:
        expect(button).to_be_enabled()
    for button in buttons:  # click does not wait for the answer: both are in flight
        button.click()

    outcomes = {}
    for name, person in people.items():
        answer = person.get_by_role("status").or_(person.get_by_test_id("refusal"))
        expect(answer).to_be_visible()
        outcomes[name] = "refused" if person.get_by_test_id("refusal").count() else "claimed"
    assert sorted(outcomes.values()) == ["claimed", "refused"], outcomes
    winner = next(name for name, outcome in outcomes.items() if outcome == "claimed")
    loser = next(name for name, outcome in outcomes.items() if outcome == "refused")

    won = people[winner]
    expect(won).to_have_url(re.compile(rf"/translations/{rail}$"))
    expect(won.get_by_role("status")).to_have_text(re.compile(r"^It is yours: due "))
    expect(won.get_by_test_id("translator")).to_have_text(winner)

    lost = people[loser]
    refusal = lost.get_by_test_id("refusal")
    expect(refusal.get_by_role("paragraph")).to_have_text(
        [f"{winner} took it a moment before you.", "Nothing was changed."]
    )
    expect(lost.get_by_test_id("state")).to_have_text("draft")
    expect(lost.get_by_test_id("translator")).to_have_text(winner)
    with db_of(live_server).session(write=False) as session:
        translation = session.get(Translation, rail)
        assert translation is not None
        assert translation.translator is not None
        assert translation.translator.display_name == winner
    assert problems.messages == []
