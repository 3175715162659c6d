"""The engines the desk has: those its environment variables configure, then those admins added.

An environment engine is named by its kind (`apertium`) and is on at "suggestions" for its
pairs until an admin changes a pair; an engine added on the admin page is off until an admin
enables it. Whether an engine may receive a pair's text is `machine.pair_settings`.

Engine objects are built once per process and settings: they keep what they learnt (the pairs
an Apertium server offers) and their circuit breaker between requests.
"""

import atexit
import importlib
import logging
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import httpx
from sqlalchemy import select
from sqlalchemy.orm import Session

from translate_flow.domain.models import MachineEngine
from translate_flow.domain.models.machine import key_hint
from translate_flow.machine.engine import ENGINE_KINDS, Engine, EngineSettings, MachineError
from translate_flow.machine.engine import make_engine as build_engine
from translate_flow.text.languages import base_language

log = logging.getLogger(__name__)

Pair = tuple[str, str]


@dataclass(frozen=True)
class EnvironmentEngine:
    """One engine kind as the environment configures it: which settings it reads."""

    kind: str
    endpoint: str | None  # the config key of its address (None: the provider's own)
    key: str | None = None
    model: str | None = None
    required: tuple[str, ...] = ()  # config keys that must all be set to configure it


# In the order an environment engine is listed (and first by default, at equal priority).
ENVIRONMENT_ENGINES = (
    EnvironmentEngine("apertium", "APERTIUM_URL", required=("APERTIUM_URL",)),
    EnvironmentEngine("deepl", "DEEPL_URL", key="DEEPL_KEY", required=("DEEPL_KEY",)),
    EnvironmentEngine(
        "google",
        "GOOGLE_URL",
        key="GOOGLE_TOKEN",
        model="GOOGLE_PROJECT",
        required=("GOOGLE_TOKEN", "GOOGLE_PROJECT"),
    ),
    EnvironmentEngine(
        "libretranslate",
        "LIBRETRANSLATE_URL",
        key="LIBRETRANSLATE_KEY",
        required=("LIBRETRANSLATE_URL",),
    ),
    # A local model server needs no key; the model is what makes the answer.
    EnvironmentEngine(
        "openai",
        "OPENAI_URL",
        key="OPENAI_KEY",
        model="OPENAI_MODEL",
        required=("OPENAI_URL", "OPENAI_MODEL"),
    ),
)
ENVIRONMENT_KINDS = tuple(engine.kind for engine in ENVIRONMENT_ENGINES)


@dataclass(frozen=True)
class ConfiguredEngine:
    """An engine as the desk has it. `settings` holds the key: never show it; `key_hint` is
    what pages may show."""

    name: str
    kind: str
    label: str
    settings: EngineSettings
    from_environment: bool
    enabled: bool  # an admin-added engine's switch; an environment engine is always on
    key_hint: str = ""
    row_id: int | None = None

    @property
    def endpoint(self) -> str:
        """Where the text goes, for the admin page: the address, or the provider's own."""
        kind = ENGINE_KINDS.get(self.kind)
        return self.settings.endpoint or (kind.default_endpoint if kind else None) or ""


def load_engine_kinds() -> None:
    """Registers the built-in engine kinds (importing their package does)."""
    try:
        importlib.import_module("translate_flow.machine.engines")
    except ImportError:  # pragma: no cover - only while the package is being written
        log.warning("machine-translation engines could not be loaded", exc_info=True)


def kind_label(kind: str) -> str:
    engine_class = ENGINE_KINDS.get(kind)
    return engine_class.label if engine_class else kind


def environment_engines(config: Mapping[str, Any]) -> list[ConfiguredEngine]:
    """The engines the environment configures (see ENVIRONMENT_ENGINES), in that order."""
    found = []
    for spec in ENVIRONMENT_ENGINES:
        if not all(config.get(name) for name in spec.required):
            continue
        key = config.get(spec.key) if spec.key else None
        settings = EngineSettings(
            kind=spec.kind,
            endpoint=(config.get(spec.endpoint) or None) if spec.endpoint else None,
            key=key or None,
            model=(config.get(spec.model) or None) if spec.model else None,
            name=spec.kind,
        )
        found.append(
            ConfiguredEngine(
                name=spec.kind,
                kind=spec.kind,
                label=kind_label(spec.kind),
                settings=settings,
                from_environment=True,
                enabled=True,
                key_hint=key_hint(key),
            )
        )
    return found


def admin_engines(session: Session) -> list[ConfiguredEngine]:
    """The engines admins added, in the order they were added."""
    rows = session.scalars(select(MachineEngine).order_by(MachineEngine.id)).all()
    return [
        ConfiguredEngine(
            name=row.name,
            kind=row.kind,
            label=row.label,
            settings=EngineSettings(
                kind=row.kind,
                endpoint=row.endpoint or None,
                key=row.key or None,
                model=row.model or None,
                name=row.name,
            ),
            from_environment=False,
            enabled=row.is_enabled,
            key_hint=row.key_hint,
            row_id=row.id,
        )
        for row in rows
    ]


def configured_engines(session: Session, config: Mapping[str, Any]) -> list[ConfiguredEngine]:
    """Every engine the desk has, the environment's first; an admin row that took a name the
    environment now uses is left out (the environment wins; the admin page says so)."""
    load_engine_kinds()
    from_environment = environment_engines(config)
    taken = {engine.name for engine in from_environment}
    return from_environment + [e for e in admin_engines(session) if e.name not in taken]


def find_engine(session: Session, config: Mapping[str, Any], name: str) -> ConfiguredEngine | None:
    return next((e for e in configured_engines(session, config) if e.name == name), None)


def free_name(kind: str, taken: Sequence[str]) -> str:
    """A name for a new engine of this kind: the kind itself, else `kind-2`, `kind-3`…"""
    if kind not in taken:
        return kind
    number = 2
    while f"{kind}-{number}" in taken:
        number += 1
    return f"{kind}-{number}"


_built: dict[EngineSettings, Engine] = {}
# Their HTTP clients, kept for the life of the process (connections are reused from request
# to request) and closed when it ends, so that no socket is left to the garbage collector.
_clients: list[httpx.Client] = []
_building = threading.Lock()


def instance(engine: ConfiguredEngine) -> Engine:
    """The engine object for these settings, built once per process.

    Raises MachineError("refused") when it cannot be built (an unknown kind, no endpoint).
    """
    with _building:
        built = _built.get(engine.settings)
        if built is None:
            client = httpx.Client()
            try:
                built = build_engine(engine.settings, client)
            except ValueError as error:
                client.close()
                raise MachineError("refused", str(error)) from error
            _built[engine.settings] = built
            _clients.append(client)
        return built


@atexit.register
def _close_clients() -> None:
    for client in _clients:
        client.close()


def covers(pairs: frozenset[Pair] | None, source_language: str, target_language: str) -> bool:
    """Whether a pair list takes the pair: as it is, or by its base languages (`es-AR`→`es`)."""
    if pairs is None:
        return True
    if (source_language, target_language) in pairs:
        return True
    wanted = (base_language(source_language), base_language(target_language))
    return any((base_language(s), base_language(t)) == wanted for s, t in pairs)


def supported_pairs(engine: ConfiguredEngine) -> frozenset[Pair] | None:
    """The pairs the engine serves (None: any). Raises MachineError when it cannot tell."""
    return instance(engine).supported_pairs()
