"""Machine suggestions for a text: each engine on for the pair answers, from the cache when it
can (then nothing is sent); an engine that is off receives nothing; a failing engine is marked
unavailable; nothing here raises."""

import pytest
from sqlalchemy import func, select

from tests.machine_desk import EchoEngine, _fresh_engines, add_row  # noqa: F401
from translate_flow.core.db import Database
from translate_flow.domain.models import MachineCacheEntry, MachineMode, Role, Translation
from translate_flow.machine.engine import MachineError
from translate_flow.machine.pair_settings import choose
from translate_flow.machine.suggesting import machine_suggestions, translate_cached

PARAGRAPH = "El gobierno aprobó ayer el presupuesto."


@pytest.fixture
def suggest(app, db):  # type: ignore[no-untyped-def]
    """Suggestions as the editor's panel asks for them: through a read session."""

    def _suggest(text: str = PARAGRAPH, pair=("es", "en"), database: Database = db):  # type: ignore[no-untyped-def]
        with db.session(write=False) as session:
            return machine_suggestions(session, pair, text, database=database, config=app.config)

    return _suggest


def _engines(db, *rows: dict) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as session:
        for row in rows:
            add_row(session, **row)


def _cached(db) -> int:  # type: ignore[no-untyped-def]
    with db.session(write=False) as session:
        return session.scalar(select(func.count()).select_from(MachineCacheEntry))


def test_a_suggestion_is_cached_and_the_second_ask_sends_nothing(db, suggest):
    _engines(db, {"name": "echo"})
    first = suggest()
    assert first == [
        {"engine": "echo", "label": "Echo", "text": f"[echo en] {PARAGRAPH}", "cached": False}
    ]
    assert EchoEngine.sent == [(PARAGRAPH, "es", "en")]
    # The same paragraph, spaced differently, is the same text to the cache.
    again = suggest("  El gobierno aprobó ayer\nel presupuesto. ")
    assert again == [{**first[0], "cached": True}]
    assert EchoEngine.sent == [(PARAGRAPH, "es", "en")]
    assert _cached(db) == 1


def test_a_translation_gives_its_pair(db, suggest):
    _engines(db, {"name": "echo"})
    found = suggest(pair=Translation(source_language="ca", target_language="en"))
    assert [s["text"] for s in found] == [f"[echo en] {PARAGRAPH}"]
    assert EchoEngine.sent == [(PARAGRAPH, "ca", "en")]


def test_no_text_is_sent_to_an_engine_that_is_off_for_the_pair(db, make_user, suggest):
    admin = make_user(Role.ADMIN)
    _engines(db, {"name": "echo"}, {"name": "idle", "enabled": False})
    with db.transaction() as session:
        [echo, _idle] = _admin_engines(session)
        choose(session, session.merge(admin), echo, "es", "en", MachineMode.OFF)
    assert suggest() == []
    assert suggest(pair=("es-MX", "en")) == []
    assert EchoEngine.sent == []
    assert _cached(db) == 0
    # Its other pairs are untouched.
    assert [s["engine"] for s in suggest(pair=("ca", "en"))] == ["echo"]


def _admin_engines(session):  # type: ignore[no-untyped-def]
    from translate_flow.machine.configured import admin_engines

    return admin_engines(session)


def test_a_failing_engine_is_unavailable_and_the_others_still_answer(db, suggest):
    _engines(db, {"name": "quota", "kind": "test-quota"}, {"name": "echo"})
    found = suggest()
    assert found[0] == {
        "engine": "quota",
        "label": "Quota",
        "unavailable": "Over quota: the month's characters are used up",
    }
    assert found[1]["text"] == f"[echo en] {PARAGRAPH}"
    # Only the answer is kept; the failure is asked again next time.
    assert _cached(db) == 1


def test_an_engine_whose_kind_is_gone_is_unavailable_not_an_error(db, suggest):
    _engines(db, {"name": "old", "kind": "babelfish"})
    found = suggest()
    assert found == [
        {"engine": "old", "label": "Babelfish", "unavailable": found[0]["unavailable"]}
    ]
    assert "babelfish" in found[0]["unavailable"]


def test_an_answer_that_cannot_be_cached_is_still_given(db, suggest, tmp_path):
    _engines(db, {"name": "echo"})
    tableless = Database(f"sqlite:///{tmp_path / 'no-tables.sqlite3'}")
    try:
        found = suggest(database=tableless)
    finally:
        tableless.dispose()
    assert found[0]["text"] == f"[echo en] {PARAGRAPH}"
    assert _cached(db) == 0


def test_an_empty_text_asks_no_engine(db, suggest):
    _engines(db, {"name": "echo"})
    assert suggest(" \n ") == []
    assert EchoEngine.sent == []


def test_several_texts_send_each_distinct_new_text_once(db, app):
    _engines(db, {"name": "echo"})
    with db.session(write=False) as session:
        [engine] = _admin_engines(session)
        translate_cached(session, db, engine, "es", "en", ["Uno."])
    # A new request: a read transaction sees what was stored before it began.
    with db.session(write=False) as session:
        results = translate_cached(session, db, engine, "es", "en", ["Uno.", "Dos.", "Dos.", ""])
    assert [(r.text, r.cached) for r in results] == [
        ("[echo en] Uno.", True),
        ("[echo en] Dos.", False),
        ("[echo en] Dos.", False),
        ("", False),
    ]
    assert [text for text, _s, _t in EchoEngine.sent] == ["Uno.", "Dos."]


def test_translating_where_the_engine_is_off_is_refused_before_anything_is_sent(db):
    _engines(db, {"name": "idle", "enabled": False})
    with db.session(write=False) as session:
        [engine] = _admin_engines(session)
        with pytest.raises(MachineError) as refused:
            translate_cached(session, db, engine, "es", "en", ["Uno."])
    assert refused.value.kind == "refused"
    assert EchoEngine.sent == []
