"""The approved terms found in a source text, with what the translation may and may not say.

This is what the editor highlights, what a segment's suggestions list under `terms`, and what
the quality checks read (`terms_in`). The pair's matcher is built once and kept per process,
keyed by the pair's latest `TermChange`: one indexed lookup per request tells whether any
process changed the termbase since, and only then is the matcher rebuilt.

A pair's terms are those filed under its exact codes and under their base languages, so a
translation from `es-AR` uses the desk's `es`→`en` terms.
"""

import threading
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from translate_flow.domain.models import Term, TermChange, TermStatus
from translate_flow.terms.matcher import MatchableTerm, TermMatcher
from translate_flow.text.languages import base_language


@dataclass(frozen=True, slots=True)
class FoundTerm:
    """One term found in a source: where, and the forms the translation should use."""

    term_id: int
    source: str  # the term's source form
    found: str  # the text as the source has it at start:end
    start: int  # code points of the NFC text matched, end exclusive
    end: int
    targets: tuple[str, ...]  # allowed target forms, the preferred first
    forbidden: tuple[tuple[str, str], ...]  # (form, reason)
    note: str
    category: str
    case_sensitive: bool
    whole_word: bool
    do_not_translate: bool

    @property
    def preferred(self) -> str:
        if self.do_not_translate or not self.targets:
            return self.source
        return self.targets[0]

    @property
    def allowed(self) -> tuple[str, ...]:
        """What a translation may say for it: its targets, or the source form kept."""
        return (self.source,) if self.do_not_translate else self.targets

    def as_json(self) -> dict[str, Any]:
        return {
            "term_id": self.term_id,
            "source": self.source,
            "found": self.found,
            "targets": list(self.targets),
            "preferred": self.preferred,
            "forbidden": [{"form": form, "reason": reason} for form, reason in self.forbidden],
            "note": self.note,
            "category": self.category,
            "flags": {
                "case_sensitive": self.case_sensitive,
                "whole_word": self.whole_word,
                "do_not_translate": self.do_not_translate,
            },
            "start": self.start,
            "end": self.end,
        }


# The pair's latest change: its id and time (SQLite may give a rolled-back change's id again;
# the time tells the two apart).
Version = tuple[int, str]


@dataclass(frozen=True, slots=True)
class _TermFacts:
    """A term as the cache keeps it: plain values, no ORM object shared across sessions."""

    source: str
    targets: tuple[str, ...]
    forbidden: tuple[tuple[str, str], ...]
    note: str
    category: str
    case_sensitive: bool
    whole_word: bool
    do_not_translate: bool


@dataclass(frozen=True)
class _PairTerms:
    version: Version
    matcher: TermMatcher
    terms: dict[int, _TermFacts]


# By database (tests and the CLI may open several in one process) and pair.
_cache: dict[tuple[str, str, str], _PairTerms] = {}
_lock = threading.Lock()


def _codes(source_language: str, target_language: str) -> tuple[set[str], set[str]]:
    return (
        {source_language, base_language(source_language)},
        {target_language, base_language(target_language)},
    )


def pair_version(session: Session, source_language: str, target_language: str) -> Version:
    sources, targets = _codes(source_language, target_language)
    latest = session.execute(
        select(TermChange.id, TermChange.created_at)
        .where(TermChange.source_language.in_(sources), TermChange.target_language.in_(targets))
        .order_by(TermChange.id.desc())
        .limit(1)
    ).first()
    return (0, "") if latest is None else (int(latest[0]), latest[1].isoformat())


def _load(
    session: Session, source_language: str, target_language: str, version: Version
) -> _PairTerms:
    sources, targets = _codes(source_language, target_language)
    rows = session.scalars(
        select(Term).where(
            Term.source_language.in_(sources),
            Term.target_language.in_(targets),
            Term.status == TermStatus.APPROVED,
        )
    ).all()
    matcher = TermMatcher(
        MatchableTerm(
            row.id,
            (row.source, *row.variants),
            case_sensitive=row.case_sensitive,
            whole_word=row.whole_word,
        )
        for row in rows
    )
    facts = {
        row.id: _TermFacts(
            source=row.source,
            targets=tuple(row.targets),
            forbidden=tuple((item["form"], item.get("reason", "")) for item in row.forbidden),
            note=row.note,
            category=row.category.value,
            case_sensitive=row.case_sensitive,
            whole_word=row.whole_word,
            do_not_translate=row.do_not_translate,
        )
        for row in rows
    }
    return _PairTerms(version, matcher, facts)


def pair_terms(session: Session, source_language: str, target_language: str) -> _PairTerms:
    version = pair_version(session, source_language, target_language)
    bind = session.get_bind()
    key = (str(bind.engine.url), source_language, target_language)
    cached = _cache.get(key)
    if cached is not None and cached.version == version:
        return cached
    with _lock:
        cached = _cache.get(key)
        if cached is None or cached.version != version:
            cached = _load(session, source_language, target_language, version)
            _cache[key] = cached
    return cached


def terms_in(
    session: Session, source_language: str, target_language: str, text: str
) -> list[FoundTerm]:
    """The pair's approved terms found in `text` (NFC), in order, overlaps resolved."""
    return _found(pair_terms(session, source_language, target_language), text)


def _found(pair: _PairTerms, text: str) -> list[FoundTerm]:
    found: list[FoundTerm] = []
    for hit in pair.matcher.find(text):
        term = pair.terms[hit.term_id]
        found.append(
            FoundTerm(
                term_id=hit.term_id,
                source=term.source,
                found=text[hit.start : hit.end],
                start=hit.start,
                end=hit.end,
                targets=term.targets,
                forbidden=term.forbidden,
                note=term.note,
                category=term.category,
                case_sensitive=term.case_sensitive,
                whole_word=term.whole_word,
                do_not_translate=term.do_not_translate,
            )
        )
    return found


def terms_in_any(
    session: Session, source_language: str, target_language: str, texts: list[str]
) -> list[list[FoundTerm]]:
    """`terms_in` for many texts (an article's segments) with one version lookup."""
    pair = pair_terms(session, source_language, target_language)
    return [_found(pair, text) for text in texts]


def forget_cached_terms() -> None:
    """For tests that recreate the database: ids and versions start again from 1."""
    with _lock:
        _cache.clear()


__all__ = ["FoundTerm", "forget_cached_terms", "pair_terms", "terms_in", "terms_in_any"]
