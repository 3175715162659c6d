"""What each engine may do for each language pair: off, suggestions, or drafts too; and in
which order a pair's engines come.

Without an admin's row for the pair an engine's default holds: an environment engine
suggests, an admin-added engine suggests once enabled and is off until then. A disabled
engine is off for every pair whatever its rows say. No text of a pair is sent to an engine
that is off for it: every path that sends text asks `mode_for` first.

A setting made for a base pair (`es`→`en`) covers its regional variants (`es-AR`→`en`); one
made for the variant itself comes first.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from translate_flow.core.errors import NotFound, ValidationFailed
from translate_flow.domain.models import MachineMode, MachinePairSetting, User, utcnow
from translate_flow.machine.configured import ConfiguredEngine, covers, supported_pairs
from translate_flow.machine.engine import MachineError
from translate_flow.text.languages import base_language, get_language

DEFAULT_PRIORITY = 100
MAX_PRIORITY = 1000
_RANK = {MachineMode.OFF: 0, MachineMode.SUGGESTIONS: 1, MachineMode.DRAFTS: 2}


def allows(mode: MachineMode, wanted: MachineMode) -> bool:
    """Whether `mode` allows what `wanted` needs (drafts allow suggestions too)."""
    return _RANK[mode] >= _RANK[wanted]


@dataclass(frozen=True)
class PairChoice:
    """An engine's mode and place for one pair, and whether an admin chose it."""

    mode: MachineMode
    priority: int
    chosen: bool


def _rows(
    session: Session, names: Iterable[str], source_language: str, target_language: str
) -> dict[tuple[str, str, str], MachinePairSetting]:
    pairs = {(source_language, target_language)}
    pairs.add((base_language(source_language), base_language(target_language)))
    rows = session.scalars(
        select(MachinePairSetting).where(
            MachinePairSetting.engine.in_(list(names)),
            MachinePairSetting.source_language.in_({s for s, _t in pairs}),
            MachinePairSetting.target_language.in_({t for _s, t in pairs}),
        )
    ).all()
    return {(row.engine, row.source_language, row.target_language): row for row in rows}


def default_mode(engine: ConfiguredEngine) -> MachineMode:
    return MachineMode.SUGGESTIONS if engine.enabled else MachineMode.OFF


def _choice(
    engine: ConfiguredEngine,
    rows: dict[tuple[str, str, str], MachinePairSetting],
    source_language: str,
    target_language: str,
) -> PairChoice:
    row = rows.get((engine.name, source_language, target_language)) or rows.get(
        (engine.name, base_language(source_language), base_language(target_language))
    )
    if row is None:
        return PairChoice(default_mode(engine), DEFAULT_PRIORITY, chosen=False)
    # The switch comes first: a disabled engine receives nothing, whatever a pair says.
    mode = row.mode if engine.enabled else MachineMode.OFF
    return PairChoice(mode, row.priority, chosen=True)


def choice_for(
    session: Session, engine: ConfiguredEngine, source_language: str, target_language: str
) -> PairChoice:
    rows = _rows(session, [engine.name], source_language, target_language)
    return _choice(engine, rows, source_language, target_language)


def mode_for(
    session: Session, engine: ConfiguredEngine, source_language: str, target_language: str
) -> MachineMode:
    """The engine's mode for the pair: what decides whether any text of it may be sent."""
    return choice_for(session, engine, source_language, target_language).mode


def _serves(engine: ConfiguredEngine, source_language: str, target_language: str) -> bool:
    """Whether the engine takes the pair; an engine that cannot say (its server is down) is
    kept, so that the editor shows it as unavailable rather than hiding it."""
    try:
        return covers(supported_pairs(engine), source_language, target_language)
    except MachineError:
        return True


def engines_for_pair(
    session: Session,
    engines: Sequence[ConfiguredEngine],
    source_language: str,
    target_language: str,
    *,
    at_least: MachineMode = MachineMode.SUGGESTIONS,
) -> list[ConfiguredEngine]:
    """The engines that serve the pair and may do `at_least` for it, first first."""
    rows = _rows(session, [e.name for e in engines], source_language, target_language)
    chosen = []
    for order, engine in enumerate(engines):
        choice = _choice(engine, rows, source_language, target_language)
        if allows(choice.mode, at_least) and _serves(engine, source_language, target_language):
            chosen.append((choice.priority, order, engine))
    return [engine for _priority, _order, engine in sorted(chosen, key=lambda c: c[:2])]


def draft_engine(
    session: Session,
    engines: Sequence[ConfiguredEngine],
    source_language: str,
    target_language: str,
) -> ConfiguredEngine | None:
    """The engine a whole-article draft of the pair comes from; None where no engine allows
    drafts for it (then no translator may ask for one)."""
    allowed = engines_for_pair(
        session, engines, source_language, target_language, at_least=MachineMode.DRAFTS
    )
    return allowed[0] if allowed else None


def settings_of(session: Session, engine_name: str) -> list[MachinePairSetting]:
    """An engine's rows, by pair."""
    return list(
        session.scalars(
            select(MachinePairSetting)
            .where(MachinePairSetting.engine == engine_name)
            .order_by(MachinePairSetting.source_language, MachinePairSetting.target_language)
        ).all()
    )


def _code(code: str, name: str) -> str:
    if not code.strip():
        raise ValidationFailed(f"Choose the {name} language.")
    return get_language(code).code


def choose(
    session: Session,
    actor: User,
    engine: ConfiguredEngine,
    source_language: str,
    target_language: str,
    mode: MachineMode,
    priority: int = DEFAULT_PRIORITY,
) -> MachinePairSetting:
    """An admin sets the engine's mode and place for the pair."""
    source, target = _code(source_language, "source"), _code(target_language, "target")
    if source == target:
        raise ValidationFailed("A pair needs two different languages.")
    if not 0 <= priority <= MAX_PRIORITY:
        raise ValidationFailed(f"The order is a whole number from 0 to {MAX_PRIORITY}.")
    row = session.scalar(
        select(MachinePairSetting).where(
            MachinePairSetting.engine == engine.name,
            MachinePairSetting.source_language == source,
            MachinePairSetting.target_language == target,
        )
    )
    if row is None:
        row = MachinePairSetting(engine=engine.name, source_language=source, target_language=target)
        session.add(row)
    row.mode = mode
    row.priority = priority
    row.updated_by_id = actor.id
    row.updated_at = utcnow()
    session.flush()
    return row


def forget_choice(session: Session, engine_name: str, setting_id: int) -> None:
    """Back to the engine's default for that pair."""
    row = session.get(MachinePairSetting, setting_id)
    if row is None or row.engine != engine_name:
        raise NotFound("There is no such setting (removed already?).")
    session.delete(row)
    session.flush()


def forget_engine(session: Session, engine_name: str) -> None:
    session.execute(delete(MachinePairSetting).where(MachinePairSetting.engine == engine_name))
