"""Ranking who should take a translation: the order, the reasons, and a fixed number of queries."""

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import event, select

from translate_flow.domain.models import Event, Role, Translation, TranslationState, User
from translate_flow.workflow.assignment import Candidate, rank_candidates

NOW = datetime(2025, 3, 20, 12, 0, tzinfo=UTC)


def days_ago(days: float) -> datetime:
    return NOW - timedelta(days=days)


def _translation_of(session, article) -> Translation:  # type: ignore[no-untyped-def]
    return session.scalar(select(Translation).where(Translation.article_id == article.id))


def _translations(session, make_article, coordinator: User, count: int) -> list[Translation]:  # type: ignore[no-untyped-def]
    """New articles' translations; the articles first, committed, before `session` writes
    (on SQLite it then holds the write lock)."""
    articles = [make_article(coordinator) for _ in range(count)]
    return [_translation_of(session, article) for article in articles]


def _event(session, action: str, actor: User | None, translation: Translation, at, **payload):  # type: ignore[no-untyped-def]
    session.add(
        Event(
            action=f"translation:{action}",
            actor_id=actor.id if actor else None,
            subject_type="translation",
            subject_id=translation.id,
            payload=payload,
            created_at=at,
        )
    )


def _hold(translation: Translation, person: User, state: TranslationState, due: datetime) -> None:
    translation.state = state
    translation.translator_id = person.id
    translation.due_at = due


def _names(candidates: list[Candidate]) -> list[str]:
    return [c.user.display_name for c in candidates]


def test_candidates_rank_by_free_capacity_record_speed_and_recency(
    make_user, make_article, session
):
    coordinator = make_user(Role.COORDINATOR)
    ann = make_user(name="Ann", pairs=["ja→en"])
    ben = make_user(name="Ben", pairs=["ja→en"])
    cy = make_user(name="Cy", pairs=["ja→en"], capacity=2)
    dee = make_user(name="Dee", pairs=["ja→en"], capacity=1)
    # Not candidates: inactive, another pair, a reviewer who does not translate.
    make_user(name="Eli", pairs=["ja→en"], active=False)
    make_user(name="Fay", pairs=["de→en"])
    make_user(Role.REVIEWER, name="Gus", reviews=["ja→en"])
    target, first, second, cys, dees = _translations(session, make_article, coordinator, 5)
    ann, ben, cy, dee = (session.get(User, person.id) for person in (ann, ben, cy, dee))
    ann.last_login_at = days_ago(2)
    _hold(first, ann, TranslationState.APPROVED, days_ago(20))
    _hold(second, ann, TranslationState.APPROVED, days_ago(10))
    _hold(cys, cy, TranslationState.DRAFT, NOW + timedelta(days=5))
    _hold(dees, dee, TranslationState.DRAFT, NOW + timedelta(days=5))
    # Ann: claimed, released, claimed again (the later claim counts), submitted 2 days later,
    # on time; then assigned the second, submitted 4 days later, on time.
    _event(session, "claim", ann, first, days_ago(35))
    _event(session, "release", ann, first, days_ago(34))
    _event(session, "claim", ann, first, days_ago(30))
    _event(session, "submit", ann, first, days_ago(28))
    _event(session, "assign", coordinator, second, days_ago(20), translator_id=ann.id)
    _event(session, "submit", ann, second, days_ago(16))
    # Ben: 10 days each time; the second was submitted after its due date.
    _event(session, "claim", ben, first, days_ago(40))
    _event(session, "submit", ben, first, days_ago(30))
    _event(session, "claim", ben, second, days_ago(15))
    _event(session, "submit", ben, second, days_ago(5))
    session.flush()

    ranked = rank_candidates(session, target, now=NOW)

    assert _names(ranked) == ["Ann", "Ben", "Cy", "Dee"]
    by_name = {c.user.display_name: c for c in ranked}
    assert by_name["Ann"].reasons == [
        "ja→en",
        "0 of 3 items in progress",
        "on time 2 of 2",
        "median 3 days from claim to submit",
        "active 2 days ago",
    ]
    assert by_name["Ann"].median_claim_to_submit == timedelta(days=3)
    assert by_name["Ann"].on_time_rate == 1.0
    assert by_name["Ann"].last_activity == days_ago(2)
    assert by_name["Ben"].reasons == [
        "ja→en",
        "0 of 3 items in progress",
        "on time 1 of 2",
        "median 10 days from claim to submit",
        "active 5 days ago",
    ]
    assert by_name["Ben"].on_time_rate == 0.5
    assert by_name["Cy"].reasons == [
        "ja→en",
        "1 of 2 items in progress",
        "no submissions yet",
        "no activity yet",
    ]
    assert (by_name["Cy"].on_time_rate, by_name["Cy"].median_claim_to_submit) == (None, None)
    assert by_name["Dee"].reasons[-1] == "at capacity"
    assert by_name["Dee"].open_items == by_name["Dee"].capacity == 1
    assert [c.score for c in ranked[:3]] == sorted((c.score for c in ranked[:3]), reverse=True)


def test_someone_at_capacity_is_listed_last_whatever_their_record(make_user, make_article, session):
    coordinator = make_user(Role.COORDINATOR)
    busy = make_user(name="Busy", pairs=["ja→en"], capacity=1)
    make_user(name="Newcomer", pairs=["ja→en"])
    target, held, done = _translations(session, make_article, coordinator, 3)
    busy = session.get(User, busy.id)
    busy.last_login_at = NOW
    _hold(held, busy, TranslationState.DRAFT, NOW + timedelta(days=3))
    _hold(done, busy, TranslationState.PUBLISHED, days_ago(1))
    _event(session, "claim", busy, done, days_ago(3))
    _event(session, "submit", busy, done, days_ago(2))
    session.flush()

    ranked = rank_candidates(session, target, now=NOW)

    assert _names(ranked) == ["Newcomer", "Busy"]
    assert ranked[1].reasons[1:] == [
        "1 of 1 items in progress",
        "on time 1 of 1",
        "median 1 day from claim to submit",
        "active today",
        "at capacity",
    ]


def test_reviewers_of_the_pair_are_ranked_without_the_translator(make_user, make_article, session):
    coordinator = make_user(Role.COORDINATOR)
    translator = make_user(Role.TRANSLATOR, Role.REVIEWER, name="Tess", reviews=["ja→en"])
    make_user(Role.REVIEWER, name="Rae", reviews=["ja→en"])
    ray = make_user(Role.REVIEWER, name="Ray", reviews=["ja→en"])
    make_user(Role.REVIEWER, name="Gil", pairs=["ja→en"])  # translates the pair, may not review it
    make_user(Role.TRANSLATOR, name="Tom", reviews=["ja→en"])  # not a reviewer
    target, reviewing = _translations(session, make_article, coordinator, 2)
    _hold(target, translator, TranslationState.IN_REVIEW, days_ago(1))
    _hold(reviewing, translator, TranslationState.IN_REVIEW, days_ago(1))
    reviewing.reviewer_id = ray.id
    session.flush()

    ranked = rank_candidates(session, target, now=NOW, reviewing=True)

    assert _names(ranked) == ["Rae", "Ray"]
    assert all(c.can_review for c in ranked)
    assert ranked[0].reasons[:2] == ["ja→en, may review", "0 of 3 reviews in progress"]
    assert ranked[1].reasons[1] == "1 of 3 reviews in progress"


def test_nobody_covers_the_pair(make_user, make_article, session):
    coordinator = make_user(Role.COORDINATOR)
    make_user(pairs=["de→en"])
    target = _translation_of(session, make_article(coordinator))

    assert rank_candidates(session, target, now=NOW) == []


def _add_candidates(db, make_user, history: Translation, count: int) -> None:  # type: ignore[no-untyped-def]
    people = [make_user(pairs=["ja→en", "de→en"], password=None) for _ in range(count)]
    with db.transaction() as session:
        for number, person in enumerate(people):
            session.get(User, person.id).last_login_at = days_ago(number % 7)
            _event(session, "claim", person, history, days_ago(10 + number % 5))
            _event(session, "submit", person, history, days_ago(number % 5))


def _ranked_with_queries(db, translation_id: int) -> tuple[list[Candidate], int]:  # type: ignore[no-untyped-def]
    statements: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    with db.session(write=False) as session:
        translation = session.get(Translation, translation_id)
        assert translation.article.source_language == "ja"  # loaded before counting
        event.listen(db.engine, "before_cursor_execute", count)
        try:
            ranked = rank_candidates(session, translation, now=NOW)
        finally:
            event.remove(db.engine, "before_cursor_execute", count)
    return ranked, len(statements)


def test_ranking_takes_the_same_few_queries_for_3_or_30_candidates(db, make_user, make_article):
    coordinator = make_user(Role.COORDINATOR)
    target, history = (make_article(coordinator) for _ in range(2))
    with db.transaction() as session:
        target_id = _translation_of(session, target).id
        history_translation = _translation_of(session, history)
        _hold(history_translation, coordinator, TranslationState.APPROVED, days_ago(3))
    _add_candidates(db, make_user, history_translation, 3)
    few, queries_for_few = _ranked_with_queries(db, target_id)
    _add_candidates(db, make_user, history_translation, 27)
    many, queries_for_many = _ranked_with_queries(db, target_id)

    assert (len(few), len(many)) == (3, 30)
    assert all(c.median_claim_to_submit is not None for c in many)
    # The people (with their roles and pairs: two selectin loads), open items, records,
    # last activity.
    assert queries_for_many == queries_for_few == 6
