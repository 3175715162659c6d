"""The coordinator board: every translation by state, what is late or stuck, and who covers what.

Everything is read with a fixed number of statements whatever the number of items: each
column's first cards come from an index with a LIMIT, its count from an index-only COUNT, and
the cards are plain rows (titles and names, no ORM objects to lazy-load). A column's other
cards are read page by page (`column_page`), never all at once.
"""

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from functools import cache, lru_cache
from typing import Any, TypeVar

from sqlalchemy import (
    ColumnElement,
    Select,
    SQLColumnExpression,
    and_,
    false,
    func,
    literal,
    or_,
    select,
    true,
    union_all,
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
# The board shows each column's most urgent cards; "Show all" pages through the rest.
CARDS_PER_COLUMN = 20
CARDS_PER_PAGE = 50
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
    """The translation of the article's title segment ("" until someone writes it).

    The title is the first segment of the revision the translation follows, found through the
    unique (revision_id, position) index. Looking for it among the translation's rows instead
    was cheap to run but priced by PostgreSQL's planner as a scan of every row: at 140 cards
    that pushed the board's statement over the JIT threshold, 75 ms of compiling per request.
    It also found a title row set aside by a correction of the source.
    """
    return (
        select(TranslationSegment.text)
        .join(Segment, Segment.id == TranslationSegment.segment_id)
        .where(
            TranslationSegment.translation_id == Translation.id,
            Segment.revision_id == Translation.source_revision_id,
            Segment.position == 0,
            Segment.kind == SegmentKind.TITLE,
        )
        .correlate(Translation)
        .limit(1)
        .scalar_subquery()
    )


@cache
def card_query() -> Select[*tuple[Any, ...]]:
    """The columns a card needs, joined in one statement; add filters and an order.

    Built once: a statement is immutable (each `.where()` makes a new one), and building this
    one took a fifth of the board's time in Python."""
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


def to_card(row: Any, now: datetime) -> Card:
    """A card from a row of `card_query` (read by attribute: a row's `_mapping` cost more than
    the rest of the card)."""
    state = TranslationState(row.state)
    last = row.last_event_at or row.created_at
    due_at = row.due_at
    return Card(
        id=row.id,
        title=row.title,
        source_language=row.source_language,
        target_language=row.target_language,
        state=state,
        outlet=row.outlet,
        translator=row.translator,
        reviewer=row.reviewer,
        translator_id=row.translator_id,
        reviewer_id=row.reviewer_id,
        due_at=due_at,
        created_at=row.created_at,
        last_activity_at=last,
        overdue=is_overdue(state, due_at, now),
        stale=state in MOVING and now - last > timedelta(days=STALE_DAYS),
        word_count=row.word_count or 0,
        priority=row.priority,
        translated_title=(row.translated_title or "").strip(),
        public_slug=row.public_slug,
        proposed_due_at=row.proposed_due_at,
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

    @property
    def order(self) -> str:
        """How its cards are ordered, in words, for the page to say."""
        if self.state in MOVING:
            return "overdue first, then due soonest; undated after them, oldest first"
        return "latest change first"


@dataclass(frozen=True)
class ColumnPage:
    """One page of one column's cards, for "Show all"."""

    column: Column
    page: int
    per_page: int
    stale_days: int = STALE_DAYS

    @property
    def pages(self) -> int:
        return max(1, -(-self.column.count // self.per_page))


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


# The parts a column's order is made of, each read in the order of one index: a moving item's
# dated cards by (state, due_at), then its undated ones by (state, created_at, id); a finished
# item's by (state, updated_at, id), latest first.
DATED, UNDATED, FINISHED = 0, 1, 2


def _part(
    state: TranslationState,
    part: int,
    where: ColumnElement[bool],
    on_articles: bool,
    *,
    offset: int,
    limit: int,
) -> Select[*tuple[Any, ...]]:
    """The ids of one part of a column, in its order, `limit` from `offset`; wrapped in a
    subquery so that a UNION may keep each member's ORDER BY and LIMIT (SQLite needs it)."""
    query = _scoped(select(Translation.id), where, on_articles).where(Translation.state == state)
    if part == DATED:
        query = query.where(Translation.due_at.is_not(None)).order_by(
            Translation.due_at, Translation.created_at, Translation.id
        )
    elif part == UNDATED:
        query = query.where(Translation.due_at.is_(None)).order_by(
            Translation.created_at, Translation.id
        )
    else:
        query = query.order_by(Translation.updated_at.desc(), Translation.id.desc())
    ids = query.offset(offset).limit(limit).subquery()
    return select(ids.c.id, literal(part).label("part")).select_from(ids)


def _column_parts(
    state: TranslationState,
    where: ColumnElement[bool],
    on_articles: bool,
    *,
    offset: int,
    limit: int,
    dated: int,
) -> list[Select[*tuple[Any, ...]]]:
    """The parts whose first cards make the column's cards `offset` to `offset + limit`;
    `dated` is how many of its items have a due date (0 will do for the first page)."""
    if state not in MOVING:
        return [_part(state, FINISHED, where, on_articles, offset=offset, limit=limit)]
    return [
        _part(state, DATED, where, on_articles, offset=offset, limit=limit),
        _part(state, UNDATED, where, on_articles, offset=max(0, offset - dated), limit=limit),
    ]


@lru_cache(maxsize=256)
def _steady_parts(
    filters: "BoardFilters", state: TranslationState, offset: int, limit: int, dated: int
) -> list[Select[*tuple[Any, ...]]]:
    """`_column_parts` for filters that do not depend on the time, built once: building the
    board's eleven statements took as long as running them."""
    return _column_parts(
        state,
        filters.clause(utcnow()),
        filters.on_articles,
        offset=offset,
        limit=limit,
        dated=dated,
    )


def _parts_of(
    filters: "BoardFilters",
    state: TranslationState,
    now: datetime,
    *,
    offset: int,
    limit: int,
    dated: int,
) -> list[Select[*tuple[Any, ...]]]:
    """The column's parts under the filters, built once unless they depend on the time."""
    if filters.overdue_only:  # "overdue" is as of `now`
        where = filters.clause(now)
        return _column_parts(
            state, where, filters.on_articles, offset=offset, limit=limit, dated=dated
        )
    return _steady_parts(filters, state, offset, limit, dated)


def _sort_key(card: Card, part: int, updated_at: datetime) -> tuple[Any, ...]:
    """The order `_part` read the card in, within its column."""
    if part == DATED:
        return (part, card.due_at, card.created_at, card.id)
    if part == UNDATED:
        return (part, card.created_at, card.id)
    # Latest first: the negated timestamp keeps one ascending sort for every part.
    return (part, -updated_at.timestamp(), -card.id)


def _cards(
    session: Session, parts: list[Select[*tuple[Any, ...]]], now: datetime, limit: int
) -> dict[S, list[Card]]:
    """The cards of every part, at most `limit` per column, in order: the ids of all the parts
    in one statement, then their cards by primary key in another. (Joining the cards to the
    parts in one statement let PostgreSQL hash every translation to find 140.)"""
    if not parts:
        return {}
    part_of: dict[int, int] = {row[0]: row[1] for row in session.execute(union_all(*parts))}
    if not part_of:
        return {}
    rows = session.execute(
        card_query()
        .add_columns(Translation.updated_at.label("updated_at"))
        .where(Translation.id.in_(part_of))
    )
    ranked: dict[S, list[tuple[tuple[Any, ...], Card]]] = defaultdict(list)
    for row in rows:
        card = to_card(row, now)
        ranked[card.state].append((_sort_key(card, part_of[card.id], row.updated_at), card))
    return {
        state: [card for _key, card in sorted(pairs, key=lambda pair: pair[0])][:limit]
        for state, pairs in ranked.items()
    }


def _states(filters: BoardFilters) -> list[TranslationState]:
    """The columns that can hold anything under the filters: "overdue only" is drafts only,
    and asking the others would walk their whole index range to find nothing."""
    return [S.DRAFT] if filters.overdue_only else list(S)


def _with_review_flags(
    cards: list[Card], people: dict["PairKey", tuple[set[int], set[int]]]
) -> list[Card]:
    return [replace(card, needs_coordinator=needs_coordinator(card, people)) for card in cards]


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
    people: dict[PairKey, tuple[set[int], set[int]]] | None = None,
) -> Board:
    """The columns (each state, its true count, its `limit` most urgent cards), the overdue
    count and the coverage strip; `people` is `pair_people` if already read."""
    now = now or utcnow()
    chosen = filters or BoardFilters()
    where, joined = chosen.clause(now), chosen.on_articles
    counts = state_counts(session, where, on_articles=joined)
    parts = [
        part
        for state in _states(chosen)
        if counts[state]
        for part in _parts_of(chosen, state, now, offset=0, limit=limit, dated=0)
    ]
    cards = _cards(session, parts, now, limit)
    people = pair_people(session) if people is None else people
    cards[S.IN_REVIEW] = _with_review_flags(cards.get(S.IN_REVIEW, []), people)
    columns = [Column(state, counts[state], cards.get(state, [])) for state in S]
    return Board(
        columns=columns,
        overdue=overdue_count(session, now, where, on_articles=joined),
        coverage=coverage_strip(session, people),
    )


def column_page(
    session: Session,
    state: TranslationState,
    filters: BoardFilters | None = None,
    *,
    page: int = 1,
    per_page: int = CARDS_PER_PAGE,
    now: datetime | None = None,
    people: dict[PairKey, tuple[set[int], set[int]]] | None = None,
) -> ColumnPage:
    """Page `page` (from 1) of one column's cards, in the board's order, with its true count.

    A page past the last one is empty. Deep pages skip through the index (OFFSET), which
    costs a walk over the skipped index entries but never reads their rows.
    """
    now = now or utcnow()
    chosen = filters or BoardFilters()
    where, joined = chosen.clause(now), chosen.on_articles
    page = max(1, page)
    count = 0
    if state in _states(chosen):
        count = (
            session.scalar(
                _scoped(select(func.count()).select_from(Translation), where, joined).where(
                    Translation.state == state
                )
            )
            or 0
        )
    offset = (page - 1) * per_page
    if offset >= count:
        return ColumnPage(Column(state, count, []), page, per_page)
    dated = 0
    if offset and state in MOVING:
        dated = (
            session.scalar(
                _scoped(select(func.count()).select_from(Translation), where, joined).where(
                    Translation.state == state, Translation.due_at.is_not(None)
                )
            )
            or 0
        )
    parts = _parts_of(chosen, state, now, offset=offset, limit=per_page, dated=dated)
    cards = _cards(session, parts, now, per_page).get(state, [])
    if state == S.IN_REVIEW:
        cards = _with_review_flags(cards, pair_people(session) if people is None else people)
    return ColumnPage(Column(state, count, cards), page, per_page)


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
