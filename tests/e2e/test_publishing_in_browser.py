"""The whole road in Chromium: a coordinator brings an article in and assigns it; the translator
translates and submits it in the editor; a reviewer edits and approves it; the coordinator
publishes it; a signed-out reader finds it, reads it with its credits, and comments; the comment
appears once moderated."""

import re
from collections.abc import Callable

from playwright.sync_api import BrowserContext, Page, expect

from tests.e2e.conftest import E2E_MARKS, BrowserProblems, LiveServer, labelled, sign_in
from tests.e2e.desk_data import (
    COORDINATOR,
    REVIEWER,
    REVIEWER_NAME,
    TRANSLATOR,
    TRANSLATOR_NAME,
    YEN_ENGLISH,
    YEN_PARAGRAPHS,
    YEN_TITLE,
    click_action,
    signed_in_page,
)
from tests.e2e.editing import box, saved, submit_in_editor

pytestmark = E2E_MARKS

TRANSLATION_URL = re.compile(r"/translations/(\d+)$")


def test_from_the_desk_to_a_reader_and_back(
    page: Page,
    new_context: Callable[[], BrowserContext],
    live_server: LiveServer,
    problems: BrowserProblems,
):
    # The coordinator pastes the article in and assigns its English translation.
    coordinator = page
    sign_in(coordinator, COORDINATOR)
    coordinator.goto("/articles/new")
    labelled(coordinator, "Title").fill(YEN_TITLE)
    labelled(coordinator, "Article text").fill("\n\n".join(YEN_PARAGRAPHS))
    labelled(coordinator, "Source language").fill("ja")
    labelled(coordinator, "Author").fill("佐藤 健一")
    labelled(coordinator, "Original URL").fill("https://toyo.example/opinion/yen")
    coordinator.get_by_role("button", name="Save", exact=True).click()
    coordinator.get_by_role("region", name="Translations").get_by_role(
        "link", name=re.compile("English")
    ).click()
    expect(coordinator).to_have_url(TRANSLATION_URL)
    translation_url = coordinator.url
    coordinator.get_by_role("button", name="Assign…").click()
    coordinator.get_by_test_id("translator-candidates").get_by_role(
        "radio", name=TRANSLATOR_NAME
    ).check()
    coordinator.get_by_role("button", name="Assign", exact=True).click()
    expect(coordinator.get_by_test_id("translator")).to_have_text(TRANSLATOR_NAME)

    # The translator writes it in the editor and submits it from there.
    translator = signed_in_page(new_context, problems, TRANSLATOR)
    translator.get_by_test_id("my-work").get_by_role("button", name="Translate").click()
    for number, text in enumerate(YEN_ENGLISH, start=1):
        box(translator, number).fill(text)
    submit_in_editor(translator)
    # The submit first flushes the autosaves (each now runs the checks too): on a loaded
    # machine that takes longer than the default five seconds.
    expect(translator.get_by_test_id("state")).to_have_text("in review", timeout=20_000)

    # The reviewer takes it, sharpens the headline in the editor and approves it.
    reviewer = signed_in_page(new_context, problems, REVIEWER)
    queued = reviewer.get_by_test_id("review-queue").get_by_role("row").filter(has_text=YEN_TITLE)
    queued.get_by_role("button", name="Take for review").click()
    reviewer.get_by_test_id("open-editor").click()
    box(reviewer, 1).fill("Before lamenting the weak yen, ask how we work")
    box(reviewer, 2).click()
    saved(reviewer)
    # From the editor's toolbar; nothing was marked checked, so the editor asks once.
    reviewer.get_by_test_id("review-approve").click()
    reviewer.get_by_test_id("review-confirm-yes").click()
    expect(reviewer.get_by_test_id("state")).to_have_text("approved")

    # The coordinator publishes it.
    coordinator.goto(translation_url)
    click_action(coordinator, "Publish now")
    expect(coordinator.get_by_test_id("state")).to_have_text("published")
    public_link = coordinator.get_by_test_id("public-link")
    expect(public_link).to_be_visible()

    # A reader who has never heard of the site finds it on the home page.
    reader = new_context().new_page()
    problems.watch(reader)
    reader.goto("/")
    reader.get_by_role("link", name="Before lamenting the weak yen, ask how we work").click()
    article = reader.get_by_test_id("published-article")
    expect(article.get_by_role("heading", level=1)).to_have_text(
        "Before lamenting the weak yen, ask how we work"
    )
    expect(reader.get_by_test_id("body")).to_contain_text(YEN_ENGLISH[1])
    expect(reader.get_by_test_id("byline")).to_contain_text(f"Translated by {TRANSLATOR_NAME}")
    expect(reader.get_by_test_id("original")).to_contain_text(YEN_TITLE)
    expect(reader.get_by_test_id("original")).to_contain_text("佐藤 健一")
    expect(reader.get_by_test_id("original-link")).to_have_attribute(
        "href", "https://toyo.example/opinion/yen"
    )
    expect(reader.get_by_test_id("about")).to_contain_text(f"About {TRANSLATOR_NAME} — 1 Article")
    expect(reader.locator("html")).to_have_attribute("lang", "en")

    # The reader comments; nothing shows until a moderator has read it.
    labelled(reader, "Your name").fill("Ana Reader")
    labelled(reader, "Comment").fill("A clear account of the yen's fall.")
    reader.get_by_role("button", name="Send the comment").click()
    expect(reader.get_by_role("status")).to_contain_text("once a moderator has read it")
    expect(reader.get_by_test_id("reader-comments")).to_have_count(0)

    coordinator.goto("/moderation/")
    queued_comment = coordinator.get_by_test_id("queued-comment").filter(has_text="Ana Reader")
    queued_comment.get_by_role("button", name="Approve", exact=True).click()
    expect(coordinator.get_by_role("status")).to_contain_text("approved")

    reader.reload()
    expect(reader.get_by_test_id("reader-comments")).to_contain_text("A clear account")
    # The translator is told, and the translator's page counts the work.
    expect(translator.get_by_test_id("nav-notifications")).to_contain_text("Notifications")
    reader.get_by_test_id("about").get_by_role("link").click()
    expect(reader.get_by_test_id("translator")).to_contain_text(
        f"About {TRANSLATOR_NAME} — 1 Article"
    )
    assert REVIEWER_NAME not in reader.content()
    assert problems.messages == []
