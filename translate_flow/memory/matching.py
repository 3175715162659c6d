"""Finding what the memory holds: scored matches for a segment, and the concordance.

Scores are the ones translators know from CAT tools. 101: the same source (after
`match_key`: Unicode, spacing, case and inline tags aside) and the same segment before it.
100: the same source. Below: the edit distance between the two sources counted in words for
spaced scripts and in characters for Chinese, Japanese, Thai and the like
(`analysis.match_tokens`), as a share of the longer one, rounded down; a 40-word paragraph
with one word changed scores 97. A difference only of case or punctuation scores 99, never
100.

Fuzzy candidates come from the inverted index (see `memory.index`), then are rescored here.
How many units have each of the segment's terms is a primary-key lookup in
`memory_term_counts`: a term found in more units than a cap (the, of, の) says nothing about
which unit is close and is left out; the others weigh 1/(units that have it), so rare words
count most, and only the rarest few terms' units are read, within a budget of index rows. The
best-weighted units are rescored with rapidfuzz, from their texts alone, and only the few
kept are loaded with their origin. Every step reads a bounded slice, so the cost does not
grow with the memory (see README, Translation memory, for the figures).
"""

from dataclasses import dataclass
from datetime import datetime

from rapidfuzz.distance import Levenshtein
from sqlalchemy import (
    ColumnElement,
    Select,
    desc,
    or_,
    select,
)
from sqlalchemy.orm import Session, aliased

from translate_flow.domain.models import Article, Translation, User
from translate_flow.domain.models.memory import (
    MemoryCollection,
    MemoryTerm,
    MemoryTermCount,
    MemoryUnit,
)
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
# How many index rows the rarest terms may name between them (the rarest one is always read).
POSTINGS_BUDGET = 4000
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
    # Scored from the texts alone; only the few kept are loaded with their origin.
    scored: list[tuple[int, int, str, str]] = []
    for unit_id, source, target, source_key, unit_previous, translation_id in session.execute(
        select(
            MemoryUnit.id,
            MemoryUnit.source,
            MemoryUnit.target,
            MemoryUnit.source_key,
            MemoryUnit.previous_hash,
            MemoryUnit.translation_id,
        ).where(MemoryUnit.id.in_(candidate_ids))
    ):
        if exclude_translation_id is not None and translation_id == exclude_translation_id:
            continue
        value = _score(form, tokens, source, source_key)
        if value == 100 and previous_hash is not None and unit_previous == previous_hash:
            value = 101
        if value >= threshold:
            scored.append((value, unit_id, source, target))
    scored.sort(key=lambda found: (-found[0], -found[1]))
    kept: dict[int, int] = {}
    seen: set[tuple[str, str]] = set()
    for value, unit_id, source, target in scored:
        texts = (comparison_form(source), comparison_form(target))
        if texts not in seen:
            seen.add(texts)
            kept[unit_id] = value
        if len(kept) == limit:
            break
    if not kept:
        return []
    rows = session.execute(_with_origin(MemoryUnit.id.in_(kept))).all()
    matches = [_match(row, kept[row.MemoryUnit.id]) for row in rows]
    matches.sort(key=lambda match: (-match.score, -match.unit_id))
    return matches


def _candidates(
    session: Session, source_language: str, target_language: str, key: str
) -> list[int]:
    """The units sharing the most (rare-weighted) source terms with `key`, best first.

    The terms' unit counts are primary-key lookups in `memory_term_counts`; then only the
    units of the rarest few terms are read, within a budget of index rows.
    """
    found = sorted(terms(key, every_character=False), key=len, reverse=True)[:MAX_TERMS]
    hashes = term_hashes(source_language, target_language, "source", found)
    if not hashes:
        return []
    counts = _unit_counts(session, hashes)
    rare: dict[int, float] = {}
    read = 0
    for count, term in sorted((count, term) for term, count in counts.items() if count < TERM_CAP):
        if len(rare) == RAREST_TERMS or (rare and read + count > POSTINGS_BUDGET):
            break
        rare[term] = 1 / count
        read += count
    if not rare:
        return []
    scores: dict[int, float] = {}
    for term, unit_id in session.execute(
        select(MemoryTerm.term, MemoryTerm.unit_id).where(MemoryTerm.term.in_(rare))
    ):
        scores[unit_id] = scores.get(unit_id, 0.0) + rare[term]
    ranked = sorted(scores, key=lambda unit_id: (-scores[unit_id], -unit_id))
    return ranked[:CANDIDATES]


def _unit_counts(session: Session, hashes: list[int]) -> dict[int, int]:
    """How many units have each of these terms (those no unit has are left out)."""
    return dict(
        session.execute(
            select(MemoryTermCount.term, MemoryTermCount.units).where(
                MemoryTermCount.term.in_(hashes)
            )
        ).all()
    )


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


def unit_origin(session: Session, unit_id: int) -> Origin | None:
    """Where one unit came from, as matches and search hits show it."""
    row = session.execute(_with_origin(MemoryUnit.id == unit_id)).first()
    return _match(row, 0).origin if row is not None else None


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
# The most index rows the concordance reads in one slice of a term's range.
WALK_SLICE_MAX = 20_000


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

    The phrase's rarest term on each side names the units worth looking in: each side's
    index range is walked newest first, keeping the units that contain the phrase, and
    stops once the page is full. A phrase of one Chinese or Japanese character has no indexed
    term and is looked for in the whole pair, newest first (slower when it is rare).
    """
    key = match_key(phrase)
    page = max(page, 1)
    if not key:
        return ConcordancePage([], page, has_next=False)
    wanted = page * page_size + 1  # this page and everything before it, and one more
    contains = or_(
        MemoryUnit.source_key.contains(key, autoescape=True),
        MemoryUnit.target_key.contains(key, autoescape=True),
    )
    chosen = _rarest_terms(session, source_language, target_language, key)
    if chosen is None:
        found = list(
            session.scalars(
                select(MemoryUnit.id)
                .where(
                    MemoryUnit.source_language == source_language,
                    MemoryUnit.target_language == target_language,
                    contains,
                )
                .order_by(desc(MemoryUnit.id))
                .limit(wanted)
            )
        )
    else:
        found = sorted(
            {unit_id for term in chosen for unit_id in _walk(session, term, contains, wanted)},
            reverse=True,
        )
    start = (page - 1) * page_size
    ids = found[start : start + page_size]
    rows = session.execute(_with_origin(MemoryUnit.id.in_(ids))).all() if ids else []
    matches = sorted((_match(row, 0) for row in rows), key=lambda match: -match.unit_id)
    return ConcordancePage(matches, page, has_next=len(found) > start + page_size)


def _walk(session: Session, term: int, contains: ColumnElement[bool], wanted: int) -> list[int]:
    """Up to `wanted` units of one term that contain the phrase, newest first.

    The term's index range is read backwards a slice at a time (ids only), and each slice's
    units are checked for the phrase by id, until enough are found: a common term fills the
    page from its first slice, a rare one has little to read. Two simple statements rather
    than one join, because PostgreSQL's planner chose a merge join along every unit of the
    memory for a common word (240 ms at 1,000,000 units, against 2 ms this way).
    """
    found: list[int] = []
    below: int | None = None
    size = max(2 * wanted, 64)
    while len(found) < wanted:
        ids_query = select(MemoryTerm.unit_id).where(MemoryTerm.term == term)
        if below is not None:
            ids_query = ids_query.where(MemoryTerm.unit_id < below)
        ids = list(session.scalars(ids_query.order_by(desc(MemoryTerm.unit_id)).limit(size)))
        if not ids:
            break
        hits = session.scalars(select(MemoryUnit.id).where(MemoryUnit.id.in_(ids), contains))
        found.extend(sorted(hits, reverse=True))
        if len(ids) < size:
            break
        below, size = ids[-1], min(size * 4, WALK_SLICE_MAX)
    return found[:wanted]


def _rarest_terms(
    session: Session, source_language: str, target_language: str, key: str
) -> list[int] | None:
    """The phrase's rarest source-side term and its rarest target-side term (those present);
    None when the phrase has no term that can narrow the search.

    Only whole terms narrow the search, and a phrase's first and last words may be cut short
    ("united sta"): those are counted like the others, and a term no unit has (a cut word)
    would find nothing, so terms found nowhere are passed over in favour of the rest.
    """
    # A character of an unspaced script is indexed only where it stands alone, so it cannot
    # narrow the search for a phrase in which it stands alone but which others continue.
    found = sorted(term for term in terms(key, every_character=False) if not _lone_character(term))
    if not found:
        return None
    sides: tuple[Side, Side] = ("source", "target")
    hashes = {side: term_hashes(source_language, target_language, side, found) for side in sides}
    counts = _unit_counts(session, [term for side in sides for term in hashes[side]])
    chosen = []
    for side in sides:
        present = [(counts[term], term) for term in hashes[side] if term in counts]
        if present:
            chosen.append(min(present)[1])
    return chosen


def _lone_character(term: str) -> bool:
    return len(match_tokens(term)) == 1 and is_mostly_unspaced(term)


__all__ = [
    "ConcordancePage",
    "Match",
    "Origin",
    "concordance",
    "find_matches",
    "score",
    "unit_origin",
]
