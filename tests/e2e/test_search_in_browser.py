"""A reader on the public site types a name as the Japanese original writes it (岸田) and finds
the published English translation, which never writes it so (issue 23)."""

import re

from playwright.sync_api import Page, expect

from tests.e2e.conftest import E2E_MARKS, BrowserProblems, LiveServer
from tests.e2e.desk_data import (
    COORDINATOR,
    RAIL_ENGLISH,
    RAIL_PARAGRAPHS,
    RAIL_TITLE,
    REVIEWER,
    TRANSLATOR,
    create_japanese_article,
    db_of,
    person,
    write,
)
from translate_flow.domain.models import Translation
from translate_flow.domain.workflow import Action
from translate_flow.workflow.transitions import fire

pytestmark = E2E_MARKS

KISHIDA_TITLE = "岸田首相、訪米へ"
KISHIDA_PARAGRAPHS = [
    "岸田文雄首相は来週、ワシントンを訪れ、大統領と会談する。",
    "同盟の今後と通商が主な議題となる見通しだ。",
]
KISHIDA_ENGLISH = [
    "The prime minister heads to Washington",
    "Fumio K. will meet the president in Washington next week.",
    "The alliance's future and trade are expected to top the agenda.",
]


def _publish(
    live_server: LiveServer, title: str, paragraphs: list[str], english: list[str]
) -> None:
    """The whole road through the services: claimed, written, reviewed, approved, published."""
    translation_id = create_japanese_article(live_server, title, paragraphs)
    with db_of(live_server).transaction() as session:
        translation = session.get(Translation, translation_id)
        assert translation is not None
        translator, reviewer = person(session, TRANSLATOR), person(session, REVIEWER)
        fire(session, translator, translation, Action.CLAIM)
        write(session, translator, translation, english)
        fire(session, translator, translation, Action.SUBMIT)
        fire(session, reviewer, translation, Action.CLAIM_REVIEW)
        fire(session, reviewer, translation, Action.APPROVE)
        fire(session, person(session, COORDINATOR), translation, Action.PUBLISH)


def test_a_reader_finds_the_english_translation_by_the_japanese_name(
    page: Page, live_server: LiveServer, problems: BrowserProblems
):
    _publish(live_server, KISHIDA_TITLE, KISHIDA_PARAGRAPHS, KISHIDA_ENGLISH)
    _publish(live_server, RAIL_TITLE, RAIL_PARAGRAPHS, RAIL_ENGLISH)

    page.goto("/")
    results = page.get_by_test_id("publications")
    expect(results.get_by_role("link", name=KISHIDA_ENGLISH[0])).to_be_visible()
    expect(results.get_by_role("link", name=RAIL_ENGLISH[0])).to_be_visible()

    search = page.get_by_role("search").get_by_role("searchbox", name="Search the translations")
    search.fill("岸田")
    search.press("Enter")
    expect(page).to_have_url(re.compile(r"[?&]q=%E5%B2%B8%E7%94%B0"))
    expect(page.get_by_test_id("result-count")).to_have_text(re.compile(r"^1 translation\b"))
    expect(results.get_by_role("link", name=RAIL_ENGLISH[0])).to_have_count(0)
    found = results.get_by_role("link", name=KISHIDA_ENGLISH[0])
    expect(found).to_be_visible()

    found.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(KISHIDA_ENGLISH[0])
    expect(page.get_by_text(KISHIDA_ENGLISH[1])).to_be_visible()
    assert not problems.messages, problems.messages
