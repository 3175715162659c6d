"""Every figure of the desk's and a volunteer's statistics against a history built through the
real workflow with a controllable clock: two review rounds, a release, an expiry by the tick,
publications, a translator who left, a memory and a machine insertion."""

from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select, update

from translate_flow.domain.models import (
    Event,
    Outlet,
    Publication,
    Role,
    SourceRevision,
    Translation,
    User,
    outlet_name_key,
)
from translate_flow.domain.workflow import Action, ChangeReason, Request
from translate_flow.editing.saving import SuggestionUsed, save_segment
from translate_flow.statistics import capacity_kept, figures, listeners, rollup
from translate_flow.statistics.figures import desk_report, my_report, percentile
from translate_flow.statistics.report import (
    Duration,
    Filters,
    MachineAndMemory,
    Month,
    NearCapacity,
    PairCapacity,
    Reliability,
    Review,
    Week,
)
from translate_flow.text.wordcount import count_words
from translate_flow.workflow.expiry import expire_claims
from translate_flow.workflow.transitions import fire

T0 = datetime(2031, 3, 3, 9, 0, tzinfo=UTC)  # a Monday
WEEK1, WEEK2 = date(2031, 3, 3), date(2031, 3, 10)
PERIOD = Filters(date(2031, 3, 3), date(2031, 3, 16))
NOW = T0 + timedelta(days=14)
LATER = NOW + timedelta(days=1)  # every segment save is older than the catch-up's lag


def at(hours: float) -> datetime:
    return T0 + timedelta(hours=hours)


TEXTS = ["The Tokyo meeting.", "Leaders met in Tokyo on Monday.", "Second paragraph here."]


@pytest.fixture(autouse=True)
def listening() -> None:
    listeners.install()


@dataclass
class Desk:
    coordinator: int
    aiko: int
    ben: int
    leaver: int
    reviewer: int
    outlet: int
    translations: dict[str, int]
    words: dict[str, int]
    texts: dict[str, list[str]]


def _person(session, user_id: int) -> User:
    user = session.get(User, user_id)
    assert user is not None
    return user


def _fill(session, translation: Translation, texts: list[str]) -> None:
    for row, text in zip(translation.segments, texts, strict=True):
        row.text = text
    session.flush()


def _opened(session, translation: Translation, hours: float) -> None:
    """The translation was opened then (the factory opens it at the real time)."""
    moment = at(hours)
    session.execute(
        update(Translation).where(Translation.id == translation.id).values(created_at=moment)
    )
    session.execute(
        update(Event)
        .where(Event.subject_type == "translation", Event.subject_id == translation.id)
        .values(created_at=moment)
    )
    session.expire(translation)


@pytest.fixture
def desk(make_user, make_article, session) -> Desk:
    coordinator = make_user(Role.COORDINATOR, name="Cora")
    aiko = make_user(name="Aiko", pairs=["ja:en"], capacity=3)
    ben = make_user(name="Ben", pairs=["ja:en", "de:en"], capacity=2)
    leaver = make_user(name="Lee", pairs=["ja:en"], capacity=3)
    reviewer = make_user(Role.REVIEWER, name="Rei", reviews=["ja:en"])
    outlet = Outlet(name="Asahi", name_key=outlet_name_key("Asahi"), language="ja")
    session.add(outlet)
    session.flush()
    outlet_id = outlet.id
    session.commit()
    names = ["t1", "t2", "t3", "t4", "t5", "t6", "t7"]
    articles = {
        name: make_article(
            coordinator,
            title=TEXTS[0],
            body=f"{TEXTS[1]}\n\n{TEXTS[2]}",
            outlet_id=outlet_id if name == "t1" else None,
        )
        for name in names
    }
    t = {
        name: session.scalar(select(Translation).where(Translation.article_id == article.id))
        for name, article in articles.items()
    }
    for name, hours in (
        ("t1", 0),
        ("t2", 0),
        ("t3", 0),
        ("t4", -240),
        ("t5", 216),
        ("t6", 216),
        ("t7", 216),
    ):
        _opened(session, t[name], hours)
    rollup.refresh(session, [x.id for x in t.values()])
    cora, a, b, lee, rei = (
        _person(session, i) for i in (coordinator.id, aiko.id, ben.id, leaver.id, reviewer.id)
    )
    # t1: two review rounds, a reviewer's edit, memory and machine insertions, published.
    fire(session, a, t["t1"], Action.CLAIM, now=at(2))
    rows = t["t1"].segments
    suggestions = [
        SuggestionUsed(kind="memory", unit_id=99, score=100),
        SuggestionUsed(kind="machine", engine="fake", text=TEXTS[1]),
        None,
    ]
    for row, text, suggestion in zip(rows, TEXTS, suggestions, strict=True):
        save_segment(
            session,
            a,
            t["t1"],
            row.segment_id,
            text=text,
            base_version=0,
            suggestion=suggestion,
            now=at(3),
        )
    fire(session, a, t["t1"], Action.SUBMIT, now=at(24))
    fire(session, rei, t["t1"], Action.CLAIM_REVIEW, now=at(30))
    save_segment(
        session,
        rei,
        t["t1"],
        rows[0].segment_id,
        text="The Tokyo summit.",
        base_version=1,
        now=at(36),
    )
    changes = Request(reason="Headline term.", change_reason=ChangeReason.TERMINOLOGY)
    fire(session, rei, t["t1"], Action.REQUEST_CHANGES, request=changes, now=at(48))
    fire(session, a, t["t1"], Action.SUBMIT, now=at(72))
    fire(session, rei, t["t1"], Action.APPROVE, now=at(96))
    fire(session, cora, t["t1"], Action.PUBLISH, now=at(120))
    # t2: claimed and given back.
    fire(session, b, t["t2"], Action.CLAIM, now=at(24))
    fire(session, b, t["t2"], Action.RELEASE, now=at(48))
    # t3: claimed for three days, taken back by the tick after the grace.
    fire(session, lee, t["t3"], Action.CLAIM, claim_days=3, now=at(1))
    expire_claims(
        session,
        now=at(168),
        reminder_days=2,
        grace_days=3,
        notify=lambda *_args: None,
    )
    # t4: opened before the period, submitted on time, approved, published in week 2.
    fire(session, lee, t["t4"], Action.CLAIM, claim_days=4, now=at(24))
    _fill(session, t["t4"], TEXTS)
    fire(session, lee, t["t4"], Action.SUBMIT, now=at(48))
    fire(session, rei, t["t4"], Action.APPROVE, now=at(72))
    fire(session, cora, t["t4"], Action.PUBLISH, now=at(192))
    # t5: assigned with a date, submitted late, still in review.
    fire(session, cora, t["t5"], Action.ASSIGN, translator=a, due_at=at(264), now=at(240))
    _fill(session, t["t5"], TEXTS)
    fire(session, a, t["t5"], Action.SUBMIT, now=at(288))
    # t6 waits in the pool; t7 is claimed and in draft.
    fire(session, b, t["t7"], Action.CLAIM, now=at(312))
    # The translator of t3 and t4 leaves the desk.
    lee.is_active = False
    session.flush()
    rollup.catch_up(session, now=LATER)
    session.commit()
    words = {
        name: session.scalar(
            select(SourceRevision.word_count).where(
                SourceRevision.id == translation.source_revision_id
            )
        )
        or 0
        for name, translation in t.items()
    }
    return Desk(
        coordinator.id,
        aiko.id,
        ben.id,
        leaver.id,
        reviewer.id,
        outlet_id,
        {name: x.id for name, x in t.items()},
        words,
        {"t1": TEXTS, "t4": TEXTS},
    )


def _duration(key: str, label: str, values: list[float], weeks: list[list[float]]) -> Duration:
    def summary(hours: list[float]) -> tuple[int, float | None, float | None]:
        ordered = sorted(hours)
        return len(ordered), percentile(ordered, 0.5), percentile(ordered, 0.9)

    return Duration(
        key,
        label,
        *summary(values),
        trend=[(week, *summary(w)) for week, w in zip((WEEK1, WEEK2), weeks, strict=True)],
    )


def test_percentiles_interpolate_between_closest_ranks():
    assert percentile([], 0.5) is None
    assert percentile([5.0], 0.9) == 5.0
    assert percentile([1, 2, 24, 24, 96, 264], 0.5) == 24
    assert percentile([1, 2, 24, 24, 96, 264], 0.9) == pytest.approx(180)
    assert percentile([22, 24, 48], 0.9) == pytest.approx(43.2)


def test_every_desk_figure_of_the_period(session, desk):
    report = desk_report(session, PERIOD, now=NOW)
    w1, w4, w5 = desk.words["t1"], desk.words["t4"], desk.words["t5"]
    assert report.weeks == [
        Week(WEEK1, taken_in=3, submitted=3, approved=2, published=1, words=2 * w1 + w4),
        Week(WEEK2, taken_in=3, submitted=1, approved=0, published=1, words=w5),
    ]
    assert (report.taken_in, report.submitted, report.approved, report.published) == (6, 4, 2, 2)
    assert report.words == 2 * w1 + w4 + w5
    assert report.durations == [
        _duration(
            "intake_to_claim",
            "Intake → claim",
            [2, 24, 1, 264, 24, 96],
            [[2, 24, 1, 264], [24, 96]],
        ),
        _duration("claim_to_submit", "Claim → submit", [22, 24, 48], [[22, 24], [48]]),
        _duration("submit_to_decision", "Submit → decision", [24, 24, 24], [[24, 24, 24], []]),
        _duration("approve_to_publish", "Approve → publish", [24, 120], [[24], [120]]),
        _duration("intake_to_publish", "Intake → publish", [120, 432], [[120], [432]]),
    ]
    assert report.duration("intake_to_claim").median_hours == 24
    # Every translation is Japanese → English: the pair's stretches are the desk's.
    [pair] = report.pair_turnaround
    assert (pair.source_language, pair.target_language) == ("ja", "en")
    assert pair.durations == [replace(duration, trend=[]) for duration in report.durations]
    assert report.duration("intake_to_claim").p90_hours == pytest.approx(180)
    assert report.duration("approve_to_publish").p90_hours == pytest.approx(110.4)
    # The reviewer changed "meeting" into "summit" in the first round; nothing after.
    size = sum(len(text) for text in TEXTS)
    edited = size - len("meeting") + len("summit")
    compared = (size + edited) + 2 * edited + 2 * size  # t1's two rounds, t4's one
    assert report.review == Review(
        rounds_per_translation=1.5,
        approvals_by_rounds={1: 1, 2: 1},
        changed_share=pytest.approx((len("meeting") + len("summit")) / compared),
        sent_back=1,
        sent_back_by_reason={r.value: int(r is ChangeReason.TERMINOLOGY) for r in ChangeReason},
    )
    assert report.reliability == Reliability(
        submissions_with_due_date=3, on_time=2, claims=6, claims_expired=1, claims_released=1
    )
    assert report.reliability.on_time_share == pytest.approx(2 / 3)
    assert report.capacity == [
        PairCapacity("de", "en", 0, None, None, 0, 0, translators=1, reviewers=0,
                     active_translators=0),
        PairCapacity("ja", "en", 3, 336.0, 336.0, 1, 1, translators=2, reviewers=1,
                     active_translators=3),
    ]  # fmt: skip
    assert report.near_capacity == [NearCapacity(desk.ben, "Ben", 1, 2)]
    assert report.near_capacity_count == 1
    machine_words = count_words(TEXTS[1])
    published_words = 2 * sum(count_words(text) for text in TEXTS) - count_words(TEXTS[0])
    published_words += count_words("The Tokyo summit.")
    assert report.machine_and_memory == MachineAndMemory(
        published_tokens=published_words,
        machine_tokens=machine_words,
        memory_insertions=1,
        machine_insertions=1,
        segments_saved=3,
    )


def test_an_empty_period_has_zeros_and_no_durations(session, desk):
    report = desk_report(session, Filters(date(2030, 1, 6), date(2030, 1, 12)), now=NOW)
    assert report.weeks == [
        Week(date(2029, 12, 31), 0, 0, 0, 0, 0),
        Week(date(2030, 1, 7), 0, 0, 0, 0, 0),
    ]
    assert (report.taken_in, report.submitted, report.approved, report.published) == (0, 0, 0, 0)
    assert all(d.count == 0 and d.median_hours is None for d in report.durations)
    assert report.review.rounds_per_translation is None
    assert report.review.changed_share is None
    assert report.review.sent_back_by_reason == {r.value: 0 for r in ChangeReason}
    assert report.reliability.on_time_share is None
    assert report.machine_and_memory.machine_share is None
    # Capacity is now, whatever the period.
    assert [c.open_items for c in report.capacity] == [0, 3]


def test_only_the_most_loaded_people_are_named_but_all_are_counted(session, desk, monkeypatch):
    monkeypatch.setattr(figures, "NEAR_CAPACITY_SHOWN", 0)
    report = desk_report(session, PERIOD, now=NOW)
    assert (report.near_capacity, report.near_capacity_count) == ([], 1)


def test_a_capacity_kept_a_minute_is_read_again_after_it(session, desk, monkeypatch):
    capacity_kept.forget()
    moments = iter([0.0, 30.0, 61.0])
    monkeypatch.setattr(capacity_kept.time, "monotonic", lambda: next(moments))
    first = capacity_kept.kept_capacity(session, PERIOD, NOW)
    assert capacity_kept.kept_capacity(session, PERIOD, NOW) is first
    assert capacity_kept.kept_capacity(session, PERIOD, NOW) is not first
    capacity_kept.forget()


def test_a_pair_with_nothing_is_all_zeros(session, desk):
    filters = Filters(PERIOD.start, PERIOD.end, source_language="zh", target_language="en")
    report = desk_report(session, filters, now=NOW)
    assert (report.taken_in, report.submitted, report.approved, report.published) == (0, 0, 0, 0)
    assert report.capacity == []
    assert report.near_capacity == []
    filters = Filters(PERIOD.start, PERIOD.end, source_language="de", target_language="en")
    (german,) = desk_report(session, filters, now=NOW).capacity
    assert (german.open_items, german.translators, german.active_translators) == (0, 1, 0)


def test_an_outlet_narrows_to_its_articles(session, desk):
    filters = Filters(PERIOD.start, PERIOD.end, outlet_id=desk.outlet)
    report = desk_report(session, filters, now=NOW)
    assert (report.taken_in, report.submitted, report.approved, report.published) == (1, 2, 1, 1)
    assert report.words == 2 * desk.words["t1"]
    assert report.review.approvals_by_rounds == {2: 1}
    assert report.reliability == Reliability(1, 1, 1, 0, 0)
    assert report.duration("intake_to_publish").median_hours == 120
    assert report.machine_and_memory.segments_saved == 3


def test_a_translator_narrows_to_their_work(session, desk):
    filters = Filters(PERIOD.start, PERIOD.end, translator_id=desk.aiko)
    report = desk_report(session, filters, now=NOW)
    assert (report.taken_in, report.submitted, report.approved, report.published) == (2, 3, 1, 1)
    assert report.reliability == Reliability(2, 1, 2, 0, 0)
    assert report.duration("claim_to_submit").count == 2
    assert report.near_capacity == []


def test_a_translator_who_left_still_counts(session, desk):
    filters = Filters(PERIOD.start, PERIOD.end, translator_id=desk.leaver)
    report = desk_report(session, filters, now=NOW)
    assert (report.submitted, report.approved, report.published) == (1, 1, 1)
    assert report.reliability == Reliability(1, 1, 2, 1, 0)
    mine = my_report(session, desk.leaver, 2031)
    assert mine.articles == 1
    assert mine.months[2] == Month(date(2031, 3, 1), 1, desk.words["t4"])
    assert [m.articles for m in mine.months].count(0) == 11
    assert (mine.submissions_with_due_date, mine.on_time, mine.rounds_per_translation) == (1, 1, 1)


def test_a_volunteers_year(session, desk):
    mine = my_report(session, desk.aiko, 2031)
    assert mine.months == [
        Month(date(2031, m, 1), int(m == 3), desk.words["t1"] if m == 3 else 0)
        for m in range(1, 13)
    ]
    assert (mine.articles, mine.words) == (1, desk.words["t1"])
    assert (mine.submissions_with_due_date, mine.on_time) == (2, 1)
    assert mine.on_time_share == 0.5
    assert mine.rounds_per_translation == 2
    publication = session.scalar(
        select(Publication).where(Publication.translation_id == desk.translations["t1"])
    )
    assert [(p.publication_id, p.slug, p.title, p.words) for p in mine.pieces] == [
        (publication.id, publication.slug, publication.title, desk.words["t1"])
    ]
    assert mine.pieces[0].first_published_at == at(120)
    assert my_report(session, desk.aiko, 2030).articles == 0


def _rows(session) -> dict[str, list[tuple]]:
    from translate_flow.domain.models import (
        StatisticsMove,
        StatisticsSaves,
        StatisticsStretch,
        StatisticsTranslation,
    )

    found = {}
    for model, skip in (
        (StatisticsTranslation, ()),
        (StatisticsMove, ()),
        (StatisticsStretch, ("id",)),
        (StatisticsSaves, ("id",)),
    ):
        table = model.__table__
        columns = [c for c in table.c if c.name not in skip]
        found[table.name] = sorted(
            (tuple(row) for row in session.execute(select(*columns))), key=repr
        )
    return found


def test_rebuilt_rollups_equal_the_ones_kept_as_it_happened(session, desk):
    kept = _rows(session)
    assert kept["statistics_moves"]
    list(rollup.rebuild(session, restart=True, now=LATER))
    session.expire_all()
    assert _rows(session) == kept
    assert rollup.get_mark(session, rollup.REBUILD_MARK) is None


def test_a_rebuild_carries_on_where_it_stopped(session, desk):
    kept = _rows(session)
    steps = rollup.rebuild(session, restart=True, batch=3, now=LATER)
    next(steps)  # three translations done, then interrupted
    steps.close()
    assert rollup.get_mark(session, rollup.REBUILD_MARK) == desk.translations["t3"]
    list(rollup.rebuild(session, batch=3, now=LATER))
    assert _rows(session) == kept
