"""Engines for the desk's machine-translation tests: small real engines, registered under test
kinds, that translate without a network and remember every text they were sent.

`EchoEngine` ("test-echo") "translates" es→en and ca→en by tagging each text; `QuotaEngine`
("test-quota") answers every request with a quota error, as a provider over its quota does.
"""

from collections.abc import Iterator
from typing import ClassVar

import pytest
from sqlalchemy.orm import Session

from translate_flow.domain.models import MachineEngine, User
from translate_flow.machine.circuit import CIRCUITS
from translate_flow.machine.configured import ConfiguredEngine, admin_engines
from translate_flow.machine.engine import Engine, EngineSettings, MachineError, register_engine


@register_engine
class EchoEngine(Engine):
    kind = "test-echo"
    label = "Echo"
    default_endpoint = "http://echo.invalid"
    # Every text each instance was sent, in order, with its pair.
    sent: ClassVar[list[tuple[str, str, str]]] = []

    def provider_pairs(self) -> frozenset[tuple[str, str]] | None:
        return frozenset({("es", "en"), ("ca", "en")})

    def translate_batch(
        self, texts: list[str], source_language: str, target_language: str
    ) -> list[str]:
        EchoEngine.sent.extend((text, source_language, target_language) for text in texts)
        return [f"[{self.name} {target_language}] {text}" for text in texts]


@register_engine
class QuotaEngine(Engine):
    kind = "test-quota"
    label = "Over quota"
    default_endpoint = "http://quota.invalid"

    def translate_batch(
        self, texts: list[str], source_language: str, target_language: str
    ) -> list[str]:
        EchoEngine.sent.extend((text, source_language, target_language) for text in texts)
        raise MachineError(
            "quota", "Over quota: the month's characters are used up", retry_after=60
        )


def environment_engine(kind: str = "test-echo", name: str = "echo") -> ConfiguredEngine:
    """An engine as the environment would configure it (on for its pairs by default)."""
    return ConfiguredEngine(
        name=name,
        kind=kind,
        label=kind.title(),
        settings=EngineSettings(kind=kind, endpoint=None, name=name),
        from_environment=True,
        enabled=True,
    )


def add_row(
    session: Session,
    *,
    name: str = "echo",
    kind: str = "test-echo",
    enabled: bool = True,
    key: str | None = "secret-key-1234567890-abcd",
    creator: User | None = None,
) -> ConfiguredEngine:
    """An engine an admin added, as it is configured (flushed, not committed)."""
    row = MachineEngine(
        name=name,
        kind=kind,
        label=kind.removeprefix("test-").title(),
        key=key,
        is_enabled=enabled,
        created_by_id=creator.id if creator else None,
    )
    session.add(row)
    session.flush()
    return next(engine for engine in admin_engines(session) if engine.name == name)


@pytest.fixture(autouse=True)
def _fresh_engines() -> Iterator[None]:
    """No text carried over, no circuit left open by another test."""
    EchoEngine.sent.clear()
    CIRCUITS.reset()
    yield
    CIRCUITS.reset()
