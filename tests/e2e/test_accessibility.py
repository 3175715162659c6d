"""Every kind of page, for each role and for a reader, in the light and the dark colour scheme,
checked by axe-core in Chromium: no serious or critical violation of WCAG 2.1 A and AA, and
none of a few structure rules (landmarks, headings, table headers).

One server and one desk full of work serve the whole module (the checks only read), and each
role keeps one signed-in page, so ~50 pages in two schemes take seconds, not minutes.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from flask import Flask
from playwright.sync_api import Browser, Page, ViewportSize, expect
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from tests.conftest import test_config as app_config
from tests.e2e.axe import (
    COLOUR_RULES,
    FINISH_TRANSITIONS,
    OPEN_DISCLOSURES,
    describe,
    describe_schemes,
    failing_violations,
    violations_in_both_schemes,
)
from tests.e2e.conftest import ACTION_TIMEOUT_MS, E2E_MARKS, VIEWPORT, labelled, serving, sign_in
from tests.e2e.desk_data import (
    ADMIN,
    COORDINATOR,
    ELECTION_ENGLISH,
    ELECTION_TITLE,
    RAIL_ENGLISH,
    RAIL_PARAGRAPHS,
    RAIL_TITLE,
    REVIEWER,
    TRANSLATOR,
    YEN_ENGLISH,
    YEN_PARAGRAPHS,
    YEN_TITLE,
    person,
    write,
)
from translate_flow import create_app
from translate_flow.demo.articles import load_demo_articles
from translate_flow.demo.people import DEMO_PASSWORD, load_demo
from translate_flow.demo.workflow import load_demo_workflow
from translate_flow.domain.models import (
    Article,
    Base,
    Event,
    OutboxEmail,
    Outlet,
    Publication,
    Role,
    Segment,
    Translation,
    User,
    utcnow,
)
from translate_flow.domain.workflow import Action, ChangeReason, Request
from translate_flow.editing import comments
from translate_flow.intake.articles import ArticleInput, create_article
from translate_flow.intake.feed_parsing import FeedEntry
from translate_flow.intake.feeds import record_feed_entries
from translate_flow.notifications import notices as notifications
from translate_flow.people.members import PairSpec, create_user
from translate_flow.people.signin import create_api_token
from translate_flow.publishing import reader_comments
from translate_flow.workflow.opening import create_translation
from translate_flow.workflow.transitions import fire

pytestmark = E2E_MARKS

SITE = "http://a11y.example"  # where notifications say the desk lives; never fetched
ARABIC_TRANSLATOR = "samir@example.org"
READER = ""  # signed out

YEN_ARABIC = [
    "قبل أن نرثي ضعف الين، لنسأل عن طريقة عملنا",
    "تجاوز الين مئة وخمسين مقابل الدولار منذ مدة. وارتفاع أسعار الواردات يثقل الأسر.",
    "لكن ضعف العملة نتيجة لا سبب. والسؤال الحقيقي هو ثلاثون عاماً من الركود.",
]


@dataclass(frozen=True)
class Desk:
    """The live server and the ids the page addresses are made of."""

    url: str
    ids: dict[str, object]


# --- The desk's data ---------------------------------------------------------------------------


def _translation_of(session: Session, title: str, language: str = "en") -> Translation:
    return session.scalars(
        select(Translation)
        .join(Article)
        .where(Article.title == title, Translation.target_language == language)
    ).one()


def _act(
    session: Session, person: User, translation: Translation, action: Action, **kw: Any
) -> None:
    """Fire the action and tell the people it concerns, as the desk's views do."""
    fired = fire(session, person, translation, action, **kw)
    notifications.notify_transition(session, fired, site_url=SITE)


def _fill_desk(session: Session, app: Flask) -> dict[str, object]:
    """The demo desk, and then: a translation sent back with the reviewer's changes and
    comments, one in the review queue, one published in English and one in Arabic with
    readers' comments, a feed suggestion, an API token and e-mail in the outbox."""
    coordinator = person(session, COORDINATOR)
    load_demo_articles(session, coordinator, ["en"])
    load_demo_workflow(session)
    dorothy = person(session, TRANSLATOR)
    rafael = person(session, REVIEWER)
    admin = person(session, ADMIN)
    samir = create_user(
        session,
        app.extensions["translate_flow.passwords"],
        email=ARABIC_TRANSLATOR,
        display_name="سمير نصار",
        roles=[Role.TRANSLATOR],
        pairs=[PairSpec("ja", "ar")],
        password=DEMO_PASSWORD,
        bio="يترجم الصحافة اليابانية إلى العربية.",
    )
    tokai = session.scalars(select(Outlet).where(Outlet.name == "Tōkai Shimbun")).one()

    # Sent back with the reviewer's changes (the demo named Rafael its reviewer), then edited
    # again: two snapshots and the text now to compare, a segment's history, comment threads.
    election = _translation_of(session, ELECTION_TITLE)
    write(session, dorothy, election, ELECTION_ENGLISH)
    _act(session, dorothy, election, Action.SUBMIT)
    write(
        session,
        rafael,
        election,
        ["What America's election reveals about division", ELECTION_ENGLISH[1], ""],
    )
    rows = sorted(election.segments, key=lambda row: row.segment.position)
    thread = comments.add_comment(
        session, rafael, election, "Keep the diplomat's words close.", segment_id=rows[5].segment_id
    ).comment
    comments.add_comment(session, dorothy, election, "Done: closer now.", parent=thread)
    comments.add_comment(session, rafael, election, "A clear piece overall.")
    settled = comments.add_comment(
        session, rafael, election, "Is 七十年 “seventy years”?", segment_id=rows[4].segment_id
    ).comment
    comments.set_resolved(session, dorothy, election, settled, resolved=True)
    _act(
        session,
        rafael,
        election,
        Action.REQUEST_CHANGES,
        request=Request(reason="The headline, please.", change_reason=ChangeReason.HEADLINE),
    )
    write(session, dorothy, election, ["The division that America's election lays bare"])

    # Waiting for a reviewer.
    rail_article = create_article(
        session,
        coordinator,
        ArticleInput(title=RAIL_TITLE, body="\n\n".join(RAIL_PARAGRAPHS), source_language="ja"),
        target_languages=["en"],
    )
    rail = _translation_of(session, RAIL_TITLE)
    _act(session, dorothy, rail, Action.CLAIM)
    write(session, dorothy, rail, RAIL_ENGLISH)
    _act(session, dorothy, rail, Action.SUBMIT)

    # Published in English and in Arabic, with a reader's comment answered and one held.
    yen_article = create_article(
        session,
        coordinator,
        ArticleInput(
            title=YEN_TITLE,
            body="\n\n".join(YEN_PARAGRAPHS),
            source_language="ja",
            author="佐藤 健一",
            outlet_id=tokai.id,
            source_url="https://tokai.example/opinion/yen",
        ),
        target_languages=["en"],
    )
    yen = _translation_of(session, YEN_TITLE)
    _act(session, dorothy, yen, Action.CLAIM)
    write(session, dorothy, yen, YEN_ENGLISH)
    _act(session, dorothy, yen, Action.SUBMIT)
    _act(session, rafael, yen, Action.CLAIM_REVIEW)
    _act(session, rafael, yen, Action.APPROVE)
    _act(session, coordinator, yen, Action.PUBLISH)
    yen_ar = create_translation(session, coordinator, yen_article, "ar")
    _act(session, samir, yen_ar, Action.CLAIM)
    write(session, samir, yen_ar, YEN_ARABIC)
    _act(session, samir, yen_ar, Action.SUBMIT)
    _act(session, coordinator, yen_ar, Action.APPROVE)
    _act(session, coordinator, yen_ar, Action.PUBLISH)
    publication = session.scalars(
        select(Publication).where(Publication.translation_id == yen.id)
    ).one()
    answered = reader_comments.submit(
        session,
        publication,
        reader_comments.ReaderInput("Ana Reader", "", "A clear account of the yen's fall."),
    )
    reader_comments.reply(session, coordinator, answered, "Thank you: the translator is told.")
    reader_comments.submit(
        session,
        publication,
        reader_comments.ReaderInput("Ben Reader", "ben@example.org", "What about exports?"),
    )
    arabic_publication = session.scalars(
        select(Publication).where(Publication.translation_id == yen_ar.id)
    ).one()

    record_feed_entries(
        session,
        tokai,
        [
            FeedEntry(
                url="https://tokai.example/politics/budget",
                title="来年度予算案、過去最大に",
                summary="政府は来年度予算案を閣議決定した。",
                published_at=None,
                author="田中 一郎",
            )
        ],
    )
    create_api_token(session, admin, "WordPress import")

    # Assigned a month ago and overdue since: a stale, overdue card on the board.
    russian = _translation_of(session, "Америка глазами соседей")
    month_ago = utcnow() - timedelta(days=30)
    fire(
        session,
        coordinator,
        russian,
        Action.ASSIGN,
        translator=person(session, "russian@example.org"),
        due_at=month_ago + timedelta(days=5),
        now=month_ago,
    )
    session.execute(
        update(Event)
        .where(Event.subject_type == "translation", Event.subject_id == russian.id)
        .values(created_at=month_ago)
    )
    # Its due date has passed: a reviewer proposed a new one, which waits for a coordinator
    # (on the desk, the board and the translation's page).
    session.execute(
        update(Translation)
        .where(Translation.id == russian.id)
        .values(proposed_due_at=utcnow() + timedelta(days=7), proposed_due_by_id=rafael.id)
    )
    spanish = _translation_of(session, "Washington y el precio de los alimentos")
    segment = session.scalars(
        select(Segment.id)
        .where(Segment.revision_id == election.source_revision_id)
        .order_by(Segment.position)
    ).first()
    message = session.scalars(select(OutboxEmail.id).order_by(OutboxEmail.id)).first()
    assert message is not None, "the notifications above queue e-mail"
    return {
        "election": election.id,
        "election_article": election.article_id,
        "segment": segment,
        "rail": rail.id,
        "rail_article": rail_article.id,
        "yen": yen.id,
        "spanish": spanish.id,
        "spanish_article": spanish.article_id,
        "russian": russian.id,
        "yen_slug": publication.slug,
        "arabic_slug": arabic_publication.slug,
        "dorothy": dorothy.id,
        "samir": samir.id,
        "tokai": tokai.id,
        "message": message,
    }


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Desk]:
    """The app on a free port with the demo people and the work above, for the whole module."""
    tmp_path = tmp_path_factory.mktemp("a11y")
    app = create_app(app_config(f"sqlite:///{tmp_path / 'a11y.sqlite3'}", tmp_path / "instance"))
    db = app.extensions["translate_flow.db"]
    Base.metadata.create_all(db.engine)
    with db.transaction() as session:
        load_demo(session, app.extensions["translate_flow.passwords"], DEMO_PASSWORD)
    with db.transaction() as session:
        ids = _fill_desk(session, app)
    with serving(app) as address:
        yield Desk(url=address, ids=ids)


@pytest.fixture(scope="module")
def page_of(browser: Browser, desk: Desk) -> Iterator[Callable[[str], Page]]:
    """`page_of(email)` → that person's one signed-in page ("" for a reader), made on first use."""
    pages: dict[str, Page] = {}

    def _page_of(email: str) -> Page:
        if email not in pages:
            context = browser.new_context(
                viewport=ViewportSize(width=VIEWPORT["width"], height=VIEWPORT["height"]),
                base_url=desk.url,
            )
            context.set_default_timeout(ACTION_TIMEOUT_MS)
            page = context.new_page()
            if email:
                sign_in(page, email)
            pages[email] = page
        return pages[email]

    yield _page_of
    for page in pages.values():
        page.context.close()


# --- The pages ---------------------------------------------------------------------------------


def refused_sign_in(page: Page) -> None:
    labelled(page, "E-mail address").fill(TRANSLATOR)
    labelled(page, "Password").fill("not the password")
    with page.expect_response(lambda response: response.status == 401):
        page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_be_visible()


def refused_article(page: Page) -> None:
    """Saved empty, as a browser that does not check `required` would send it."""
    page.evaluate("document.querySelectorAll('form').forEach((f) => { f.noValidate = true; })")
    with page.expect_response(lambda response: response.request.method == "POST"):
        page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".field-error").first).to_be_visible()


def visit(
    kind: str,
    who: str,
    address: str,
    status: int = 200,
    then: Callable[[Page], None] | None = None,
) -> object:
    """A page to check: who looks at it, where, the status it answers, what they do there."""
    return pytest.param(who, address, status, then, id=kind)


PAGES = [
    visit("sign-in", READER, "/login"),
    visit("sign-in-refused", READER, "/login", then=refused_sign_in),
    visit("forgot-password", READER, "/forgot"),
    visit("invitation-link-invalid", READER, "/invite/not-a-token", 400),
    visit("not-found", READER, "/no-such-page", 404),
    visit("public-home", READER, "/"),
    visit("public-search", READER, "/?q=yen"),
    visit("public-article-with-comments", READER, "/read/{yen_slug}"),
    visit("public-article-arabic", READER, "/read/{arabic_slug}"),
    visit("public-translator", READER, "/translators/{dorothy}"),
    visit("public-translator-arabic", READER, "/translators/{samir}"),
    visit("public-source", READER, "/sources/{tokai}"),
    visit("desk-admin", ADMIN, "/desk/"),
    visit("people", ADMIN, "/people/"),
    visit("person", ADMIN, "/people/{dorothy}"),
    visit("invite", ADMIN, "/people/invite"),
    visit("outbox", ADMIN, "/admin/outbox"),
    visit("outbox-message", ADMIN, "/admin/outbox/{message}"),
    visit("account", ADMIN, "/account/"),
    visit("tokens", ADMIN, "/account/tokens"),
    visit("desk-coordinator", COORDINATOR, "/desk/"),
    visit("board", COORDINATOR, "/board/"),
    visit("board-column", COORDINATOR, "/board/?column=draft"),
    visit("articles", COORDINATOR, "/articles/"),
    visit("article", COORDINATOR, "/articles/{election_article}"),
    visit("article-corrected", COORDINATOR, "/articles/{spanish_article}"),
    visit("article-revisions", COORDINATOR, "/articles/{spanish_article}/revisions"),
    visit("article-new", COORDINATOR, "/articles/new"),
    visit("article-new-refused", COORDINATOR, "/articles/new", then=refused_article),
    visit("article-import", COORDINATOR, "/articles/import"),
    visit("article-edit", COORDINATOR, "/articles/{rail_article}/edit"),
    visit("outlets", COORDINATOR, "/outlets/"),
    visit("outlet", COORDINATOR, "/outlets/{tokai}"),
    visit("outlet-edit", COORDINATOR, "/outlets/{tokai}/edit"),
    visit("inbox", COORDINATOR, "/feeds/"),
    visit("moderation", COORDINATOR, "/moderation/"),
    visit("translation", COORDINATOR, "/translations/{election}"),
    visit("assign", COORDINATOR, "/translations/{russian}/assign"),
    visit("editor-read-only", COORDINATOR, "/translations/{yen}/edit"),
    visit("desk-reviewer", REVIEWER, "/desk/"),
    visit("editor-source-changed", REVIEWER, "/translations/{spanish}/edit"),
    visit("review-changes-reviewer", REVIEWER, "/translations/{election}/review-changes"),
    visit("desk-translator", TRANSLATOR, "/desk/"),
    visit("editor", TRANSLATOR, "/translations/{election}/edit"),
    visit("history", TRANSLATOR, "/translations/{election}/segments/{segment}/history"),
    visit("compare-inline", TRANSLATOR, "/translations/{election}/compare"),
    visit("compare-side-by-side", TRANSLATOR, "/translations/{election}/compare?view=side"),
    visit("review-changes", TRANSLATOR, "/translations/{election}/review-changes"),
    visit("notifications", TRANSLATOR, "/notifications/"),
    visit("statistics-desk", COORDINATOR, "/statistics/"),
    visit("statistics-refused", COORDINATOR, "/statistics/?from=yesterday", 400),
    visit("statistics-mine", TRANSLATOR, "/statistics/me"),
    visit("account-translator", TRANSLATOR, "/account/"),
]


def open_page(page: Page, desk: Desk, address: str, status: int = 200) -> str:
    """Goes to the address (its ids filled in from the desk); returns the path."""
    path = address.format(**desk.ids)
    response = page.goto(path)
    assert response is not None and response.status == status, f"{path} answered {response}"
    return path


@pytest.mark.parametrize(("who", "address", "status", "then"), PAGES)
def test_page_has_no_accessibility_violation(
    page_of: Callable[[str], Page],
    desk: Desk,
    who: str,
    address: str,
    status: int,
    then: Callable[[Page], None] | None,
):
    page = page_of(who)
    page.emulate_media(color_scheme="light")
    path = open_page(page, desk, address, status)
    if then is not None:
        then(page)
    # What a person may open is checked open: comment threads, actions' forms, help.
    page.evaluate(OPEN_DISCLOSURES)
    report = describe_schemes(violations_in_both_schemes(page))
    assert not report, f"Accessibility violations on {path}:\n{report}"


def test_diffs_are_told_apart_without_colour_and_read_out(
    page_of: Callable[[str], Page], desk: Desk
):
    page = page_of(TRANSLATOR)
    page.emulate_media(color_scheme="light")
    page.goto(f"/translations/{desk.ids['election']}/compare?view=side")
    title = page.get_by_test_id("diff-segment").first
    deleted, inserted = title.locator("del").first, title.locator("ins").first
    # Struck through and underlined: the shape says it, whatever colours a person sees.
    assert deleted.evaluate("(e) => getComputedStyle(e).textDecorationLine") == "line-through"
    assert inserted.evaluate("(e) => getComputedStyle(e).textDecorationLine") == "underline"
    # A screen reader hears which column is which, and where each change starts and ends…
    expect(title).to_match_aria_snapshot(
        """
        - paragraph: title · 57% changed
        - text: "Before:"
        - deletion: "[deletion start] What [deletion end]"
        - text: America's election
        - deletion: "[deletion start] reveals about division [deletion end]"
        - text: "After:"
        - insertion: "[insertion start] The division that [insertion end]"
        - text: America's election
        - insertion: "[insertion start] lays bare [insertion end]"
        """
    )
    # …words that are neither shown nor copied with the text.
    assert inserted.inner_text() == "The division that"
    assert inserted.bounding_box()["width"] < 200  # type: ignore[index]


# Buttons, links dressed as buttons, and submit inputs: Pico recolours each under the pointer
# and under focus (the same colours for both).
BUTTONS = "button, [role=button], input[type=submit]"
FOCUSED_PAGES = [
    pytest.param(COORDINATOR, "/desk/", id="desk-coordinator"),
    pytest.param(COORDINATOR, "/board/", id="board"),
    pytest.param(COORDINATOR, "/articles/new", id="article-new"),
    pytest.param(TRANSLATOR, "/desk/", id="desk-translator"),
    pytest.param(TRANSLATOR, "/translations/{election}/edit", id="editor"),
]


@pytest.mark.parametrize(("who", "address"), FOCUSED_PAGES)
def test_every_button_keeps_its_contrast_under_focus_in_the_dark_scheme(
    page_of: Callable[[str], Page], desk: Desk, who: str, address: str
):
    page = page_of(who)
    page.emulate_media(color_scheme="dark")
    path = open_page(page, desk, address)
    buttons = [button for button in page.locator(BUTTONS).all() if button.is_visible()]
    assert buttons, f"no button on {path}"
    found = []
    for button in buttons:
        button.focus()
        page.evaluate(FINISH_TRANSITIONS)
        found += failing_violations(page, COLOUR_RULES, within=button)
    assert not found, f"Focused buttons on {path} in the dark scheme:\n{describe(found)}"
