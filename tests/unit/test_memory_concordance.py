"""The concordance searches the memory through the search analyser, as the desk's article
search does: a table of queries over units in several scripts, with the same expected results
on SQLite and PostgreSQL; units written in bulk (a TMX import) and through the ORM alike; an
edited unit found by its new words only."""

import io

import pytest
from sqlalchemy import select

from translate_flow.core.full_text import NOTHING_TO_SEARCH
from translate_flow.domain.models import Role
from translate_flow.domain.models.memory import MemoryUnit
from translate_flow.domain.models.search import memory_unit_tokens
from translate_flow.memory.concordance_view import search
from translate_flow.memory.importing import import_tmx
from translate_flow.memory.index import text_hash
from translate_flow.memory.matching import concordance
from translate_flow.memory.operations import UnitText, add_to_collection, create_collection
from translate_flow.text.analysis import match_key

# (pair, key, source, target)
UNITS = [
    ("ar:en", "ar-gov", "أعلنت الحكومةُ المصريةُ عن خطةٍ جديدة", "The government announced a plan."),
    ("ar:en", "ar-other", "الطقس حار اليوم", "The weather is hot today."),
    ("ru:en", "ru-moscow", "Жители Москвы недовольны ремонтом.", "Moscow residents unhappy."),
    ("ru:en", "ru-other", "Погода в Петербурге.", "The weather in Petersburg."),
    ("ja:en", "ja-budget", "２０２４年度の予算が決まった。", "The budget for 2024 was decided."),
    ("ja:en", "ja-alliance", "日米同盟の将来を考える。", "Thinking about the alliance's future."),
    ("el:en", "el-athens", "Οι κάτοικοι της ΑΘΗΝΑΣ διαμαρτυρήθηκαν.", "Athenians protested."),
    ("de:en", "de-street", "Die Straße ist gesperrt.", "The street is closed."),
    ("de:en", "de-other", "Der Zug fährt ab.", "The train leaves."),
    ("en:es", "en-budgets", "The budgets were cut again.", "Los presupuestos se recortaron."),
    ("en:es", "en-other", "Nothing to see here.", "Nada que ver."),
]  # fmt: skip

# (pair, query, keys found, newest first)
CASES = [
    # Arabic typed without harakat finds the unit written with them.
    ("ar:en", "الحكومة", ["ar-gov"]),
    ("ar:en", "المصرية", ["ar-gov"]),
    ("ar:en", "حار", ["ar-other"]),
    # A Russian word in another case (Москва, Москвы: one stem).
    ("ru:en", "Москва", ["ru-moscow"]),
    ("ru:en", "москвой", ["ru-moscow"]),
    ("ru:en", "петербург", ["ru-other"]),
    # Full-width and half-width digits are one; a two-character Japanese word.
    ("ja:en", "2024年", ["ja-budget"]),
    ("ja:en", "２０２４", ["ja-budget"]),
    ("ja:en", "予算", ["ja-budget"]),
    ("ja:en", "同盟", ["ja-alliance"]),
    ("ja:en", "同盟会", []),
    # Capital Greek, its final sigma and its accents.
    ("el:en", "αθήνας", ["el-athens"]),
    ("el:en", "ΔΙΑΜΑΡΤΥΡΗΘΗΚΑΝ", ["el-athens"]),
    # German ß typed as ss, and as it is.
    ("de:en", "strasse", ["de-street"]),
    ("de:en", "Straße", ["de-street"]),
    ("de:en", "fahrt", ["de-other"]),
    # The translation's side, by its stem; every word must be there, in any order.
    ("en:es", "budget", ["en-budgets"]),
    ("en:es", "presupuesto", ["en-budgets"]),
    ("en:es", "cut budgets", ["en-budgets"]),
    ("en:es", "budgets nothing", []),
    ("ru:en", "moscow unhappy", ["ru-moscow"]),
    # The last word may be the start of one, as it is typed.
    ("de:en", "gesp", ["de-street"]),
    # A word common to every unit of the pair: newest first.
    ("ar:en", "the", ["ar-other", "ar-gov"]),
    # Another pair's words are not this pair's.
    ("ru:en", "budget", []),
]


@pytest.fixture
def units(session) -> dict[int, str]:
    """The units above, one collection per pair; their keys by id."""
    keys: dict[int, str] = {}
    for pair in dict.fromkeys(pair for pair, *_rest in UNITS):
        source_language, target_language = pair.split(":")
        collection = create_collection(
            session,
            name=pair,
            source_language=source_language,
            target_language=target_language,
            created_by=None,
        )
        for unit_pair, key, source, target in UNITS:
            if unit_pair == pair:
                add_to_collection(session, collection, [UnitText(source, target)])
                keys[max(session.scalars(select(MemoryUnit.id)))] = key
    session.flush()
    return keys


def _found(session, keys: dict[int, str], pair: str, query: str) -> list[str]:  # type: ignore[no-untyped-def]
    source_language, target_language = pair.split(":")
    page = concordance(session, source_language, target_language, query)
    assert page.problem == ""
    return [keys[match.unit_id] for match in page.matches]


@pytest.mark.parametrize(("pair", "query", "expected"), CASES)
def test_the_concordance_finds_words_as_the_analyser_reads_them(
    session, units, pair, query, expected
):
    assert _found(session, units, pair, query) == expected


@pytest.mark.parametrize("query", ["!!!", "…?!", "🎉🎉", "— «» —"])
def test_a_query_with_nothing_to_search_finds_nothing_and_says_why(session, units, query):
    page = concordance(session, "ar", "en", query)
    assert page.matches == [] and not page.has_next
    assert page.problem == NOTHING_TO_SEARCH
    assert search(session, "ar", "en", query).problem == NOTHING_TO_SEARCH


def test_a_word_found_in_another_form_is_marked_where_it_stands(session, units):
    [item] = search(session, "ru", "en", "москва").items
    assert str(item.source_html) == "Жители <mark>Москвы</mark> недовольны ремонтом."
    [arabic] = search(session, "ar", "en", "الحكومة المصرية").items
    assert str(arabic.source_html).count("<mark>") == 2
    # The phrase as typed is marked whole.
    [english] = search(session, "en", "es", "budgets were").items
    assert str(english.source_html) == "The <mark>budgets were</mark> cut again."


def test_a_tmx_import_and_a_unit_written_through_the_orm_are_both_found(make_user, session):
    make_user(Role.TRANSLATOR, pairs=["ja:en"])
    tmx = (
        '<?xml version="1.0" encoding="UTF-8"?><tmx version="1.4">'
        '<header srclang="ja" adminlang="en" segtype="sentence" datatype="plaintext" '
        'o-tmf="x" creationtool="x" creationtoolversion="1"/><body>'
        '<tu><tuv xml:lang="ja"><seg>防衛予算が増える。</seg></tuv>'
        '<tuv xml:lang="en"><seg>The defence budget grows.</seg></tuv></tu>'
        "</body></tmx>"
    )
    outcome = import_tmx(session, None, io.BytesIO(tmx.encode()), collection_name="Imported")
    assert outcome.added == 1
    source, target = "防衛費の予算を議論する。", "Debating the defence budgets."
    unit = MemoryUnit(
        source_language="ja",
        target_language="en",
        source=source,
        target=target,
        source_key=match_key(source),
        target_key=match_key(target),
        source_hash=text_hash(match_key(source)),
    )
    session.add(unit)
    session.flush()
    assert unit.search_tokens == memory_unit_tokens(source, "ja", target, "en")
    found = concordance(session, "ja", "en", "防衛 budget").matches
    assert [match.source for match in found] == [source, "防衛予算が増える。"]


def test_editing_a_units_translation_updates_what_it_is_found_by(session, units):
    [before] = concordance(session, "de", "en", "street").matches
    unit = session.get_one(MemoryUnit, before.unit_id)
    unit.target = "The road is blocked."
    unit.target_key = match_key(unit.target)
    session.flush()
    assert concordance(session, "de", "en", "street").matches == []
    assert [m.unit_id for m in concordance(session, "de", "en", "blocked road").matches] == [
        unit.id
    ]
    assert "road" in (
        session.scalar(select(MemoryUnit.search_tokens).where(MemoryUnit.id == unit.id)) or ""
    )


def test_units_older_than_the_newest_tested_come_from_the_index(session, monkeypatch):
    """On PostgreSQL the newest units are tested one by one, the older ones found through the
    index: a word only old units have is found there, newest first, and pages go on."""
    from translate_flow.memory import matching

    monkeypatch.setattr(matching, "NEWEST_SLICES", (1,))
    collection = create_collection(
        session, name="Old", source_language="es", target_language="en", created_by=None
    )
    old = [UnitText(f"Presupuesto {n}.", f"Budget {n}.") for n in range(7)]
    add_to_collection(session, collection, old)
    newer = [UnitText(f"Otra cosa {n}.", f"Something else {n}.") for n in range(20)]
    add_to_collection(session, collection, newer)
    first = concordance(session, "es", "en", "budget", page_size=3)
    assert [m.target for m in first.matches] == ["Budget 6.", "Budget 5.", "Budget 4."]
    assert first.has_next
    last = concordance(session, "es", "en", "budget", page=3, page_size=3)
    assert [m.target for m in last.matches] == ["Budget 0."] and not last.has_next
