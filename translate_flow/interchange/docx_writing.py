"""A translation as a bilingual Word table, the kind agencies send out for review.

The article's details come first, then one table: a header row, and one row per segment with
its number, the source, the translation and the comments. What the desk needs back rides in
what Word and LibreOffice keep through an edit and a save:

- each row's id, source segment and version at download in a bookmark around the row's
  number (`tf_<row>_<segment>_<version>`): bookmarks are plain document content to both, they
  move with a row that is sorted or copied, and an edit of the translation cell never
  touches them;
- the translation, languages and the file's layout version as custom document properties
  (docProps/custom.xml), which both keep as "custom"/"user-defined" properties.

The document is protected for editing (`w:documentProtection w:edit="readOnly"`, no
password) with the translation and comments cells as editable regions (`w:permStart`/
`w:permEnd` for everyone): Word then lets the cursor into those cells only and highlights
them. LibreOffice (7.4) keeps both through a save but enforces neither: it opens the file
as "marked as final" with a button to edit anyway. There, as anywhere, the source cells are
shaded and headed "do not edit"; and nothing is lost when protection is ignored, since the
upload reads the translation column only.

Inline tags are the desk's own placeholders (`{1}…{/1}`, `{2/}`) as text, in a character
style of their own so they stand out: text survives every editor, copy and paste carries
the style along, and a tag typed by hand reads back the same.
"""

import io
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any
from xml.sax.saxutils import quoteattr

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import _Cell

from translate_flow.core.errors import UnknownLanguage
from translate_flow.interchange.units import Note, OfflineDocument, OfflineUnit, UnitState
from translate_flow.interchange.xliff_header import article_lines
from translate_flow.interchange.xliff_inline import text_xml
from translate_flow.markup.source_tags import Tag
from translate_flow.text.languages import get_language
from translate_flow.text.placeholders import Placeholder, pieces

MIME_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

# The layout's version: a reader that meets a later one says so rather than guess.
LAYOUT = "1"
PROPERTY_LAYOUT = "TranslateFlowLayout"
PROPERTY_TRANSLATION = "TranslateFlowTranslation"
PROPERTY_SOURCE = "TranslateFlowSourceLanguage"
PROPERTY_TARGET = "TranslateFlowTargetLanguage"
BOOKMARK_PREFIX = "tf_"

# Column order; the reader finds the translation at TRANSLATION_COLUMN.
NUMBER_COLUMN, SOURCE_COLUMN, TRANSLATION_COLUMN, COMMENTS_COLUMN = range(4)
REGION_IDS = 100_000
# A4 landscape less 1.5 cm margins: 26.7 cm.
WIDTHS = (Cm(1.7), Cm(10), Cm(10), Cm(5))

TAG_STYLE = "Desk tag"
SOURCE_STYLE = "Desk source"
TARGET_STYLE = "Desk translation"
NOTE_STYLE = "Desk note"
SOURCE_SHADING = "E7E6E6"
HEADER_SHADING = "D0CECE"

# The template's styles the file uses (by id), besides the defaults and the desk's own.
_USED_STYLES = frozenset(
    {"Heading1", "TableGrid", "Desktag", "Desksource", "Desktranslation", "Desknote"}
)

STATE_WORDS = {
    UnitState.NEW: "new",
    UnitState.TRANSLATED: "translated",
    UnitState.DONE: "done",
    UnitState.NEEDS_REVIEW: "source corrected",
    UnitState.UNTRANSLATED: "kept in the source language",
}
# What CT_Settings puts after w:documentProtection (the python-docx template has some).
_AFTER_PROTECTION = frozenset(
    {
        "autoFormatOverride",
        "styleLockTheme",
        "styleLockQFSet",
        "defaultTabStop",
        "autoHyphenation",
        "characterSpacingControl",
        "compat",
        "rsids",
        "mathPr",
        "themeFontLang",
        "clrSchemeMapping",
        "shapeDefaults",
        "decimalSymbol",
        "listSeparator",
    }
)
# C0 controls but tab, line feed and carriage return; lone surrogates; U+FFFE and U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
# The format id every application gives user-defined properties.
USER_DEFINED = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"


def _safe(text: str) -> str:
    """The text without what XML cannot hold (python-docx refuses it with a ValueError)."""
    return _NOT_XML.sub("", text)


def bookmark_name(unit: OfflineUnit) -> str:
    """At most 36 characters: Word keeps bookmark names up to 40."""
    return f"{BOOKMARK_PREFIX}{unit.unit_id}_{unit.segment_id}_{unit.version}"


def write_docx(document: OfflineDocument) -> Iterator[bytes]:
    word = Document()
    _page(word)
    _styles(word, document)
    _details(word, document)
    _table(word, document)
    _trim(word)
    _protect(word)
    _custom_properties(word, document)
    properties = word.core_properties
    # The template's own say "python-docx", 2013.
    properties.author = properties.last_modified_by = ""
    properties.comments = f"Translation {document.translation_id}"
    properties.created = properties.modified = datetime.now(UTC).replace(tzinfo=None)
    properties.title = _safe(document.title)
    properties.language = document.target_language
    out = io.BytesIO()
    word.save(out)
    yield out.getvalue()


def _page(word: Any) -> None:
    section = word.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.5))


def _language(style: Any, code: str) -> None:
    """Spelling and hyphenation in the cell's language, also for what is typed anew."""
    properties = style.element.get_or_add_rPr()
    lang = OxmlElement("w:lang")
    for attribute in ("w:val", "w:eastAsia", "w:bidi"):
        lang.set(qn(attribute), code)
    properties.append(lang)
    try:
        right_to_left = get_language(code).direction == "rtl"
    except UnknownLanguage:
        right_to_left = False
    if right_to_left:
        style.element.get_or_add_pPr().append(OxmlElement("w:bidi"))
        properties.append(OxmlElement("w:rtl"))


def _styles(word: Any, document: OfflineDocument) -> None:
    styles = word.styles
    tag = styles.add_style(TAG_STYLE, WD_STYLE_TYPE.CHARACTER)
    tag.font.color.rgb = RGBColor(0x80, 0x20, 0x80)
    tag.font.bold = True
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:fill"), "F2E6F2")
    tag.element.get_or_add_rPr().append(shading)
    for name, code in (
        (SOURCE_STYLE, document.source_language),
        (TARGET_STYLE, document.target_language),
    ):
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = styles["Normal"]
        style.paragraph_format.space_after = Pt(2)
        _language(style, code)
    note = styles.add_style(NOTE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    note.base_style = styles["Normal"]
    note.font.size = Pt(8)
    note.font.color.rgb = RGBColor(0x59, 0x59, 0x59)
    note.paragraph_format.space_after = Pt(2)


def _trim(word: Any) -> None:
    """Leave out what python-docx's template carries and the file does not use: its
    thumbnail, bibliography part, Word 2010 style copy and some 150 unused styles. An upload
    is checked against a budget of XML elements, and these were half of it."""
    package_rels = word.part.package.rels
    for rel_id, rel in list(package_rels.items()):
        if rel.reltype == RELATIONSHIP_TYPE.THUMBNAIL:
            package_rels.pop(rel_id)
    for rel_id, rel in list(word.part.rels.items()):
        if rel.reltype.rpartition("/")[2] in ("stylesWithEffects", "customXml"):
            word.part.rels.pop(rel_id)
    styles = word.styles.element
    for latent in styles.findall(qn("w:latentStyles")):
        styles.remove(latent)
    by_id = {style.get(qn("w:styleId")): style for style in styles.findall(qn("w:style"))}
    wanted = [
        style_id
        for style_id, style in by_id.items()
        if style.get(qn("w:default")) == "1" or style_id in _USED_STYLES
    ]
    kept: set[str] = set()
    while wanted:
        style_id = wanted.pop()
        if style_id in kept or style_id not in by_id:
            continue
        kept.add(style_id)
        for link in ("w:basedOn", "w:next", "w:link"):
            found = by_id[style_id].find(qn(link))
            if found is not None:
                wanted.append(found.get(qn("w:val")))
    for style_id, style in by_id.items():
        if style_id not in kept:
            styles.remove(style)


def _details(word: Any, document: OfflineDocument) -> None:
    word.add_heading(_safe(document.title) or "Untitled article", level=1)
    for line in article_lines(document)[1:-1]:
        word.add_paragraph(_safe(line))
    word.add_paragraph(
        f"Translation {document.translation_id}: {document.source_language} → "
        f"{document.target_language}. Write your translation in the third column; add a "
        "remark for the desk in the fourth if you like. Keep the rows, their numbers and "
        "the columns as they are, and keep tags such as "
    ).add_run("{1}…{/1}").style = TAG_STYLE
    word.paragraphs[-1].add_run(
        " around the words they belong to: they stand for the source's links, emphasis and "
        "line breaks. Then upload this file on the translation's “Work offline” page."
    )
    for note in document.notes:
        word.add_paragraph(_safe(_note_heading(note) + note.text))


def _note_heading(note: Note) -> str:
    return {
        "coordinator": "Coordinator's note: ",
        "comment": "Comment: ",
        "glossary": "Glossary: ",
    }.get(note.category, "")


def _shade(cell: _Cell, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def _table(word: Any, document: OfflineDocument) -> None:
    table = word.add_table(rows=1, cols=4)
    table.style = word.styles["Table Grid"]
    table.autofit = False
    header = table.rows[0]
    header._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))  # repeats on each page
    titles = (
        "No.",
        f"Source ({document.source_language}) — do not edit",
        f"Translation ({document.target_language})",
        "Comments",
    )
    for cell, title in zip(header.cells, titles, strict=True):
        cell.paragraphs[0].add_run(_safe(title)).bold = True
        _shade(cell, HEADER_SHADING)
    for unit in document.units:
        _row(table, unit, len(table.rows))
    for column, width in zip(table.columns, WIDTHS, strict=True):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, WIDTHS, strict=True):
            cell.width = width


def _row(table: Any, unit: OfflineUnit, bookmark_id: int) -> None:
    cells = table.add_row().cells
    number = cells[NUMBER_COLUMN].paragraphs[0]
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(bookmark_id))
    start.set(qn("w:name"), bookmark_name(unit))
    number._p.append(start)
    number.add_run(str(unit.number))
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(bookmark_id))
    number._p.append(end)
    cells[NUMBER_COLUMN].add_paragraph(STATE_WORDS[unit.state], style=NOTE_STYLE)
    _shade(cells[NUMBER_COLUMN], SOURCE_SHADING)

    source = cells[SOURCE_COLUMN].paragraphs[0]
    source.style = SOURCE_STYLE
    _placeholder_text(source, unit.source)
    _shade(cells[SOURCE_COLUMN], SOURCE_SHADING)

    target = cells[TRANSLATION_COLUMN].paragraphs[0]
    target.style = TARGET_STYLE
    # Bookmarks and regions number their ends apart: 1, 2, … and from REGION_IDS on.
    region = REGION_IDS + 2 * bookmark_id
    _region(target, region, "permStart")
    _placeholder_text(target, unit.target)
    _region(target, region, "permEnd")

    comments = cells[COMMENTS_COLUMN]
    lines = [_note_heading(note) + note.text for note in unit.notes]
    lines += [f"{_written(tag)}: {tag.meaning}" for tag in unit.tags]
    paragraph = comments.paragraphs[0]
    paragraph.style = NOTE_STYLE
    _region(paragraph, region + 1, "permStart")
    for index, line in enumerate(lines):
        if index:
            paragraph = comments.add_paragraph(style=NOTE_STYLE)
        paragraph.add_run(_safe(line))
    _region(paragraph, region + 1, "permEnd")


def _written(tag: Tag) -> str:
    return "…".join(tag.placeholders())


def _region(paragraph: Any, range_id: int, end: str) -> None:
    """One end of a region everyone may edit in the protected document."""
    mark = OxmlElement(f"w:{end}")
    mark.set(qn("w:id"), str(range_id))
    if end == "permStart":
        mark.set(qn("w:edGrp"), "everyone")
    paragraph._p.append(mark)


def _placeholder_text(paragraph: Any, text: str) -> None:
    """The text as written on the desk, each placeholder a run in the tag style. Literal
    braces keep the desk's escape (`\\{1}`), so that the text reads back as it was."""
    position = 0
    for piece in pieces(text):
        if isinstance(piece, Placeholder):
            if piece.start > position:
                paragraph.add_run(_safe(text[position : piece.start]))
            paragraph.add_run(piece.written, style=TAG_STYLE)
            position = piece.end
    if position < len(text):
        paragraph.add_run(_safe(text[position:]))


def _protect(word: Any) -> None:
    protection = OxmlElement("w:documentProtection")
    protection.set(qn("w:edit"), "readOnly")
    protection.set(qn("w:enforcement"), "1")
    settings = word.settings.element
    # CT_Settings orders its children: protection goes before the first that follows it.
    later = next((child for child in settings if _local(child.tag) in _AFTER_PROTECTION), None)
    if later is not None:
        later.addprevious(protection)
    else:
        settings.append(protection)


def _local(tag: object) -> str:
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def _custom_properties(word: Any, document: OfflineDocument) -> None:
    values = {
        PROPERTY_LAYOUT: LAYOUT,
        PROPERTY_TRANSLATION: str(document.translation_id),
        PROPERTY_SOURCE: document.source_language,
        PROPERTY_TARGET: document.target_language,
    }
    properties = "".join(
        f'<property fmtid="{USER_DEFINED}" pid="{pid}" name={quoteattr(name)}>'
        f"<vt:lpwstr>{text_xml(value)}</vt:lpwstr></property>"
        for pid, (name, value) in enumerate(values.items(), start=2)
    )
    blob = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Properties xmlns="{CUSTOM_NS}" xmlns:vt="{VT_NS}">{properties}</Properties>'
    ).encode()
    package = word.part.package
    part = Part(PackURI("/docProps/custom.xml"), CONTENT_TYPE.OFC_CUSTOM_PROPERTIES, blob, package)
    package.relate_to(part, RELATIONSHIP_TYPE.CUSTOM_PROPERTIES)
