"""PostgreSQL connections: asked whether they are alive only after being idle, and replaced
when the server has closed them."""

from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import Engine, text

from tests.databases import POSTGRES, POSTGRES_SKIP_REASON
from translate_flow.core import db

pytestmark = pytest.mark.skipif(not POSTGRES, reason=POSTGRES_SKIP_REASON)


@pytest.fixture
def engine(postgres_url: str) -> Iterator[Engine]:
    engine = db.make_engine(postgres_url, pool_size=1, max_overflow=0)
    yield engine
    engine.dispose()


@pytest.fixture
def pings(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Each ping the engine's pool sends (the real one still goes to the server)."""
    sent: list[int] = []
    ping = engine.dialect.do_ping

    def counted(dbapi_connection: Any) -> bool:
        sent.append(1)
        return ping(dbapi_connection)

    monkeypatch.setattr(engine.dialect, "do_ping", counted)
    return sent


def _backend(engine: Engine) -> int:
    with engine.connect() as connection:
        pid: int = connection.scalar(text("SELECT pg_backend_pid()"))
        return pid


def test_a_connection_just_used_is_handed_out_without_a_ping(engine, pings):
    first = _backend(engine)
    assert [_backend(engine) for _ in range(5)] == [first] * 5
    assert pings == []


def test_an_idle_connection_is_pinged_first(engine, pings, monkeypatch):
    _backend(engine)
    monkeypatch.setattr(db, "ALIVE_BYPASS_SECONDS", 0.0)
    _backend(engine)
    _backend(engine)
    assert len(pings) == 2


def test_an_idle_connection_the_server_closed_is_replaced(engine, pings, monkeypatch, postgres_url):
    closed = _backend(engine)
    admin = db.make_engine(postgres_url)
    try:
        with admin.connect() as connection:
            assert connection.scalar(text("SELECT pg_terminate_backend(:pid)"), {"pid": closed})
    finally:
        admin.dispose()
    monkeypatch.setattr(db, "ALIVE_BYPASS_SECONDS", 0.0)
    # The request that comes next gets a working connection, not the closed one's error.
    assert _backend(engine) != closed
    assert pings
