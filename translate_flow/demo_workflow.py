"""Demo translations at several stages, so the board and home pages have something to show."""

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from translate_flow.models import Article, Translation, User, utcnow
from translate_flow.services.editing import save_segment
from translate_flow.services.transitions import fire
from translate_flow.workflow import Action

GERMAN_IN_ENGLISH = [
    "What America's election means for Europe",
    "Europe looks across the Atlantic with mixed feelings.",
    "Security",
    "The question of defence spending remains open.",
    "Trade",
    "Climate",
    "Defence",
]
RUSSIAN_IN_ENGLISH = [
    "America through its neighbours' eyes",
    "American politics remains the main subject of international news.",
    "Experts argue about how relations will change in the coming years.",
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
    coordinator_publishes = [
        ("Was Amerikas Wahl für Europa bedeutet", rafael, GERMAN_IN_ENGLISH),
        ("Америка глазами соседей", _person(session, "russian@example.org"), RUSSIAN_IN_ENGLISH),
    ]
    for title, translator, english in coordinator_publishes:
        published = _translation(session, title)
        if published is not None and published.translator_id is None:
            fire(session, translator, published, Action.CLAIM)
            _translate(session, translator, published, english)
            fire(session, translator, published, Action.SUBMIT)
            fire(session, coordinator, published, Action.APPROVE)
            fire(session, coordinator, published, Action.PUBLISH)
            moved += 1
    spanish = _translation(session, "Washington y el precio de los alimentos")
    if spanish is not None and spanish.translator_id is None:
        fire(session, rafael, spanish, Action.CLAIM)
        moved += 1
    return moved
