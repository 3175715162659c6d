"""Phones and laptops: the main menu folds behind a button below 700 px and fits one line at
1280 px; on a phone the public article shows the translation before the original's details;
the compare page opens on what changed since the work was sent back."""

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Page, ViewportSize, expect
from sqlalchemy import select, update

from tests.e2e.conftest import E2E_MARKS, BrowserProblems, LiveServer, page_width, sign_in
from tests.e2e.desk_data import (
    ADMIN,
    COORDINATOR,
    ELECTION_ENGLISH,
    ELECTION_TITLE,
    REVIEWER,
    TRANSLATOR,
    db_of,
    nav,
    person,
    write,
)
from translate_flow.demo.articles import load_demo_articles
from translate_flow.demo.workflow import load_demo_workflow
from translate_flow.domain.models import Article, Publication, Translation
from translate_flow.domain.workflow import Action, ChangeReason, Request
from translate_flow.publishing import reader_comments
from translate_flow.publishing.reader_comments import ReaderInput
from translate_flow.workflow.transitions import fire

pytestmark = E2E_MARKS

PHONE = ViewportSize(width=390, height=844)
SHOTS = Path("/tmp/helpers/shots/phones")
BOARD_SHOTS = Path("/tmp/helpers/shots/leftovers16")


@pytest.fixture
def desk(live_server: LiveServer) -> dict[str, object]:
    """The demo desk (a German article published), and the Japanese election piece sent back
    once, corrected and submitted again."""
    with db_of(live_server).transaction() as session:
        load_demo_articles(session, person(session, COORDINATOR), ["en"])
        load_demo_workflow(session)
    with db_of(live_server).transaction() as session:
        dorothy, rafael = person(session, TRANSLATOR), person(session, REVIEWER)
        election = session.scalars(
            select(Translation).join(Article).where(Article.title == ELECTION_TITLE)
        ).one()
        write(session, dorothy, election, ELECTION_ENGLISH)
        fire(session, dorothy, election, Action.SUBMIT)
        fire(session, rafael, election, Action.CLAIM_REVIEW)
        fire(
            session,
            rafael,
            election,
            Action.REQUEST_CHANGES,
            request=Request(reason="The headline, please.", change_reason=ChangeReason.HEADLINE),
        )
        write(session, dorothy, election, ["The division that America's election lays bare"])
        fire(session, dorothy, election, Action.SUBMIT)
        election_id = election.id
        # A reader's comment waits for a moderator: its count widens the navigation.
        publication = session.scalars(select(Publication)).one()
        reader_comments.submit(
            session, publication, ReaderInput("A reader", "", "Clear and useful, thank you.")
        )
    return {"election": election_id}


def _published_path(page: Page) -> str:
    page.goto("/")
    return page.get_by_test_id("publications").get_by_role("link").first.get_attribute("href") or ""


def test_the_phone_menu_opens_and_its_links_are_reached_by_keyboard(page: Page, desk):
    page.set_viewport_size(PHONE)
    sign_in(page, ADMIN)
    main_nav = nav(page)
    menu = main_nav.get_by_test_id("nav-toggle")
    expect(menu).to_be_visible()
    expect(main_nav.get_by_role("link", name="Board")).to_be_hidden()
    # From the top of the page: the skip link, the site's name, then the menu button.
    page.locator("body").focus()
    for _ in range(3):
        page.keyboard.press("Tab")
    expect(menu).to_be_focused()
    page.keyboard.press("Enter")
    expect(main_nav.get_by_role("link", name="Board")).to_be_visible()
    page.keyboard.press("Tab")
    expect(main_nav.get_by_role("link", name="Public site")).to_be_focused()
    page.keyboard.press("Tab")
    expect(main_nav.get_by_role("link", name="Desk")).to_be_focused()
    # Each link is a full-width row, easy to hit with a thumb.
    box = main_nav.get_by_role("link", name="Articles").bounding_box()
    assert box is not None and box["width"] > 300 and box["height"] >= 40
    page.keyboard.press("Escape")
    expect(main_nav.get_by_role("link", name="Board")).to_be_hidden()
    expect(menu).to_be_focused()
    # It leads somewhere: open it again and follow a link.
    menu.click()
    main_nav.get_by_role("link", name="Articles").click()
    expect(page).to_have_url(re.compile(r"/articles/$"))


@pytest.mark.parametrize("email", [ADMIN, COORDINATOR])
def test_the_navigation_fits_one_line_at_1280_px(page: Page, desk, email):
    sign_in(page, email)
    main_nav = nav(page)
    expect(main_nav.get_by_test_id("nav-toggle")).to_be_hidden()
    expect(main_nav.get_by_test_id("nav-moderation-count")).to_have_text("1 waiting")
    boxes = [box for box in (item.bounding_box() for item in main_nav.locator("li").all()) if box]
    middles = [box["y"] + box["height"] / 2 for box in boxes]
    tallest = max(box["height"] for box in boxes)
    assert len(boxes) >= 10
    assert max(middles) - min(middles) < tallest / 2, f"the links wrap: {sorted(middles)}"
    width = page_width(page)
    assert width <= 1280


def test_on_a_phone_the_translation_comes_before_the_originals_details(page: Page, desk):
    page.set_viewport_size(PHONE)
    page.goto(_published_path(page))
    body = page.get_by_test_id("body").bounding_box()
    original = page.get_by_test_id("original").bounding_box()
    assert body is not None and original is not None
    assert body["y"] + body["height"] <= original["y"]
    # The first paragraph starts on the first screen.
    first = page.get_by_test_id("body").locator("p").first.bounding_box()
    assert first is not None and first["y"] < PHONE["height"]


def test_the_compare_page_opens_on_what_changed_since_it_was_sent_back(page: Page, desk):
    sign_in(page, REVIEWER)
    page.goto(f"/translations/{desk['election']}/compare")
    expect(page.get_by_test_id("compare-opening")).to_contain_text("since it was sent back")
    expect(page.get_by_test_id("diff-summary")).to_contain_text("1 of 7 segments changed")
    page.get_by_test_id("changed-only").check()
    page.get_by_role("button", name="Compare").click()
    expect(page).to_have_url(re.compile(r"changed=1"))
    expect(page.get_by_test_id("diff-segment")).to_have_count(1)
    expect(page.get_by_test_id("diff-source")).to_have_text(re.compile("分断"))


def test_screenshots_at_three_widths(
    page: Page, desk, problems: BrowserProblems, live_server: LiveServer
):
    """For a person to look at: the desk home, the public article and the compare page; the
    translation page, the preview and the public "not found"."""
    problems.allow_status(404)
    SHOTS.mkdir(parents=True, exist_ok=True)
    article = _published_path(page)
    sign_in(page, ADMIN)
    for width in (1280, 820, 390):
        page.set_viewport_size({"width": width, "height": 900})
        for name, path in (
            ("desk-home", "/desk/"),
            ("public-article", article),
            ("compare", f"/translations/{desk['election']}/compare"),
        ):
            page.goto(path)
            page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)
        for name, path in (
            ("translation-page", f"/translations/{desk['election']}"),
            ("preview", f"/translations/{desk['election']}/preview"),
            ("public-not-found", "/read/no-such-translation"),
        ):
            page.goto(path)
            page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)
        if width == 390:
            page.goto("/desk/")
            page.get_by_test_id("nav-toggle").click()
            page.screenshot(path=str(SHOTS / "desk-home-menu-open-390.png"))
    # Approved: the publishing box offers "Publish now", then "Publish later" beside it.
    with db_of(live_server).transaction() as session:
        election = session.get(Translation, desk["election"])
        assert election is not None
        fire(session, person(session, REVIEWER), election, Action.APPROVE)
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"/translations/{desk['election']}")
        expect(page.get_by_role("button", name="Publish now")).to_be_visible()
        page.get_by_test_id("publishing").screenshot(
            path=str(SHOTS / f"publishing-box-{width}.png")
        )
    assert len(list(SHOTS.glob("*.png"))) >= 21


@pytest.mark.parametrize("width", [390, 1280])
def test_the_board_never_scrolls_the_page_sideways(
    page: Page, desk, live_server: LiveServer, problems: BrowserProblems, width: int
):
    """On a phone the columns stack; a card's badges (a proposed due date's among them) stay
    inside the card at seven columns too."""
    with db_of(live_server).transaction() as session:
        session.execute(
            update(Translation)
            .where(Translation.id == desk["election"])
            .values(
                proposed_due_at=datetime.now(UTC) + timedelta(days=4),
                proposed_due_by_id=person(session, REVIEWER).id,
            )
        )
    page.set_viewport_size(ViewportSize(width=width, height=900))
    sign_in(page, COORDINATOR)
    page.goto("/board/")
    card = page.get_by_test_id(f"card-{desk['election']}")
    proposed = card.get_by_test_id(f"due-proposed-{desk['election']}")
    expect(proposed).to_be_visible()
    board_width = page_width(page)
    assert board_width <= page.evaluate("innerWidth"), f"the board is {board_width}px wide"
    card_box, badge_box = card.bounding_box(), proposed.bounding_box()
    assert card_box is not None and badge_box is not None
    assert badge_box["x"] + badge_box["width"] <= card_box["x"] + card_box["width"]
    BOARD_SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(BOARD_SHOTS / f"board-{width}.png"), full_page=True)
    assert problems.messages == []
