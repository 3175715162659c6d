"""A reader comments in Chromium: the page they read set no cookie; the form's token is fetched
when they start writing (or, at the latest, when they send); without JavaScript the comment
comes back with everything typed in it, and goes through when sent once more."""

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect
from sqlalchemy import select

from tests.e2e.conftest import (
    ACTION_TIMEOUT_MS,
    E2E_MARKS,
    VIEWPORT,
    BrowserProblems,
    LiveServer,
    labelled,
)
from tests.e2e.desk_data import COORDINATOR, db_of, person
from translate_flow.demo.articles import load_demo_articles
from translate_flow.demo.workflow import load_demo_workflow
from translate_flow.domain.models import Publication, ReaderComment

pytestmark = E2E_MARKS

SESSION_COOKIE = "translate_flow_session"
THANKS = "once a moderator has read it"


@pytest.fixture
def article_path(live_server: LiveServer) -> str:
    """The demo desk's published translation's address."""
    with db_of(live_server).transaction() as session:
        load_demo_articles(session, person(session, COORDINATOR), ["en"])
        load_demo_workflow(session)
    with db_of(live_server).transaction() as session:
        return f"/read/{session.scalars(select(Publication.slug)).one()}"


def comments(live_server: LiveServer) -> list[tuple[str, str]]:
    with db_of(live_server).transaction() as session:
        return [(c.name, c.body) for c in session.scalars(select(ReaderComment))]


def session_cookies(context: BrowserContext) -> list[str]:
    return [c["name"] for c in context.cookies() if c["name"] == SESSION_COOKIE]


def token_field(page: Page) -> str:
    return page.locator('form.reader-comment-form input[name="csrf_token"]').input_value()


def test_the_token_is_fetched_when_the_reader_starts_writing(
    page: Page, live_server: LiveServer, article_path: str
):
    token_requests: list[str] = []
    page.on("request", lambda r: token_requests.append(r.url) if "comment-token" in r.url else None)
    response = page.goto(article_path)
    assert response is not None and response.status == 200
    assert response.headers["cache-control"].startswith("public")
    assert session_cookies(page.context) == []
    assert token_field(page) == ""
    assert token_requests == []

    with page.expect_response(re.compile(r"/comment-token$")):
        labelled(page, "Your name").click()
    expect(page.locator('form.reader-comment-form input[name="csrf_token"]')).not_to_have_value("")
    assert session_cookies(page.context) == [SESSION_COOKIE]

    labelled(page, "Your name").fill("Ana Reader")
    labelled(page, "Comment").fill("A clear account, thank you.")
    page.get_by_role("button", name="Send the comment").click()
    expect(page.get_by_role("status")).to_contain_text(THANKS)
    assert len(token_requests) == 1
    assert comments(live_server) == [("Ana Reader", "A clear account, thank you.")]


def test_a_form_sent_before_the_token_came_waits_for_it(
    page: Page, live_server: LiveServer, article_path: str
):
    page.goto(article_path)
    # Filled without focusing a field (as a password manager might), then sent: the send
    # itself asks for the token and goes once it has come.
    page.evaluate(
        """() => {
            const form = document.querySelector("form.reader-comment-form");
            form.elements.name.value = "Ben Reader";
            form.elements.body.value = "Sent at once.";
            form.requestSubmit();
        }"""
    )
    expect(page.get_by_role("status")).to_contain_text(THANKS)
    assert comments(live_server) == [("Ben Reader", "Sent at once.")]


@pytest.fixture
def without_javascript(
    browser: Browser, live_server: LiveServer, problems: BrowserProblems
) -> Iterator[Page]:
    context = browser.new_context(
        viewport=VIEWPORT, base_url=live_server.url, java_script_enabled=False
    )
    context.set_default_timeout(ACTION_TIMEOUT_MS)
    try:
        page = context.new_page()
        problems.watch(page)
        yield page
    finally:
        context.close()


def test_without_javascript_the_comment_comes_back_whole_then_goes_through(
    without_javascript: Page, live_server: LiveServer, article_path: str, problems: BrowserProblems
):
    page = without_javascript
    problems.allow_status(400)
    page.goto(article_path)
    assert session_cookies(page.context) == []
    labelled(page, "Your name").fill("Chloé Reader")
    labelled(page, "E-mail address").fill("chloe@example.org")
    labelled(page, "Comment").fill("Line one.\nLine two, with ü and 日本.")
    page.get_by_role("button", name="Send the comment").click()

    expect(page.get_by_role("alert")).to_contain_text("Send the comment once more")
    expect(page.get_by_role("alert")).to_contain_text("Nothing you wrote is lost.")
    expect(labelled(page, "Your name")).to_have_value("Chloé Reader")
    expect(labelled(page, "E-mail address")).to_have_value("chloe@example.org")
    expect(labelled(page, "Comment")).to_have_value("Line one.\nLine two, with ü and 日本.")
    assert comments(live_server) == []
    assert session_cookies(page.context) == [SESSION_COOKIE]

    page.get_by_role("button", name="Send the comment").click()
    expect(page.get_by_role("status")).to_contain_text(THANKS)
    assert comments(live_server) == [("Chloé Reader", "Line one.\nLine two, with ü and 日本.")]
    assert problems.messages == []
