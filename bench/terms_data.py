"""The benchmark desk's termbase: 20,000 approved terms in the pair of the editor case's
translation, so that the editor page, the autosave's checks and the suggestions endpoint work
against a style sheet of a real desk's size (issue 26: "memory at 1,000,000 units, 20,000
terms, checks").

A few hundred terms are words and phrases of that translation's own source (one or two a
segment), so that every page and every suggestion finds and renders real matches; the rest
are words of the source language's letters that the article may or may not contain, as most
of a termbase's entries are absent from any one article. Japanese and Spanish get the
termbase benchmark's names, organisations and terms (`bench.terms_bench`).
"""

import random
import time
from typing import Any

from sqlalchemy import func, insert, select

from bench import terms_bench
from bench.synthetic import ENGLISH, LANGUAGES, _letters
from translate_flow.core.db import Database
from translate_flow.domain.models import Segment, Term, TermAction, TermChange, Translation, utcnow
from translate_flow.terms.folding import term_key
from translate_flow.terms.listing import search_text
from translate_flow.text.collation import collation_key

DESK_TERMS = 20_000
# Terms taken from the article itself: one or two a segment, up to this many.
FROM_THE_ARTICLE = 300


def _article_terms(sources: list[str], dense: bool, rnd: random.Random) -> list[str]:
    """Words, two-word phrases (or, unspaced, runs of two to four characters) of the source."""
    found: list[str] = []
    for text in sources:
        for _ in range(rnd.randint(1, 2)):
            if dense:
                plain = text.rstrip("。")
                if len(plain) < 4:
                    continue
                length = rnd.randint(2, 4)
                start = rnd.randrange(len(plain) - length)
                found.append(plain[start : start + length])
            else:
                words = [word.strip(".,") for word in text.split() if len(word.strip(".,")) >= 4]
                if not words:
                    continue
                at = rnd.randrange(len(words))
                found.append(" ".join(words[at : at + rnd.randint(1, 2)]))
    return found[:FROM_THE_ARTICLE]


def _invented(language: str, rnd: random.Random) -> str:
    kind, spec, _country = LANGUAGES.get(language, ("spaced", "abcdefghijklmnopqrstuvwxyz", ""))
    letters = _letters(spec)
    if kind == "dense":
        return "".join(rnd.choices(letters, k=rnd.randint(3, 5)))
    words = ["".join(rnd.choices(letters, k=rnd.randint(3, 9))) for _ in range(rnd.randint(1, 3))]
    return " ".join(words)


def _row(
    source_language: str, target_language: str, source: str, rnd: random.Random
) -> dict[str, Any]:
    now = utcnow()
    targets = [" ".join(rnd.choices(ENGLISH, k=rnd.randint(1, 3)))]
    return {
        "source_language": source_language,
        "target_language": target_language,
        "source": source,
        "source_key": term_key(source),
        "variants": [],
        "targets": targets,
        "forbidden": [],
        "note": "",
        "category": "term",
        "case_sensitive": False,
        "whole_word": True,
        "do_not_translate": False,
        "status": "approved",
        "search_text": search_text(source, [], targets, ""),
        "sort_key": collation_key(source, source_language),
        "created_at": now,
        "updated_at": now,
    }


def rows_for(
    source_language: str, target_language: str, sources: list[str], count: int, seed: int
) -> list[dict[str, Any]]:
    """`count` distinct terms of the pair (by `term_key`), the article's own first."""
    rnd = random.Random(f"{seed}-{source_language}-{target_language}")
    rows: dict[str, dict[str, Any]] = {}
    dense = LANGUAGES.get(source_language, ("spaced",))[0] == "dense"
    for source in _article_terms(sources, dense, rnd):
        rows.setdefault(term_key(source), _row(source_language, target_language, source, rnd))
    if source_language in ("ja", "es") and target_language == "en":
        for term in terms_bench.synthetic_terms(source_language, count, seed):
            if len(rows) >= count:
                break
            if term["source_key"] not in rows:
                source, targets = term["source"], term["targets"]
                rows[term["source_key"]] = term | {
                    "search_text": search_text(source, term["variants"], targets, ""),
                    "sort_key": collation_key(source, source_language),
                }
    while len(rows) < count:
        source = _invented(source_language, rnd)
        rows.setdefault(term_key(source), _row(source_language, target_language, source, rnd))
    return list(rows.values())


def desk_terms(url: str, translation_id: int, *, count: int = DESK_TERMS, seed: int = 29) -> str:
    """Give the pair of the translation `count` approved terms, unless it has them."""
    database = Database(url)
    try:
        with database.session(write=False) as session:
            translation = session.get_one(Translation, translation_id)
            pair = (translation.source_language, translation.target_language)
            have = session.scalar(
                select(func.count())
                .select_from(Term)
                .where(Term.source_language == pair[0], Term.target_language == pair[1])
            )
            if have and have >= count:
                return f"reused ({have:,} terms, {pair[0]}→{pair[1]})"
            sources = list(
                session.scalars(
                    select(Segment.text)
                    .where(Segment.revision_id == translation.source_revision_id)
                    .order_by(Segment.position)
                )
            )
        started = time.perf_counter()
        rows = rows_for(*pair, sources, count - (have or 0), seed)
        with database.transaction() as session:
            session.execute(insert(Term), rows)
            # The pair's version: the matcher's cache and the kept findings see the change.
            session.add(
                TermChange(
                    term_id=0,
                    source_language=pair[0],
                    target_language=pair[1],
                    action=TermAction.IMPORTED,
                    comment=f"{len(rows):,} terms for the benchmark",
                )
            )
        seconds = time.perf_counter() - started
        return f"built in {seconds:,.0f} s ({len(rows):,} terms, {pair[0]}→{pair[1]})"
    finally:
        database.dispose()
