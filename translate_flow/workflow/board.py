"""The coordinator board: every translation by state, what is late or stuck, and who covers what.

Everything is read with a fixed number of queries whatever the number of cards: cards are
plain rows (titles and names, no ORM objects to lazy-load), capped per column in SQL.
"""

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any, TypeVar

from sqlalchemy import (
    ColumnElement,
    Select,
    SQLColumnExpression,
    and_,
    false,
    func,
    or_,
    select,
    true,
)
from sqlalchemy.orm import Session, aliased

from translate_flow.core.distinct_values import distinct_values
from translate_flow.core.language_filter import covers
from translate_flow.domain.models import (
    Article,
    Event,
    LanguagePair,
    Outlet,
    Priority,
    Publication,
    Role,
    Segment,
    SegmentKind,
    Translation,
    TranslationSegment,
    TranslationState,
    User,
    UserRole,
    utcnow,
)
from translate_flow.text.languages import base_language
from translate_flow.text.wordcount import count_unit

S = TranslationState
# No event for this long marks an item in progress as stale; the board says so.
STALE_DAYS = 7
CARDS_PER_COLUMN = 50
# States in which an item is still moving: only these can be stale.
MOVING = frozenset({S.OPEN, S.DRAFT, S.IN_REVIEW, S.APPROVED})


def in_pairs(pairs: list[tuple[str, str]]) -> ColumnElement[bool]:
    """Translations whose (source, target) falls in one of the pairs; none for no pairs."""
    if not pairs:
        return false()
    return or_(
        *(
            and_(covers(Translation.source_language, s), covers(Translation.target_language, t))
            for s, t in pairs
        )
    )


def is_overdue(state: TranslationState, due_at: datetime | None, now: datetime) -> bool:
    """The same rule as `overdue_clause`, for one item already loaded."""
    return state == S.DRAFT and due_at is not None and due_at < now


def overdue_clause(now: datetime) -> ColumnElement[bool]:
    """Still being translated after its due date (a submitted item is no longer late)."""
    return and_(Translation.state == S.DRAFT, Translation.due_at < now)


@dataclass(frozen=True)
class Card:
    """One translation as lists show it."""

    id: int
    title: str
    source_language: str
    target_language: str
    state: TranslationState
    outlet: str | None
    translator: str | None
    reviewer: str | None
    translator_id: int | None
    reviewer_id: int | None
    due_at: datetime | None
    created_at: datetime
    last_activity_at: datetime  # the latest event, or its creation when it has none
    overdue: bool
    stale: bool
    word_count: int = 0  # the source's length, in `length_unit`
    priority: int = Priority.NORMAL
    translated_title: str = ""  # the title segment's translation, once there is one
    public_slug: str | None = None  # its public page, once published
    # What a volunteer may not decide alone: a review only the translator could otherwise take.
    needs_coordinator: bool = False
    # A reviewer's proposed due date, waiting for a coordinator to accept or decline it.
    proposed_due_at: datetime | None = None

    @property
    def pair_label(self) -> str:
        return f"{self.source_language}→{self.target_language}"

    @property
    def length_unit(self) -> str:
        return count_unit(self.source_language)

    @property
    def priority_label(self) -> str:
        return Priority(self.priority).label if self.priority in set(Priority) else ""

    @property
    def shows_due_date(self) -> bool:
        """A due date means nothing once the item is out (published or unpublished)."""
        return self.due_at is not None and self.state not in (S.PUBLISHED, S.UNPUBLISHED)

    @property
    def person(self) -> str | None:
        """Who the item waits on: the reviewer once submitted, else the translator."""
        if self.state in (S.IN_REVIEW, S.APPROVED) and self.reviewer:
            return self.reviewer
        return self.translator


def last_event_at() -> SQLColumnExpression[datetime]:
    """The translation's latest event (read through the events' subject index)."""
    return (
        select(func.max(Event.created_at))
        .where(Event.subject_type == "translation", Event.subject_id == Translation.id)
        .correlate(Translation)
        .scalar_subquery()
    )


def translated_title() -> SQLColumnExpression[str]:
    """The translation of the article's title segment ("" until someone writes it)."""
    return (
        select(TranslationSegment.text)
        .join(Segment, Segment.id == TranslationSegment.segment_id)
        .where(
            TranslationSegment.translation_id == Translation.id,
            Segment.kind == SegmentKind.TITLE,
        )
        .correlate(Translation)
        .limit(1)
        .scalar_subquery()
    )


def card_query() -> Select[*tuple[Any, ...]]:
    """The columns a card needs, joined in one statement; add filters and an order."""
    translator, reviewer = aliased(User), aliased(User)
    return (
        select(
            Translation.id,
            Article.title,
            Article.source_language,
            Translation.target_language,
            Translation.state,
            Outlet.name.label("outlet"),
            translator.display_name.label("translator"),
            reviewer.display_name.label("reviewer"),
            Translation.translator_id,
            Translation.reviewer_id,
            Translation.due_at,
            Translation.proposed_due_at,
            Translation.created_at,
            last_event_at().label("last_event_at"),
            Article.word_count,
            Article.priority,
            translated_title().label("translated_title"),
            Publication.slug.label("public_slug"),
        )
        .join(Article, Article.id == Translation.article_id)
        .outerjoin(Outlet, Outlet.id == Article.outlet_id)
        .outerjoin(Publication, Publication.translation_id == Translation.id)
        .outerjoin(translator, translator.id == Translation.translator_id)
        .outerjoin(reviewer, reviewer.id == Translation.reviewer_id)
    )


def overdue_first() -> tuple[ColumnElement[Any], ...]:
    """Earliest due first, undated after them, then oldest; the same on both databases."""
    return (
        Translation.due_at.is_(None),
        Translation.due_at.expression,
        Translation.created_at.expression,
        Translation.id.expression,
    )


def to_card(row: object, now: datetime) -> Card:
    values = row._mapping  # type: ignore[attr-defined]
    state = TranslationState(values["state"])
    last = values["last_event_at"] or values["created_at"]
    due_at = values["due_at"]
    return Card(
        id=values["id"],
        title=values["title"],
        source_language=values["source_language"],
        target_language=values["target_language"],
        state=state,
        outlet=values["outlet"],
        translator=values["translator"],
        reviewer=values["reviewer"],
        translator_id=values["translator_id"],
        reviewer_id=values["reviewer_id"],
        due_at=due_at,
        created_at=values["created_at"],
        last_activity_at=last,
        overdue=is_overdue(state, due_at, now),
        stale=state in MOVING and now - last > timedelta(days=STALE_DAYS),
        word_count=values["word_count"] or 0,
        priority=values["priority"],
        translated_title=(values["translated_title"] or "").strip(),
        public_slug=values["public_slug"],
        proposed_due_at=values["proposed_due_at"],
    )


@dataclass(frozen=True)
class BoardFilters:
    pair: tuple[str, str] | None = None
    outlet_id: int | None = None
    person_id: int | None = None
    overdue_only: bool = False

    def clause(self, now: datetime) -> ColumnElement[bool]:
        parts: list[ColumnElement[bool]] = []
        if self.pair is not None:
            parts.append(in_pairs([self.pair]))
        if self.outlet_id is not None:
            parts.append(Article.outlet_id == self.outlet_id)
        if self.person_id is not None:
            parts.append(
                or_(
                    Translation.translator_id == self.person_id,
                    Translation.reviewer_id == self.person_id,
                )
            )
        if self.overdue_only:
            parts.append(overdue_clause(now))
        return and_(true(), *parts)

    @property
    def on_articles(self) -> bool:
        """Whether the filters read the article's columns (its outlet)."""
        return self.outlet_id is not None


SelectT = TypeVar("SelectT", bound=Select[*tuple[Any, ...]])


def _scoped(query: SelectT, where: ColumnElement[bool], on_articles: bool) -> SelectT:
    """The query narrowed by the board's filters, joining the articles only when they need it:
    at 100,000 translations the join alone took most of each count's time."""
    if on_articles:
        query = query.join(Article, Article.id == Translation.article_id)
    return query.where(where)


@dataclass(frozen=True)
class Column:
    state: TranslationState
    count: int
    cards: list[Card]

    @property
    def more(self) -> int:
        return self.count - len(self.cards)


@dataclass(frozen=True)
class PairStrip:
    """One language pair's coverage: who can work on it and what waits for them."""

    source: str
    target: str
    translators: int
    reviewers: int
    waiting: int  # open items, in the pool
    oldest_waiting_at: datetime | None
    # Its one reviewer also translates it: their own work there has nobody else to review it.
    self_review_only: bool = False

    @property
    def label(self) -> str:
        return f"{self.source}→{self.target}"

    def oldest_days(self, now: datetime) -> int | None:
        if self.oldest_waiting_at is None:
            return None
        return max((now - self.oldest_waiting_at).days, 0)


@dataclass(frozen=True)
class Board:
    columns: list[Column]
    overdue: int
    coverage: list[PairStrip]
    stale_days: int = STALE_DAYS

    @property
    def total(self) -> int:
        return sum(column.count for column in self.columns)


def state_counts(
    session: Session, where: ColumnElement[bool] | None = None, *, on_articles: bool = False
) -> dict[S, int]:
    counts = dict.fromkeys(S, 0)
    query = _scoped(
        select(Translation.state, func.count()).group_by(Translation.state),
        true() if where is None else where,
        on_articles,
    )
    for state, count in session.execute(query):
        counts[TranslationState(state)] = count
    return counts


def overdue_count(
    session: Session,
    now: datetime,
    where: ColumnElement[bool] | None = None,
    *,
    on_articles: bool = False,
) -> int:
    query = _scoped(
        select(func.count()).select_from(Translation).where(overdue_clause(now)),
        true() if where is None else where,
        on_articles,
    )
    return session.scalar(query) or 0


def _cards_by_state(
    session: Session, where: ColumnElement[bool], now: datetime, limit: int, on_articles: bool
) -> dict[S, list[Card]]:
    """At most `limit` cards per state, earliest due first, then the undated ones, oldest first.

    Each state's first ids come from the indexes on (state, due_at) and (state, created_at), a
    fixed number of small queries; only those cards are then read with their joins and their
    latest event. (Ranking every translation in one window, then joining, took seconds at
    100,000 translations.)
    """
    ids: list[int] = []
    for state in S:
        dated = list(
            session.scalars(
                _scoped(select(Translation.id), where, on_articles)
                .where(Translation.state == state, Translation.due_at.is_not(None))
                .order_by(Translation.due_at, Translation.created_at, Translation.id)
                .limit(limit)
            )
        )
        undated: list[int] = []
        if len(dated) < limit:
            undated = list(
                session.scalars(
                    _scoped(select(Translation.id), where, on_articles)
                    .where(Translation.state == state, Translation.due_at.is_(None))
                    .order_by(Translation.created_at, Translation.id)
                    .limit(limit - len(dated))
                )
            )
        ids += dated + undated
    rows = session.execute(
        card_query().where(Translation.id.in_(ids)).order_by(Translation.state, *overdue_first())
    )
    cards: dict[S, list[Card]] = defaultdict(list)
    for row in rows:
        card = to_card(row, now)
        cards[card.state].append(card)
    return cards


PairKey = tuple[str, str]


def self_review_only(translators: set[int], reviewers: set[int]) -> bool:
    """Whether some translator of a pair has no reviewer but themself (their work would wait
    for a coordinator's override)."""
    return any(not (reviewers - {translator}) for translator in translators) and bool(reviewers)


def pair_people(session: Session) -> dict[PairKey, tuple[set[int], set[int]]]:
    """Per language pair (base codes): the ids of its active translators and reviewers."""
    is_translator = select(UserRole.user_id).where(UserRole.role == Role.TRANSLATOR)
    is_reviewer = select(UserRole.user_id).where(UserRole.role == Role.REVIEWER)
    people: dict[tuple[str, str], tuple[set[int], set[int]]] = defaultdict(lambda: (set(), set()))
    for user_id, source, target, can_review, translates, reviews in session.execute(
        select(
            LanguagePair.user_id,
            LanguagePair.source_language,
            LanguagePair.target_language,
            LanguagePair.can_review,
            LanguagePair.user_id.in_(is_translator),
            LanguagePair.user_id.in_(is_reviewer),
        )
        .join(User, User.id == LanguagePair.user_id)
        .where(User.is_active.is_(True))
    ):
        translators, reviewers = people[(base_language(source), base_language(target))]
        if translates:
            translators.add(user_id)
        if reviews and can_review:
            reviewers.add(user_id)
    return people


def coverage_strip(
    session: Session, people: dict[PairKey, tuple[set[int], set[int]]] | None = None
) -> list[PairStrip]:
    """Per language pair (base codes): active translators, reviewers, items waiting, oldest.

    Pairs with items waiting but nobody to take them are listed too: that is the gap a
    coordinator most needs to see.
    """
    people = pair_people(session) if people is None else people
    waiting: dict[tuple[str, str], tuple[int, datetime | None]] = defaultdict(lambda: (0, None))
    for source, target, count, oldest in session.execute(
        select(
            Translation.source_language,
            Translation.target_language,
            func.count(),
            func.min(Translation.created_at),
        )
        .where(Translation.state == S.OPEN)
        .group_by(Translation.source_language, Translation.target_language)
    ):
        key = (base_language(source), base_language(target))
        total, first = waiting[key]
        waiting[key] = (total + count, oldest if first is None or oldest < first else first)
    strips = []
    for key in sorted(set(people) | set(waiting)):
        translators, reviewers = people.get(key, (set(), set()))
        count, first_at = waiting.get(key, (0, None))
        strips.append(
            PairStrip(
                key[0],
                key[1],
                len(translators),
                len(reviewers),
                count,
                first_at,
                self_review_only(translators, reviewers),
            )
        )
    return strips


def needs_coordinator(card: Card, people: dict[PairKey, tuple[set[int], set[int]]]) -> bool:
    """A submitted item nobody may take for review but its own translator (or nobody at all):
    only a coordinator's override can decide it."""
    if card.state != S.IN_REVIEW:
        return False
    if card.reviewer_id is not None and card.reviewer_id != card.translator_id:
        return False
    key = (base_language(card.source_language), base_language(card.target_language))
    _translators, reviewers = people.get(key, (set(), set()))
    return not (reviewers - {card.translator_id})


def build_board(
    session: Session,
    filters: BoardFilters | None = None,
    *,
    now: datetime | None = None,
    limit: int = CARDS_PER_COLUMN,
) -> Board:
    """The columns (each state, its count, its first cards), overdue count and coverage."""
    now = now or utcnow()
    chosen = filters or BoardFilters()
    where, joined = chosen.clause(now), chosen.on_articles
    counts = state_counts(session, where, on_articles=joined)
    cards = _cards_by_state(session, where, now, limit, joined)
    people = pair_people(session)
    reviewing = cards.get(S.IN_REVIEW, [])
    cards[S.IN_REVIEW] = [
        replace(card, needs_coordinator=needs_coordinator(card, people)) for card in reviewing
    ]
    columns = [Column(state, counts[state], cards.get(state, [])) for state in S]
    return Board(
        columns=columns,
        overdue=overdue_count(session, now, where, on_articles=joined),
        coverage=coverage_strip(session, people),
    )


@dataclass(frozen=True)
class BoardSummary:
    counts: dict[TranslationState, int]
    overdue: int


def board_summary(session: Session, *, now: datetime | None = None) -> BoardSummary:
    """For the coordinator's home page: how many items in each state, how many late."""
    now = now or utcnow()
    return BoardSummary(state_counts(session), overdue_count(session, now))


@dataclass(frozen=True)
class FilterChoices:
    pairs: list[tuple[str, str]]
    people: list[tuple[int, str]]


def filter_choices(session: Session) -> FilterChoices:
    """Every source language of the desk with every target language translations exist in,
    and the people who translate or review.

    Both are read from small tables and indexes, never from every translation: listing the
    pairs and holders actually in use took 100 ms of each board view at 100,000 translations.
    A pair may therefore have nothing in it yet (its filter shows an empty board), and someone
    who lost both roles while holding an item is found by name on their own page instead.
    """
    sources = {base_language(code) for code in distinct_values(session, Article.source_language)}
    targets = {
        base_language(code) for code in distinct_values(session, Translation.target_language)
    }
    pairs = [(s, t) for s in sorted(sources) for t in sorted(targets) if s != t]
    workers = select(UserRole.user_id).where(UserRole.role.in_([Role.TRANSLATOR, Role.REVIEWER]))
    people = session.execute(
        select(User.id, User.display_name)
        .where(User.id.in_(workers))
        .order_by(User.sort_key, User.id)
    )
    return FilterChoices(pairs, [(user_id, name) for user_id, name in people])
