"""XLIFF written and read without a database: inline codes both ways, every state, and files
valid against the OASIS schemas (tests/data/xliff/schemas, see the README there), with the
structure the tools that read them expect checked besides."""

import io
from datetime import date
from functools import cache
from pathlib import Path

import pytest
from lxml import etree

from translate_flow.interchange.formats import XLIFF12, XLIFF21, get_format
from translate_flow.interchange.units import Note, OfflineDocument, OfflineUnit, UnitState
from translate_flow.interchange.xliff_reading import read_xliff
from translate_flow.markup.source_tags import tag_source

X12 = "urn:oasis:names:tc:xliff:document:1.2"
X2 = "urn:oasis:names:tc:xliff:document:2.0"
SOURCE = tag_source('Read <a href="https://example.org">the report</a><br>now & {later}')
TARGETS = {
    UnitState.NEW: "",
    UnitState.TRANSLATED: "Lies {1}den Bericht{/1}{2/}jetzt & \\{später}",
    UnitState.DONE: "Fertig <3",
    UnitState.NEEDS_REVIEW: "Quelle geändert",
    UnitState.UNTRANSLATED: "Read the report",
}


def document() -> OfflineDocument:
    units = tuple(
        OfflineUnit(
            unit_id=10 + number,
            segment_id=100 + number,
            number=number,
            kind="paragraph",
            source=SOURCE.text,
            tags=SOURCE.tags,
            target=target,
            version=number,
            state=state,
            notes=(Note("comment", "Dorothy: check <this> & that"), Note("glossary", "yen → Yen")),
        )
        for number, (state, target) in enumerate(TARGETS.items(), start=1)
    )
    return OfflineDocument(
        translation_id=7,
        article_id=3,
        title="Zwei & drei <Titel>",
        author="A. Author",
        outlet="Outlet",
        source_url="https://example.org/a?b=1&c=2",
        published_on=date(2026, 1, 2),
        due_at=None,
        source_language="en",
        target_language="de",
        notes=(Note("coordinator", "Keep it short."),),
        units=units,
    )


def written(format_name: str) -> bytes:
    format_ = get_format(format_name)
    assert format_ is not None
    return b"".join(format_.write(document()))


@pytest.mark.parametrize("format_name", ["xliff12", "xliff21"])
def test_what_is_written_reads_back_unit_for_unit(format_name):
    read = read_xliff(io.BytesIO(written(format_name)), 1_000_000)
    assert (read.translation_id, read.source_language, read.target_language) == (7, "en", "de")
    assert read.format == format_name
    got = [(u.unit_id, u.segment_id, u.version, u.target, u.exported_state) for u in read.units]
    assert got == [
        # 1.2 writes an empty target for an empty row; 2.1 writes none.
        (str(10 + n), 100 + n, n, target if format_name == "xliff12" else target or None, state)
        for n, (state, target) in enumerate(TARGETS.items(), start=1)
    ]
    done = [u.done for u in read.units]
    assert done == [False, False, True, False, True]


SCHEMAS = Path(__file__).resolve().parent.parent / "data" / "xliff" / "schemas"
XSD = "http://www.w3.org/2001/XMLSchema"


@cache
def schema(core: str) -> etree.XMLSchema:
    """The OASIS schema `core`, with the desk's `tf:` attributes declared beside it and every
    import read from the vendored copies (never from the network)."""
    imports = {
        "http://www.w3.org/XML/1998/namespace": SCHEMAS / "xml.xsd",
        "urn:x-translate-flow:offline:1": SCHEMAS / "translate-flow-offline-1.xsd",
    }
    tree = etree.parse(str(SCHEMAS / core))
    root = tree.getroot()
    for element in root.iter(f"{{{XSD}}}import"):
        if element.get("namespace") in imports:
            element.set("schemaLocation", imports.pop(element.get("namespace")).as_uri())
    for namespace, path in imports.items():
        root.insert(
            0,
            etree.Element(f"{{{XSD}}}import", namespace=namespace, schemaLocation=path.as_uri()),
        )
    return etree.XMLSchema(tree)


@pytest.mark.parametrize(
    ("format_name", "core"),
    [("xliff12", "xliff-core-1.2-strict.xsd"), ("xliff21", "xliff-core-2.0.xsd")],
)
def test_what_is_written_is_valid_against_the_oasis_schema(format_name, core):
    validator = schema(core)
    valid = validator.validate(etree.fromstring(written(format_name)))
    assert valid, "\n".join(f"{e.line}: {e.message}" for e in validator.error_log)


def test_the_schemas_refuse_what_they_should():
    """The validation is real: an unknown state or a stray element fails it."""
    validator = schema("xliff-core-1.2-strict.xsd")
    root = etree.fromstring(written("xliff12"))
    root.find(f".//{{{X12}}}target").set("state", "almost-done")
    assert not validator.validate(root)
    validator = schema("xliff-core-2.0.xsd")
    root = etree.fromstring(written("xliff21"))
    root.find(f".//{{{X2}}}segment").append(etree.Element(f"{{{X2}}}bogus"))
    assert not validator.validate(root)


def test_xliff12_has_the_structure_of_the_strict_schema():
    root = etree.fromstring(written("xliff12"))
    assert (root.tag, root.get("version")) == (f"{{{X12}}}xliff", "1.2")
    file_ = root.find(f"{{{X12}}}file")
    for required in ("original", "source-language", "datatype"):
        assert file_.get(required)
    assert [child.tag for child in file_] == [f"{{{X12}}}header", f"{{{X12}}}body"]
    states = {"new", "translated", "final", "needs-review-translation"}
    for unit in root.iter(f"{{{X12}}}trans-unit"):
        children = [child.tag.rpartition("}")[2] for child in unit]
        assert children[:2] == ["source", "target"] and set(children[2:]) == {"note"}
        assert unit.find(f"{{{X12}}}target").get("state") in states
        for code in unit.iter(f"{{{X12}}}g", f"{{{X12}}}x"):
            assert code.get("id") and (code.get("ctype") or "").replace("x-", "") != ""


def test_xliff21_has_the_structure_of_the_core_schema():
    root = etree.fromstring(written("xliff21"))
    assert (root.tag, root.get("version"), root.get("srcLang")) == (f"{{{X2}}}xliff", "2.1", "en")
    file_ = root.find(f"{{{X2}}}file")
    assert file_.get("id")
    assert next(c.tag.rpartition("}")[2] for c in file_) == "notes"
    ids = set()
    for unit in root.iter(f"{{{X2}}}unit"):
        assert unit.get("id") not in ids
        ids.add(unit.get("id"))
        children = [child.tag.rpartition("}")[2] for child in unit]
        assert children == ["notes", "segment"]
        segment = unit.find(f"{{{X2}}}segment")
        assert segment.get("state") in {"initial", "translated", "reviewed", "final"}
        sub_state = segment.get("subState")
        assert sub_state is None or ":" in sub_state
        parts = [child.tag.rpartition("}")[2] for child in segment]
        assert parts in (["source"], ["source", "target"])
        if segment.get("state") != "initial":
            assert parts == ["source", "target"]
        # Inline codes: <pc> and <ph> only, each id once per side, types from the list.
        for side in segment:
            seen = set()
            for code in side.iter():
                if code is side:
                    continue
                assert code.tag in (f"{{{X2}}}pc", f"{{{X2}}}ph")
                assert code.get("id") not in seen
                seen.add(code.get("id"))
                assert code.get("type") in (None, "fmt", "link", "quote", "other", "ui", "image")
                if code.get("subType"):
                    assert code.get("type") and code.get("subType").startswith("xlf:")


def test_the_registry_names_each_format_once_with_a_writer_and_a_reader():
    assert get_format("xliff12") is XLIFF12 and get_format("xliff21") is XLIFF21
    assert get_format("docx2") is None
    assert XLIFF12.sniff(b"\xef\xbb\xbf  <?xml") and XLIFF12.sniff("<x".encode("utf-16"))
    assert not XLIFF12.sniff(b"PK\x03\x04")
