"""The desk's own lists show what volunteers choose by: length (in characters for Japanese),
priority, due date, progress and state; the translated title beside the original; what a
reviewer sent back, and why; and what the translator has handed on, with its public page."""

import html
import re

from tests.conftest import sign_in
from tests.web.test_board import add_translations
from translate_flow.domain.models import Role
from translate_flow.domain.workflow import Action, ChangeReason
from translate_flow.text.wordcount import count_unit


def home(client) -> str:  # type: ignore[no-untyped-def]
    return html.unescape(client.get("/desk/").get_data(as_text=True))


def table(page: str, testid: str) -> str:
    match = re.search(rf'<table data-testid="{testid}">(.*?)</table>', page, re.S)
    return match.group(1) if match else ""


def row(page: str, testid: str) -> str:
    match = re.search(rf'<tr data-testid="{testid}"[^>]*>(.*?)</tr>', page, re.S)
    assert match, f"no row {testid}"
    return " ".join(re.sub(r"<[^>]+>", " ", match.group(1)).split())


def test_counts_are_in_characters_for_chinese_and_japanese_only():
    assert [count_unit(code) for code in ("ja", "zh-Hant", "ZH")] == ["characters"] * 3
    # Thai is counted in dictionary words now (text.word_boundaries).
    assert [count_unit(code) for code in ("en", "ar", "ko", "es-AR", "th")] == ["words"] * 5


def test_the_claim_pool_shows_length_in_characters_priority_and_state(app, signed_in, make_user):
    client, _translator = signed_in(Role.TRANSLATOR, pairs=["ja:en", "es:en"])
    boss = make_user(Role.COORDINATOR)
    (japanese,) = add_translations(app, boss, 1, language="ja")
    (spanish,) = add_translations(app, boss, 1, language="es")

    page = home(client)

    assert "Length" in table(page, "claimable") and "Priority" in table(page, "claimable")
    assert re.search(r"\d+ characters Normal — 0 of \d+ Open", row(page, f"claimable-{japanese}"))
    assert re.search(r"\d+ words Normal — 0 of \d+ Open", row(page, f"claimable-{spanish}"))


def test_my_work_shows_progress_due_date_and_the_translated_title_beside_the_original(desk):
    desk.write(desk.translator, 0, "Before lamenting the weak yen")
    desk.write(desk.translator, 1, "The yen has long been above 150 to the dollar.")
    client = desk.app.test_client()
    sign_in(client, desk.translator.email)

    page = home(client)
    work = row(page, f"work-{desk.translation_id}")

    assert "Before lamenting the weak yen 円安を嘆く前に" in work
    assert "2 of 4" in work and "characters" in work and "Draft" in work
    assert 'data-testid="returned"' not in table(page, "my-work")


def test_work_sent_back_is_marked_returned_with_the_reviewers_reason(desk):
    for index, text in enumerate(["T", "One.", "Two.", "Three."]):
        desk.write(desk.translator, index, text)
    desk.submit()
    desk.take_review()
    desk.send_back()
    client = desk.app.test_client()
    sign_in(client, desk.translator.email)

    work = row(home(client), f"work-{desk.translation_id}")

    assert "returned" in work
    assert f"{desk.reviewer.display_name}: {ChangeReason.STYLE.value}" in work
    assert "Smoother, please." in work
    assert "Fix" in work


def test_a_resubmitted_then_reopened_item_is_no_longer_returned(desk):
    for index, text in enumerate(["T", "One.", "Two.", "Three."]):
        desk.write(desk.translator, index, text)
    desk.submit()
    desk.take_review()
    desk.send_back()
    desk.submit()
    desk.take_review()
    desk.approve()
    desk.act(desk.coordinator, Action.PUBLISH)
    desk.act(desk.coordinator, Action.REOPEN, reason="A typo in the headline.")
    client = desk.app.test_client()
    sign_in(client, desk.translator.email)

    work = row(home(client), f"work-{desk.translation_id}")

    assert "returned" not in work


def test_a_translator_sees_what_they_handed_on_with_a_link_to_the_public_page(desk):
    desk.publish()
    client = desk.app.test_client()
    sign_in(client, desk.translator.email)

    page = home(client)
    handed_on = table(page, "handed-on")

    assert f'data-testid="handed-on-{desk.translation_id}"' in handed_on
    assert "Published" in row(page, f"handed-on-{desk.translation_id}")
    link = re.search(rf'data-testid="public-{desk.translation_id}"', handed_on)
    assert link and re.search(r'href="/read/[^"]+"', handed_on)
    public = re.search(r'href="(/read/[^"]+)"', handed_on)
    assert public and client.get(public.group(1)).status_code == 200


def test_submitted_work_is_handed_on_not_in_my_work(desk):
    for index, text in enumerate(["T", "One.", "Two.", "Three."]):
        desk.write(desk.translator, index, text)
    desk.submit()
    client = desk.app.test_client()
    sign_in(client, desk.translator.email)

    page = home(client)

    assert f"work-{desk.translation_id}" not in table(page, "my-work")
    assert "In review" in row(page, f"handed-on-{desk.translation_id}")
    assert "public-" not in table(page, "handed-on")
