"""Outlets and the feed inbox through the real UI: add an outlet with a feed, check it,
import a suggestion with its preview, and see it leave the inbox."""

import re
from pathlib import Path

from playwright.sync_api import Page, expect

from tests.e2e.conftest import E2E_MARKS, BrowserProblems, LiveServer, labelled, sign_in
from tests.webserver import LocalSite

pytestmark = E2E_MARKS

DATA = Path(__file__).parent.parent / "data"
FEED_SITE = "https://www.toyojiho.example/"
FIRST_ENTRY = "内向きの超大国と付き合う覚悟"


def test_coordinator_adds_an_outlet_checks_its_feed_and_imports_a_suggestion(
    page: Page, live_server: LiveServer, local_site: LocalSite, problems: BrowserProblems
):
    feed = (DATA / "feeds" / "toyojiho_opinion.atom.xml").read_bytes()
    feed_url = local_site.add(
        "/feeds/opinion.atom",
        feed.replace(FEED_SITE.encode(), local_site.url("/").encode()),
        content_type="application/atom+xml",
    )
    local_site.add(
        "/opinion/20240312-op0042/",
        (DATA / "pages" / "ja_toyojiho_oped.html").read_bytes(),
        # The page is Shift_JIS; the header says so, as the outlet's server would.
        content_type="text/html; charset=shift_jis",
    )
    live_server.app.config["FETCH_ALLOWED_HOSTS"] = [local_site.host]
    sign_in(page, "coordinator@example.org")

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Outlets").click()
    page.get_by_role("button", name="Add an outlet").click()
    labelled(page, "Name").fill("Tōyō Jihō")
    labelled(page, "Language").fill("ja")
    labelled(page, "Country").fill("JP")
    labelled(page, "Feed address").fill(feed_url)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tōyō Jihō")

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Inbox").click()
    page.get_by_role("button", name="Check feeds now").click()
    suggestion = page.locator("li.suggestion").filter(has_text=FIRST_ENTRY)
    expect(suggestion).to_be_visible()
    # The tracking parameters of the feed's link are gone from the suggestion.
    expect(suggestion.get_by_role("link")).not_to_have_text(re.compile("utm_"))
    waiting = int(page.get_by_test_id("inbox-count").inner_text().split()[0])

    suggestion.get_by_role("button", name="Import and preview").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("New article")
    expect(labelled(page, "Title")).to_have_value(re.compile(FIRST_ENTRY))
    expect(labelled(page, "Outlet")).to_have_value(re.compile(r"^\d+$"))
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page).to_have_url(re.compile(r"/articles/\d+$"))

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Inbox").click()
    expect(page.get_by_test_id("inbox-count")).to_have_text(re.compile(rf"^{waiting - 1} new"))
    expect(page.locator("li.suggestion").filter(has_text=FIRST_ENTRY)).to_have_count(0)
    assert problems.messages == []
