"""Who should take a translation: candidates ranked by a transparent score, with the reasons.

The assign screen shows, per person: the language pair and review right, open items against
capacity, on-time record, median claim-to-submit time and last activity. Everything is
computed with a fixed number of queries, aggregated per person in SQL, whatever the number
of candidates.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session

from translate_flow.core.language_filter import covers
from translate_flow.domain.models import (
    Event,
    LanguagePair,
    Role,
    Translation,
    TranslationState,
    User,
    UserRole,
    utcnow,
)
from translate_flow.domain.standing import pair_rows
from translate_flow.domain.workflow import Action

CLAIM_EVENT = f"translation:{Action.CLAIM.value}"
ASSIGN_EVENT = f"translation:{Action.ASSIGN.value}"
SUBMIT_EVENT = f"translation:{Action.SUBMIT.value}"

# The score: each part is between 0 and 1 and weighs twice the next one, so free capacity
# counts most, then the on-time record, then speed, then recency. Unknowns (no history yet)
# count as half: a newcomer is neither punished nor preferred for having no record.
WEIGHTS = {"free": 8.0, "on_time": 4.0, "speed": 2.0, "recency": 1.0}
UNKNOWN = 0.5
SPEED_HALF_LIFE_DAYS = 7.0  # a median of a week from claim to submit scores 0.5
RECENCY_HALF_LIFE_DAYS = 14.0  # last seen two weeks ago scores 0.5; never seen scores 0


@dataclass(frozen=True)
class Candidate:
    """One person who could take the translation, and why they rank where they do."""

    user: User
    can_review: bool
    open_items: int  # drafts they hold (reviews in progress when ranking reviewers)
    capacity: int
    on_time_rate: float | None  # submitted by the due date, over their submitted items
    median_claim_to_submit: timedelta | None
    last_activity: datetime | None  # their latest event, or their last sign-in
    score: float
    reasons: list[str]

    @property
    def at_capacity(self) -> bool:
        return self.open_items >= self.capacity


@dataclass
class _Record:
    """A person's history, gathered from the submitted items they claimed or were given."""

    submitted: int = 0
    with_due_date: int = 0
    on_time: int = 0
    durations: list[timedelta] = field(default_factory=list)

    @property
    def on_time_rate(self) -> float | None:
        return self.on_time / self.with_due_date if self.with_due_date else None

    @property
    def median(self) -> timedelta | None:
        if not self.durations:
            return None
        seconds = sorted(d.total_seconds() for d in self.durations)
        middle = len(seconds) // 2
        if len(seconds) % 2:
            return timedelta(seconds=seconds[middle])
        return timedelta(seconds=(seconds[middle - 1] + seconds[middle]) / 2)


def _people(session: Session, translation: Translation, *, reviewing: bool) -> list[User]:
    """Active people with the role whose pairs cover the translation (one query, two loads)."""
    source, target = translation.article.source_language, translation.target_language
    pair_filter = and_(
        covers(LanguagePair.source_language, source),
        covers(LanguagePair.target_language, target),
    )
    if reviewing:
        pair_filter = and_(pair_filter, LanguagePair.can_review.is_(True))
    role = Role.REVIEWER if reviewing else Role.TRANSLATOR
    people = session.scalars(
        select(User)
        .join(UserRole, UserRole.user_id == User.id)
        .where(
            UserRole.role == role,
            User.is_active.is_(True),
            User.language_pairs.any(pair_filter),
        )
        .order_by(User.id)
    ).all()
    # The database narrowed it down; pair_rows is the rule the workflow itself applies.
    return [
        person
        for person in people
        if (rows := pair_rows(person, translation))
        and (not reviewing or any(row.can_review for row in rows))
        and not (reviewing and person.id == translation.translator_id)
    ]


def _open_items(session: Session, ids: list[int], *, reviewing: bool) -> dict[int, int]:
    holder = Translation.reviewer_id if reviewing else Translation.translator_id
    state = TranslationState.IN_REVIEW if reviewing else TranslationState.DRAFT
    rows = session.execute(
        select(holder, func.count())
        .where(Translation.state == state, holder.in_(ids))
        .group_by(holder)
    )
    return {person_id: count for person_id, count in rows if person_id is not None}


def _records(session: Session, ids: list[int]) -> dict[int, _Record]:
    """Per person and item: first submit, the claim or assignment just before it, due date.

    A person's item is one they submitted themselves. The claim that counts is the latest
    one before that submit: someone who claimed, released and claimed again a month later
    is measured from the second claim.
    """
    submits = (
        select(
            Event.actor_id.label("person_id"),
            Event.subject_id.label("translation_id"),
            func.min(Event.created_at).label("submitted_at"),
        )
        .where(
            Event.subject_type == "translation",
            Event.action == SUBMIT_EVENT,
            Event.actor_id.in_(ids),
        )
        .group_by(Event.actor_id, Event.subject_id)
        .subquery()
    )
    # Whose claim an event starts: the claimer, or the person a coordinator assigned.
    claimant = case(
        (Event.action == ASSIGN_EVENT, Event.payload["translator_id"].as_integer()),
        else_=Event.actor_id,
    )
    started_at = (
        select(func.max(Event.created_at))
        .where(
            Event.subject_type == "translation",
            Event.subject_id == submits.c.translation_id,
            Event.action.in_([CLAIM_EVENT, ASSIGN_EVENT]),
            claimant == submits.c.person_id,
            Event.created_at <= submits.c.submitted_at,
        )
        .correlate(submits)
        .scalar_subquery()
    )
    rows = session.execute(
        select(submits.c.person_id, submits.c.submitted_at, started_at, Translation.due_at).join(
            Translation, Translation.id == submits.c.translation_id
        )
    )
    records: dict[int, _Record] = defaultdict(_Record)
    for person_id, submitted_at, started, due_at in rows:
        record = records[person_id]
        record.submitted += 1
        if due_at is not None:
            record.with_due_date += 1
            record.on_time += submitted_at <= due_at
        if started is not None:
            record.durations.append(submitted_at - started)
    return records


def _last_events(session: Session, ids: list[int]) -> dict[int, datetime]:
    rows = session.execute(
        select(Event.actor_id, func.max(Event.created_at))
        .where(Event.actor_id.in_(ids))
        .group_by(Event.actor_id)
    )
    return {person_id: at for person_id, at in rows if person_id is not None}


def _days(delta: timedelta) -> float:
    return max(delta.total_seconds(), 0.0) / 86400


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _duration_words(delta: timedelta) -> str:
    days = round(_days(delta))
    if days >= 1:
        return _plural(days, "day")
    return _plural(max(round(delta.total_seconds() / 3600), 1), "hour")


def _activity_words(last: datetime | None, now: datetime) -> str:
    if last is None:
        return "no activity yet"
    days = int(_days(now - last))
    if days == 0:
        return "active today"
    if days == 1:
        return "active yesterday"
    return f"active {days} days ago"


def score_of(
    *,
    open_items: int,
    capacity: int,
    on_time_rate: float | None,
    median: timedelta | None,
    last_activity: datetime | None,
    now: datetime,
) -> float:
    """8·free share of capacity + 4·on-time rate + 2·speed + 1·recency (see WEIGHTS)."""
    free = max(capacity - open_items, 0) / capacity if capacity > 0 else 0.0
    on_time = UNKNOWN if on_time_rate is None else on_time_rate
    speed = UNKNOWN if median is None else 0.5 ** (_days(median) / SPEED_HALF_LIFE_DAYS)
    recency = (
        0.0
        if last_activity is None
        else 0.5 ** (_days(now - last_activity) / RECENCY_HALF_LIFE_DAYS)
    )
    return (
        WEIGHTS["free"] * free
        + WEIGHTS["on_time"] * on_time
        + WEIGHTS["speed"] * speed
        + WEIGHTS["recency"] * recency
    )


def rank_candidates(
    session: Session,
    translation: Translation,
    *,
    now: datetime | None = None,
    reviewing: bool = False,
) -> list[Candidate]:
    """People who could translate (or review) this, best first; those at capacity last."""
    now = now or utcnow()
    people = _people(session, translation, reviewing=reviewing)
    if not people:
        return []
    ids = [person.id for person in people]
    load = _open_items(session, ids, reviewing=reviewing)
    records = _records(session, ids)
    last_events = _last_events(session, ids)
    noun = "reviews" if reviewing else "items"
    candidates = []
    for person in people:
        pairs = pair_rows(person, translation)
        may_review = any(pair.can_review for pair in pairs)
        record = records.get(person.id, _Record())
        open_items = load.get(person.id, 0)
        moments = [at for at in (last_events.get(person.id), person.last_login_at) if at]
        last_activity = max(moments) if moments else None
        median = record.median
        reasons = [
            ", ".join(pair.label for pair in pairs) + (", may review" if may_review else ""),
            f"{open_items} of {person.capacity} {noun} in progress",
        ]
        if record.with_due_date:
            reasons.append(f"on time {record.on_time} of {record.with_due_date}")
        elif not record.submitted:
            reasons.append("no submissions yet")
        if median is not None:
            reasons.append(f"median {_duration_words(median)} from claim to submit")
        reasons.append(_activity_words(last_activity, now))
        if open_items >= person.capacity:
            reasons.append("at capacity")
        candidates.append(
            Candidate(
                user=person,
                can_review=may_review,
                open_items=open_items,
                capacity=person.capacity,
                on_time_rate=record.on_time_rate,
                median_claim_to_submit=median,
                last_activity=last_activity,
                score=round(
                    score_of(
                        open_items=open_items,
                        capacity=person.capacity,
                        on_time_rate=record.on_time_rate,
                        median=median,
                        last_activity=last_activity,
                        now=now,
                    ),
                    3,
                ),
                reasons=reasons,
            )
        )
    candidates.sort(key=lambda c: (c.at_capacity, -c.score, c.user.sort_key, c.user.id))
    return candidates


def people_with_role(session: Session, role: Role) -> list[tuple[int, str]]:
    """(id, name) of the active people with `role`, by name: the choices of a form that
    assigns before the translation exists (the workflow still checks their pairs on assigning).
    """
    rows = session.execute(
        select(User.id, User.display_name)
        .join(UserRole, UserRole.user_id == User.id)
        .where(User.is_active.is_(True), UserRole.role == role)
        .order_by(User.sort_key, User.id)
    )
    return [(user_id, name) for user_id, name in rows]
