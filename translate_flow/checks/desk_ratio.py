"""The pair's usual length ratio as the desk's own approved work has it, for the length check.

The memory keeps one unit per segment of every approved translation (`memory.operations`);
their lengths say how long this desk's translations of the pair usually are, which a table
of averages cannot (a desk that explains Japanese terms to its readers writes longer English
than most). The figure is robust to the odd unit: the median of the units' ratios and, as the
spread, their median absolute deviation scaled to a standard deviation's size (× 1.4826), over
the pair's most recent RECENT_UNITS units of desk origin (not imported from files).

A unit's ratio follows the length check's own rule (`length_ratio.scaled_and_kept`): in a
Chinese, Japanese or Korean source only those characters are scaled, so a unit's ratio is
(target length − the source's other characters) ÷ its dense characters. Units too short for
the check to judge (an expected length under MIN_EXPECTED_CHARS by the pair's table figure,
or 1 for a pair not in it) vary too much to learn from and are left out. Under MIN_UNITS
units the pair keeps the table's figure.

Both figures are rounded to two significant digits: finer figures would tell the length check
nothing (it allows a factor of 1.75 at the least), and a figure that moves with every
approval would make every segment's stored findings out of date (`checks.stored` keys them
by it).

Reading 2,000 units takes some milliseconds, so the figure is kept per process and pair,
keyed by the pair's latest unit (its id and time, one indexed lookup per request): an
approval, which adds units, brings a new figure. A republished translation updates its units
in place, unseen by the key; one translation among thousands moves a median little.
"""

import statistics
import threading
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from translate_flow.checks.length_ratio import FALLBACK, MIN_EXPECTED_CHARS, scaled_and_kept
from translate_flow.domain.models.memory import MemoryUnit
from translate_flow.text.analysis import comparison_form
from translate_flow.text.languages import base_language

RECENT_UNITS = 2000
MIN_UNITS = 30
# The median absolute deviation of normally spread values × this is their standard deviation.
MAD_TO_SD = 1.4826

Ratio = tuple[float, float]
# The pair's latest unit: its id and time (SQLite may give a rolled-back unit's id again).
Version = tuple[int, str]

# By database (tests and the CLI may open several in one process) and pair.
_cache: dict[tuple[str, str, str], tuple[Version, Ratio | None]] = {}
_lock = threading.Lock()


def _rounded(value: float) -> float:
    return float(f"{value:.2g}")


def unit_ratio(source: str, target: str, source_language: str, least: float) -> float | None:
    """One unit's target/source ratio by the length check's rule, or None if it is too short:
    its expected length at `least` (the pair's table figure) under MIN_EXPECTED_CHARS."""
    scaled, kept = scaled_and_kept(comparison_form(source), source_language)
    if scaled == 0 or scaled * least + kept < MIN_EXPECTED_CHARS:
        return None
    return (len(comparison_form(target)) - kept) / scaled


def estimate(ratios: Sequence[float]) -> Ratio | None:
    """The median and the scaled median absolute deviation, rounded; None under MIN_UNITS."""
    if len(ratios) < MIN_UNITS:
        return None
    middle = statistics.median(ratios)
    spread = MAD_TO_SD * statistics.median(abs(ratio - middle) for ratio in ratios)
    return _rounded(middle), _rounded(spread)


def _table_figure(source_language: str, target_language: str) -> float:
    known = FALLBACK.get((base_language(source_language), base_language(target_language)))
    return known[0] if known is not None else 1.0


def _learn(session: Session, source_language: str, target_language: str) -> Ratio | None:
    rows = session.execute(
        select(MemoryUnit.source, MemoryUnit.target)
        .where(
            MemoryUnit.source_language == source_language,
            MemoryUnit.target_language == target_language,
            MemoryUnit.collection_id.is_(None),
        )
        .order_by(MemoryUnit.id.desc())
        .limit(RECENT_UNITS)
    )
    least = _table_figure(source_language, target_language)
    ratios = [
        ratio
        for source, target in rows
        if (ratio := unit_ratio(source, target, source_language, least)) is not None
    ]
    return estimate(ratios)


def _version(session: Session, source_language: str, target_language: str) -> Version:
    latest = session.execute(
        select(MemoryUnit.id, MemoryUnit.created_at)
        .where(
            MemoryUnit.source_language == source_language,
            MemoryUnit.target_language == target_language,
        )
        .order_by(MemoryUnit.id.desc())
        .limit(1)
    ).first()
    return (0, "") if latest is None else (int(latest[0]), latest[1].isoformat())


def desk_ratio(session: Session, source_language: str, target_language: str) -> Ratio | None:
    """The pair's (usual ratio, spread) from the desk's approved work, or None when it has too
    little of it (the length check then uses its table)."""
    version = _version(session, source_language, target_language)
    key = (str(session.get_bind().engine.url), source_language, target_language)
    cached = _cache.get(key)
    if cached is not None and cached[0] == version:
        return cached[1]
    with _lock:
        cached = _cache.get(key)
        if cached is None or cached[0] != version:
            cached = (version, _learn(session, source_language, target_language))
            _cache[key] = cached
    return cached[1]


def forget_cached_ratios() -> None:
    """For tests that recreate the database: ids and times start again."""
    with _lock:
        _cache.clear()


__all__ = ["desk_ratio", "estimate", "forget_cached_ratios", "unit_ratio"]
