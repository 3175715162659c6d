"""The people and articles the browser tests share, and the few ways they put work on the desk:
the demo people's addresses and names, the Japanese editorials (the weak yen, local railways,
the American election) with their English, and second (third…) people in their own browsers."""

from collections.abc import Callable

from playwright.sync_api import BrowserContext, Locator, Page
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.e2e.conftest import BrowserProblems, LiveServer, sign_in
from translate_flow.core.db import Database
from translate_flow.domain.models import Translation, User
from translate_flow.domain.workflow import Action
from translate_flow.editing.saving import save_segment
from translate_flow.intake.articles import ArticleInput, create_article
from translate_flow.workflow.transitions import fire

ADMIN = "admin@example.org"
COORDINATOR = "coordinator@example.org"
TRANSLATOR = "translator@example.org"
TRANSLATOR_NAME = "Dorothy Phoenix"
REVIEWER = "reviewer@example.org"
REVIEWER_NAME = "Rafael Reviewer"

YEN_TITLE = "円安を嘆く前に、働き方を問え"
YEN_PARAGRAPHS = [
    "円相場が一ドル百五十円を超えて久しい。輸入物価の上昇は家計を直撃している。",
    "だが、通貨の弱さは原因ではなく結果である。問われるべきは三十年の停滞だ。",
]
YEN_ENGLISH = [
    "Before lamenting the weak yen, question how we work",
    "The yen has long been above 150 to the dollar. Rising import prices hit households hard.",
    "But a weak currency is a result, not a cause. Thirty years of stagnation are the real issue.",
]

RAIL_TITLE = "地方の鉄道をどう守るか"
RAIL_PARAGRAPHS = [
    "赤字路線の廃止をめぐり、沿線の自治体と鉄道会社の協議が続いている。",
    "通学の足を失う高校生の声に、耳を傾けるべきだ。",
]
RAIL_ENGLISH = [
    "How to keep local railways running",
    "Talks continue between the towns and the railway over closing loss-making lines.",
    "The voices of high-school students who would lose their way to school should be heard.",
]

# A demo article (translate_flow.demo.articles), in English: title, standfirst and body.
ELECTION_TITLE = "米大統領選が映す分断"
ELECTION_ENGLISH = [
    "The division America's election reveals",
    "America's election seen by an ally",
    "The American presidential election draws great interest in Japan too.",
    "Where the alliance goes",
    "The alliance has supported regional stability for over seventy years.",
    "“The alliance is not a given,” says a former diplomat.",
    "We need to follow the debate calmly.",
]


def db_of(live_server: LiveServer) -> Database:
    return live_server.app.extensions["translate_flow.db"]


def nav(page: Page) -> Locator:
    """The main navigation."""
    return page.get_by_role("navigation", name="Main")


def person(session: Session, email: str) -> User:
    found = session.scalar(User.by_email(email))
    assert found is not None, f"no one signs in as {email}"
    return found


def write(session: Session, author: User, translation: Translation, texts: list[str]) -> None:
    """Saves these texts into the first segments, in order, as the editor would."""
    rows = sorted(translation.segments, key=lambda row: row.segment.position)
    for row, text in zip(rows, texts, strict=False):
        save_segment(
            session, author, translation, row.segment_id, text=text, base_version=row.version
        )


def create_english_translation(live_server: LiveServer, source: ArticleInput) -> int:
    """Stores the article as the coordinator would; returns its open English translation's id."""
    with db_of(live_server).transaction() as session:
        article = create_article(
            session,
            person(session, COORDINATOR),
            source,
            target_languages=live_server.app.config["TARGET_LANGUAGES"],
        )
        return session.scalars(
            select(Translation.id).where(
                Translation.article_id == article.id, Translation.target_language == "en"
            )
        ).one()


def create_japanese_article(live_server: LiveServer, title: str, paragraphs: list[str]) -> int:
    """A Japanese article with nothing but its text; returns its open English translation's id."""
    return create_english_translation(
        live_server,
        ArticleInput(title=title, body="\n\n".join(paragraphs), source_language="ja"),
    )


def assign_to_translator(
    live_server: LiveServer, translation_id: int, translator: str = TRANSLATOR
) -> None:
    """What the coordinator does on the assign screen, done through the service."""
    with db_of(live_server).transaction() as session:
        translation = session.get(Translation, translation_id)
        assert translation is not None
        fire(
            session,
            person(session, COORDINATOR),
            translation,
            Action.ASSIGN,
            translator=person(session, translator),
        )


def signed_in_page(
    new_context: Callable[[], BrowserContext], problems: BrowserProblems, email: str
) -> Page:
    """A second (third…) person, in their own browser context, on their desk."""
    page = new_context().new_page()
    problems.watch(page)
    sign_in(page, email)
    return page


def click_action(page: Page, name: str) -> None:
    """Presses the translation page's button for a workflow action ("Approve", "Publish now")."""
    page.get_by_role("button", name=name, exact=True).click()
