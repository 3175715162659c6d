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
from typing import Any

from rapidfuzz.distance import Levenshtein
from sqlalchemy import ColumnElement, Select, desc, select
from sqlalchemy import text as sql
from sqlalchemy.orm import Session, aliased

from translate_flow.core.full_text import SearchQuery, fts5_match, matching, search_query
from translate_flow.domain.models import Article, Translation, User
from translate_flow.domain.models.memory import (
    MemoryCollection,
    MemoryTerm,
    MemoryTermCount,
    MemoryUnit,
)
from translate_flow.domain.models.search import pair_token
from translate_flow.memory.index import term_hashes, text_hash
from translate_flow.text.analysis import comparison_form, match_key, match_tokens, terms
from translate_flow.text.search_tokens import Alternative

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
# How many of a pair's newest units PostgreSQL tests one by one, slice after slice, before
# asking the index, in units wanted (page 1: 105 units, a few ms).
NEWEST_SLICES = (5,)


@dataclass(frozen=True, slots=True)
class ConcordancePage:
    matches: list[Match]  # score 0: a concordance hit has no score
    page: int
    has_next: bool
    # Why a search found nothing without looking (only punctuation or emoji); "" otherwise.
    problem: str = ""


def concordance(
    session: Session,
    source_language: str,
    target_language: str,
    phrase: str,
    page: int = 1,
    *,
    page_size: int = PAGE_SIZE,
) -> ConcordancePage:
    """The pair's units whose source or translation has every word of `phrase`, newest first,
    one page.

    Words as the search analyser sees them (`text.search_tokens`), on both sides, as the
    desk's article search: without harakat or accents, in another case of a Russian noun,
    full-width or half-width, the last word (of 3 letters or more) as the start of one; a
    Chinese or Japanese word by its characters' pairs. A phrase with nothing to search (only
    punctuation or emoji) finds nothing, and `problem` says why.
    """
    page = max(page, 1)
    search = search_query(phrase, [source_language, target_language])
    if not search.groups:
        return ConcordancePage([], page, has_next=False, problem=search.problem)
    start = (page - 1) * page_size
    in_pair = (Alternative((pair_token(source_language, target_language),)),)
    words = SearchQuery(search.text, [*search.groups, in_pair])
    pair = (MemoryUnit.source_language == source_language) & (
        MemoryUnit.target_language == target_language
    )
    wanted = start + page_size + 1  # one more than the page: whether there is a next one
    if session.get_bind().dialect.name == "sqlite":
        # The pair's token makes FTS5's matches the pair's alone, and FTS5 gives them newest
        # first, stopping at the limit (0.5 ms for a common word at 200,000 units, where
        # `id IN (its matches)` gathered them all first: 15–45 ms).
        newest_first = sql(
            "SELECT rowid FROM memory_search WHERE memory_search MATCH :q "
            "ORDER BY rowid DESC LIMIT :n"
        ).bindparams(q=fts5_match(words.groups), n=wanted)
        found = list(session.scalars(newest_first))
    else:
        found = _newest_on_postgres(session, pair, words, wanted)
    ids = found[start : start + page_size]
    rows = session.execute(_with_origin(MemoryUnit.id.in_(ids))).all() if ids else []
    matches = sorted((_match(row, 0) for row in rows), key=lambda match: -match.unit_id)
    return ConcordancePage(matches, page, has_next=len(found) > start + page_size)


_INDEX: dict[str, Any] = {
    "fts_table": "memory_search",
    "id_column": MemoryUnit.id,
    "by_id": True,
}


def _newest_on_postgres(
    session: Session, pair: ColumnElement[bool], words: SearchQuery, wanted: int
) -> list[int]:
    """The `wanted` newest units of the pair that match, in two steps.

    PostgreSQL's planner, left to itself, either walked the table backwards testing every
    unit (2 s at 200,000 units for a word few units have: the tsvector is rebuilt for each
    row, about 20 µs) or read every match through the GIN index and sorted them (180 ms for
    a common one). So: first the pair's newest units, named by the pair's index alone, are
    tested one by one (`NEWEST_SLICES`): a word in one unit in 5 or more fills
    the page there. A rarer one's units still wanted come from the GIN index, below them, with the
    order hidden from the planner (`id + 0`) and the sequential scan forbidden, so that it
    cannot walk the table instead, and without the pair's columns (its token in the query
    says it), which it would otherwise intersect with the pair's whole index range.
    """
    found: list[int] = []
    below: int | None = None
    for size in (wanted * share for share in NEWEST_SLICES):
        ids = select(MemoryUnit.id).where(pair)
        if below is not None:
            ids = ids.where(MemoryUnit.id < below)
        window = list(session.scalars(ids.order_by(desc(MemoryUnit.id)).limit(size)))
        if not window:
            return found
        found += session.scalars(
            matching(session, select(MemoryUnit.id), words, **_INDEX)
            .where(MemoryUnit.id.in_(window))
            .order_by(desc(MemoryUnit.id))
            .limit(wanted - len(found))
        )
        if len(found) == wanted or len(window) < size:
            return found
        below = window[-1]
    rest = (
        matching(session, select(MemoryUnit.id), words, **_INDEX)
        .where(MemoryUnit.id < below)
        .order_by(desc(MemoryUnit.id + 0))
        .limit(wanted - len(found))
    )
    session.execute(sql("SET LOCAL enable_seqscan = off"))
    try:
        return found + list(session.scalars(rest))
    finally:
        session.execute(sql("RESET enable_seqscan"))


__all__ = [
    "ConcordancePage",
    "Match",
    "Origin",
    "concordance",
    "find_matches",
    "score",
    "unit_origin",
]
