"""Demo translations at several stages, so the board and home pages have something to show."""

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from translate_flow.domain.models import Article, Translation, User, utcnow
from translate_flow.domain.workflow import Action
from translate_flow.editing.saving import save_segment
from translate_flow.workflow.transitions import fire

GERMAN_IN_ENGLISH = [
    "What America's election means for Europe",
    "Europe looks across the Atlantic with mixed feelings.",
    "Security",
    "The question of defence spending remains open.",
    "Trade",
    "Climate",
    "Defence",
]
ARABIC_IN_ENGLISH = [
    "Washington and the Middle East: what next?",
    "Arab capitals are following the American debate on foreign policy with great interest.",
    "Analysts believe that regional stability needs long-term partnerships.",
]


def _person(session: Session, email: str) -> User:
    person = session.scalar(User.by_email(email))
    assert person is not None, f"demo person {email} is missing"
    return person


def _translation(session: Session, title: str) -> Translation | None:
    return session.scalar(select(Translation).join(Article).where(Article.title == title))


def _translate(session: Session, person: User, translation: Translation, texts: list[str]) -> None:
    """Write the English segment by segment, as the editor would."""
    rows = sorted(translation.segments, key=lambda row: row.segment.position)
    for row, text in zip(rows, texts, strict=False):
        save_segment(
            session, person, translation, row.segment_id, text=text, base_version=row.version
        )


def load_demo_workflow(session: Session) -> int:
    """Assign, claim and submit a few demo translations; returns how many moved."""
    coordinator = _person(session, "coordinator@example.org")
    dorothy = _person(session, "translator@example.org")
    layla = _person(session, "arabic@example.org")
    rafael = _person(session, "reviewer@example.org")
    moved = 0
    japanese = _translation(session, "米大統領選が映す分断")
    if japanese is not None and japanese.translator_id is None:
        fire(
            session,
            coordinator,
            japanese,
            Action.ASSIGN,
            translator=dorothy,
            reviewer=rafael,
            due_at=utcnow() + timedelta(days=5),
        )
        moved += 1
    arabic = _translation(session, "واشنطن والشرق الأوسط: ماذا بعد؟")
    if arabic is not None and arabic.translator_id is None:
        fire(session, layla, arabic, Action.CLAIM)
        _translate(session, layla, arabic, ARABIC_IN_ENGLISH)
        fire(session, layla, arabic, Action.SUBMIT)
        moved += 1
    german = _translation(session, "Was Amerikas Wahl für Europa bedeutet")
    if german is not None and german.translator_id is None:
        # Rafael is the only demo reviewer of de→en, so the coordinator approves his work.
        fire(session, rafael, german, Action.CLAIM)
        _translate(session, rafael, german, GERMAN_IN_ENGLISH)
        fire(session, rafael, german, Action.SUBMIT)
        fire(session, coordinator, german, Action.APPROVE)
        fire(session, coordinator, german, Action.PUBLISH)
        moved += 1
    spanish = _translation(session, "Washington y el precio de los alimentos")
    if spanish is not None and spanish.translator_id is None:
        fire(session, rafael, spanish, Action.CLAIM)
        moved += 1
    return moved
