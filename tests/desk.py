"""A small desk for editor tests: people around one Japanese article whose English
translation a translator holds in draft."""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from flask import Flask
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.factories import ArticleFactory, UserFactory
from translate_flow.domain.models import Role, Segment, Translation, User
from translate_flow.domain.workflow import Action, ChangeReason, Request
from translate_flow.editing import saving as editing
from translate_flow.intake.formats import BodyFormat
from translate_flow.workflow.transitions import fire

ENGLISH = [
    "Before lamenting the weak yen",
    "The yen has long been above 150 to the dollar.",
    "But a weak currency is a result, not a cause.",
    "The real question is thirty years of stagnation.",
]
PARAGRAPHS = [
    "円相場が一ドル百五十円を超えて久しい。",
    "だが、通貨の弱さは原因ではなく結果である。",
    "問われるべきは三十年の停滞だ。",
]


@dataclass
class Desk:
    app: Flask
    coordinator: User
    translator: User
    reviewer: User
    other: User  # translates the pair too, but holds nothing here
    translation_id: int
    segment_ids: list[int]  # title first, then the paragraphs

    @contextmanager
    def session(self) -> Iterator[Session]:
        with self.app.extensions["translate_flow.db"].transaction() as session:
            yield session

    def translation(self, session: Session) -> Translation:
        translation = session.get(Translation, self.translation_id)
        assert translation is not None
        return translation

    def person(self, session: Session, user: User) -> User:
        person = session.get(User, user.id)
        assert person is not None
        return person

    def act(self, user: User, action: Action, **request: object) -> None:
        with self.session() as session:
            fire(
                session,
                self.person(session, user),
                self.translation(session),
                action,
                request=Request(**request),  # type: ignore[arg-type]
            )

    def write(
        self, user: User, index: int, text: str, suggestion: editing.SuggestionUsed | None = None
    ) -> None:
        """Save a segment's text as `user`, on its current version, through the service (with
        the suggestion it was inserted from, if any)."""
        with self.session() as session:
            translation = self.translation(session)
            row = editing.find_row(session, translation, self.segment_ids[index])
            editing.save_segment(
                session,
                self.person(session, user),
                translation,
                self.segment_ids[index],
                text=text,
                base_version=row.version,
                suggestion=suggestion,
            )

    def submit(self) -> None:
        self.act(self.translator, Action.SUBMIT)

    def take_review(self) -> None:
        self.act(self.reviewer, Action.CLAIM_REVIEW)

    def send_back(self) -> None:
        self.act(
            self.reviewer,
            Action.REQUEST_CHANGES,
            change_reason=ChangeReason.STYLE,
            reason="Smoother, please.",
        )

    def approve(self) -> None:
        self.act(self.reviewer, Action.APPROVE)

    def publish(self, texts: list[str] | None = None) -> None:
        """The whole road: the translator writes every segment and submits, the reviewer takes
        it and approves, the coordinator publishes."""
        texts = texts or ENGLISH
        for index, text in enumerate(texts):
            self.write(self.translator, index, text)
        self.submit()
        self.take_review()
        self.approve()
        self.act(self.coordinator, Action.PUBLISH)


def claimed_translation(
    session: Session, article_id: int, translator: User
) -> tuple[int, list[int]]:
    """The article's English translation, claimed by `translator`: its id and its segments'
    ids, title first."""
    translation = session.scalars(
        select(Translation).where(
            Translation.article_id == article_id, Translation.target_language == "en"
        )
    ).one()
    segment_ids = list(
        session.scalars(
            select(Segment.id)
            .where(Segment.revision_id == translation.source_revision_id)
            .order_by(Segment.position)
        )
    )
    fire(session, session.get(User, translator.id), translation, Action.CLAIM)  # type: ignore[arg-type]
    return translation.id, segment_ids


def build_desk(
    app: Flask,
    make_user: UserFactory,
    make_article: ArticleFactory,
    *,
    body: str = "\n\n".join(PARAGRAPHS),
    body_format: BodyFormat = BodyFormat.TEXT,
) -> Desk:
    coordinator = make_user(Role.COORDINATOR, name="Cora Coordinator")
    translator = make_user(Role.TRANSLATOR, pairs=["ja:en"], name="Dorothy Phoenix")
    reviewer = make_user(Role.REVIEWER, reviews=["ja:en"], name="Rafael Reviewer")
    other = make_user(Role.TRANSLATOR, pairs=["ja:en"], name="Olga Other")
    article = make_article(coordinator, title="円安を嘆く前に", body=body, body_format=body_format)
    with app.extensions["translate_flow.db"].transaction() as session:
        translation_id, segment_ids = claimed_translation(session, article.id, translator)
    return Desk(app, coordinator, translator, reviewer, other, translation_id, segment_ids)
