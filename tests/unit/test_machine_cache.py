"""The cache of engines' answers: keyed by engine, pair and normalised text; 30 days fresh;
two requests storing the same answer at once never fail; stale rows are pruned."""

from datetime import timedelta

from sqlalchemy import func, select, update

from translate_flow.domain.models import MachineCacheEntry, utcnow
from translate_flow.machine import cache


def _rows(session) -> int:  # type: ignore[no-untyped-def]
    return session.scalar(select(func.count()).select_from(MachineCacheEntry))


def _age(session, days: int) -> None:  # type: ignore[no-untyped-def]
    session.execute(update(MachineCacheEntry).values(created_at=utcnow() - timedelta(days=days)))


def test_texts_that_differ_only_in_spacing_and_unicode_form_share_a_key():
    composed, decomposed = "Canci\u00f3n  de\tcuna ", "Cancio\u0301n de cuna"
    assert cache.normalise(composed) == cache.normalise(decomposed) == "Canción de cuna"
    assert cache.text_hash(cache.normalise(composed)) == cache.text_hash("Canción de cuna")
    assert len(cache.text_hash("x")) == 64


def test_a_stored_answer_is_found_for_its_engine_and_pair_only(session):
    cache.store(session, "apertium", "es", "en", {"Hola.": "Hello."})
    assert cache.cached(session, "apertium", "es", "en", ["Hola.", "Adiós."]) == {"Hola.": "Hello."}
    assert cache.cached(session, "deepl", "es", "en", ["Hola."]) == {}
    assert cache.cached(session, "apertium", "es", "fr", ["Hola."]) == {}
    assert cache.cached(session, "apertium", "es", "en", []) == {}


def test_storing_the_same_text_twice_keeps_one_row_and_never_fails(session):
    # What two requests racing for the same paragraph do: the second insert is ignored.
    cache.store(session, "apertium", "es", "en", {"Hola.": "Hello."})
    cache.store(session, "apertium", "es", "en", {"Hola.": "Hi.", "Sí.": "Yes."})
    assert _rows(session) == 2
    assert cache.cached(session, "apertium", "es", "en", ["Hola."]) == {"Hola.": "Hello."}


def test_an_answer_older_than_the_cache_age_is_ignored_then_replaced(session):
    cache.store(session, "apertium", "es", "en", {"Hola.": "Hello."})
    _age(session, 31)
    assert cache.cached(session, "apertium", "es", "en", ["Hola."]) == {}
    assert cache.cached(session, "apertium", "es", "en", ["Hola."], days=40) == {"Hola.": "Hello."}
    cache.store(session, "apertium", "es", "en", {"Hola.": "Hi."})
    assert cache.cached(session, "apertium", "es", "en", ["Hola."]) == {"Hola.": "Hi."}
    assert _rows(session) == 1


def test_pruning_deletes_only_stale_answers(session):
    cache.store(session, "apertium", "es", "en", {"Viejo.": "Old."})
    _age(session, 30)
    cache.store(session, "apertium", "es", "en", {"Nuevo.": "New."})
    assert cache.prune(session) == 1
    assert session.scalars(select(MachineCacheEntry.source_text)).all() == ["Nuevo."]


def test_forgetting_an_engine_drops_its_answers(session):
    cache.store(session, "deepl-2", "es", "en", {"Hola.": "Hello."})
    cache.store(session, "apertium", "es", "en", {"Hola.": "Hello."})
    cache.forget_engine(session, "deepl-2")
    assert session.scalars(select(MachineCacheEntry.engine)).all() == ["apertium"]


def test_the_periodic_duty_forgets_answers_past_the_cache_age(app, db):
    from translate_flow.machine.jobs import forget_old_machine_answers

    with db.transaction() as session:
        cache.store(session, "apertium", "es", "en", {"Viejo.": "Old."})
        _age(session, 8)
        cache.store(session, "apertium", "es", "en", {"Nuevo.": "New."})
    app.config["MACHINE_CACHE_DAYS"] = 7
    assert forget_old_machine_answers(app) == 1
    assert forget_old_machine_answers(app) == 0
