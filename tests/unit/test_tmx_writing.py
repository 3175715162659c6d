"""The memory written as TMX: read back unit for unit by translate-toolkit and by the desk
itself, streamed in batches, and valid XML whatever the units hold."""

import io
from datetime import UTC, datetime
from xml.etree import ElementTree

import pytest
from sqlalchemy import select
from translate.storage.tmx import tmxfile

from translate_flow.domain.models import Role
from translate_flow.domain.models.memory import MemoryUnit
from translate_flow.memory import tmx_writing
from translate_flow.memory.importing import import_tmx
from translate_flow.memory.operations import UnitText, add_to_collection, create_collection
from translate_flow.memory.tmx_writing import export_chunks

UNITS = [
    UnitText(
        "東京で会談が開かれた。",
        "Talks were held in Tokyo.",
        datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC),
    ),
    UnitText("{1}同盟{/1}の負担は重い。", "The {1}alliance{/1} is a heavy burden."),
    UnitText("問われるべきは{1/}三十年の停滞だ。", "The real question is{1/} thirty years."),
    UnitText('A & B <c> "d" ]]>', "ア & イ <ウ>"),
    UnitText("関数は\\{1}を返す。", "The function returns \\{1}."),
]
XML = "{http://www.w3.org/XML/1998/namespace}"


@pytest.fixture
def desk_pair(make_user):
    """A desk that translates Japanese into English (a translator's pair says so)."""
    make_user(Role.TRANSLATOR, pairs=["ja:en"])


@pytest.fixture
def filled(session):
    collection = create_collection(
        session, name='Old "desk" & co', source_language="ja", target_language="en", created_by=None
    )
    add_to_collection(session, collection, UNITS)
    other = create_collection(
        session, name="Spanish", source_language="es", target_language="en", created_by=None
    )
    add_to_collection(session, other, [UnitText("Hola, mundo.", "Hello, world.")])
    session.flush()
    return collection


def exported(session, **filters) -> bytes:
    return b"".join(export_chunks(session, **filters))


def stored(session, collection_id: int) -> list[tuple[str, str]]:
    return [
        tuple(row)
        for row in session.execute(
            select(MemoryUnit.source, MemoryUnit.target)
            .where(MemoryUnit.collection_id == collection_id)
            .order_by(MemoryUnit.id)
        )
    ]


def test_translate_toolkit_reads_the_export_unit_for_unit(session, filled):
    data = exported(session, source_language="ja", target_language="en")
    store = tmxfile(data, sourcelanguage="ja", targetlanguage="en")
    # The toolkit's text of a seg is all of its text: placeholders inside <bpt> included.
    expected = [(u.source, u.target) for u in UNITS]
    expected[3] = ('A & B <c> "d" ]]>', "ア & イ <ウ>")
    expected[4] = ("関数は{1}を返す。", "The function returns {1}.")
    assert [(unit.source, unit.target) for unit in store.units] == expected


def test_the_export_is_tmx_1_4b_with_dates_origin_and_a_language_on_every_variant(session, filled):
    root = ElementTree.fromstring(exported(session))
    header = root.find("header")
    assert root.get("version") == "1.4"
    assert header is not None
    assert header.attrib | {"srclang": "-"} == {
        "creationtool": "translate_flow",
        "creationtoolversion": "1",
        "segtype": "paragraph",
        "o-tmf": "translate_flow",
        "adminlang": "en",
        "srclang": "-",
        "datatype": "plaintext",
    }
    # Two source languages in the memory: the header says any, each unit says its own.
    assert header.get("srclang") == "*all*"
    units = root.findall("body/tu")
    assert [unit.get("srclang") for unit in units] == ["ja"] * 5 + ["es"]
    first = units[0]
    assert first.get("creationdate") == "20250102T030405Z"
    assert first.findtext("prop[@type='x-translate_flow-origin']") == 'collection:Old "desk" & co'
    assert [tuv.get(f"{XML}lang") for tuv in first.findall("tuv")] == ["ja", "en"]
    tagged = units[1].find("tuv/seg")
    assert tagged is not None
    assert [(child.tag, child.get("i"), child.text) for child in tagged] == [
        ("bpt", "1", "{1}"),
        ("ept", "1", "{/1}"),
    ]


def test_one_pair_or_one_collection_is_exported_alone(session, filled):
    pair = ElementTree.fromstring(exported(session, source_language="es", target_language="en"))
    assert [tu.findtext("tuv/seg") for tu in pair.iter("tu")] == ["Hola, mundo."]
    assert pair.find("header").get("srclang") == "es"  # type: ignore[union-attr]
    alone = ElementTree.fromstring(exported(session, collection_id=filled.id))
    assert len(alone.findall("body/tu")) == len(UNITS)
    nothing = ElementTree.fromstring(exported(session, source_language="xx"))
    assert nothing.findall("body/tu") == []


def test_characters_xml_cannot_hold_are_left_out(session):
    collection = create_collection(
        session, name="Controls", source_language="ja", target_language="en", created_by=None
    )
    add_to_collection(session, collection, [UnitText("a\x01b\x0bc\ufffe", "ok\x1f")])
    root = ElementTree.fromstring(exported(session))
    assert [seg.text for seg in root.iter("seg")] == ["abc", "ok"]


def test_the_desk_reads_its_own_export_back_with_its_tags(desk_pair, session, filled):
    data = exported(session, collection_id=filled.id)
    outcome = import_tmx(session, None, io.BytesIO(data), collection_name="Back again")
    assert (outcome.added, outcome.skipped, outcome.refused) == (len(UNITS), 0, [])
    assert stored(session, outcome.collection.id) == stored(session, filled.id)


def test_a_tmx_written_by_translate_toolkit_is_imported_unit_for_unit(desk_pair, session):
    store = tmxfile(sourcelanguage="ja", targetlanguage="en")
    pairs = [
        ("東京", "Tokyo"),
        ("思いやり予算", "host-nation support"),
        ("a < b & c", "ア < イ & ウ"),
        ("括弧 {1} のまま", "braces {1} as they are"),
    ]
    for source, target in pairs:
        store.addsourceunit(source).target = target
    outcome = import_tmx(session, None, io.BytesIO(bytes(store)), collection_name="Toolkit")
    assert outcome.added == len(pairs)
    assert (outcome.collection.source_language, outcome.collection.target_language) == ("ja", "en")
    expected = [*pairs[:3], ("括弧 \\{1} のまま", "braces \\{1} as they are")]
    assert stored(session, outcome.collection.id) == expected


def test_units_are_read_and_written_in_batches(session, monkeypatch):
    monkeypatch.setattr(tmx_writing, "BATCH_SIZE", 3)
    collection = create_collection(
        session, name="Many", source_language="ja", target_language="en", created_by=None
    )
    add_to_collection(session, collection, [UnitText(f"文{n}", f"Sentence {n}") for n in range(8)])
    chunks = export_chunks(session)
    head = next(chunks)
    assert b"<header" in head and b"<tu" not in head
    batches = list(chunks)
    # Three, three, two, then the end of the document.
    assert [batch.count(b"<tu ") for batch in batches] == [3, 3, 2, 0]
    texts = [seg.text for seg in ElementTree.fromstring(head + b"".join(batches)).iter("seg")]
    assert texts[::2] == [f"文{n}" for n in range(8)]


def test_dates_are_written_in_utc():
    moment = datetime(2025, 6, 1, 9, 0, tzinfo=UTC)
    assert tmx_writing.tmx_date(moment) == "20250601T090000Z"
