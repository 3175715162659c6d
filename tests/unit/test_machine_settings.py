"""Which engines exist and what each may do per pair: environment engines suggest until an admin
changes a pair, admin-added engines are off until enabled, a disabled engine gets nothing, and a
pair's engines come in the admin's order."""

import pytest
from sqlalchemy import func, select

from tests.machine_desk import _fresh_engines, add_row, environment_engine  # noqa: F401
from translate_flow.core.errors import NotFound, UnknownLanguage, ValidationFailed
from translate_flow.domain.models import (
    MachineCacheEntry,
    MachineEngine,
    MachineMode,
    MachinePairSetting,
    Role,
)
from translate_flow.machine import cache, configured, operations
from translate_flow.machine.pair_settings import (
    choose,
    draft_engine,
    engines_for_pair,
    forget_choice,
    mode_for,
)


@pytest.fixture
def admin(make_user):  # type: ignore[no-untyped-def]
    return make_user(Role.ADMIN)


def test_the_environment_configures_engines_by_their_variables():
    config = {
        "APERTIUM_URL": "http://127.0.0.1:2737",
        "DEEPL_KEY": "0123456789abcdef:fx",
        "GOOGLE_TOKEN": "ya29.token",  # no project: not configured
        "OPENAI_URL": "http://127.0.0.1:8080/v1",
        "OPENAI_MODEL": "llama",
        "LIBRETRANSLATE_KEY": "only a key",  # no address: not configured
    }
    engines = configured.environment_engines(config)
    assert [e.name for e in engines] == ["apertium", "deepl", "openai"]
    deepl = engines[1]
    assert deepl.from_environment and deepl.enabled
    assert deepl.settings.key == "0123456789abcdef:fx"
    assert deepl.key_hint == "…f:fx"
    assert engines[2].settings.model == "llama"
    assert configured.environment_engines({}) == []


def test_an_environment_engine_suggests_for_its_pairs_until_an_admin_changes_one(session, admin):
    engine = environment_engine()
    assert mode_for(session, engine, "es", "en") is MachineMode.SUGGESTIONS
    choose(session, admin, engine, "es", "en", MachineMode.OFF)
    assert mode_for(session, engine, "es", "en") is MachineMode.OFF
    assert mode_for(session, engine, "ca", "en") is MachineMode.SUGGESTIONS


def test_an_engine_added_by_an_admin_is_off_until_enabled(session, admin):
    row = operations.add_engine(session, admin, operations.NewEngine(kind="test-echo"))
    assert (row.name, row.is_enabled, row.created_by_id) == ("test-echo", False, admin.id)
    [engine] = configured.admin_engines(session)
    assert mode_for(session, engine, "es", "en") is MachineMode.OFF
    assert engines_for_pair(session, [engine], "es", "en") == []
    operations.switch_engine(session, row, enabled=True)
    [engine] = configured.admin_engines(session)
    assert mode_for(session, engine, "es", "en") is MachineMode.SUGGESTIONS


def test_a_disabled_engine_is_off_whatever_its_pairs_say(session, admin):
    engine = add_row(session, enabled=False)
    choose(session, admin, engine, "es", "en", MachineMode.DRAFTS)
    assert mode_for(session, engine, "es", "en") is MachineMode.OFF


def test_a_setting_for_the_base_pair_covers_its_regional_variants(session, admin):
    engine = environment_engine()
    choose(session, admin, engine, "es", "en", MachineMode.OFF)
    assert mode_for(session, engine, "es-AR", "en") is MachineMode.OFF
    choose(session, admin, engine, "es-AR", "en", MachineMode.DRAFTS)
    assert mode_for(session, engine, "es-AR", "en") is MachineMode.DRAFTS
    assert mode_for(session, engine, "es", "en") is MachineMode.OFF


def test_a_pairs_engines_come_in_the_admins_order_and_only_those_that_serve_it(session, admin):
    first, second = environment_engine(name="echo"), add_row(session, name="echo-2")
    assert engines_for_pair(session, [first, second], "es", "en") == [first, second]
    choose(session, admin, second, "es", "en", MachineMode.SUGGESTIONS, priority=10)
    assert engines_for_pair(session, [first, second], "es", "en") == [second, first]
    # The echo engines translate es→en and ca→en only.
    assert engines_for_pair(session, [first, second], "ja", "en") == []


def test_drafts_come_from_the_first_engine_that_allows_them(session, admin):
    first, second = environment_engine(name="echo"), add_row(session, name="echo-2")
    assert draft_engine(session, [first, second], "es", "en") is None
    choose(session, admin, second, "es", "en", MachineMode.DRAFTS)
    assert draft_engine(session, [first, second], "es", "en") == second
    choose(session, admin, first, "es", "en", MachineMode.DRAFTS, priority=5)
    assert draft_engine(session, [first, second], "es", "en") == first


def test_choosing_again_changes_the_one_row_and_forgetting_restores_the_default(session, admin):
    engine = environment_engine()
    row = choose(session, admin, engine, "ES", "en", MachineMode.OFF)
    again = choose(session, admin, engine, "es", "en", MachineMode.DRAFTS, priority=7)
    assert again.id == row.id
    assert (row.source_language, row.mode, row.priority, row.updated_by_id) == (
        "es",
        MachineMode.DRAFTS,
        7,
        admin.id,
    )
    forget_choice(session, engine.name, row.id)
    assert mode_for(session, engine, "es", "en") is MachineMode.SUGGESTIONS
    with pytest.raises(NotFound):
        forget_choice(session, engine.name, row.id)


@pytest.mark.parametrize(
    ("source", "target", "priority", "error"),
    [
        ("es", "es", 100, ValidationFailed),
        ("", "en", 100, ValidationFailed),
        ("es", "en", 1001, ValidationFailed),
        ("es", "en", -1, ValidationFailed),
        ("xx-nonsense-code", "en", 100, UnknownLanguage),
    ],
)
def test_a_setting_needs_two_known_languages_and_an_order_in_range(
    session, admin, source, target, priority, error
):
    with pytest.raises(error):
        choose(session, admin, environment_engine(), source, target, MachineMode.OFF, priority)
    assert session.scalar(select(func.count()).select_from(MachinePairSetting)) == 0


def test_new_engines_never_take_an_environment_engines_name_or_each_others(session, admin):
    names = [
        operations.add_engine(
            session, admin, operations.NewEngine(kind=kind, endpoint="http://127.0.0.1:2737")
        ).name
        for kind in ("test-echo", "test-echo", "apertium")
    ]
    assert names == ["test-echo", "test-echo-2", "apertium-2"]


@pytest.mark.parametrize(
    ("new", "message"),
    [
        (operations.NewEngine(kind="babelfish"), "no engine of the kind"),
        (operations.NewEngine(kind="apertium"), "needs the address"),
        (operations.NewEngine(kind="test-echo", endpoint="ftp://x"), "http:// or https://"),
        (operations.NewEngine(kind="test-echo", endpoint="http://"), "http:// or https://"),
        (operations.NewEngine(kind="test-echo", label="x" * 101), "at most 100"),
    ],
)
def test_an_engine_that_could_not_work_is_refused_with_the_reason(session, admin, new, message):
    with pytest.raises(ValidationFailed, match=message):
        operations.add_engine(session, admin, new)
    assert session.scalar(select(func.count()).select_from(MachineEngine)) == 0


def test_removing_an_engine_takes_its_settings_and_cached_answers(session, admin):
    row = operations.add_engine(
        session, admin, operations.NewEngine(kind="test-echo", key="k" * 20)
    )
    [engine] = configured.admin_engines(session)
    choose(session, admin, engine, "es", "en", MachineMode.DRAFTS)
    cache.store(session, engine.name, "es", "en", {"Hola.": "Hello."})
    cache.store(session, "apertium", "es", "en", {"Hola.": "Hello."})
    operations.remove_engine(session, row)
    assert session.scalar(select(func.count()).select_from(MachinePairSetting)) == 0
    assert session.scalars(select(MachineCacheEntry.engine)).all() == ["apertium"]
    assert configured.admin_engines(session) == []


def test_an_admin_row_cannot_shadow_an_environment_engine(session):
    add_row(session, name="apertium", kind="test-echo")
    engines = configured.configured_engines(session, {"APERTIUM_URL": "http://127.0.0.1:9"})
    assert [(e.name, e.from_environment) for e in engines] == [("apertium", True)]
