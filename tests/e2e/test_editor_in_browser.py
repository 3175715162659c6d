"""The side-by-side editor in Chromium: autosave through reloads and dropped connections, two
people on one paragraph, right-to-left text, a whole article by keyboard, the reviewer's
changes, and a session that expires or ends under a translator's hands."""

import re
from collections.abc import Callable

from playwright.sync_api import BrowserContext, Locator, Page, Route, expect

from tests.e2e.conftest import E2E_MARKS, BrowserProblems, LiveServer, labelled, sign_in
from tests.e2e.desk_data import (
    COORDINATOR,
    REVIEWER,
    TRANSLATOR,
    YEN_ENGLISH,
    YEN_PARAGRAPHS,
    YEN_TITLE,
    assign_to_translator,
    create_english_translation,
    create_japanese_article,
    signed_in_page,
)
from tests.e2e.editing import (
    SAVE_PATTERN,
    box,
    editor_of,
    history_of,
    saved,
    stored_texts,
    submit_in_editor,
)
from translate_flow.intake.articles import ArticleInput

pytestmark = E2E_MARKS


def assigned_yen(live_server: LiveServer) -> int:
    translation_id = create_japanese_article(live_server, YEN_TITLE, YEN_PARAGRAPHS)
    assign_to_translator(live_server, translation_id)
    return translation_id


def test_typed_text_is_there_after_a_reload_even_one_before_the_save(
    page: Page, live_server: LiveServer, problems: BrowserProblems
):
    yen = assigned_yen(live_server)
    sign_in(page, TRANSLATOR)
    editor = editor_of(page, yen)
    box(page, 1).fill(YEN_ENGLISH[0])
    saved(editor)
    expect(page.get_by_test_id("save-status")).to_have_text(re.compile(r"^Saved \d\d:\d\d$"))
    # Typed, and the page reloaded at once: the save had not even started.
    page.route(SAVE_PATTERN, lambda route: route.abort())
    box(page, 2).press_sequentially("The yen has long")
    page.unroute(SAVE_PATTERN)
    page.reload()
    expect(box(page, 2)).to_have_value("The yen has long")
    saved(editor)
    assert stored_texts(live_server, yen)[:2] == [YEN_ENGLISH[0], "The yen has long"]
    page.reload()
    expect(box(page, 1)).to_have_value(YEN_ENGLISH[0])
    expect(box(page, 2)).to_have_value("The yen has long")
    assert problems.messages == []


def test_text_typed_before_the_editor_script_has_loaded_is_saved(
    page: Page, live_server: LiveServer, problems: BrowserProblems
):
    yen = assigned_yen(live_server)
    sign_in(page, TRANSLATOR)
    held: list[Route] = []
    page.route("**/static/app/editor.js", lambda route: held.append(route))
    # The page's "load" waits for the held script, so only its arrival is awaited here.
    page.goto(f"/translations/{yen}/edit", wait_until="commit")
    # A slow connection: the boxes are there and the translator types before the script runs.
    box(page, 1).fill(YEN_ENGLISH[0])
    box(page, 2).fill(YEN_ENGLISH[1])
    for _ in range(100):
        if held:
            break
        page.wait_for_timeout(50)
    expect(page.locator("[data-editor]")).not_to_have_attribute("data-save-state", re.compile("."))
    held[0].continue_()
    saved(page.locator("[data-editor]"))
    assert stored_texts(live_server, yen)[:3] == [YEN_ENGLISH[0], YEN_ENGLISH[1], ""]
    assert problems.messages == []


def test_text_typed_while_the_connection_is_down_is_saved_when_it_is_back(
    page: Page, live_server: LiveServer, problems: BrowserProblems
):
    yen = assigned_yen(live_server)
    sign_in(page, TRANSLATOR)
    editor = editor_of(page, yen)
    page.route(SAVE_PATTERN, lambda route: route.abort())
    box(page, 2).fill(YEN_ENGLISH[1])
    box(page, 3).click()  # leaving the field saves at once
    expect(editor).to_have_attribute("data-save-state", "retrying")
    expect(page.get_by_test_id("save-status")).to_contain_text("retrying")
    assert stored_texts(live_server, yen)[1] == ""
    page.unroute(SAVE_PATTERN)
    saved(editor)
    assert stored_texts(live_server, yen)[1] == YEN_ENGLISH[1]
    # The browser's own offline mode too: back online, it saves straight away.
    page.context.set_offline(True)
    box(page, 3).fill(YEN_ENGLISH[2])
    box(page, 1).click()
    expect(page.get_by_test_id("save-status")).to_contain_text("Offline")
    page.context.set_offline(False)
    saved(editor, timeout=5_000)
    assert stored_texts(live_server, yen)[2] == YEN_ENGLISH[2]
    # The failed requests are the ones this test cut.
    assert all(
        "net::ERR" in message or "Failed to fetch" in message for message in problems.messages
    )


def test_two_people_on_one_paragraph_get_the_conflict_chooser(
    page: Page,
    new_context: Callable[[], BrowserContext],
    live_server: LiveServer,
    problems: BrowserProblems,
):
    yen = assigned_yen(live_server)
    sign_in(page, TRANSLATOR)
    dorothy = editor_of(page, yen)
    corinne_page = signed_in_page(new_context, problems, COORDINATOR)
    corinne = editor_of(corinne_page, yen)
    box(page, 2).fill("The yen has been weak for a long time.")
    saved(dorothy)
    problems.allow_status(409)
    box(corinne_page, 2).fill("The yen has been above 150 for ages.")
    box(corinne_page, 3).click()
    chooser = corinne_page.get_by_test_id("segment").nth(1)
    expect(chooser.get_by_role("alert")).to_contain_text("Someone else changed this segment")
    expect(chooser.locator(".conflict-theirs")).to_contain_text("weak for a long time")
    expect(chooser.locator(".conflict-mine")).to_contain_text("above 150 for ages")
    expect(corinne).to_have_attribute("data-save-state", "conflict")
    for choice in ("Keep mine", "Keep theirs"):
        expect(chooser.get_by_role("button", name=choice)).to_be_visible()
    chooser.get_by_role("button", name="Edit a merge").click()
    box(corinne_page, 2).fill("The yen has been weak, above 150, for a long time.")
    chooser.get_by_role("button", name="Save this text").click()
    saved(corinne)
    assert stored_texts(live_server, yen)[1] == "The yen has been weak, above 150, for a long time."
    assert history_of(live_server, yen)[-3:] == [
        ("typed", "The yen has been weak for a long time."),
        ("conflict", "The yen has been above 150 for ages."),
        ("kept_after_conflict", "The yen has been weak, above 150, for a long time."),
    ]
    # Dorothy's page is behind now; her next edit of another part is merged, not lost.
    box(page, 2).press("End")
    box(page, 2).press_sequentially(" Really.")
    box(page, 1).click()
    saved(dorothy)
    expect(box(page, 2)).to_have_value("The yen has been weak, above 150, for a long time. Really.")


def test_arabic_reads_right_to_left_beside_english(
    page: Page, live_server: LiveServer, problems: BrowserProblems
):
    translation_id = create_english_translation(
        live_server,
        ArticleInput(
            title="واشنطن والشرق الأوسط",
            body="تتابع العواصم العربية النقاش الأمريكي باهتمام.",
            source_language="ar",
        ),
    )
    sign_in(page, COORDINATOR)
    editor_of(page, translation_id)
    source = page.locator(".editor-source").first
    expect(source).to_have_attribute("dir", "rtl")
    expect(source).to_have_css("direction", "rtl")
    expect(box(page, 1)).to_have_css("direction", "ltr")
    assert problems.messages == []


def test_a_whole_article_translated_and_submitted_with_the_keyboard_alone(
    page: Page, live_server: LiveServer, problems: BrowserProblems
):
    yen = assigned_yen(live_server)
    sign_in(page, TRANSLATOR)
    page.get_by_test_id(f"translate-{yen}").click()
    editor = page.locator("[data-editor]")
    # The first empty segment has the cursor; Ctrl+Enter marks it done and moves on.
    expect(box(page, 1)).to_be_focused()
    for text in YEN_ENGLISH:
        page.keyboard.type(text)
        page.keyboard.press("Control+Enter")
    saved(editor)
    expect(page.get_by_test_id("segment-status")).to_have_text(["done", "done", "done"])
    expect(page.get_by_test_id("progress")).to_contain_text("3 of 3 translated, 3 done")
    # The last segment keeps the cursor; back up to the one before it, change its ending,
    # and submit from the keyboard: the pending save goes first.
    page.keyboard.press("Alt+ArrowUp")
    page.keyboard.press("End")
    page.keyboard.press("Backspace")
    page.keyboard.type("!")
    page.keyboard.press("Control+Shift+Enter")
    # Submitted without leaving the editor (issue 16): it reloads as the text under review.
    expect(page).to_have_url(re.compile(rf"/translations/{yen}/edit$"))
    expect(page.get_by_test_id("state")).to_have_text("in review")
    assert stored_texts(live_server, yen) == [
        YEN_ENGLISH[0],
        YEN_ENGLISH[1][:-1] + "!",
        YEN_ENGLISH[2],
    ]
    assert problems.messages == []


def test_the_translator_sees_what_the_reviewer_changed(
    page: Page,
    new_context: Callable[[], BrowserContext],
    live_server: LiveServer,
    problems: BrowserProblems,
):
    yen = assigned_yen(live_server)
    sign_in(page, TRANSLATOR)
    editor = editor_of(page, yen)
    for number, text in enumerate(YEN_ENGLISH, start=1):
        box(page, number).fill(text)
    box(page, 1).click()
    saved(editor)
    submit_in_editor(page)
    expect(page.get_by_test_id("state")).to_have_text("in review")

    rafael = signed_in_page(new_context, problems, REVIEWER)
    rafael.goto(f"/translations/{yen}")
    rafael.get_by_role("button", name="Take for review", exact=True).click()
    rafael.get_by_test_id("open-editor").click()
    expect(rafael.get_by_test_id("open-editor")).to_have_count(0)
    box(rafael, 2).fill("The yen has stayed above 150 to the dollar for a long time.")
    box(rafael, 1).click()
    saved(rafael.locator("[data-editor]"))
    rafael.goto(f"/translations/{yen}")
    rafael.get_by_role("button", name="Approve", exact=True).click()
    expect(rafael.get_by_test_id("state")).to_have_text("approved")

    page.goto(f"/translations/{yen}/edit")
    page.get_by_test_id("unseen-review").click()
    expect(page.get_by_test_id("review-share")).to_contain_text("1 of 3 segments changed")
    changed = page.get_by_test_id("diff-segment")
    expect(changed).to_have_count(1)
    expect(changed.locator("ins").first).to_contain_text("stayed")
    page.get_by_test_id("mark-seen").click()
    expect(page.get_by_test_id("seen")).to_be_visible()
    assert problems.messages == []


def editing_then_signed_out_elsewhere(
    page: Page, live_server: LiveServer, problems: BrowserProblems
) -> tuple[int, Locator, Page]:
    """Dorothy's editor open in one tab, and she signs out in another tab of the same browser."""
    yen = assigned_yen(live_server)
    sign_in(page, TRANSLATOR)
    editor = editor_of(page, yen)
    # The side panel reads the focused segment's history a moment after the page opens; that
    # read must be over before the sign-out, or it is the one that meets the ended session.
    expect(editor.locator("[data-panel-history] li")).not_to_have_count(0)
    other_tab = page.context.new_page()
    problems.watch(other_tab)
    other_tab.goto("/account/")
    other_tab.get_by_role("button", name="Sign out").click()
    return yen, editor, other_tab


def test_a_stale_csrf_token_is_renewed_without_losing_text(
    page: Page, live_server: LiveServer, problems: BrowserProblems
):
    yen, editor, other_tab = editing_then_signed_out_elsewhere(page, live_server, problems)
    # Signing in again in another tab starts a new session: this tab's token is stale.
    sign_in(other_tab, TRANSLATOR)
    problems.allow_status(400)
    answers: list[tuple[str, str, int]] = []
    page.on(
        "response",
        lambda response: answers.append((response.request.method, response.url, response.status)),
    )
    box(page, 1).fill(YEN_ENGLISH[0])
    box(page, 2).click()
    saved(editor)
    assert stored_texts(live_server, yen)[0] == YEN_ENGLISH[0]
    # Refused for the token, a fresh token fetched, the same text sent again. Only the saves
    # (PUT) and the token: the side panel also reads the focused segment's revisions and
    # suggestions, whenever their answers come.
    assert [
        status
        for method, url, status in answers
        if (method == "PUT" and "/segments/" in url) or "csrf" in url
    ] == [
        400,
        200,
        200,
    ]
    assert problems.messages == []


def test_a_session_that_ended_says_so_keeps_the_text_and_saves_it_after_sign_in(
    page: Page, live_server: LiveServer, problems: BrowserProblems
):
    yen, editor, other_tab = editing_then_signed_out_elsewhere(page, live_server, problems)
    problems.allow_status(401)
    box(page, 1).fill(YEN_ENGLISH[0])
    box(page, 2).click()
    expect(editor).to_have_attribute("data-save-state", "signed-out")
    status = page.get_by_test_id("save-status")
    expect(status).to_contain_text("session has ended")
    expect(status.get_by_role("link", name="Sign in again (new tab)")).to_be_visible()
    assert stored_texts(live_server, yen)[0] == ""
    # Signing in again elsewhere is enough: the page notices and saves.
    other_tab.goto("/login")
    labelled(other_tab, "E-mail address").fill(TRANSLATOR)
    labelled(other_tab, "Password").fill("translate-flow-demo")
    other_tab.get_by_role("button", name="Sign in").click()
    saved(editor)
    assert stored_texts(live_server, yen)[0] == YEN_ENGLISH[0]
