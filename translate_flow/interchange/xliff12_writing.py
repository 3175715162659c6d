"""A translation as XLIFF 1.2, the version every CAT tool reads.

One `<trans-unit>` per row: `id` and `resname` name the row, the desk's namespace carries
the source segment, the version at download and the state as the desk saw it (`tf:*`), so
that an upload is matched and saved on the right base. States: `new`, `translated`,
`final` (done; also `approved="yes"`), `needs-review-translation` (source corrected), and
`translate="no"` for a segment left untranslated. Written unit by unit.
"""

from collections.abc import Iterator
from datetime import UTC, datetime

from translate_flow.interchange.units import Note, OfflineDocument, OfflineUnit, UnitState
from translate_flow.interchange.xliff_header import header_notes
from translate_flow.interchange.xliff_inline import attribute, content_xml, text_xml
from translate_flow.interchange.xliff_marks import DECLARATION, file_marks, unit_marks

NAMESPACE_12 = "urn:oasis:names:tc:xliff:document:1.2"
MIME_TYPE = "application/x-xliff+xml"
TOOL = "translate_flow"

STATE_12 = {
    UnitState.NEW: "new",
    UnitState.TRANSLATED: "translated",
    UnitState.DONE: "final",
    UnitState.NEEDS_REVIEW: "needs-review-translation",
    UnitState.UNTRANSLATED: "final",
}


def write_xliff12(document: OfflineDocument, *, now: datetime | None = None) -> Iterator[bytes]:
    moment = (now or datetime.now(UTC)).strftime("%Y-%m-%dT%H:%M:%SZ")
    yield (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<xliff version="1.2" xmlns="{NAMESPACE_12}" {DECLARATION}>\n'
        f'  <file original="{document.file_stem}" datatype="html" '
        f"source-language={attribute(document.source_language)} "
        f"target-language={attribute(document.target_language)} "
        f'date="{moment}" tool-id="{TOOL}" '
        f"{file_marks(document)}>\n"
        "    <header>\n"
        f'      <tool tool-id="{TOOL}" tool-name="{TOOL}"/>\n'
        + "".join(_note(note, "      ") for note in header_notes(document))
        + "    </header>\n    <body>\n"
    ).encode()
    for unit in document.units:
        yield _unit(document, unit).encode()
    yield b"    </body>\n  </file>\n</xliff>\n"


def _note(note: Note, indent: str) -> str:
    return f"{indent}<note from={attribute(note.category)}>{text_xml(note.text)}</note>\n"


def _unit(document: OfflineDocument, unit: OfflineUnit) -> str:
    flags = ' approved="yes"' if unit.state is UnitState.DONE else ""
    if unit.state is UnitState.UNTRANSLATED:
        flags += ' translate="no"'
    state = STATE_12[unit.state] if unit.target else "new"
    return (
        f'      <trans-unit id="{unit.unit_id}" resname="row-{unit.unit_id}" '
        f'xml:space="preserve"{flags} {unit_marks(unit)}>\n'
        f"        <source xml:lang={attribute(document.source_language)}>"
        f"{content_xml(unit.source, unit.tags, '1.2')}</source>\n"
        f"        <target xml:lang={attribute(document.target_language)} "
        f'state="{state}">{content_xml(unit.target, unit.tags, "1.2")}</target>\n'
        + "".join(_note(note, "        ") for note in unit.notes)
        + "      </trans-unit>\n"
    )
