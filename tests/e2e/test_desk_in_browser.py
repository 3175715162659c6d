"""The desk as volunteers use it, in Chromium at 1280 and 390 px: the translator's lists with
length in characters, progress and a returned item's reason; the coordinator's board with its
coverage strip folded on a phone; the new-article form filling the language from the outlet."""

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select, update

from tests.e2e.conftest import E2E_MARKS, BrowserProblems, LiveServer, page_width, sign_in
from tests.e2e.desk_data import (
    COORDINATOR,
    RAIL_TITLE,
    REVIEWER,
    TRANSLATOR,
    YEN_ENGLISH,
    YEN_TITLE,
    db_of,
    person,
)
from translate_flow.domain.models import Translation, TranslationSegment
from translate_flow.domain.workflow import Action, ChangeReason, Request
from translate_flow.intake.articles import ArticleInput, create_article
from translate_flow.intake.outlets import OutletInput, create_outlet
from translate_flow.workflow.transitions import fire

pytestmark = E2E_MARKS

SHOTS = Path("/tmp/helpers/shots/desk")
REASON = "“本丸” is figurative here: say “the real target”, not “the main keep”."


def set_the_desk(live_server: LiveServer) -> tuple[int, int]:
    """A Japanese item sent back to Dorothy with a reason, and one open in the pool."""
    with db_of(live_server).transaction() as session:
        coordinator = person(session, COORDINATOR)
        ids = []
        for title in (YEN_TITLE, RAIL_TITLE):
            article = create_article(
                session,
                coordinator,
                ArticleInput(
                    title=title,
                    body="円相場が一ドル百五十円を超えて久しい。\n\n問われるべきは三十年の停滞だ。",
                    source_language="ja",
                ),
                target_languages=["en"],
            )
            ids.append(
                session.scalars(
                    select(Translation.id).where(Translation.article_id == article.id)
                ).one()
            )
        returned, pool = ids
        translation = session.get(Translation, returned)
        assert translation is not None
        fire(session, person(session, TRANSLATOR), translation, Action.CLAIM)
        session.execute(
            update(TranslationSegment)
            .where(TranslationSegment.translation_id == returned)
            .values(text=YEN_ENGLISH[0])
        )
        fire(session, person(session, TRANSLATOR), translation, Action.SUBMIT)
        fire(session, person(session, REVIEWER), translation, Action.CLAIM_REVIEW)
        fire(
            session,
            person(session, REVIEWER),
            translation,
            Action.REQUEST_CHANGES,
            request=Request(change_reason=ChangeReason.ACCURACY, reason=REASON),
        )
        create_outlet(session, coordinator, OutletInput("Asahi Shimbun", "ja", "JP"))
    return returned, pool


def shoot(page: Page, name: str, width: int) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": width, "height": 900})
    page.reload()
    page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)


@pytest.mark.parametrize("width", [1280, 390])
def test_the_translators_desk_shows_what_they_choose_by(
    live_server: LiveServer, page: Page, problems: BrowserProblems, width: int
) -> None:
    returned, pool = set_the_desk(live_server)
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, TRANSLATOR)

    work = page.get_by_test_id(f"work-{returned}")
    expect(work.get_by_test_id("translated-title")).to_have_text(YEN_ENGLISH[0])
    expect(work.get_by_test_id("returned")).to_be_visible()
    expect(work.get_by_test_id("returned-reason")).to_contain_text("the real target")
    expect(work.get_by_test_id("source-length")).to_contain_text("characters")
    expect(work.get_by_test_id("progress")).to_have_text("3 of 3")
    expect(
        page.get_by_test_id(f"claimable-{pool}").get_by_test_id("source-length")
    ).to_contain_text("characters")
    # The lists scroll inside themselves on a phone; the page itself never scrolls sideways.
    overflow = page_width(page) - page.evaluate("window.innerWidth")
    assert overflow <= 1, f"the desk is {overflow}px wider than a {width}px screen"
    if width == 1280:
        for shot_width in (1280, 820, 390):
            shoot(page, "translator-desk", shot_width)
    assert problems.messages == []


@pytest.mark.parametrize(("width", "folded"), [(1280, False), (390, True)])
def test_the_boards_coverage_strip_folds_away_on_a_phone(
    live_server: LiveServer, page: Page, problems: BrowserProblems, width: int, folded: bool
) -> None:
    set_the_desk(live_server)
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, COORDINATOR)
    page.goto("/board/")

    fold = page.get_by_test_id("coverage-fold")
    expect(fold.locator("summary")).to_be_visible()
    expect(page.get_by_test_id("coverage")).to_be_visible(visible=not folded)
    # Rafael is the only ja→en reviewer and translates it too: his own work has no reviewer.
    if not folded:
        expect(
            page.locator('[data-pair="ja:en"]').get_by_test_id("self-review-only")
        ).to_be_visible()
    else:
        fold.locator("summary").click()
        expect(page.get_by_test_id("coverage")).to_be_visible()
    if width == 1280:
        for shot_width in (1280, 820, 390):
            shoot(page, "board", shot_width)
    assert problems.messages == []


def test_choosing_an_outlet_fills_the_source_language(
    live_server: LiveServer, page: Page, problems: BrowserProblems
) -> None:
    set_the_desk(live_server)
    sign_in(page, COORDINATOR)
    page.goto("/articles/new")

    language = page.locator("#source_language")
    expect(language).to_have_value("")
    page.locator("#outlet_id").select_option(label="Asahi Shimbun")
    expect(language).to_have_value("ja")

    # A language typed by hand is the coordinator's choice: the outlet no longer changes it.
    language.fill("zh")
    page.locator("#outlet_id").select_option(label="No outlet")
    page.locator("#outlet_id").select_option(label="Asahi Shimbun")
    expect(language).to_have_value("zh")
    for shot_width in (1280, 390):
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.set_viewport_size({"width": shot_width, "height": 900})
        page.screenshot(path=str(SHOTS / f"new-article-{shot_width}.png"), full_page=True)
    assert problems.messages == []
