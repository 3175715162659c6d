"""Reading an uploaded XLIFF (1.2, the 1.1 translate-toolkit declares, or 2.x) as units.

The file comes from outside and is read as a hostile one must be: with defusedxml, which
refuses entity declarations (expansion bombs, external entities that would read local files
or the network) before anything is expanded; through a stream that stops past a byte limit;
with bounds on nesting and on elements per unit; each unit dropped from the tree once read.

What decides a unit's "done" is its state word, never 1.2's `approved`: translate-toolkit
sets `approved="yes"` on every unit whose target it sets, so approved says nothing of the
translator's intent.
"""

import unicodedata
from collections.abc import Iterator
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

from translate_flow.core.read_limits import LimitedStream, TooLarge, readable_size
from translate_flow.interchange.file_facts import file_language, whole_number
from translate_flow.interchange.units import NAMESPACE, UnitState
from translate_flow.interchange.uploaded import ByteStream, FileRefused, ReadFile, ReadUnit
from translate_flow.interchange.xliff_inline import Version, inline_text, local

XML_NS = "{http://www.w3.org/XML/1998/namespace}"
OWN = f"{{{NAMESPACE}}}"
NAMESPACES_1 = {
    "urn:oasis:names:tc:xliff:document:1.1",
    "urn:oasis:names:tc:xliff:document:1.2",
}
NAMESPACE_2 = "urn:oasis:names:tc:xliff:document:2.0"
# Deeper than any tool nests groups, units and inline codes; deeper is an attack on the stack.
MAX_DEPTH = 60
# Elements in one unit (or the header): a paragraph with many tags and notes has dozens.
MAX_ELEMENTS = 5_000

# The state words that mean "finished" and those that mean "not yet"; others say nothing.
DONE_STATES = frozenset({"final", "signed-off", "reviewed"})
NOT_DONE_STATES = frozenset(
    {
        "new",
        "initial",
        "translated",
        "needs-translation",
        "needs-l10n",
        "needs-adaptation",
        "needs-review-translation",
        "needs-review-l10n",
        "needs-review-adaptation",
    }
)


def sniff_xml(head: bytes) -> bool:
    """Whether the file starts as XML does (after a byte-order mark and white space)."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = head[2:].decode("utf-16-le" if head[1] == 0xFE else "utf-16-be", "ignore")
    else:
        text = head.removeprefix(b"\xef\xbb\xbf").decode("utf-8", "ignore")
    return text.lstrip().startswith("<")


def read_xliff(stream: ByteStream, max_bytes: int) -> ReadFile:
    """Every unit of the file; FileRefused when the file is not XLIFF, not well-formed,
    declares entities, nests or repeats without bound, or is larger than `max_bytes`."""
    events = _events(stream, max_bytes)
    root = _root(events)
    version: Version = "2.1" if _namespace(root) == NAMESPACE_2 else "1.2"
    facts: dict[str, str | None] = {"translation": None, "source": None, "target": None}
    if version == "2.1":
        facts["source"] = root.get("srcLang")
        facts["target"] = root.get("trgLang")
    units: list[ReadUnit] = []
    unit_tag = "trans-unit" if version == "1.2" else "unit"
    depth, elements, inside = 1, 0, 0
    for event, element in events:
        name = local(element.tag)
        if event == "start":
            depth, elements = depth + 1, elements + 1
            if depth > MAX_DEPTH:
                raise _refused(f"nests its elements more than {MAX_DEPTH} deep")
            if elements > MAX_ELEMENTS:
                raise _refused(f"holds more than {MAX_ELEMENTS:,} elements in one unit")
            if name == "file" and facts["translation"] is None:
                facts["translation"] = element.get(f"{OWN}translation")
                if version == "1.2":
                    facts["source"] = element.get("source-language")
                    facts["target"] = element.get("target-language")
            if name == unit_tag:
                inside += 1
            continue
        depth -= 1
        if name == unit_tag:
            inside -= 1
            units.append(_unit(len(units) + 1, element, version))
            element.clear()
            elements = 0
        elif name in ("header", "notes") and not inside:
            element.clear()
            elements = 0
    return ReadFile(
        format="xliff21" if version == "2.1" else "xliff12",
        translation_id=whole_number(facts["translation"]),
        source_language=file_language(facts["source"]),
        target_language=file_language(facts["target"]),
        units=units,
    )


def _refused(why: str) -> FileRefused:
    return FileRefused(f"The file {why}, which no translation tool writes. Nothing was applied.")


def _events(stream: ByteStream, max_bytes: int) -> Iterator[tuple[str, Element]]:
    parser = iterparse(LimitedStream(stream, max_bytes), events=("start", "end"))
    try:
        yield from parser
    except TooLarge:
        raise FileRefused(
            f"The file is larger than {readable_size(max_bytes)}, more than any one article's "
            "translation needs. Upload the file you downloaded for this translation. Nothing "
            "was applied."
        ) from None
    except DefusedXmlException:
        raise FileRefused(
            "The file declares XML entities or points to outside files, which no translation "
            "tool writes in an XLIFF and which could make the server read or expand without "
            "end. Export it again from your tool. Nothing was applied."
        ) from None
    except ParseError as error:
        line, column = getattr(error, "position", (0, 0))
        where = f" (line {line}, column {column + 1})" if line else ""
        raise FileRefused(
            f"The file is not well-formed XML{where}, so it is not an XLIFF the desk can read. "
            "Save or export it again from your tool as XLIFF. Nothing was applied."
        ) from None


def _namespace(element: Element) -> str:
    tag = element.tag if isinstance(element.tag, str) else ""
    return tag[1:].partition("}")[0] if tag.startswith("{") else ""


def _root(events: Iterator[tuple[str, Element]]) -> Element:
    for _event, element in events:
        if local(element.tag) != "xliff" or (
            _namespace(element) not in NAMESPACES_1 | {NAMESPACE_2}
        ):
            raise FileRefused(
                f"The file is XML but not an XLIFF: its root element is <{local(element.tag)}>. "
                "Upload the XLIFF file you downloaded for this translation. Nothing was applied."
            )
        return element
    raise FileRefused("The file is empty. Nothing was applied.")


def _state(words: list[str | None]) -> bool | None:
    said = [word for word in words if word]
    if not said:
        return None
    if all(word in DONE_STATES for word in said):
        return True
    if any(word in NOT_DONE_STATES for word in said):
        return False
    return None  # x-… states of a tool's own: no opinion


def _exported(value: str | None) -> UnitState | None:
    try:
        return UnitState(value) if value else None
    except ValueError:
        return None


def _children(element: Element, name: str) -> list[Element]:
    return [child for child in element if local(child.tag) == name]


def _unit(position: int, unit: Element, version: Version) -> ReadUnit:
    if version == "1.2":
        targets = _children(unit, "target")
        target = inline_text(targets[0], version) if targets else None
        done = _state([targets[0].get("state")]) if targets else None
    else:
        segments = [c for c in unit if local(c.tag) in ("segment", "ignorable")]
        parts: list[str] = []
        complete = any(local(part.tag) == "segment" for part in segments)
        for part in segments:
            targets = _children(part, "target")
            sources = _children(part, "source")
            if targets:
                parts.append(inline_text(targets[0], version))
            elif local(part.tag) == "ignorable" and sources:
                # The white space between segments, kept as the source has it.
                parts.append(inline_text(sources[0], version))
            else:
                complete = False  # a segment not translated yet: the unit is not either
        target = "".join(parts) if complete else None
        done = _state([part.get("state") for part in segments if local(part.tag) == "segment"])
    if target is not None:
        target = unicodedata.normalize("NFC", target)
    return ReadUnit(
        position=position,
        unit_id=(unit.get("id") or "").strip(),
        segment_id=whole_number(unit.get(f"{OWN}segment")),
        version=whole_number(unit.get(f"{OWN}version")),
        target=target,
        done=done,
        exported_state=_exported(unit.get(f"{OWN}state")),
    )
