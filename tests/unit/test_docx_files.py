"""The bilingual .docx written and read without a database: its layout (details, table,
shaded and protected source, editable translation and comments cells, tags in their own
style), every state both ways, what python-docx and LibreOffice do to it on the way back,
and hostile archives refused before python-docx opens them, in bounded time."""

import dataclasses
import io
import shutil
import subprocess
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from lxml import etree

from tests.unit.test_xliff_files import TARGETS, document
from translate_flow.interchange.docx_reading import MAX_TABLE_ELEMENTS, read_docx, sniff_docx
from translate_flow.interchange.docx_writing import TAG_STYLE, write_docx
from translate_flow.interchange.formats import get_format, reader_for
from translate_flow.interchange.units import Note
from translate_flow.interchange.uploaded import FileRefused, ReadFile

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_soffice = pytest.mark.skipif(
    SOFFICE is None,
    reason="LibreOffice is not installed (apt-get install libreoffice-writer-nogui)",
)
TEXT_NS = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
TABLE_NS = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"


def written() -> bytes:
    return b"".join(write_docx(document()))


def read(data: bytes) -> ReadFile:
    return read_docx(io.BytesIO(data), 10 * 1024 * 1024)


def edited(data: bytes, change: Callable[..., None]) -> bytes:
    """The file opened, changed and saved by python-docx, as a script would."""
    word = Document(io.BytesIO(data))
    change(word)
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


def row_cells(word, index: int):  # type: ignore[no-untyped-def]
    """The cells of the index-th segment's row (0: the first segment)."""
    return word.tables[0].rows[index + 1].cells


def set_translation(data: bytes, index: int, text: str) -> bytes:
    def change(word) -> None:  # type: ignore[no-untyped-def]
        row_cells(word, index)[2].text = text

    return edited(data, change)


def add_comment(data: bytes, index: int, text: str) -> bytes:
    def change(word) -> None:  # type: ignore[no-untyped-def]
        row_cells(word, index)[3].add_paragraph(text)

    return edited(data, change)


def soffice(tmp_path: Path, data: bytes, suffix: str, to: str) -> bytes:
    """The file converted by LibreOffice headless, with a profile of its own."""
    assert SOFFICE is not None
    source = tmp_path / f"in{suffix}"
    source.write_bytes(data)
    out = tmp_path / "out"
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--convert-to",
            to,
            "--outdir",
            str(out),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    [result] = list(out.iterdir())
    data = result.read_bytes()
    shutil.rmtree(out)
    return data


def through_libreoffice(tmp_path: Path, data: bytes) -> bytes:
    """Opened and saved again as .docx by LibreOffice."""
    return soffice(tmp_path, data, ".docx", "docx:MS Word 2007 XML")


def edited_in_libreoffice(tmp_path: Path, data: bytes, texts: dict[int, str]) -> bytes:
    """The translation cells changed in LibreOffice's own document model (the flat ODF it
    holds), then saved as .docx by LibreOffice: nothing of python-docx's file is left."""
    flat = etree.fromstring(soffice(tmp_path, data, ".docx", "fodt"))
    rows = flat.findall(f".//{{{TABLE_NS}}}table/{{{TABLE_NS}}}table-row")
    for index, text in texts.items():
        cell = rows[index].findall(f"{{{TABLE_NS}}}table-cell")[2]
        paragraph = cell.find(f"{{{TEXT_NS}}}p")
        for child in list(paragraph):
            paragraph.remove(child)
        paragraph.text = text
    return soffice(
        tmp_path,
        etree.tostring(flat, xml_declaration=True, encoding="UTF-8"),
        ".fodt",
        "docx:MS Word 2007 XML",
    )


def test_the_file_is_a_table_of_segments_under_the_articles_details():
    data = written()
    assert get_format("docx") is not None
    assert sniff_docx(data[:512]) and reader_for(data[:512]) is get_format("docx")
    word = Document(io.BytesIO(data))
    body = [child.tag.rpartition("}")[2] for child in word.element.body]
    assert body.index("tbl") > body.index("p")  # details first
    text = "\n".join(p.text for p in word.paragraphs)
    assert "Zwei & drei <Titel>" in text and "A. Author" in text
    assert "Coordinator's note: Keep it short." in text
    [table] = word.tables
    rows = table.rows
    assert len(rows) == 1 + len(TARGETS)
    assert [c.text for c in rows[0].cells] == [
        "No.",
        "Source (en) — do not edit",
        "Translation (de)",
        "Comments",
    ]
    first = rows[2].cells
    assert first[0].text.startswith("2")
    assert first[1].text == "Read {1}the report{/1}{2/}now & {later}"
    assert first[2].text == "Lies {1}den Bericht{/1}{2/}jetzt & \\{später}"
    assert "Glossary: yen → Yen" in first[3].text
    assert "{1}…{/1}: link to https://example.org" in first[3].text
    # The tags stand out in a character style of their own, in source and translation.
    tagged = [run.text for run in first[2].paragraphs[0].runs if run.style.name == TAG_STYLE]
    assert tagged == ["{1}", "{/1}", "{2/}"]
    assert [r.text for r in first[1].paragraphs[0].runs if r.style.name == TAG_STYLE] == tagged
    # Source cells are shaded; translation and comments cells are the editable regions of a
    # document protected for editing.
    fill = first[1]._tc.tcPr.find(qn("w:shd")).get(qn("w:fill"))
    assert fill == "E7E6E6" and first[2]._tc.tcPr.find(qn("w:shd")) is None
    protection = word.settings.element.find(qn("w:documentProtection"))
    assert protection.get(qn("w:edit")) == "readOnly"
    for cell in (first[2], first[3]):
        assert cell._tc.find(f".//{qn('w:permStart')}").get(qn("w:edGrp")) == "everyone"
    assert first[1]._tc.find(f".//{qn('w:permStart')}") is None


def test_every_state_goes_out_and_comes_back_with_ids_and_versions():
    found = read(written())
    assert (found.format, found.translation_id) == ("docx", 7)
    assert (found.source_language, found.target_language) == ("en", "de")
    assert [(u.unit_id, u.segment_id, u.version, u.target) for u in found.units] == [
        (str(10 + n), 100 + n, n, target) for n, target in enumerate(TARGETS.values(), start=1)
    ]
    assert all(u.done is None for u in found.units)  # no state column: "done" stays the desk's


def test_python_docx_edits_read_back_and_an_added_comment_changes_nothing():
    data = set_translation(written(), 0, "Neu {1}übersetzt{/1}")  # tags typed by hand
    data = add_comment(data, 1, "Reviewer: please check the link.")
    data = set_translation(data, 2, "Zeile eins\nZeile zwei")
    units = read(data).units
    assert units[0].target == "Neu {1}übersetzt{/1}"
    assert units[1].target == TARGETS[list(TARGETS)[1]]
    assert units[2].target == "Zeile eins\nZeile zwei"
    assert [u.unit_id for u in units] == ["11", "12", "13", "14", "15"]


def test_tracked_changes_are_read_as_accepted():
    def change(word) -> None:  # type: ignore[no-untyped-def]
        cell = row_cells(word, 2)[2]
        paragraph = cell.paragraphs[0]._p
        w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
        paragraph.append(
            etree.fromstring(
                f'<w:del xmlns:w="{w}" w:id="9" w:author="R"><w:r><w:delText> alt</w:delText>'
                "</w:r></w:del>"
            )
        )
        paragraph.append(
            etree.fromstring(
                f'<w:ins xmlns:w="{w}" w:id="10" w:author="R"><w:r>'
                "<w:t xml:space='preserve'> neu</w:t><w:tab/></w:r></w:ins>"
            )
        )

    data = edited(written(), change)
    assert read(data).units[2].target == "Fertig <3 neu\t"


def test_a_row_added_by_hand_is_reported_with_its_words():
    def change(word) -> None:  # type: ignore[no-untyped-def]
        row = word.tables[0].add_row()
        row.cells[2].text = "Ein Absatz, den es nicht gab."

    units = read(edited(written(), change)).units
    assert units[-1].unit_id == "(table row 7)"
    assert units[-1].target == "Ein Absatz, den es nicht gab."


def test_a_later_layout_is_refused():
    data = written()
    with pytest.raises(FileRefused, match="layout 9"):
        read(_rezipped(data, {"docProps/custom.xml": _custom(data, b"9")}))


def _custom(data: bytes, layout: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        part = archive.read("docProps/custom.xml")
    return part.replace(b"<vt:lpwstr>1</vt:lpwstr>", b"<vt:lpwstr>" + layout + b"</vt:lpwstr>", 1)


def _rezipped(
    data: bytes, replaced: dict[str, bytes], added: dict[str, bytes] | None = None
) -> bytes:
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for entry in source.infolist():
            target.writestr(entry.filename, replaced.get(entry.filename, source.read(entry)))
        for name, content in (added or {}).items():
            target.writestr(name, content)
    return out.getvalue()


def _document_xml(data: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read("word/document.xml")


ENTITIES = b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa">]>'


@pytest.mark.parametrize(
    ("make", "said"),
    [
        (lambda d: b"PK\x03\x04 not really a zip" + b"\0" * 40, "damaged or not a Word"),
        (
            lambda d: _rezipped(
                d, {"word/document.xml": ENTITIES + _document_xml(d).split(b"?>", 1)[1]}
            ),
            "entities",
        ),
        (
            lambda d: _rezipped(d, {}, {"word/bomb.xml": b"<a>" + b" " * 30_000_000 + b"</a>"}),
            "unpacks",
        ),
        (
            lambda d: _rezipped(d, {}, {"word/media/image1.png": b"\0" * 60_000_000}),
            "unpacks",
        ),
        (
            lambda d: _rezipped(d, {}, {f"word/x{n}.bin": b"" for n in range(1_100)}),
            "files inside",
        ),
        (
            lambda d: _rezipped(d, {}, {"word/deep.xml": b"<a>" * 200 + b"</a>" * 200}),
            "deep",
        ),
        (
            # Past the table's own budget (a re-saved table's rows are about 225 elements),
            # and numbered so that it does not compress past the ratio check first.
            lambda d: _rezipped(d, {}, {"word/wide.xml": _wide(MAX_TABLE_ELEMENTS + 1)}),
            "elements",
        ),
        (lambda d: _zip_of({"hello.txt": b"hello"}), "not a Word document"),
    ],
    ids=["cut-short", "entities", "xml-bomb", "media-bomb", "many-parts", "deep", "wide", "zip"],
)
def test_hostile_and_foreign_archives_are_refused_in_bounded_time(make, said):
    data = make(written())
    started = time.monotonic()
    with pytest.raises(FileRefused) as refused:
        read(data)
    assert time.monotonic() - started < 5
    assert said in refused.value.message
    assert refused.value.message.endswith("Nothing was applied.")


def _wide(elements: int) -> bytes:
    return b"<a>" + b"".join(b'<b n="%d"/>' % n for n in range(elements)) + b"</a>"


def _zip_of(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return out.getvalue()


def test_a_file_past_the_byte_limit_is_refused():
    with pytest.raises(FileRefused, match="larger than 1 KB"):
        read_docx(io.BytesIO(written()), 1024)


@needs_soffice
def test_libreoffice_keeps_ids_versions_languages_and_tags(tmp_path):
    data = set_translation(written(), 0, "Neu {1}übersetzt{/1}")
    again = through_libreoffice(tmp_path, data)
    assert b"python-docx" not in again
    before, after = read(data), read(again)
    assert after == before
    word = Document(io.BytesIO(again))
    settings = word.settings.element.find(qn("w:documentProtection"))
    assert settings is not None and settings.get(qn("w:edit")) == "readOnly"


@needs_soffice
def test_a_translation_typed_in_libreoffice_reads_back(tmp_path):
    # Rows of the flat ODF's body, the header row apart: 0 is the first segment.
    data = edited_in_libreoffice(
        tmp_path, written(), {0: "In LibreOffice {1}geschrieben{/1}", 2: "Auch hier"}
    )
    units = read(data).units
    assert units[0].target == "In LibreOffice {1}geschrieben{/1}"
    assert units[2].target == "Auch hier"
    assert units[1].target == TARGETS[list(TARGETS)[1]]
    assert [(u.unit_id, u.segment_id, u.version) for u in units] == [
        (str(10 + n), 100 + n, n) for n in range(1, 6)
    ]


def test_a_long_articles_table_fits_the_intakes_budget_for_word_files():
    """300 segments with tags and notes, as written: the intake's element budget for a .docx
    (40,000) holds about 400 such rows as written and some 170 after LibreOffice saved them,
    whose XML is twice as verbose."""
    base = document()
    units = tuple(
        dataclasses.replace(base.units[1], unit_id=1000 + n, number=n + 1) for n in range(300)
    )
    data = b"".join(write_docx(dataclasses.replace(base, units=units)))
    started = time.monotonic()
    assert len(read(data).units) == 300
    assert time.monotonic() - started < 2
    assert b"python-docx" not in _zipped_part(data, "docProps/core.xml")


def _zipped_part(data: bytes, name: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read(name)


def test_literal_braces_keep_the_desks_escape_both_ways():
    base = document()
    unit = dataclasses.replace(base.units[1], target="A set \\{1} of {2/}braces")
    data = b"".join(write_docx(dataclasses.replace(base, units=(unit,))))
    cell = Document(io.BytesIO(data)).tables[0].rows[1].cells[2]
    assert [r.text for r in cell.paragraphs[0].runs if r.style.name == TAG_STYLE] == ["{2/}"]
    assert read(data).units[0].target == "A set \\{1} of {2/}braces"


def test_a_word_document_the_desk_did_not_make_is_refused():
    word = Document()
    word.add_paragraph("My own translation, in my own layout.")
    word.add_table(rows=2, cols=3).cell(1, 2).text = "A cell"
    out = io.BytesIO()
    word.save(out)
    with pytest.raises(FileRefused, match="no table of segments made by the desk"):
        read(out.getvalue())


def test_characters_xml_cannot_hold_are_left_out_not_a_crash():
    base = document()
    unit = dataclasses.replace(
        base.units[1],
        source="Bell\x07 here",
        target="Form\x0cfeed",
        notes=(Note("comment", "\x00!"),),
    )
    data = b"".join(write_docx(dataclasses.replace(base, title="Ti\x01tle", units=(unit,))))
    assert read(data).units[0].target == "Formfeed"
    assert "Title" in Document(io.BytesIO(data)).paragraphs[0].text
