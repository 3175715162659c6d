"""Every kind of page, for each role and for a reader, in the light and the dark colour scheme,
checked by axe-core in Chromium: no serious or critical violation of WCAG 2.1 A and AA, and
none of a few structure rules (landmarks, headings, table headers).

One server and one desk full of work serve the whole module (the checks only read), and each
role keeps one signed-in page, so ~50 pages in two schemes take seconds, not minutes.
"""

import threading
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import timedelta
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from playwright.sync_api import Browser, Page, ViewportSize, expect
from sqlalchemy import select, update
from sqlalchemy.orm import Session
from werkzeug.serving import BaseWSGIServer, make_server

from tests.conftest import test_config as app_config
from tests.e2e.conftest import (
    ACTION_TIMEOUT_MS,
    E2E_MARKS,
    VIEWPORT,
    _read_whole,
    labelled,
    sign_in,
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
from translate_flow.editing import saving as editing
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

AXE_JS = Path(__file__).parent / "vendor" / "axe-core-4.14.1" / "axe.min.js"
# WCAG 2.0 and 2.1, levels A and AA: what the law in most places asks of a public site.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = ("serious", "critical")
SITE = "http://a11y.example"  # where notifications say the desk lives; never fetched

ADMIN = "admin@example.org"
COORDINATOR = "coordinator@example.org"
REVIEWER = "reviewer@example.org"
TRANSLATOR = "translator@example.org"
ARABIC_TRANSLATOR = "samir@example.org"
READER = ""  # signed out

YEN_TITLE = "円安を嘆く前に、働き方を問え"
YEN_PARAGRAPHS = [
    "円相場が一ドル百五十円を超えて久しい。輸入物価の上昇は家計を直撃している。",
    "だが、通貨の弱さは原因ではなく結果である。問われるべきは三十年の停滞だ。",
]
YEN_ENGLISH = [
    "Before lamenting the weak yen, question how we work",
    "The yen has long been above 150 to the dollar. Rising import prices hit households hard.",
    "But a weak currency is a result, not a cause. Thirty years of stagnation are the issue.",
]
YEN_ARABIC = [
    "قبل أن نرثي ضعف الين، لنسأل عن طريقة عملنا",
    "تجاوز الين مئة وخمسين مقابل الدولار منذ مدة. وارتفاع أسعار الواردات يثقل الأسر.",
    "لكن ضعف العملة نتيجة لا سبب. والسؤال الحقيقي هو ثلاثون عاماً من الركود.",
]
RAIL_TITLE = "地方の鉄道をどう守るか"
RAIL_PARAGRAPHS = ["赤字路線の廃止をめぐり、協議が続いている。", "高校生の声に耳を傾けるべきだ。"]
RAIL_ENGLISH = [
    "How to keep local railways running",
    "Talks continue over closing loss-making lines.",
    "The voices of high-school students should be heard.",
]
ELECTION_ENGLISH = [
    "The division America's election reveals",
    "America's election seen by an ally",
    "The American presidential election draws great interest in Japan too.",
    "Where the alliance goes",
    "The alliance has supported regional stability for over seventy years.",
    "“The alliance is not a given,” says a former diplomat.",
    "We need to follow the debate calmly.",
]


@dataclass(frozen=True)
class Desk:
    """The live server and the ids the page addresses are made of."""

    url: str
    ids: dict[str, object]


# --- The desk's data ---------------------------------------------------------------------------


def _person(session: Session, email: str) -> User:
    person = session.scalar(User.by_email(email))
    assert person is not None
    return person


def _translation_of(session: Session, title: str, language: str = "en") -> Translation:
    return session.scalars(
        select(Translation)
        .join(Article)
        .where(Article.title == title, Translation.target_language == language)
    ).one()


def _write(session: Session, person: User, translation: Translation, texts: list[str]) -> None:
    rows = sorted(translation.segments, key=lambda row: row.segment.position)
    for row, text in zip(rows, texts, strict=False):
        editing.save_segment(
            session, person, translation, row.segment_id, text=text, base_version=row.version
        )


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
    coordinator = _person(session, COORDINATOR)
    load_demo_articles(session, coordinator, ["en"])
    load_demo_workflow(session)
    dorothy = _person(session, TRANSLATOR)
    rafael = _person(session, REVIEWER)
    admin = _person(session, ADMIN)
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
    election = _translation_of(session, "米大統領選が映す分断")
    _write(session, dorothy, election, ELECTION_ENGLISH)
    _act(session, dorothy, election, Action.SUBMIT)
    _write(
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
    _write(session, dorothy, election, ["The division that America's election lays bare"])

    # Waiting for a reviewer.
    rail_article = create_article(
        session,
        coordinator,
        ArticleInput(title=RAIL_TITLE, body="\n\n".join(RAIL_PARAGRAPHS), source_language="ja"),
        target_languages=["en"],
    )
    rail = _translation_of(session, RAIL_TITLE)
    _act(session, dorothy, rail, Action.CLAIM)
    _write(session, dorothy, rail, RAIL_ENGLISH)
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
    _write(session, dorothy, yen, YEN_ENGLISH)
    _act(session, dorothy, yen, Action.SUBMIT)
    _act(session, rafael, yen, Action.CLAIM_REVIEW)
    _act(session, rafael, yen, Action.APPROVE)
    _act(session, coordinator, yen, Action.PUBLISH)
    yen_ar = create_translation(session, coordinator, yen_article, "ar")
    _act(session, samir, yen_ar, Action.CLAIM)
    _write(session, samir, yen_ar, YEN_ARABIC)
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
        translator=_person(session, "russian@example.org"),
        due_at=month_ago + timedelta(days=5),
        now=month_ago,
    )
    session.execute(
        update(Event)
        .where(Event.subject_type == "translation", Event.subject_id == russian.id)
        .values(created_at=month_ago)
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
    server: BaseWSGIServer = make_server("127.0.0.1", 0, _read_whole(app), threaded=True)
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    try:
        yield Desk(url=f"http://127.0.0.1:{server.server_port}", ids=ids)
    finally:
        server.shutdown()
        thread.join()
        server.server_close()
        db.dispose()


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


# --- axe ---------------------------------------------------------------------------------------

# What the test needs of axe's answer, cut down in the page: the full answer is megabytes.
RUN_AXE = """async (options) => {
  const result = await axe.run(document, {...options, resultTypes: ["violations"]});
  return result.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
    nodes: v.nodes.map((n) => ({
      target: n.target.map(String).join(" "),
      html: n.html.slice(0, 160),
      data: [...n.any, ...n.all, ...n.none]
        .map((c) => c.data)
        .filter((d) => d && typeof d === "object"),
    })),
  }));
}"""
# Rules outside WCAG's tags (axe's "best practice") for a page's structure, which the pages
# keep whatever axe thinks of their impact: one main landmark, everything in a landmark, one
# h1, headings in order, no empty heading or column header.
STRUCTURE_RULES = [
    "landmark-one-main",
    "landmark-unique",
    "region",
    "page-has-heading-one",
    "heading-order",
    "empty-heading",
    "empty-table-header",
]
EVERY_RULE = {
    "runOnly": {"type": "tag", "values": AXE_TAGS},
    "rules": {rule: {"enabled": True} for rule in STRUCTURE_RULES},
}
# Only these rules read colours, so only they can answer differently in the other scheme.
COLOUR_RULES = {"runOnly": {"type": "rule", "values": ["color-contrast", "link-in-text-block"]}}
FINISH_TRANSITIONS = "document.getAnimations().forEach((a) => a.finish())"
OPEN_DISCLOSURES = "document.querySelectorAll('details').forEach((d) => { d.open = true; })"


def failing_violations(page: Page, options: Mapping[str, object]) -> list[dict[str, Any]]:
    """axe-core's serious and critical violations of the page as it is now, and any of the
    structure rules.

    The app's Content-Security-Policy allows only its own scripts, so a <script> tag added to
    the page (`add_script_tag`) would be refused; an evaluation through the DevTools protocol is
    not subject to the page's CSP, and the policy stays as it is served.
    """
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(axe_source())
    return [
        v
        for v in page.evaluate(RUN_AXE, options)
        if v["impact"] in BLOCKING or v["id"] in STRUCTURE_RULES
    ]


@cache
def axe_source() -> str:
    return AXE_JS.read_text(encoding="utf-8")


def _contrast(data: dict[str, Any]) -> str:
    if "contrastRatio" not in data:
        return ""
    return (
        f" — contrast {data['contrastRatio']}:1, needs {data.get('expectedContrastRatio')}"
        f" ({data.get('fgColor')} on {data.get('bgColor')}, {data.get('fontSize')}"
        f" {data.get('fontWeight')})"
    )


def describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        lines.append(f"  {violation['helpUrl']}")
        for node in violation["nodes"]:
            contrast = "".join(_contrast(data) for data in node["data"])
            lines.append(f"  - {node['target']}{contrast}")
            lines.append(f"      {node['html']}")
    return "\n".join(lines)


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
    visit("account-translator", TRANSLATOR, "/account/"),
]


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
    path = address.format(**desk.ids)
    response = page.goto(path)
    assert response is not None and response.status == status, f"{path} answered {response}"
    if then is not None:
        then(page)
    # What a person may open is checked open: comment threads, actions' forms, help.
    page.evaluate(OPEN_DISCLOSURES)
    found = {"light": failing_violations(page, EVERY_RULE)}
    page.emulate_media(color_scheme="dark")
    assert page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches")
    # Pico eases colours over 0.2 s; the check reads them where they come to rest.
    page.evaluate(FINISH_TRANSITIONS)
    found["dark"] = failing_violations(page, COLOUR_RULES)
    report = [
        f"{len(violations)} in the {scheme} scheme:\n{describe(violations)}"
        for scheme, violations in found.items()
        if violations
    ]
    assert not report, f"Accessibility violations on {path}: " + "\n".join(report)


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
