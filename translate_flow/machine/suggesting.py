"""Machine suggestions for a text of a pair: from the cache, or from the engines that may have it.

Reads (engines, settings, the cache) go through the caller's session; each engine is then
called without any transaction held, several at once, and what they answered is stored in a
short transaction of its own. Call it with a read session, or after ending a write
transaction (`release_before_slow_io`): on SQLite a held write lock would make the store wait.

Nothing here raises for an engine's sake: a failed engine is an "unavailable" marker, a
failed store is logged and the answer still returned.
"""

import logging
import time
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from translate_flow.core.db import Database
from translate_flow.domain.models import MachineMode, Translation
from translate_flow.machine import cache, calling
from translate_flow.machine.configured import ConfiguredEngine, configured_engines, instance
from translate_flow.machine.engine import MachineError
from translate_flow.machine.pair_settings import engines_for_pair, mode_for

log = logging.getLogger(__name__)

DEFAULT_WAIT_SECONDS = 10.0
# Engines asked at once for one suggestion; more would only queue on two cores.
MAX_PARALLEL = 4


@dataclass(frozen=True)
class Translated:
    text: str
    cached: bool  # from the cache: nothing was sent


def cache_days(config: Mapping[str, Any]) -> int:
    return int(config.get("MACHINE_CACHE_DAYS") or cache.DEFAULT_DAYS)


def wait_seconds(config: Mapping[str, Any]) -> float:
    return float(config.get("MACHINE_WAIT_SECONDS") or DEFAULT_WAIT_SECONDS)


def _store(
    database: Database,
    engine: ConfiguredEngine,
    source_language: str,
    target_language: str,
    answers: Mapping[str, str],
    days: int,
) -> None:
    """Keep the answers; a store that fails costs the next request a call, never this one."""
    if not answers:
        return
    try:
        with database.transaction() as session:
            cache.store(session, engine.name, source_language, target_language, answers, days=days)
    except SQLAlchemyError:
        log.warning("could not cache %s's answers", engine.name, exc_info=True)


@dataclass
class _Job:
    """One engine's texts: those the cache answered, and those to send."""

    engine: ConfiguredEngine
    normalised: list[str]
    found: dict[str, str]

    @property
    def missing(self) -> list[str]:
        return list(dict.fromkeys(t for t in self.normalised if t and t not in self.found))

    def results(self, answers: Mapping[str, str]) -> list[Translated]:
        return [
            Translated(self.found[t], cached=True)
            if t in self.found
            else Translated(answers.get(t, ""), cached=False)
            for t in self.normalised
        ]


def _plan(
    session: Session,
    engine: ConfiguredEngine,
    source_language: str,
    target_language: str,
    texts: Sequence[str],
    days: int,
) -> _Job:
    normalised = [cache.normalise(text) for text in texts]
    found = cache.cached(
        session, engine.name, source_language, target_language, set(normalised) - {""}, days=days
    )
    return _Job(engine, normalised, found)


def _call(job: _Job, source_language: str, target_language: str, deadline: float) -> dict[str, str]:
    missing = job.missing
    if not missing:
        return {}
    answers = calling.translate(
        instance(job.engine), missing, source_language, target_language, deadline=deadline
    )
    return dict(zip(missing, answers, strict=True))


def translate_cached(
    session: Session,
    database: Database,
    engine: ConfiguredEngine,
    source_language: str,
    target_language: str,
    texts: Sequence[str],
    *,
    days: int = cache.DEFAULT_DAYS,
    wait: float = DEFAULT_WAIT_SECONDS,
) -> list[Translated]:
    """The engine's translations of the texts, the cache's where it has them.

    Refuses (MachineError "refused") where the engine is off for the pair; raises
    MachineError when the engine fails. Empty texts stay empty and are never sent.
    """
    if mode_for(session, engine, source_language, target_language) is MachineMode.OFF:
        raise MachineError("refused", f"{engine.label} is off for this language pair.")
    job = _plan(session, engine, source_language, target_language, texts, days)
    answers = _call(job, source_language, target_language, time.monotonic() + wait)
    _store(database, engine, source_language, target_language, answers, days)
    return job.results(answers)


def _pair(translation_or_pair: Translation | tuple[str, str]) -> tuple[str, str]:
    if isinstance(translation_or_pair, Translation):
        return translation_or_pair.source_language, translation_or_pair.target_language
    return translation_or_pair


def machine_suggestions(
    session: Session,
    translation_or_pair: Translation | tuple[str, str],
    text: str,
    *,
    database: Database,
    config: Mapping[str, Any],
) -> list[dict[str, Any]]:
    """Each engine's suggestion for one text, in the pair's order.

    `{"engine", "label", "text", "cached"}`, or `{"engine", "label", "unavailable": reason}`
    for an engine that failed or took too long. Engines that are off for the pair are not
    listed and receive nothing. Never raises.
    """
    try:
        source_language, target_language = _pair(translation_or_pair)
        if not cache.normalise(text):
            return []
        days = cache_days(config)
        engines = engines_for_pair(
            session, configured_engines(session, config), source_language, target_language
        )
        jobs = [_plan(session, e, source_language, target_language, [text], days) for e in engines]
    except Exception:
        log.exception("machine suggestions could not be prepared")
        return []
    deadline = time.monotonic() + wait_seconds(config)
    calls = [job for job in jobs if job.missing]
    outcomes: dict[str, dict[str, str] | MachineError] = {}
    if calls:
        with ThreadPoolExecutor(max_workers=min(MAX_PARALLEL, len(calls))) as pool:
            futures = {
                job.engine.name: pool.submit(_call, job, source_language, target_language, deadline)
                for job in calls
            }
            for name, future in futures.items():
                try:
                    outcomes[name] = future.result()
                except MachineError as error:
                    outcomes[name] = error
                except Exception:
                    log.exception("machine engine %s failed", name)
                    outcomes[name] = MachineError("unavailable", "The engine failed.")
    found: list[dict[str, Any]] = []
    for job in jobs:
        outcome = outcomes.get(job.engine.name, {})
        entry: dict[str, Any] = {"engine": job.engine.name, "label": job.engine.label}
        if isinstance(outcome, MachineError):
            found.append({**entry, "unavailable": outcome.message})
            continue
        _store(database, job.engine, source_language, target_language, outcome, days)
        (result,) = job.results(outcome)
        found.append({**entry, "text": result.text, "cached": result.cached})
    return found
