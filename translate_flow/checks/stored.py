"""A segment's findings kept from its last save (`CheckResult`), and the key that says whether
they still describe it.

The key is a hash of everything a segment's own checks read: the pair, the source in
placeholder form and as plain text, the row's text, the terms found in the source (their
fingerprint: ids and every form and flag), the pair's length figure, and the checks' version.
Any of these changed — the source corrected, a term of this segment edited, the desk's usual
length moved, the checks' code changed — and the key differs, so the findings are found again.

Finding the terms costs more than the rest of the key together (a matcher over every
segment), so a result also keeps the termbase version its terms were found under
(`terms.finding.pair_version`): while the pair's termbase has not changed since, the kept
fingerprint is still the right one and no term is looked for.

The checks' version is CHECKS_VERSION with a fingerprint of this package's code and the
registered checks, read once per process: a release that changes a check makes every kept
result out of date by itself. CHECKS_VERSION is for what the fingerprint cannot see, a change
of behaviour in code the checks use from outside the package (text analysis, the terms).

Checks that compare a segment with the rest of the article (ARTICLE_CHECKS) are not kept:
their findings change with other rows. They run over the whole article when it is read.
"""

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import Insert, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from translate_flow.checks.base import CHECKS, Check, Finding, Severity, Span
from translate_flow.domain.models import TranslationSegment, utcnow
from translate_flow.domain.models.checks import CheckResult
from translate_flow.terms.finding import FoundTerm

# Bump when checks change behaviour through code outside this package.
CHECKS_VERSION = 1
# Checks that read `CheckContext.siblings`: a check that compares segments belongs here.
ARTICLE_CHECKS = frozenset({"consistency"})


def per_segment(check: Check) -> bool:
    return check.name not in ARTICLE_CHECKS


def across_article(check: Check) -> bool:
    return check.name in ARTICLE_CHECKS


def _digest(parts: Sequence[str]) -> str:
    return hashlib.blake2b("\x1f".join(parts).encode(), digest_size=16).hexdigest()


@lru_cache(maxsize=1)
def _code() -> str:
    """The package's own modules, as this process runs them."""
    files = sorted(Path(__file__).parent.glob("*.py"))
    return _digest(
        [f"{path.name}:{hashlib.blake2b(path.read_bytes()).hexdigest()}" for path in files]
    )


def checks_version() -> str:
    """CHECKS_VERSION, the package's code and which classes are registered under which names."""
    from translate_flow.checks import catalogue  # noqa: F401  (every check registered)

    registered = [
        f"{name}={type(check).__module__}.{type(check).__qualname__}"
        for name, check in sorted(CHECKS.items())
    ]
    return _digest([str(CHECKS_VERSION), _code(), *registered])


def terms_fingerprint(terms: Sequence[FoundTerm]) -> str:
    # Frozen dataclasses of strings, numbers and tuples: their repr is every field, in order.
    return _digest([repr(term) for term in terms])


def findings_key(
    *,
    version: str,
    source_language: str,
    target_language: str,
    source: str,
    plain_source: str,
    text: str,
    terms: str,
    ratio: tuple[float, float] | None,
) -> str:
    return _digest(
        [version, source_language, target_language, source, plain_source, text, terms, repr(ratio)]
    )


def version_text(version: tuple[int, str]) -> str:
    return f"{version[0]}@{version[1]}"


@dataclass(frozen=True, slots=True)
class Kept:
    key: str
    terms_version: str
    terms: str
    findings: list[dict[str, Any]]

    def read(self) -> list[Finding]:
        return [from_json(item) for item in self.findings]


def from_json(item: dict[str, Any]) -> Finding:
    return Finding(
        item["check"],
        Severity(item["severity"]),
        item["message"],
        tuple(Span(span["start"], span["end"]) for span in item["source_spans"]),
        tuple(Span(span["start"], span["end"]) for span in item["target_spans"]),
    )


def kept_results(
    session: Session, translation_id: int, row_ids: Sequence[int] | None
) -> dict[int, Kept]:
    """Per row id, the results kept for the translation's rows (`row_ids` only, if given)."""
    query = select(
        CheckResult.translation_segment_id,
        CheckResult.key,
        CheckResult.terms_version,
        CheckResult.terms,
        CheckResult.findings,
    )
    if row_ids is None:
        query = query.join(
            TranslationSegment, TranslationSegment.id == CheckResult.translation_segment_id
        ).where(TranslationSegment.translation_id == translation_id)
    else:
        query = query.where(CheckResult.translation_segment_id.in_(row_ids))
    return {
        row_id: Kept(key, terms_version, terms, findings)
        for row_id, key, terms_version, terms, findings in session.execute(query)
    }


_KEPT_COLUMNS = ("key", "terms_version", "terms", "findings", "computed_at")


@lru_cache(maxsize=2)
def _upsert(dialect_name: str) -> Insert:
    """INSERT … ON CONFLICT DO UPDATE of one result, built once: every autosave sends it, and
    building the statement cost more than sending it."""
    dialect = postgresql if dialect_name == "postgresql" else sqlite
    statement = dialect.insert(CheckResult)
    upsert: Insert = statement.on_conflict_do_update(
        index_elements=[CheckResult.translation_segment_id],
        set_={name: statement.excluded[name] for name in _KEPT_COLUMNS},
    )
    return upsert


def keep(session: Session, row_id: int, kept: Kept) -> None:
    """Write a row's result, replacing the one it had (two saves at once: the last one wins,
    and either is right for the key it carries)."""
    session.execute(
        _upsert(session.get_bind().dialect.name),
        {
            "translation_segment_id": row_id,
            "key": kept.key,
            "terms_version": kept.terms_version,
            "terms": kept.terms,
            "findings": kept.findings,
            "computed_at": utcnow(),
        },
    )


__all__ = [
    "ARTICLE_CHECKS",
    "CHECKS_VERSION",
    "Kept",
    "across_article",
    "checks_version",
    "findings_key",
    "keep",
    "kept_results",
    "per_segment",
    "terms_fingerprint",
    "version_text",
]
