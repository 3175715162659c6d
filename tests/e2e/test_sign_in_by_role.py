"""Each demo person signs in through the real form and sees the desk their roles call for."""

import re
from dataclasses import dataclass

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import E2E_MARKS, LOGIN_URL, BrowserProblems, labelled, sign_in
from translate_flow.demo.people import DEMO_PASSWORD

pytestmark = E2E_MARKS

SECTIONS = ("coordinator-home", "reviewer-home", "translator-home", "admin-home")
NAV_LINKS = ("People", "Outbox")


@dataclass(frozen=True)
class Desk:
    email: str
    name: str
    sections: frozenset[str]
    nav_links: frozenset[str]


DESKS = [
    Desk(
        "admin@example.org",
        "Ada Admin",
        frozenset({"admin-home", "coordinator-home"}),
        frozenset({"People", "Outbox"}),
    ),
    Desk(
        "coordinator@example.org",
        "Corinne Coordinator",
        frozenset({"coordinator-home"}),
        frozenset({"People"}),
    ),
    Desk(
        "reviewer@example.org",
        "Rafael Reviewer",
        frozenset({"reviewer-home", "translator-home"}),
        frozenset(),
    ),
    Desk(
        "translator@example.org",
        "Dorothy Phoenix",
        frozenset({"translator-home"}),
        frozenset(),
    ),
]


@pytest.mark.parametrize("desk", DESKS, ids=lambda desk: desk.email.split("@")[0])
def test_demo_person_signs_in_sees_their_desk_and_signs_out(
    page: Page, problems: BrowserProblems, desk: Desk
):
    sign_in(page, desk.email)

    expect(page.get_by_role("heading", level=1)).to_have_text(f"Hello, {desk.name}")
    for section in SECTIONS:
        if section in desk.sections:
            expect(page.locator(f"#{section}")).to_be_visible()
        else:
            expect(page.locator(f"#{section}")).to_have_count(0)
    nav = page.get_by_role("navigation", name="Main")
    for name in NAV_LINKS:
        link = nav.get_by_role("link", name=name, exact=True)
        if name in desk.nav_links:
            expect(link).to_be_visible()
        else:
            expect(link).to_have_count(0)
    expect(nav.get_by_role("link", name=desk.name, exact=True)).to_be_visible()

    if "coordinator-home" in desk.sections:
        coverage = page.locator("#coordinator-home table.coverage")
        expect(coverage).to_be_visible()
        expect(coverage.get_by_role("rowheader", name="ja→en")).to_be_visible()
    if "translator-home" in desk.sections and desk.email == "translator@example.org":
        expect(page.locator("#translator-home")).to_contain_text("ja→en")
        expect(page.locator("#translator-home")).to_contain_text("zh→en")
    if "admin-home" in desk.sections:
        expect(page.locator("#admin-home")).to_contain_text("Outbox: 0 waiting")

    nav.get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(LOGIN_URL)
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    expect(page.get_by_role("status")).to_have_text("You have signed out.")
    expect(nav.get_by_role("button", name="Sign out")).to_have_count(0)

    # Signed out for real: the desk sends the browser back to the sign-in form.
    page.goto("/desk/")
    expect(page).to_have_url(re.compile(r"/login\?next=(/|%2F)desk(/|%2F)$"))
    assert problems.messages == []


def test_wrong_password_is_refused_next_to_the_form(page: Page, problems: BrowserProblems):
    problems.allow_status(401)
    page.goto("/login")
    labelled(page, "E-mail address").fill("translator@example.org")
    labelled(page, "Password").fill("not the demo password")
    with page.expect_response(lambda response: response.request.method == "POST") as answer:
        page.get_by_role("button", name="Sign in").click()
    assert answer.value.status == 401

    expect(page).to_have_url(LOGIN_URL)
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("do not match")
    # The message sits with the form, not somewhere else on the page.
    expect(page.locator("article", has=page.locator("form")).get_by_role("alert")).to_be_visible()
    expect(page.get_by_role("heading", name="Hello")).to_have_count(0)

    # Corrected, the same form signs the person in.
    labelled(page, "Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hello, Dorothy Phoenix")
    assert problems.messages == []


def test_pages_set_a_content_security_policy_that_blocks_nothing_of_our_own(
    page: Page, problems: BrowserProblems
):
    """The CSP forbids inline scripts and other sites; our pages must still load cleanly."""
    response = page.goto("/login")
    assert response is not None
    assert response.status == 200
    policy = response.headers.get("content-security-policy", "")
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "'unsafe-inline'" not in policy
    assert "frame-ancestors 'none'" in policy

    # The stylesheets and the script really loaded (a blocked one would not).
    assert page.evaluate("() => document.styleSheets.length") == 2
    assert page.evaluate(
        "() => performance.getEntriesByType('resource')"
        ".some(entry => entry.name.endsWith('/static/app/app.js'))"
    )

    sign_in(page, "admin@example.org")
    for link in ("People", "Outbox", "Ada Admin", "Desk"):
        with page.expect_navigation() as navigation:
            page.get_by_role("navigation", name="Main").get_by_role(
                "link", name=link, exact=True
            ).click()
        loaded = navigation.value
        assert loaded is not None
        assert loaded.ok, f"{link}: {loaded.status}"
        assert "script-src 'self'" in loaded.headers.get("content-security-policy", "")
    assert problems.messages == []


def test_a_fresh_sign_in_form_marks_no_field_invalid(page: Page):
    page.goto("/login")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    # Checked at once, not waited for: the page has loaded and nothing changes these.
    assert page.locator("[aria-invalid]:not([aria-invalid='false'])").count() == 0
    assert page.locator("[aria-describedby='None']").count() == 0
    assert page.locator("[autofocus]").count() == 1
