"""A translation as XLIFF 2.1 (namespace `urn:oasis:names:tc:xliff:document:2.0`, as the
standard has it for every 2.x version).

One `<unit>` per row with one `<segment>`: `id` and `name` name the row, the desk's namespace
carries the source segment, the version at download and the desk's state (`tf:*`). The
segment's state is `initial`, `translated` or `final`, with `subState="tf:source-changed"`
where the source was corrected; `translate="no"` marks a segment left untranslated. Notes
are the unit's (comments, glossary) and the file's (the article, the coordinator's).
"""

from collections.abc import Iterator

from translate_flow.interchange.units import PREFIX, Note, OfflineDocument, OfflineUnit, UnitState
from translate_flow.interchange.xliff_header import header_notes
from translate_flow.interchange.xliff_inline import attribute, content_xml, text_xml
from translate_flow.interchange.xliff_marks import DECLARATION, file_marks, unit_marks

NAMESPACE_2 = "urn:oasis:names:tc:xliff:document:2.0"
MIME_TYPE = "application/xliff+xml"

STATE_2 = {
    UnitState.NEW: "initial",
    UnitState.TRANSLATED: "translated",
    UnitState.DONE: "final",
    UnitState.NEEDS_REVIEW: "translated",
    UnitState.UNTRANSLATED: "final",
}
SOURCE_CHANGED = f"{PREFIX}:source-changed"


def write_xliff21(document: OfflineDocument) -> Iterator[bytes]:
    notes = header_notes(document)
    yield (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<xliff version="2.1" xmlns="{NAMESPACE_2}" {DECLARATION} '
        f"srcLang={attribute(document.source_language)} "
        f"trgLang={attribute(document.target_language)}>\n"
        f'  <file id="f{document.translation_id}" original="{document.file_stem}" '
        f"{file_marks(document)}>\n" + _notes(notes, "    ")
    ).encode()
    for unit in document.units:
        yield _unit(document, unit).encode()
    yield b"  </file>\n</xliff>\n"


def _notes(notes: list[Note] | tuple[Note, ...], indent: str) -> str:
    if not notes:
        return ""
    inner = "".join(
        f"{indent}  <note category={attribute(note.category)}>{text_xml(note.text)}</note>\n"
        for note in notes
    )
    return f"{indent}<notes>\n{inner}{indent}</notes>\n"


def _unit(document: OfflineDocument, unit: OfflineUnit) -> str:
    translate = ' translate="no"' if unit.state is UnitState.UNTRANSLATED else ""
    state = f'state="{STATE_2[unit.state]}"' if unit.target else 'state="initial"'
    if unit.target and unit.state is UnitState.NEEDS_REVIEW:
        state += f' subState="{SOURCE_CHANGED}"'
    target = (
        f"        <target xml:lang={attribute(document.target_language)}>"
        f"{content_xml(unit.target, unit.tags, '2.1')}</target>\n"
        if unit.target
        else ""
    )
    return (
        f'    <unit id="{unit.unit_id}" name="row-{unit.unit_id}"{translate} {unit_marks(unit)}>\n'
        + _notes(unit.notes, "      ")
        + f"      <segment {state}>\n"
        f'        <source xml:lang={attribute(document.source_language)} xml:space="preserve">'
        f"{content_xml(unit.source, unit.tags, '2.1')}</source>\n"
        + target.replace("<target ", '<target xml:space="preserve" ', 1)
        + "      </segment>\n    </unit>\n"
    )
