"""Statistics in the browser: a coordinator goes from the board to the desk's quarter and reads
it in plots and, behind a disclosure, their numbers, at 1280 px and on a 390 px phone without
scrolling sideways; a volunteer finds their own year from their profile."""

from pathlib import Path

import pytest
from playwright.sync_api import Page, ViewportSize, expect

from tests.e2e.conftest import E2E_MARKS, LiveServer, page_width, sign_in
from tests.e2e.desk_data import COORDINATOR, REVIEWER, db_of, person
from translate_flow.demo.articles import load_demo_articles
from translate_flow.demo.workflow import load_demo_workflow

pytestmark = E2E_MARKS

SHOTS = Path("/tmp/helpers/shots/statistics")


@pytest.fixture
def desk(live_server: LiveServer) -> None:
    """The demo desk: a German op-ed published today, other pieces on their way."""
    with db_of(live_server).transaction() as session:
        load_demo_articles(session, person(session, COORDINATOR), ["en"])
        load_demo_workflow(session)


@pytest.mark.parametrize("width", [1280, 390])
def test_a_coordinator_reads_the_quarter_in_plots_and_tables(page: Page, desk, width):
    page.set_viewport_size(ViewportSize(width=width, height=900))
    sign_in(page, COORDINATOR)
    page.goto("/board/")  # the statistics are one link away from the board
    page.get_by_test_id("statistics-link").click()
    expect(page.get_by_role("heading", name="Statistics", exact=True)).to_be_visible()
    expect(page.get_by_test_id("total-published")).to_have_text("1")
    throughput = page.locator("figure[data-figure='throughput']")
    plot = throughput.locator("svg")
    expect(plot).to_be_visible()
    box = plot.bounding_box()
    assert box is not None and 0 < box["width"] <= width
    # Every plot fits the screen: nothing makes the page scroll sideways.
    assert page_width(page) <= width
    throughput.get_by_text("Show the numbers").click()
    expect(throughput.locator("table")).to_be_visible()
    published = throughput.locator("tbody tr td:nth-child(5)").all_inner_texts()
    assert sum(int(cell) for cell in published) == 1
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / f"desk-{width}.png", full_page=True)


def test_a_narrower_period_is_chosen_in_the_form(page: Page, desk):
    sign_in(page, COORDINATOR)
    page.goto("/statistics/")
    page.get_by_test_id("statistics-presets").get_by_role("link", name="Last 4 weeks").click()
    expect(page.get_by_test_id("statistics-period")).to_contain_text(" to ")
    page.get_by_role("textbox", name="From").fill("2020-01-01")
    page.get_by_role("textbox", name="To", exact=True).fill("2020-03-31")
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_test_id("statistics-period")).to_contain_text("2020-01-01 to 2020-03-31")
    expect(page.get_by_test_id("total-published")).to_have_text("0")


def test_a_volunteer_finds_their_year_from_their_profile(page: Page, desk):
    page.set_viewport_size(ViewportSize(width=390, height=844))
    sign_in(page, REVIEWER)  # who translated the published German piece
    page.goto("/account/")
    page.get_by_test_id("my-statistics-link").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("My statistics")
    expect(page.get_by_test_id("my-articles")).to_have_text("1")
    expect(page.get_by_test_id("my-pieces").get_by_role("link")).to_have_count(1)
    assert page_width(page) <= 390
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / "me-390.png", full_page=True)
