"""The engines as the admin page and `GET /machine-engines` show them: for each, the desk's
pairs it serves, its mode and place in each, and whether any of the desk's text goes to it."""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from translate_flow.core.errors import UnknownLanguage
from translate_flow.domain.models import LanguagePair, MachineMode, MachinePairSetting
from translate_flow.machine.configured import (
    ConfiguredEngine,
    Pair,
    configured_engines,
    covers,
    supported_pairs,
)
from translate_flow.machine.engine import MachineError
from translate_flow.machine.pair_settings import choice_for
from translate_flow.text.languages import get_language


@dataclass(frozen=True)
class PairLine:
    source_language: str
    target_language: str
    mode: MachineMode
    priority: int
    chosen: bool  # an admin's setting, not the default


@dataclass(frozen=True)
class EngineLine:
    engine: ConfiguredEngine
    pairs: list[PairLine]
    # Why the engine's own pairs are unknown (its server did not answer); its desk pairs are
    # then all listed.
    pairs_error: str | None

    @property
    def receives_text(self) -> bool:
        """Whether text of any of the desk's pairs may be sent to it now."""
        return any(line.mode is not MachineMode.OFF for line in self.pairs)


def _code(code: str) -> str | None:
    try:
        return get_language(code).code
    except UnknownLanguage:
        return None


def desk_pairs(session: Session) -> list[Pair]:
    """The pairs someone on the desk works in, and those an engine has a setting for."""
    found = session.execute(
        select(LanguagePair.source_language, LanguagePair.target_language)
        .distinct()
        .union(select(MachinePairSetting.source_language, MachinePairSetting.target_language))
    ).all()
    pairs: set[Pair] = set()
    for source, target in found:
        pair = (_code(source), _code(target))
        if pair[0] and pair[1]:
            pairs.add((pair[0], pair[1]))
    return sorted(pairs)


def engine_line(session: Session, engine: ConfiguredEngine, pairs: list[Pair]) -> EngineLine:
    try:
        offered = supported_pairs(engine)
        error = None
    except MachineError as failure:
        offered, error = None, failure.message
    lines = []
    for source, target in pairs:
        if not covers(offered, source, target):
            continue
        choice = choice_for(session, engine, source, target)
        lines.append(PairLine(source, target, choice.mode, choice.priority, choice.chosen))
    return EngineLine(engine, lines, error)


def engine_lines(session: Session, config: Mapping[str, Any]) -> list[EngineLine]:
    pairs = desk_pairs(session)
    return [engine_line(session, e, pairs) for e in configured_engines(session, config)]
