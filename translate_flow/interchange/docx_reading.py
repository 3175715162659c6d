"""Reading an uploaded bilingual .docx (as `docx_writing` makes it) back as units.

A .docx is a zip of XML parts from outside, so before python-docx opens it the archive goes
through the intake's checks for Word files (parts, unpacked size and ratio, XML elements,
depth, entity declarations), and through a bound on what python-docx reads that the intake
never opens: images and other binary parts, which python-docx loads whole.

Each row is known by the bookmark around its number (`tf_<row>_<segment>_<version>`); the
translation is the row's third cell, read as its text with tracked changes accepted
(insertions in, deletions out), paragraphs joined by line breaks. Placeholders are text, so
a tag copied from the source or typed by hand reads back the same. A row the translator
added (no bookmark) with words in it is reported, so that those words are not lost unseen.
"""

import io
import re
import unicodedata
import zipfile
import zlib
from collections.abc import Iterator
from typing import Any
from xml.etree.ElementTree import ParseError
from xml.parsers import expat

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring
from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml.ns import qn

from translate_flow.core.errors import TooLarge, ValidationFailed
from translate_flow.core.read_limits import readable_size
from translate_flow.intake.limits import MAX_DOCX_RATIO, check_docx
from translate_flow.interchange.docx_writing import (
    BOOKMARK_PREFIX,
    CUSTOM_NS,
    LAYOUT,
    PROPERTY_LAYOUT,
    PROPERTY_SOURCE,
    PROPERTY_TARGET,
    PROPERTY_TRANSLATION,
    TRANSLATION_COLUMN,
    VT_NS,
)
from translate_flow.interchange.file_facts import file_language, whole_number
from translate_flow.interchange.uploaded import ByteStream, FileRefused, ReadFile, ReadUnit

# Everything in the archive, images included: python-docx reads every part it is pointed to.
# The table with a few pictures pasted into comments stays far below.
MAX_UNPACKED = 50 * 1024 * 1024
# The XML a table of 3,000 segments holds once LibreOffice has saved it (about 225 elements a
# row; read in about 2 s). The intake's budget, sized for one article in mammoth, would refuse
# a re-saved table of 170 rows.
MAX_TABLE_ELEMENTS = 750_000
_RATIO_FROM = 1024 * 1024
_BOOKMARK = re.compile(rf"{BOOKMARK_PREFIX}([0-9]{{1,10}})_([0-9]{{1,10}})_([0-9]{{1,10}})")
_ZIP_MAGIC = b"PK\x03\x04"
_ZIP_HEADER = 30  # a local file header's fixed part
_NAME = "the file"

_DELETED = frozenset({qn("w:del"), qn("w:moveFrom")})
_TEXT, _TAB, _BREAK, _RETURN = qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr")
_HYPHEN, _RUN = qn("w:noBreakHyphen"), qn("w:r")


def sniff_docx(head: bytes) -> bool:
    """Whether the file starts as a zip does, with a whole first entry header."""
    return head.startswith(_ZIP_MAGIC) and len(head) >= _ZIP_HEADER


def _refused(sentence: str) -> FileRefused:
    return FileRefused(
        f"{sentence} Upload the .docx downloaded for this translation, saved again by Word or "
        "LibreOffice. Nothing was applied."
    )


def read_docx(stream: ByteStream, max_bytes: int) -> ReadFile:
    """Every row of the file's table; FileRefused when the file is not a Word document, not
    one the desk made, hostile, or larger than `max_bytes`."""
    data = _read_up_to(stream, max_bytes + 1)
    if len(data) > max_bytes:
        raise FileRefused(
            f"The file is larger than {readable_size(max_bytes)}, more than any one article's "
            "translation needs. Upload the file you downloaded for this translation. Nothing "
            "was applied."
        )
    _check_archive(data)
    try:
        # python-docx raises what its zip and lxml layers raise on a damaged or foreign
        # package (KeyError, ValueError, XMLSyntaxError, …): the person's file to fix.
        word = Document(io.BytesIO(data))
    except Exception as error:
        raise _refused("The file is a zip, but not a Word document that can be read.") from error
    facts = _properties(word)
    layout = facts.get(PROPERTY_LAYOUT)
    if layout is not None and layout != LAYOUT:
        raise _refused(
            f"The file's table is laid out in a way this desk does not know (layout {layout[:8]})."
        )
    units = list(_units(word))
    if not units and not facts:
        raise _refused("The Word document holds no table of segments made by the desk.")
    return ReadFile(
        format="docx",
        translation_id=whole_number(facts.get(PROPERTY_TRANSLATION)),
        source_language=file_language(facts.get(PROPERTY_SOURCE)),
        target_language=file_language(facts.get(PROPERTY_TARGET)),
        units=units,
    )


def _read_up_to(stream: ByteStream, limit: int) -> bytes:
    """The stream's bytes, at most `limit`: a read may return fewer than asked before the end
    (the upload's first bytes come back alone), so read until the end or the limit."""
    chunks: list[bytes] = []
    left = limit
    while left > 0:
        chunk = stream.read(min(left, 1024 * 1024))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _check_archive(data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            check_docx(_NAME, archive, max_elements=MAX_TABLE_ELEMENTS, max_unpacked=MAX_UNPACKED)
            entries = archive.infolist()
    except (TooLarge, ValidationFailed) as error:
        # The intake's reason, without its advice for an article's upload.
        reason = error.message.replace(f"“{_NAME}”", "The file").split(". ")[0]
        raise _refused(f"{reason}.") from error
    except (zipfile.BadZipFile, zlib.error, expat.ExpatError, EOFError, NotImplementedError):
        raise _refused("The file is damaged or not a Word document.") from None
    unpacked = sum(entry.file_size for entry in entries)
    packed = sum(entry.compress_size for entry in entries)
    if unpacked > MAX_UNPACKED or (
        unpacked > _RATIO_FROM and unpacked > MAX_DOCX_RATIO * max(packed, 1)
    ):
        raise _refused(
            f"The file unpacks to {readable_size(unpacked)} with its images, far more than a "
            "translation's table."
        )


def _properties(word: Any) -> dict[str, str]:
    """The desk's custom document properties; {} when the file has none."""
    for rel in word.part.package.rels.values():
        if rel.reltype == RELATIONSHIP_TYPE.CUSTOM_PROPERTIES and not rel.is_external:
            try:
                root = fromstring(rel.target_part.blob)
            except (ParseError, DefusedXmlException):
                return {}
            return {
                prop.get("name", ""): "".join(prop.itertext()).strip()
                for prop in root.iter(f"{{{CUSTOM_NS}}}property")
                if any(child.tag.startswith(f"{{{VT_NS}}}") for child in prop)
            }
    return {}


def _units(word: Any) -> Iterator[ReadUnit]:
    position = 0
    for table in word.tables:
        rows = table._tbl.tr_lst
        marked = [_bookmark(row) for row in rows]
        if not any(marked):
            continue  # a table of the translator's own
        for index, (row, mark) in enumerate(zip(rows, marked, strict=True), start=1):
            cells = row.tc_lst
            target = _cell_text(cells[TRANSLATION_COLUMN]) if len(cells) > 2 else None
            if mark is None:
                if index == 1 or _is_header(row) or not (target or "").strip():
                    continue
                position += 1
                # A row added by hand: its words are shown back, not applied.
                yield ReadUnit(position, f"(table row {index})", None, None, target, None, None)
                continue
            position += 1
            row_id, segment_id, version = mark
            yield ReadUnit(
                position=position,
                unit_id=str(row_id),
                segment_id=segment_id,
                version=version,
                target=target,
                done=None,  # the table has no state column: "done" stays the desk's
                exported_state=None,
            )


def _bookmark(row: Any) -> tuple[int, int, int] | None:
    for start in row.iter(qn("w:bookmarkStart")):
        found = _BOOKMARK.fullmatch(start.get(qn("w:name"), ""))
        if found is not None:
            return int(found[1]), int(found[2]), int(found[3])
    return None


def _is_header(row: Any) -> bool:
    properties = row.trPr
    return properties is not None and properties.find(qn("w:tblHeader")) is not None


def _cell_text(cell: Any) -> str:
    paragraphs = [_paragraph_text(paragraph) for paragraph in cell.iter(qn("w:p"))]
    while paragraphs and not paragraphs[-1]:
        paragraphs.pop()  # the empty paragraph an Enter at the end leaves
    return unicodedata.normalize("NFC", "\n".join(paragraphs))


def _paragraph_text(paragraph: Any) -> str:
    out: list[str] = []
    for element in paragraph.iter(_TEXT, _TAB, _BREAK, _RETURN, _HYPHEN):
        # Content is a run's child (a w:tab elsewhere is a tab stop); deleted runs are out.
        if element.getparent().tag != _RUN or any(True for _ in element.iterancestors(*_DELETED)):
            continue
        if element.tag == _TEXT:
            out.append(element.text or "")
        elif element.tag == _TAB:
            out.append("\t")
        elif element.tag == _HYPHEN:
            out.append("-")
        else:
            out.append("\n")
    return "".join(out)
