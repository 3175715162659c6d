"""Finding what the memory holds: scored matches for a segment, and the concordance.

Scores are the ones translators know from CAT tools. 101: the same source (after
`match_key`: Unicode, spacing, case and inline tags aside) and the same segment before it.
100: the same source. Below: the edit distance between the two sources counted in words for
spaced scripts and in characters for Chinese, Japanese, Thai and the like
(`analysis.match_tokens`), as a share of the longer one, rounded down; a 40-word paragraph
with one word changed scores 97. A difference only of case or punctuation scores 99, never
100.

Fuzzy candidates come from the inverted index (see `memory.index`), then are rescored here.
Each term of the segment is looked up with a cap on how many units it may name: a term found
in more units than the cap (the, of, の) says nothing about which unit is close and is left
out; the others weigh 1/(units that have it), so rare words count most. The best-weighted
units are rescored with rapidfuzz. Only capped index ranges are read, so the cost does not
grow with the memory (see README, Translation memory, for the figures).
"""

from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from rapidfuzz.distance import Levenshtein
from sqlalchemy import (
    ColumnElement,
    Select,
    and_,
    desc,
    literal,
    or_,
    select,
    text,
)
from sqlalchemy.orm import Session, aliased
from sqlalchemy.sql.elements import TextClause

from translate_flow.domain.models import Article, Translation, User
from translate_flow.domain.models.memory import MemoryCollection, MemoryTerm, MemoryUnit
from translate_flow.memory.index import Side, term_hashes, text_hash
from translate_flow.text.analysis import (
    comparison_form,
    is_mostly_unspaced,
    match_key,
    match_tokens,
    terms,
)

# How many units a term may be found in and still help pick candidates.
TERM_CAP = 1000
# How many of a segment's terms are looked up (the longest first: long words are rarer).
MAX_TERMS = 48
# How many of the rarest terms name the candidates.
RAREST_TERMS = 8
# How many of the best-weighted units are rescored.
CANDIDATES = 50
# Exact matches read at most: a heading such as "Photo:" may be in the memory thousands of
# times, and the newest few say all there is to say.
EXACT_CAP = 20


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a unit came from: a desk translation's segment, or a collection."""

    translation_id: int | None
    segment_id: int | None
    article_title: str | None
    collection_id: int | None
    collection_name: str | None
    translator_id: int | None
    translator_name: str | None
    reviewer_id: int | None
    reviewer_name: str | None
    updated_at: datetime
    withdrawn: bool


@dataclass(frozen=True, slots=True)
class Match:
    unit_id: int
    score: int
    source: str
    target: str
    origin: Origin


def score(source_text: str, remembered_source: str) -> int:
    """The match score (0–100) of a remembered source for a segment's source; 101 is
    `find_matches`' to give, since it needs the segments before them."""
    return _score(
        comparison_form(source_text),
        match_tokens(match_key(source_text)),
        remembered_source,
        match_key(remembered_source),
    )


def _score(form: str, tokens: list[str], source: str, source_key: str) -> int:
    if comparison_form(source) == form:
        return 100
    other = match_tokens(source_key)
    if not tokens or not other:
        return 0
    similarity = int(Levenshtein.normalized_similarity(tokens, other) * 100)
    # Equal tokens but a different text: case, punctuation or spacing inside a word.
    return min(similarity, 99)


def find_matches(
    session: Session,
    source_language: str,
    target_language: str,
    source_text: str,
    previous_source_text: str | None = None,
    limit: int = 5,
    threshold: int = 70,
    *,
    exclude_translation_id: int | None = None,
) -> list[Match]:
    """Up to `limit` units of the pair whose score for `source_text` is at least `threshold`,
    best first (newest first among equals), one per distinct (source, translation).

    `previous_source_text` is the source segment before this one ("" at an article's start,
    None when unknown): a 100% match that followed the same segment scores 101. Units of
    `exclude_translation_id` (the translation being edited) are left out.
    """
    key = match_key(source_text)
    if not key:
        return []
    form, tokens = comparison_form(source_text), match_tokens(key)
    pair = (MemoryUnit.source_language == source_language) & (
        MemoryUnit.target_language == target_language
    )
    exact_ids = list(
        session.scalars(
            select(MemoryUnit.id)
            .where(pair, MemoryUnit.source_hash == text_hash(key))
            .order_by(desc(MemoryUnit.id))
            .limit(EXACT_CAP)
        )
    )
    candidate_ids = exact_ids + [
        unit_id
        for unit_id in _candidates(session, source_language, target_language, key)
        if unit_id not in exact_ids
    ]
    if not candidate_ids:
        return []
    previous_hash = (
        text_hash(match_key(previous_source_text)) if previous_source_text is not None else None
    )
    matches: list[Match] = []
    for row in session.execute(_with_origin(MemoryUnit.id.in_(candidate_ids))).all():
        unit: MemoryUnit = row.MemoryUnit
        if exclude_translation_id is not None and unit.translation_id == exclude_translation_id:
            continue
        value = _score(form, tokens, unit.source, unit.source_key)
        if value == 100 and previous_hash is not None and unit.previous_hash == previous_hash:
            value = 101
        if value >= threshold:
            matches.append(_match(row, value))
    matches.sort(key=lambda match: (-match.score, -match.unit_id))
    distinct: list[Match] = []
    seen: set[tuple[str, str]] = set()
    for match in matches:
        texts = (comparison_form(match.source), comparison_form(match.target))
        if texts not in seen:
            seen.add(texts)
            distinct.append(match)
        if len(distinct) == limit:
            break
    return distinct


def _candidates(
    session: Session, source_language: str, target_language: str, key: str
) -> list[int]:
    """The units sharing the most (rare-weighted) source terms with `key`, best first.

    Two index passes: count each term's units up to the cap (index ranges counted inside the
    database, no rows sent), then read the units of the rarest few terms only.
    """
    found = sorted(terms(key, every_character=False), key=len, reverse=True)[:MAX_TERMS]
    hashes = term_hashes(source_language, target_language, "source", found)
    if not hashes:
        return []
    counts = _counts(session, hashes, cap=TERM_CAP)
    rare = sorted(
        (count, term) for term, count in zip(hashes, counts, strict=True) if 0 < count < TERM_CAP
    )[:RAREST_TERMS]
    if not rare:
        return []
    weights = {term: 1 / count for count, term in rare}
    scores: dict[int, float] = {}
    for term, unit_id in session.execute(
        select(MemoryTerm.term, MemoryTerm.unit_id).where(MemoryTerm.term.in_(weights))
    ).all():
        scores[unit_id] = scores.get(unit_id, 0.0) + weights[term]
    ranked = sorted(scores, key=lambda unit_id: (-scores[unit_id], -unit_id))
    return ranked[:CANDIDATES]


_Translator = aliased(User)
_Reviewer = aliased(User)


def _with_origin(condition: ColumnElement[bool]) -> Select[MemoryUnit, str, str, str, str]:
    """Units with what their origin shows: article title, collection, translator, reviewer."""
    return (
        select(
            MemoryUnit,
            Article.title,
            MemoryCollection.name,
            _Translator.display_name,
            _Reviewer.display_name,
        )
        .outerjoin(Translation, Translation.id == MemoryUnit.translation_id)
        .outerjoin(Article, Article.id == Translation.article_id)
        .outerjoin(MemoryCollection, MemoryCollection.id == MemoryUnit.collection_id)
        .outerjoin(_Translator, _Translator.id == MemoryUnit.translator_id)
        .outerjoin(_Reviewer, _Reviewer.id == MemoryUnit.reviewer_id)
        .where(condition)
    )


def _match(row: object, value: int) -> Match:
    unit: MemoryUnit = row.MemoryUnit  # type: ignore[attr-defined]
    title, collection, translator, reviewer = row[1:]  # type: ignore[index]
    return Match(
        unit_id=unit.id,
        score=value,
        source=unit.source,
        target=unit.target,
        origin=Origin(
            translation_id=unit.translation_id,
            segment_id=unit.segment_id,
            article_title=title,
            collection_id=unit.collection_id,
            collection_name=collection,
            translator_id=unit.translator_id,
            translator_name=translator,
            reviewer_id=unit.reviewer_id,
            reviewer_name=reviewer,
            updated_at=unit.updated_at,
            withdrawn=unit.withdrawn,
        ),
    )


# --- Concordance ---------------------------------------------------------------------------

PAGE_SIZE = 20
# How many units a term is counted up to when choosing the rarest term of a phrase.
_PROBE_CAP = 5000


@dataclass(frozen=True, slots=True)
class ConcordancePage:
    matches: list[Match]  # score 0: a concordance hit has no score
    page: int
    has_next: bool


def concordance(
    session: Session,
    source_language: str,
    target_language: str,
    phrase: str,
    page: int = 1,
    *,
    page_size: int = PAGE_SIZE,
) -> ConcordancePage:
    """The pair's units whose source or translation contains `phrase` (compared as
    `match_key`s: case, width and spacing aside), newest first, one page.

    The index narrows the search to the units holding the phrase's rarest term on either
    side; the phrase itself is then looked for in those. A phrase of one Chinese or Japanese
    character has no indexed term and is looked for in the whole pair (slower).
    """
    key = match_key(phrase)
    page = max(page, 1)
    if not key:
        return ConcordancePage([], page, has_next=False)
    pair = and_(
        MemoryUnit.source_language == source_language,
        MemoryUnit.target_language == target_language,
    )
    contains = or_(
        MemoryUnit.source_key.contains(key, autoescape=True),
        MemoryUnit.target_key.contains(key, autoescape=True),
    )
    condition = and_(pair, contains)
    narrowing = _rarest_terms(session, source_language, target_language, key)
    if narrowing is not None:
        condition = and_(condition, narrowing)
    rows = session.execute(
        _with_origin(condition)
        .order_by(desc(MemoryUnit.id))
        .limit(page_size + 1)
        .offset((page - 1) * page_size)
    ).all()
    return ConcordancePage(
        [_match(row, 0) for row in rows[:page_size]], page, has_next=len(rows) > page_size
    )


def _rarest_terms(
    session: Session, source_language: str, target_language: str, key: str
) -> ColumnElement[bool] | None:
    """Units having the phrase's rarest source-side term, or its rarest target-side term.

    Only whole terms narrow the search, and a phrase's first and last words may be cut short
    ("united sta"): those are counted like the others, and a term no unit has (a cut word)
    would find nothing, so terms found nowhere are passed over in favour of the rest.
    """
    # A character of an unspaced script is indexed only where it stands alone, so it cannot
    # narrow the search for a phrase in which it stands alone but which others continue.
    found = sorted(term for term in terms(key, every_character=False) if not _lone_character(term))
    if not found:
        return None
    choices: list[int] = []
    sides: tuple[Side, Side] = ("source", "target")
    for side in sides:
        hashes = term_hashes(source_language, target_language, side, found)
        counts = _counts(session, hashes)
        present = [(count, term) for term, count in zip(hashes, counts, strict=True) if count]
        if present:
            choices.append(min(present)[1])
    if not choices:
        return literal(False)
    return or_(
        *(
            MemoryUnit.id.in_(select(MemoryTerm.unit_id).where(MemoryTerm.term == term))
            for term in choices
        )
    )


def _lone_character(term: str) -> bool:
    return len(match_tokens(term)) == 1 and is_mostly_unspaced(term)


def _counts(session: Session, hashes: list[int], *, cap: int = _PROBE_CAP) -> list[int]:
    """How many units have each term, counted up to `cap`: index ranges counted inside the
    database, no rows sent."""
    params: dict[str, int] = {f"t{number}": term for number, term in enumerate(hashes)}
    counted = session.execute(_count_statement(len(hashes)), params | {"cap": cap}).all()
    by_number: dict[int, int] = {int(number): int(units) for number, units in counted}
    return [by_number.get(number, 0) for number in range(len(hashes))]


@lru_cache(maxsize=MAX_TERMS * 2)
def _count_statement(terms_counted: int) -> TextClause:
    # Written out rather than composed with select(): SQLAlchemy compiled a union of 48
    # scalar subqueries in ~10 ms, more than the database took to run it. Only numbered
    # bind parameters vary; the names are this module's.
    return text(
        " UNION ALL ".join(
            f"SELECT {number}, (SELECT count(*) FROM (SELECT 1 FROM memory_terms "  # noqa: S608
            f"WHERE term = :t{number} LIMIT :cap) AS capped)"
            for number in range(terms_counted)
        )
    )


__all__ = ["ConcordancePage", "Match", "Origin", "concordance", "find_matches", "score"]
