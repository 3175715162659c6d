"""Working offline in Chromium: the translator follows the editor's "Work offline" link,
downloads the XLIFF 1.2 file, a script plays the CAT tool (two targets filled, one changed),
the coordinator changes a paragraph on the desk meanwhile, and the file goes back through the
page: the summary counts what became of each unit and the editor shows the texts.

And the issue's "done when": the desk's change and the file's touch the same paragraph, and
the result is merged or offered in the chooser, nothing lost (both texts in the history)."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import E2E_MARKS, BrowserProblems, LiveServer, labelled, sign_in
from tests.e2e.desk_data import (
    COORDINATOR,
    TRANSLATOR,
    YEN_PARAGRAPHS,
    YEN_TITLE,
    assign_to_translator,
    create_japanese_article,
    db_of,
    person,
    write,
)
from tests.e2e.editing import box, editor_of, history_of, segment_ids, stored_texts
from tests.web.test_interchange_api import set_target
from translate_flow.domain.models import Translation
from translate_flow.editing.saving import find_row, save_segment

pytestmark = E2E_MARKS

SHOTS = Path("/tmp/helpers/shots/offline")
PHONE = {"width": 390, "height": 844}
PARAGRAPHS = [*YEN_PARAGRAPHS, "問われるべきは三十年の停滞だ。"]
TITLE_BEFORE = "Before lamenting the weak yen"
TITLE_AFTER = "Before lamenting the weak yen, question how we work"
FIRST = "The yen has long been above 150 to the dollar. Rising import prices hit households hard."
SECOND = "But a weak currency is a result, not a cause."
THIRD_ON_THE_DESK = "Thirty years of stagnation are the real issue."


def shot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / f"{name}.png", full_page=True)


def yen_editorial(live_server: LiveServer, texts: list[str]) -> int:
    """The editorial (title and three paragraphs) assigned to Dorothy, who wrote `texts`."""
    translation_id = create_japanese_article(live_server, YEN_TITLE, PARAGRAPHS)
    assign_to_translator(live_server, translation_id)
    with db_of(live_server).transaction() as session:
        translation = session.get(Translation, translation_id)
        assert translation is not None
        write(session, person(session, TRANSLATOR), translation, texts)
    return translation_id


def desk_edit(live_server: LiveServer, translation_id: int, number: int, text: str) -> None:
    """The coordinator saves the n-th segment (1: the title) on the desk, on its version now."""
    segment_id = segment_ids(live_server, translation_id)[number - 1]
    with db_of(live_server).transaction() as session:
        translation = session.get(Translation, translation_id)
        assert translation is not None
        row = find_row(session, translation, segment_id)
        save_segment(
            session,
            person(session, COORDINATOR),
            translation,
            segment_id,
            text=text,
            base_version=row.version,
        )


def download_xliff(page: Page, translation_id: int) -> bytes:
    """From the editor, through its "Work offline" link, the XLIFF 1.2 file as downloaded."""
    editor_of(page, translation_id)
    page.get_by_test_id("offline-link").click()
    expect(page).to_have_url(re.compile(rf"/translations/{translation_id}/offline$"))
    expect(page.get_by_role("heading", name="Work offline")).to_be_visible()
    with page.expect_download() as info:
        page.get_by_test_id("download-xliff12").click()
    download = info.value
    assert download.suggested_filename.endswith((".xlf", ".xliff")), download.suggested_filename
    return Path(download.path()).read_bytes()


def upload(page: Page, data: bytes) -> None:
    labelled(page, "File").set_input_files(
        {"name": "yen-offline.xlf", "mimeType": "application/xliff+xml", "buffer": data}
    )
    page.get_by_role("button", name="Upload and apply").click()
    expect(page.get_by_test_id("offline-summary")).to_be_visible()


def counts(page: Page) -> dict[str, str]:
    summary = page.get_by_test_id("offline-summary")
    return {
        name: summary.get_by_test_id(f"summary-{name}").inner_text()
        for name in ("saved", "merged", "conflicts", "skipped", "refused")
    }


def test_download_edit_in_a_script_upload_and_see_the_summary_and_the_texts(
    page: Page, live_server: LiveServer, problems: BrowserProblems
):
    translation_id = yen_editorial(live_server, [TITLE_BEFORE])
    sign_in(page, TRANSLATOR)
    data = download_xliff(page, translation_id)
    assert b'version="1.2"' in data and TITLE_BEFORE.encode() in data
    shot(page, "offline-page-1280")
    # The CAT tool: the title changed, the first two paragraphs translated, the third left.
    data = set_target(data, 0, TITLE_AFTER)
    data = set_target(data, 1, FIRST, state="translated")
    data = set_target(data, 2, SECOND, state="translated")
    # Meanwhile the coordinator writes the third paragraph on the desk.
    desk_edit(live_server, translation_id, 4, THIRD_ON_THE_DESK)
    upload(page, data)
    assert counts(page) == {
        "saved": "3 segment(s) saved: 1, 2, 3",
        "merged": "0 merged with edits made on the desk meanwhile",
        "conflicts": "0 in conflict",
        "skipped": "1 skipped (unchanged or empty in the file)",
        "refused": "0 refused",
    }
    expect(page.get_by_test_id("conflict")).to_have_count(0)
    expect(page.get_by_test_id("refused-unit")).to_have_count(0)
    shot(page, "summary-1280")
    page.set_viewport_size(PHONE)
    shot(page, "summary-390")
    page.get_by_test_id("to-editor").click()
    expect(page).to_have_url(re.compile(rf"/translations/{translation_id}/edit"))
    for number, text in enumerate([TITLE_AFTER, FIRST, SECOND, THIRD_ON_THE_DESK], start=1):
        expect(box(page, number)).to_have_value(text)
    shot(page, "editor-after-390")
    page.set_viewport_size({"width": 1280, "height": 800})
    shot(page, "editor-after-1280")
    assert stored_texts(live_server, translation_id) == [
        TITLE_AFTER,
        FIRST,
        SECOND,
        THIRD_ON_THE_DESK,
    ]
    assert problems.messages == []


def test_done_when_a_desk_edit_apart_from_the_files_in_the_same_paragraph_is_merged(
    page: Page, live_server: LiveServer, problems: BrowserProblems
):
    base = "The yen has long been above 150 to the dollar."
    translation_id = yen_editorial(live_server, [TITLE_BEFORE, base])
    sign_in(page, TRANSLATOR)
    data = download_xliff(page, translation_id)
    # The reviewer's words at the end of the sentence, the translator's at its start.
    desk_edit(live_server, translation_id, 2, "The yen has long been above 150 to the US dollar.")
    data = set_target(data, 1, "For long the yen has been above 150 to the dollar.")
    data = set_target(data, 2, SECOND)
    upload(page, data)
    found = counts(page)
    assert (found["saved"], found["merged"], found["conflicts"]) == (
        "1 segment(s) saved: 3",
        "1 merged with edits made on the desk meanwhile: 2",
        "0 in conflict",
    ), found
    shot(page, "merged-1280")
    merged = "For long the yen has been above 150 to the US dollar."
    page.get_by_test_id("to-editor").click()
    expect(box(page, 2)).to_have_value(merged)
    expect(box(page, 3)).to_have_value(SECOND)
    history = [text for _origin, text in history_of(live_server, translation_id)]
    assert "The yen has long been above 150 to the US dollar." in history  # the desk's
    assert merged in history
    assert problems.messages == []


@pytest.mark.parametrize("width", [1280, 390])
def test_done_when_an_overlapping_desk_edit_is_offered_in_the_chooser_nothing_lost(
    page: Page, live_server: LiveServer, problems: BrowserProblems, width: int
):
    translation_id = yen_editorial(live_server, [TITLE_BEFORE, "The yen is weak."])
    page.set_viewport_size({"width": width, "height": 844 if width < 600 else 800})
    sign_in(page, TRANSLATOR)
    data = download_xliff(page, translation_id)
    desk_edit(live_server, translation_id, 2, "The yen is feeble.")
    data = set_target(data, 1, "The yen is frail.")
    data = set_target(data, 2, SECOND)
    upload(page, data)
    found = counts(page)
    assert (found["saved"], found["merged"], found["conflicts"], found["refused"]) == (
        "1 segment(s) saved: 3",
        "0 merged with edits made on the desk meanwhile",
        "1 in conflict",
        "0 refused",
    ), found
    conflict = page.get_by_test_id("conflict")
    expect(conflict).to_have_count(1)
    expect(conflict).to_contain_text("overlap")
    shot(page, f"conflict-{width}")
    conflict.get_by_test_id("chooser-link").click()
    segment_id = segment_ids(live_server, translation_id)[1]
    expect(page).to_have_url(re.compile(rf"/segments/{segment_id}/history\?"))
    # The desk's text stands; the file's is in the history, compared with it, to restore.
    expect(page.get_by_test_id("current-text")).to_have_text("The yen is feeble.")
    revisions = page.get_by_test_id("revision")
    expect(revisions.filter(has_text="The yen is frail.")).to_have_count(1)
    expect(revisions.filter(has_text="The yen is frail.").get_by_test_id("restore")).to_be_visible()
    expect(page.get_by_test_id("revision-diff")).to_contain_text("frail")
    expect(page.get_by_test_id("revision-diff")).to_contain_text("feeble")
    shot(page, f"chooser-{width}")
    history = [text for _origin, text in history_of(live_server, translation_id)]
    assert "The yen is feeble." in history and "The yen is frail." in history
    # Choosing the file's text in the chooser brings it back, as a new revision.
    revisions.filter(has_text="The yen is frail.").get_by_test_id("restore").click()
    expect(page.get_by_test_id("current-text")).to_have_text("The yen is frail.")
    assert stored_texts(live_server, translation_id)[1:3] == ["The yen is frail.", SECOND]
    assert problems.messages == []
