"""The rollups' derivation from a history, rule by rule, and how they are kept current: the
listener in the flush, the tick's catch-up for events written without the ORM, the fill."""

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import insert, select

from translate_flow.domain.models import (
    Event,
    Role,
    SegmentRevision,
    SourceRevision,
    StatisticsMove,
    StatisticsSaves,
    StatisticsTranslation,
    Translation,
)
from translate_flow.domain.workflow import Action
from translate_flow.statistics import listeners, rollup
from translate_flow.statistics.jobs import catch_up_rollups
from translate_flow.statistics.rollup import Facts, Frozen, Happened, derive
from translate_flow.workflow.transitions import fire

T0 = datetime(2031, 3, 3, 9, 0, tzinfo=UTC)


def at(hours: float) -> datetime:
    return T0 + timedelta(hours=hours)


FACTS = Facts(1, 10, None, "ja", "en", at(0), 100)


def happened(number: int, action: str, hours: float, actor: int | None = 7, **payload: Any):
    return Happened(number, f"translation:{action}", actor, payload, at(hours))


def _derive(events: list[Happened], frozen: list[Frozen] = ()) -> rollup.Derived:
    return derive(
        FACTS,
        events,
        list(frozen),
        words_of=lambda revision, _language: revision,  # the revision's id stands for its words
        text_of=lambda _snapshot: [],
    )


def _kinds(derived: rollup.Derived) -> list[str]:
    return [move["kind"] for move in derived.moves]


def test_thai_is_counted_in_characters_without_spaces_or_placeholders():
    assert rollup.count_characters("สวัสดี ครับ") == 10
    assert rollup.count_characters("{1}ไทย{/1} 12") == 5


def test_changed_characters_pairs_rows_and_diffs_only_those_that_differ():
    submitted = [{"row_id": 1, "text": "The Tokyo meeting."}, {"row_id": 2, "text": "Same."}]
    decided = [{"row_id": 1, "text": "The Tokyo summit."}, {"row_id": 2, "text": "Same."}]
    assert rollup.changed_characters(submitted, decided) == (13, 18 + 17 + 10)
    assert rollup.changed_characters(submitted, decided[:1]) == (13 + 5, 18 + 17 + 5)


def test_a_due_date_accepted_later_is_the_one_in_force():
    events = [
        happened(1, "claim", 1, due_at=at(10).isoformat()),
        happened(2, "due_accepted", 5, proposed_due_at=at(30).isoformat()),
        happened(3, "submit", 20),
    ]
    (submit,) = [m for m in _derive(events).moves if m["kind"] == "submit"]
    assert submit["on_time"] is True


def test_only_the_first_submission_after_a_claim_is_weighed_for_time():
    events = [
        happened(1, "claim", 1, due_at=at(10).isoformat()),
        happened(2, "submit", 20),
        happened(3, "request_changes", 21, change_reason="nonsense"),
        happened(4, "submit", 22),
    ]
    derived = _derive(events)
    assert [m["on_time"] for m in derived.moves if m["kind"] == "submit"] == [False, None]
    # An unknown reason is "other"; each round's words count.
    assert [m["change_reason"] for m in derived.moves if m["change_reason"]] == ["other"]
    assert [m["words"] for m in derived.moves if m["kind"] == "submit"] == [100, 100]
    assert [s["kind"] for s in derived.stretches] == [
        "intake_to_claim",
        "claim_to_submit",
        "submit_to_decision",
    ]


def test_a_republished_correction_is_not_published_again():
    events = [
        happened(1, "claim", 1),
        happened(2, "submit", 2),
        happened(3, "approve", 3),
        happened(4, "publish", 4),
        happened(5, "reopen", 5),
        happened(6, "submit", 6),
        happened(7, "approve", 7),
        happened(8, "publish", 8),
    ]
    frozen = [Frozen(50, "publish", 100), Frozen(51, "publish", 101)]
    derived = _derive(events, frozen)
    assert _kinds(derived).count("publish") == 1
    assert [m["rounds"] for m in derived.moves if m["kind"] == "approve"] == [1, 1]
    stretches = [(s["kind"], s["hours"]) for s in derived.stretches]
    assert stretches.count(("approve_to_publish", 1.0)) == 2
    assert ("intake_to_publish", 4.0) in stretches
    row = derived.translation
    assert (row["first_published_at"], row["published_snapshot_id"]) == (at(4), 50)
    assert row["published_words"] == 100


def test_a_release_by_the_clock_is_an_expiry_and_by_a_person_a_release():
    events = [
        happened(1, "claim", 1, actor=7),
        happened(2, "release", 2, actor=None, reason="claim expired", translator_id=7),
        happened(3, "assign", 3, actor=1, translator_id=8, due_at=at(9).isoformat()),
        happened(4, "release", 4, actor=8),
    ]
    derived = _derive(events)
    assert [(m["kind"], m["translator_id"]) for m in derived.moves] == [
        ("claim", 7),
        ("expired", 7),
        ("claim", 8),
        ("released", 8),
    ]
    assert derived.translation["first_translator_id"] == 7


@pytest.fixture
def listening() -> None:
    listeners.install()


def test_a_transition_is_counted_in_its_own_flush(listening, make_user, make_article, session):
    coordinator = make_user(Role.COORDINATOR)
    translator = make_user(pairs=["ja:en"])
    article = make_article(coordinator)
    translation = session.scalar(select(Translation).where(Translation.article_id == article.id))
    assert session.get(StatisticsTranslation, translation.id) is not None
    fire(session, session.merge(translator), translation, Action.CLAIM, now=at(1))
    (claim,) = session.scalars(
        select(StatisticsMove).where(StatisticsMove.translation_id == translation.id)
    )
    assert (claim.kind, claim.translator_id, claim.happened_at) == ("claim", translator.id, at(1))


def test_events_written_without_the_orm_are_taken_in_by_the_tick(
    app, listening, make_user, make_article, session
):
    coordinator = make_user(Role.COORDINATOR)
    translator = make_user(pairs=["ja:en"])
    article = make_article(coordinator)
    translation = session.scalar(select(Translation).where(Translation.article_id == article.id))
    session.execute(
        insert(Event).values(
            action="translation:claim",
            actor_id=translator.id,
            subject_type="translation",
            subject_id=translation.id,
            payload={"from": "open", "to": "draft"},
            created_at=at(2),
        )
    )
    session.execute(
        insert(SegmentRevision).values(
            translation_segment_id=translation.segments[0].id,
            translation_id=translation.id,
            author_id=translator.id,
            origin="typed",
            text="Typed.",
            version=1,
            base_version=0,
            suggestion_kind="memory",
            created_at=datetime.now(UTC) - timedelta(hours=1),
        )
    )
    assert session.scalar(select(StatisticsMove.kind)) is None
    session.commit()
    catch_up_rollups(app)
    assert session.scalar(select(StatisticsMove.kind)) == "claim"
    saves = session.scalars(select(StatisticsSaves)).all()
    assert [(s.saves, s.memory_insertions, s.author_id) for s in saves] == [(1, 1, translator.id)]
    session.commit()
    catch_up_rollups(app)  # nothing new: nothing counted twice
    session.expire_all()
    assert [s.saves for s in session.scalars(select(StatisticsSaves))] == [1]


def test_an_empty_rollup_of_a_desk_with_translations_is_filled(
    app, make_user, make_article, session
):
    from translate_flow.statistics.cli import fill_if_empty

    listeners.uninstall()
    try:
        make_article(make_user(Role.COORDINATOR))
    finally:
        listeners.install()
    db = app.extensions["translate_flow.db"]
    assert fill_if_empty(db) is True
    assert session.scalar(select(StatisticsTranslation.translation_id)) is not None
    assert fill_if_empty(db) is False


def test_the_median_age_of_an_even_pool_is_between_its_middle_items(
    listening, make_user, make_article, session
):
    from datetime import date

    from sqlalchemy import update

    from translate_flow.statistics.figures import desk_report
    from translate_flow.statistics.report import Filters

    coordinator = make_user(Role.COORDINATOR)
    articles = [make_article(coordinator) for _ in range(4)]
    for hours, article in zip((0, 10, 20, 40), articles, strict=True):
        session.execute(
            update(Translation)
            .where(Translation.article_id == article.id)
            .values(created_at=at(hours))
        )
    (pool,) = desk_report(
        session, Filters(date(2031, 3, 3), date(2031, 3, 9)), now=at(100)
    ).capacity
    assert (pool.open_items, pool.oldest_open_hours, pool.median_open_hours) == (4, 100, 85)


def test_a_thai_source_is_counted_in_characters(make_user, make_article, session):
    coordinator = make_user(Role.COORDINATOR)
    thai = make_article(coordinator, title="ข่าว", body="สวัสดี ครับ\n\nไทย 12", source_language="th")
    japanese = make_article(coordinator, source_language="ja")
    words = rollup._Words(session)
    assert words(thai.current_revision_id, "th") == 4 + 10 + 5
    stored = session.get(SourceRevision, japanese.current_revision_id)
    assert words(japanese.current_revision_id, "ja") == stored.word_count
