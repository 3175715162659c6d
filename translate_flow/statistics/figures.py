"""Every figure of the statistics, from the rollups of the event history (`statistics.rollup`).

Definitions (the README quotes them):
- **Period.** Whole UTC days, both ends inclusive. A stretch or an event counts in the period
  (and the week) in which it ended or happened. Weeks start on Monday; `Week.starts` is that
  Monday, even when the period cuts the week.
- **Filters.** A pair narrows to translations of that source and/or target language (the codes
  as stored); an outlet to its articles; a translator to the work of the translator holding the
  translation when it happened (for a claim: who took it; for intake: who first held it; for a
  first publication: the translator on record then; for saves: who saved).
- **Taken in.** Articles with a translation opened (`translation:created`) in the period, each
  article counted once, on the day its first translation in the period was opened.
- **Submitted, approved.** `translation:submit` and `translation:approve` events: each round
  counts, so a translation sent back once and submitted again is two submissions.
- **Published.** First publications only (`translation:publish` for the first time); a
  correction republished is not published again.
- **Words.** The source words of each submission (of the source revision the submitted text
  was aligned with): characters for Chinese, Japanese and Thai sources (for Thai: letters,
  marks and digits, as `text.wordcount` counts Thai in dictionary words).
- **Durations**, in hours, over the stretches that ended in the period: `intake_to_claim`
  (translation opened → its first claim or assignment), `claim_to_submit` (each claim or
  assignment → the first submission after it), `submit_to_decision` (each submission → the
  approval or change request that follows), `approve_to_publish` (each approval → the
  publication that follows), `intake_to_publish` (translation opened → first publication).
  Median and 90th percentile by linear interpolation between the closest ranks (PostgreSQL's
  `percentile_cont`, numpy's default): of n sorted values, the p-th is at position p·(n−1).
  The trend is the same per week.
- **Review.** Rounds per translation: for each approval in the period, the submissions since
  the translation's previous approval; their mean. Changed share: characters the reviewer
  deleted or inserted between the submitted and the decided snapshot (rows paired by row,
  diff-match-patch through `text.diffing`) over the characters of both texts, summed over the
  decisions in the period (so long texts weigh more); decisions without both snapshots are
  left out. Sent back by reason: `translation:request_changes` by `change_reason`, every
  `ChangeReason` listed, an unknown or missing reason counted as "other".
- **Reliability.** On time: the first submission after each claim or assignment, when that
  claim had a due date, submitted by the due date in force then (the claim's or assignment's
  `due_at`, or the one a coordinator accepted later, `translation:due_accepted`). Claims:
  claims and assignments made. Expired: releases by the clock (no actor, reason "claim
  expired"). Released: releases by a person (the translator, or a coordinator for them).
- **Capacity (now, not over the period; narrowed by the pair filter only).** Per pair of the
  translations on the desk: open items (in the pool, nobody holds them) and their age since
  opened (oldest; median as above), in draft, in review; translators: active people with the
  translator role and the pair; reviewers: active people with the reviewer role who may review
  it; active translators: people who claimed or submitted in the pair in the period. Near
  capacity: active translators holding drafts within one of their capacity (held ≥ capacity −
  1, capacity above 0).
- **Machine and memory.** Of the translations first published in the period, the machine
  share measured on the published snapshot (`MachineShare`, token-weighted: unedited machine
  tokens over all tokens). Insertions: segment revisions written in the period from a memory
  or a machine suggestion; saves: revisions the translator wrote (typed, merged, kept after a
  conflict, restored).
- **My statistics.** The person's translations first published in the year with them as the
  translator on record, by month, with their source words; on-time share and rounds as above
  for their submissions and approvals in the year; their live publications first published in
  the year, newest first.
- A translator who left (deactivated, or deleted: the rollups then name nobody) still counts
  in every desk total; only a filter by that person no longer finds deleted people's work.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from math import floor
from typing import Any

from sqlalchemy import ColumnElement, Integer, Select, and_, cast, func, or_, select, tuple_
from sqlalchemy.dialects.postgresql import array
from sqlalchemy.orm import Session

from translate_flow.domain.models import (
    LanguagePair,
    MachineShare,
    Publication,
    Role,
    Translation,
    TranslationState,
    User,
    UserRole,
    utcnow,
)
from translate_flow.domain.workflow import ChangeReason
from translate_flow.statistics.report import (
    DeskReport,
    Duration,
    Filters,
    MachineAndMemory,
    Month,
    MyReport,
    NearCapacity,
    PairCapacity,
    PairTurnaround,
    PublishedPiece,
    Reliability,
    Review,
    Week,
)
from translate_flow.statistics.rollup import (
    APPROVE,
    APPROVE_TO_PUBLISH,
    CLAIM,
    CLAIM_TO_SUBMIT,
    EXPIRED,
    INTAKE_TO_CLAIM,
    INTAKE_TO_PUBLISH,
    MOVES,
    PUBLISH,
    RELEASED,
    REQUEST_CHANGES,
    SAVES,
    STRETCHES,
    SUBMIT,
    SUBMIT_TO_DECISION,
    TRANSLATIONS,
)
from translate_flow.text.languages import base_language

# The people near their capacity a report names, the most loaded first.
NEAR_CAPACITY_SHOWN = 25

LABELS = {
    INTAKE_TO_CLAIM: "Intake → claim",
    CLAIM_TO_SUBMIT: "Claim → submit",
    SUBMIT_TO_DECISION: "Submit → decision",
    APPROVE_TO_PUBLISH: "Approve → publish",
    INTAKE_TO_PUBLISH: "Intake → publish",
}


def percentile(values: Sequence[float], share: float) -> float | None:
    """The `share` (0–1) percentile of sorted `values`, interpolated linearly; None if empty."""
    if not values:
        return None
    position = share * (len(values) - 1)
    low = floor(position)
    high = min(low + 1, len(values) - 1)
    return values[low] + (values[high] - values[low]) * (position - low)


def monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


class _Mondays(dict[Any, date]):
    """The Monday of each day a query hands back (a date, or SQLite's text), worked out once."""

    def __missing__(self, day: Any) -> date:
        found = self[day] = monday(_day(day))
        return found


def week_starts(filters: Filters) -> list[date]:
    weeks, week = [], monday(filters.start)
    while week <= filters.end:
        weeks.append(week)
        week += timedelta(days=7)
    return weeks


def _narrowed(
    columns: Any, filters: Filters, *, translator: Any | None = None
) -> list[ColumnElement[bool]]:
    """The filters as conditions on a rollup table's copied columns."""
    conditions = []
    if filters.source_language:
        conditions.append(columns.source_language == filters.source_language)
    if filters.target_language:
        conditions.append(columns.target_language == filters.target_language)
    if filters.outlet_id is not None:
        conditions.append(columns.outlet_id == filters.outlet_id)
    if filters.translator_id is not None:
        who = translator if translator is not None else columns.translator_id
        conditions.append(who == filters.translator_id)
    return conditions


def _in_period(column: Any, filters: Filters) -> ColumnElement[bool]:
    return and_(column >= filters.start, column <= filters.end)


def _moves(filters: Filters, *kinds: str) -> list[ColumnElement[bool]]:
    table = MOVES.c
    return [
        table.kind.in_(kinds),
        _in_period(table.happened_on, filters),
        *_narrowed(table, filters),
    ]


def _day(value: Any) -> date:
    """A DATE column's value: SQLite hands back a string for an aggregate of one."""
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def _throughput(session: Session, filters: Filters) -> list[Week]:
    moves = MOVES.c
    counts: dict[tuple[str, date], list[int]] = defaultdict(lambda: [0, 0])
    mondays = _Mondays()
    for kind, day, number, words in session.execute(
        select(moves.kind, moves.happened_on, func.count(), func.coalesce(func.sum(moves.words), 0))
        .where(*_moves(filters, SUBMIT, APPROVE, PUBLISH))
        .group_by(moves.kind, moves.happened_on)
    ).all():
        week = mondays[day]
        counts[kind, week][0] += number
        counts[kind, week][1] += int(words)
    rows = TRANSLATIONS.c
    firsts = (
        select(rows.article_id, func.min(rows.created_on).label("day"))
        .where(
            _in_period(rows.created_on, filters),
            *_narrowed(rows, filters, translator=rows.first_translator_id),
        )
        .group_by(rows.article_id)
        .subquery()
    )
    taken: dict[date, int] = defaultdict(int)
    for day, number in session.execute(select(firsts.c.day, func.count()).group_by(firsts.c.day)):
        taken[monday(_day(day))] += number
    return [
        Week(
            starts=week,
            taken_in=taken[week],
            submitted=counts[SUBMIT, week][0],
            approved=counts[APPROVE, week][0],
            published=counts[PUBLISH, week][0],
            words=counts[SUBMIT, week][1],
        )
        for week in week_starts(filters)
    ]


def _summary(hours: list[float]) -> tuple[int, float | None, float | None]:
    hours.sort()
    return len(hours), percentile(hours, 0.5), percentile(hours, 0.9)


def _durations(session: Session, filters: Filters) -> tuple[list[Duration], list[PairTurnaround]]:
    """Each stretch over the desk (with its weekly trend), and the same pair by pair: the same
    figures either way, PostgreSQL's the faster (`test_statistics_durations_sql`)."""
    if session.get_bind().dialect.name == "postgresql":
        return _durations_in_postgresql(session, filters)
    return _durations_in_python(session, filters)


Summary = tuple[int, float | None, float | None]
NO_STRETCH: Summary = (0, None, None)


def _durations_in_python(
    session: Session, filters: Filters
) -> tuple[list[Duration], list[PairTurnaround]]:
    """Every stretch of the period read, and each summary worked out here."""
    table = STRETCHES.c
    every: dict[str, list[float]] = defaultdict(list)
    by_week: dict[tuple[str, date], list[float]] = defaultdict(list)
    by_pair: dict[tuple[str, str], dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    mondays = _Mondays()
    for key, day, hours, source, target in session.execute(
        select(
            table.kind, table.ended_on, table.hours, table.source_language, table.target_language
        ).where(
            table.kind.in_(list(LABELS)),
            _in_period(table.ended_on, filters),
            *_narrowed(table, filters),
        )
    ):
        every[key].append(hours)
        by_week[key, mondays[day]].append(hours)
        by_pair[source, target][key].append(hours)
    return _assembled(
        {key: _summary(hours) for key, hours in every.items()},
        {week: _summary(hours) for week, hours in by_week.items()},
        {
            pair: {key: _summary(hours) for key, hours in kinds.items()}
            for pair, kinds in by_pair.items()
        },
        filters,
    )


def _durations_in_postgresql(
    session: Session, filters: Filters
) -> tuple[list[Duration], list[PairTurnaround]]:
    """`_durations` with the medians and 90th percentiles worked out by PostgreSQL's
    `percentile_cont`, which the definitions follow: 170-odd rows instead of every stretch
    (5,900 in a quarter at 100,000 articles took 8 ms to send and decode, the server 2)."""
    table = STRETCHES.c
    # The Monday: date arithmetic (date_trunc would go through a time zone for each row).
    week = (table.ended_on - cast(func.extract("isodow", table.ended_on), Integer) + 1).label(
        "week"
    )
    # Grouped by bytes: the database's collation made sorting the groups the costliest step,
    # and their order is of no matter here.
    kind = table.kind.collate("C").label("kind")
    pair = (
        table.source_language.collate("C").label("source_language"),
        table.target_language.collate("C").label("target_language"),
    )
    rows = session.execute(
        select(
            kind,
            week,
            *pair,
            func.grouping(week, *pair),
            func.count(),
            # Both in one sort of each group.
            func.percentile_cont(array([0.5, 0.9])).within_group(table.hours),
        )
        .where(
            table.kind.in_(list(LABELS)),
            _in_period(table.ended_on, filters),
            *_narrowed(table, filters),
        )
        # The whole period, each week, each pair: GROUPING() tells them apart (a bit set for
        # each of week, source, target left out of the row's grouping).
        .group_by(func.grouping_sets(tuple_(kind), tuple_(kind, week), tuple_(kind, *pair)))
    ).all()
    whole: dict[str, Summary] = {}
    weekly: dict[tuple[str, date], Summary] = {}
    by_pair: dict[tuple[str, str], dict[str, Summary]] = defaultdict(dict)
    for key, starts, source, target, left_out, count, (median, p90) in rows:
        summary = (count, median, p90)
        if left_out == 0b111:
            whole[key] = summary
        elif left_out == 0b011:
            weekly[key, _day(starts)] = summary
        else:
            by_pair[source, target][key] = summary
    return _assembled(whole, weekly, by_pair, filters)


def _assembled(
    whole: dict[str, Summary],
    weekly: dict[tuple[str, date], Summary],
    by_pair: dict[tuple[str, str], dict[str, Summary]],
    filters: Filters,
) -> tuple[list[Duration], list[PairTurnaround]]:
    """The summaries of each kind (whole period, by week, by pair) as the report's durations."""
    weeks = week_starts(filters)
    durations = [
        Duration(
            key,
            label,
            *whole.get(key, NO_STRETCH),
            [(starts, *weekly.get((key, starts), NO_STRETCH)) for starts in weeks],
        )
        for key, label in LABELS.items()
    ]
    pairs = [
        PairTurnaround(
            source,
            target,
            [Duration(key, label, *found.get(key, NO_STRETCH)) for key, label in LABELS.items()],
        )
        for (source, target), found in sorted(by_pair.items())
    ]
    return durations, pairs


def _review(session: Session, filters: Filters) -> Review:
    moves = MOVES.c
    by_rounds: dict[int | None, int] = dict(
        session.execute(
            select(moves.rounds, func.count())
            .where(*_moves(filters, APPROVE))
            .group_by(moves.rounds)
        ).all()
    )
    approvals = sum(by_rounds.values())
    rounds = sum((r or 0) * n for r, n in by_rounds.items()) / approvals if approvals else None
    changed, compared = session.execute(
        select(func.sum(moves.changed_chars), func.sum(moves.compared_chars)).where(
            *_moves(filters, APPROVE, REQUEST_CHANGES), moves.compared_chars > 0
        )
    ).one()
    reasons = {reason.value: 0 for reason in ChangeReason}
    for reason, number in session.execute(
        select(moves.change_reason, func.count())
        .where(*_moves(filters, REQUEST_CHANGES))
        .group_by(moves.change_reason)
    ):
        key = reason if reason in reasons else ChangeReason.OTHER.value
        reasons[key] += number
    return Review(
        rounds_per_translation=rounds,
        approvals_by_rounds={int(r or 0): n for r, n in sorted(by_rounds.items(), key=_rounds)},
        changed_share=int(changed) / int(compared) if compared else None,
        sent_back=sum(reasons.values()),
        sent_back_by_reason=reasons,
    )


def _rounds(item: tuple[int | None, int]) -> int:
    return item[0] or 0


def _reliability(session: Session, filters: Filters) -> Reliability:
    moves = MOVES.c
    counts: dict[str, int] = dict(
        session.execute(
            select(moves.kind, func.count())
            .where(*_moves(filters, CLAIM, EXPIRED, RELEASED))
            .group_by(moves.kind)
        ).all()
    )
    dated, on_time = session.execute(
        select(func.count(), func.count().filter(moves.on_time.is_(True))).where(
            *_moves(filters, SUBMIT), moves.on_time.is_not(None)
        )
    ).one()
    return Reliability(
        submissions_with_due_date=dated,
        on_time=on_time,
        claims=counts.get(CLAIM, 0),
        claims_expired=counts.get(EXPIRED, 0),
        claims_released=counts.get(RELEASED, 0),
    )


Pair = tuple[str, str]


def _pair_condition(filters: Filters) -> list[ColumnElement[bool]]:
    conditions = []
    if filters.source_language:
        conditions.append(Translation.source_language == filters.source_language)
    if filters.target_language:
        conditions.append(Translation.target_language == filters.target_language)
    return conditions


def _wanted(pair: Pair, filters: Filters) -> bool:
    return (not filters.source_language or pair[0] == filters.source_language) and (
        not filters.target_language or pair[1] == filters.target_language
    )


def _people_pairs(session: Session) -> list[tuple[int, str, str, bool, frozenset[Role], int]]:
    """(user, source, target, may review, roles, capacity) of every active person's pairs."""
    roles: dict[int, set[Role]] = defaultdict(set)
    for user_id, role in session.execute(
        select(UserRole.user_id, UserRole.role)
        .join(User, User.id == UserRole.user_id)
        .where(User.is_active.is_(True))
    ):
        roles[user_id].add(Role(role))
    rows = session.execute(
        select(
            LanguagePair.user_id,
            LanguagePair.source_language,
            LanguagePair.target_language,
            LanguagePair.can_review,
            User.capacity,
        )
        .join(User, User.id == LanguagePair.user_id)
        .where(User.is_active.is_(True))
    )
    return [(u, s, t, r, frozenset(roles[u]), c) for u, s, t, r, c in rows]


def _base_pair(source: str, target: str) -> Pair:
    return base_language(source), base_language(target)


def _open_medians(session: Session, filters: Filters, now: datetime) -> dict[Pair, float]:
    """The median age of each pair's open items, in one pass over the pairs' index: the one or
    two middle rows of each pair, numbered by a window."""
    pair = (Translation.source_language, Translation.target_language)
    ranked = (
        select(
            *pair,
            Translation.created_at,
            func.row_number().over(partition_by=pair, order_by=Translation.created_at).label("rn"),
            func.count().over(partition_by=pair).label("n"),
        )
        .where(Translation.state == TranslationState.OPEN, *_pair_condition(filters))
        .subquery()
    )
    c = ranked.c
    middle: dict[Pair, list[datetime]] = defaultdict(list)
    for source, target, created in session.execute(
        select(c.source_language, c.target_language, c.created_at)
        .where(or_(c.rn == (c.n + 1) // 2, c.rn == (c.n + 2) // 2))
        .order_by(c.source_language, c.target_language, c.created_at)
    ):
        middle[source, target].append(created)
    # Linear interpolation at the middle is the mean of the two middle values (or the one).
    return {
        key: sum(_hours(created, now) for created in found) / len(found)
        for key, found in middle.items()
    }


def _hours(created: datetime, now: datetime) -> float:
    return (now - created).total_seconds() / 3600


def capacity_now(session: Session, filters: Filters, now: datetime) -> "Capacity":
    """The capacity figures (now, narrowed by the pair filter only): the part of the desk report
    that grows with the desk rather than with the period, should a page want to keep it a while."""
    states = (TranslationState.OPEN, TranslationState.DRAFT, TranslationState.IN_REVIEW)
    counts: dict[Pair, dict[str, Any]] = defaultdict(dict)
    for state, source, target, number, oldest in session.execute(
        select(
            Translation.state,
            Translation.source_language,
            Translation.target_language,
            func.count(),
            func.min(Translation.created_at),
        )
        .where(Translation.state.in_(states), *_pair_condition(filters))
        .group_by(Translation.state, Translation.source_language, Translation.target_language)
    ):
        counts[source, target][TranslationState(state).value] = (number, oldest)
    people = _people_pairs(session)
    pairs = set(counts) | {
        (s, t) for _u, s, t, _r, _roles, _c in people if _wanted((s, t), filters)
    }
    moves = MOVES.c
    active: dict[Pair, int] = {
        (s, t): n
        for s, t, n in session.execute(
            select(
                moves.source_language,
                moves.target_language,
                func.count(func.distinct(moves.translator_id)),
            )
            .where(
                moves.kind.in_((CLAIM, SUBMIT)),
                _in_period(moves.happened_on, filters),
                moves.translator_id.is_not(None),
                # Capacity is narrowed by the pair only.
                *_narrowed(moves, replace(filters, outlet_id=None, translator_id=None)),
            )
            .group_by(moves.source_language, moves.target_language)
        )
    }
    translators: dict[Pair, set[int]] = defaultdict(set)
    reviewers: dict[Pair, set[int]] = defaultdict(set)
    for u, s, t, may, roles, _c in people:
        if Role.TRANSLATOR in roles:
            translators[_base_pair(s, t)].add(u)
        if may and Role.REVIEWER in roles:
            reviewers[_base_pair(s, t)].add(u)
    medians = _open_medians(session, filters, now)
    capacity = []
    for pair in sorted(pairs):
        open_count, oldest = counts[pair].get(TranslationState.OPEN.value, (0, None))
        capacity.append(
            PairCapacity(
                source_language=pair[0],
                target_language=pair[1],
                open_items=open_count,
                oldest_open_hours=_hours(oldest, now) if oldest else None,
                median_open_hours=medians.get(pair),
                in_draft=counts[pair].get(TranslationState.DRAFT.value, (0, None))[0],
                in_review=counts[pair].get(TranslationState.IN_REVIEW.value, (0, None))[0],
                translators=len(translators[_base_pair(*pair)]),
                reviewers=len(reviewers[_base_pair(*pair)]),
                active_translators=active.get(pair, 0),
            )
        )
    return capacity, _near_capacity(session, filters, people)


def _near_capacity(
    session: Session,
    filters: Filters,
    people: list[tuple[int, str, str, bool, frozenset[Role], int]],
) -> tuple[list[NearCapacity], int]:
    source, target = filters.source_language, filters.target_language
    translators = {
        u: c
        for u, s, t, _r, roles, c in people
        if Role.TRANSLATOR in roles
        and (not source or base_language(s) == base_language(source))
        and (not target or base_language(t) == base_language(target))
        and (filters.translator_id is None or u == filters.translator_id)
    }
    held = dict(
        session.execute(
            select(Translation.translator_id, func.count())
            .where(
                Translation.state == TranslationState.DRAFT, Translation.translator_id.is_not(None)
            )
            .group_by(Translation.translator_id)
        ).all()
    )
    near = [u for u, c in translators.items() if c > 0 and held.get(u, 0) >= c - 1]
    # The most loaded first, and only as many as a page lists: on a busy desk nearly everyone
    # may be near their capacity, and naming them all cost more than the rest of the report.
    near.sort(key=lambda u: (-held.get(u, 0) / translators[u], u))
    shown = near[:NEAR_CAPACITY_SHOWN]
    names: dict[int, str] = {}
    if shown:
        names = dict(
            session.execute(select(User.id, User.display_name).where(User.id.in_(shown))).all()
        )
    found = [NearCapacity(u, names[u], held.get(u, 0), translators[u]) for u in shown]
    found.sort(key=lambda p: (-p.open_items / p.capacity, p.display_name, p.user_id))
    return found, len(near)


def _machine_and_memory(session: Session, filters: Filters) -> MachineAndMemory:
    rows = TRANSLATIONS.c
    shares = MachineShare.__table__.c
    published, machine = session.execute(
        select(
            func.coalesce(func.sum(shares.total_tokens), 0),
            func.coalesce(func.sum(shares.machine_tokens), 0),
        )
        .select_from(TRANSLATIONS)
        .join(MachineShare.__table__, shares.snapshot_id == rows.published_snapshot_id)
        .where(
            _in_period(rows.first_published_on, filters),
            *_narrowed(rows, filters, translator=rows.published_translator_id),
        )
    ).one()
    saves = SAVES.c
    saved, memory, machine_inserted = session.execute(
        select(
            func.coalesce(func.sum(saves.saves), 0),
            func.coalesce(func.sum(saves.memory_insertions), 0),
            func.coalesce(func.sum(saves.machine_insertions), 0),
        ).where(
            _in_period(saves.saved_on, filters),
            *_narrowed(saves, filters, translator=saves.author_id),
        )
    ).one()
    return MachineAndMemory(
        published_tokens=int(published),
        machine_tokens=int(machine),
        memory_insertions=int(memory),
        machine_insertions=int(machine_inserted),
        segments_saved=int(saved),
    )


Capacity = tuple[list[PairCapacity], tuple[list[NearCapacity], int]]


def desk_report(
    session: Session,
    filters: Filters,
    *,
    now: datetime | None = None,
    capacity: Callable[[Session, Filters, datetime], Capacity] | None = None,
) -> DeskReport:
    """The desk's figures for the period and filters (see the module's definitions);
    `capacity` reads the capacity part (default: `capacity_now`, read afresh)."""
    now = now or utcnow()
    weeks = _throughput(session, filters)
    pairs, (near, near_count) = (capacity or capacity_now)(session, filters, now)
    durations, pair_turnaround = _durations(session, filters)
    return DeskReport(
        filters=filters,
        generated_at=now,
        taken_in=sum(w.taken_in for w in weeks),
        submitted=sum(w.submitted for w in weeks),
        approved=sum(w.approved for w in weeks),
        published=sum(w.published for w in weeks),
        words=sum(w.words for w in weeks),
        weeks=weeks,
        durations=durations,
        review=_review(session, filters),
        reliability=_reliability(session, filters),
        capacity=pairs,
        near_capacity=near,
        near_capacity_count=near_count,
        machine_and_memory=_machine_and_memory(session, filters),
        pair_turnaround=pair_turnaround,
    )


def _year(year: int) -> Filters:
    return Filters(date(year, 1, 1), date(year, 12, 31))


def _months(rows: Iterable[tuple[Any, int | None]], year: int) -> list[Month]:
    counts: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for day, words in rows:
        counts[_day(day).month][0] += 1
        counts[_day(day).month][1] += words or 0
    return [Month(date(year, m, 1), counts[m][0], counts[m][1]) for m in range(1, 13)]


def _pieces(session: Session, user_id: int, year: int) -> list[PublishedPiece]:
    rows = TRANSLATIONS.c
    start = datetime(year, 1, 1, tzinfo=UTC)
    query: Select[Any] = (
        select(
            Publication.id,
            Publication.slug,
            Publication.title,
            Publication.target_language,
            Publication.first_published_at,
            rows.published_words,
        )
        .outerjoin(TRANSLATIONS, rows.translation_id == Publication.translation_id)
        .where(
            Publication.translator_id == user_id,
            Publication.unpublished_at.is_(None),
            Publication.first_published_at >= start,
            Publication.first_published_at < start.replace(year=year + 1),
        )
        .order_by(Publication.first_published_at.desc(), Publication.id.desc())
    )
    return [
        PublishedPiece(pid, slug, title, target, first, words or 0)
        for pid, slug, title, target, first, words in session.execute(query)
    ]


def my_report(
    session: Session, user_id: int, year: int, *, now: datetime | None = None
) -> MyReport:
    """One volunteer's year (see the module's definitions); `now` is not needed by any figure
    but is taken for symmetry with `desk_report`."""
    del now
    period = _year(year)
    rows = TRANSLATIONS.c
    months = _months(
        session.execute(
            select(rows.first_published_on, rows.published_words).where(
                rows.published_translator_id == user_id,
                _in_period(rows.first_published_on, period),
            )
        ),
        year,
    )
    mine = Filters(period.start, period.end, translator_id=user_id)
    reliability = _reliability(session, mine)
    review = _review(session, mine)
    return MyReport(
        user_id=user_id,
        year=year,
        months=months,
        articles=sum(m.articles for m in months),
        words=sum(m.words for m in months),
        submissions_with_due_date=reliability.submissions_with_due_date,
        on_time=reliability.on_time,
        rounds_per_translation=review.rounds_per_translation,
        pieces=_pieces(session, user_id, year),
    )
