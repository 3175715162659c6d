"""Reading TMX files (1.4b, and the 1.1 some tools still write) as units of plain text.

The file comes from outside, so it is read the way a hostile one must be: with defusedxml,
which refuses entity declarations (the "billion laughs" expansion bomb, external entities
that read local files or the network) before anything is expanded, one element at a time
(iterparse, each `<tu>` dropped once read) and never past a byte limit, so time and memory
grow with the file's size alone. A DOCTYPE without declarations is allowed: OmegaT,
translate-toolkit and Trados all name their DTD, which is never fetched.

Inline tags are reduced to the text a translator sees: the native codes inside `<bpt>`,
`<ept>`, `<it>`, `<ph>` and `<ut>` are dropped, the text of `<hi>` and `<sub>` kept. The one
exception is the desk's own export (`tmx_writing`), whose tags hold nothing but the
placeholder they stand for (`<bpt i="1">{1}</bpt>`): those come back as placeholders, so a
round trip through a file keeps a unit's tags.
"""

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import IO
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

from translate_flow.core.errors import ValidationFailed
from translate_flow.core.read_limits import LimitedStream, TooLarge, readable_size
from translate_flow.text.languages import normalise_code
from translate_flow.text.placeholders import Placeholder, escape_literal, pieces

XML_NS = "{http://www.w3.org/XML/1998/namespace}"
# Where a language is written: `xml:lang` in TMX 1.4, plain `lang` in 1.1.
LANG_ATTRIBUTES = (f"{XML_NS}lang", "lang")
# Tags whose content is the native code of a format (`&lt;b>`): not text anyone translates.
CODE_TAGS = frozenset({"bpt", "ept", "it", "ph", "ut"})
# Deeper than any tool nests `<hi>` in `<sub>` in `<ph>`; deeper is an attack on the stack.
MAX_DEPTH = 40
# Elements in one unit: a paragraph with many tags has a few dozen. A file of small
# elements is otherwise a memory bomb: each costs a hundred-odd bytes once parsed.
MAX_ELEMENTS = 5_000
# A paragraph is a few hundred characters; a "unit" of a novel's length is not a memory.
MAX_UNIT_CHARACTERS = 20_000
# What TMX writes for "any language is the source" (TMX 1.4b, srclang).
ALL_LANGUAGES = "*all*"


class TmxRefused(ValidationFailed):
    """The whole file is refused; the message says why and what to do."""

    code = "tmx_refused"


@dataclass(frozen=True, slots=True)
class Variant:
    """One `<tuv>`: a language code as the file writes it (normalised) and its text."""

    language: str
    text: str


@dataclass(frozen=True, slots=True)
class TmxUnit:
    """One `<tu>`, numbered from 1 in the file's order (the index refusals name)."""

    index: int
    source_language: str | None  # the unit's own srclang, if it has one
    variants: tuple[Variant, ...]
    changed_at: datetime | None
    too_long: bool = False


@dataclass(frozen=True, slots=True)
class TmxHeader:
    version: str
    source_language: str | None  # None when the header says *all* or nothing
    creation_tool: str


def read_tmx(stream: IO[bytes], *, max_bytes: int) -> tuple[TmxHeader, Iterator[TmxUnit]]:
    """The file's header, and its units as they are read; TmxRefused for a file that is not a
    well-formed TMX, declares entities, or is larger than `max_bytes`.

    The header is read at once; a refusal can still come from the units' iterator (a file
    cut short, too large), so a caller keeps nothing until it is exhausted.
    """
    events = _events(stream, max_bytes)
    header, body = _header(events)
    return header, _units(events, body)


def _events(stream: IO[bytes], max_bytes: int) -> Iterator[tuple[str, Element]]:
    parser = iterparse(LimitedStream(stream, max_bytes), events=("start", "end"))
    try:
        yield from parser
    except TooLarge:
        raise TmxRefused(
            f"The file is larger than {readable_size(max_bytes)}, the most the desk imports at "
            "once. Split it (OmegaT, Heartsome TMX Editor or memoQ can) and import the parts "
            "one by one. Nothing was imported."
        ) from None
    except DefusedXmlException:
        raise TmxRefused(
            "The file declares XML entities or points to outside files, which no translation "
            "tool writes in a TMX and which could make the server read or expand without end. "
            "Export the memory again from your tool. Nothing was imported."
        ) from None
    except ParseError as error:
        raise TmxRefused(
            f"The file is not well-formed XML ({_where(error)}), so it is not a TMX the desk "
            "can read. Export it again from your tool, as TMX in UTF-8 or UTF-16. Nothing was "
            "imported."
        ) from None


def _where(error: ParseError) -> str:
    line, column = getattr(error, "position", (0, 0))
    reason = str(error).split(":")[0]
    return f"{reason} at line {line}, column {column + 1}" if line else reason


def _too_deep() -> TmxRefused:
    return TmxRefused(
        f"The file nests its elements more than {MAX_DEPTH} deep, which no translation tool "
        "does. Nothing was imported."
    )


def _too_many() -> TmxRefused:
    return TmxRefused(
        f"A unit (or the header) of the file holds more than {MAX_ELEMENTS:,} XML elements, "
        "which no translation tool writes. Nothing was imported."
    )


def _header(events: Iterator[tuple[str, Element]]) -> tuple[TmxHeader, Element | None]:
    """The header, and the body if the file has no header (reading stopped at its start)."""
    root: Element | None = None
    depth = elements = 0
    for event, element in events:
        if event == "end":
            depth -= 1
        else:
            depth, elements = depth + 1, elements + 1
            if depth > MAX_DEPTH:
                raise _too_deep()
            if elements > MAX_ELEMENTS:
                raise _too_many()
        if root is None:
            root = element
            if element.tag != "tmx":
                raise TmxRefused(
                    f"The file is XML but not a TMX: its root element is <{element.tag}>, not "
                    "<tmx>. Export the memory as TMX from your tool. Nothing was imported."
                )
            continue
        if event == "end" and element.tag == "header":
            header = TmxHeader(
                version=root.get("version", ""),
                source_language=_language(element.get("srclang")),
                creation_tool=element.get("creationtool", ""),
            )
            element.clear()
            return header, None
        if event == "start" and element.tag == "body":
            # A header is required, but a file without one still says what it holds.
            return TmxHeader(root.get("version", ""), None, ""), element
    raise TmxRefused("The file is empty or holds no TMX body. Nothing was imported.")


def _units(events: Iterator[tuple[str, Element]], body: Element | None) -> Iterator[TmxUnit]:
    index = 0
    # Inside <tmx>, where the header reader stopped, or inside <body> if it met no header.
    depth = 1 if body is None else 2
    elements = 0  # since the last unit was dropped
    for event, element in events:
        if event == "start":
            depth, elements = depth + 1, elements + 1
            if depth > MAX_DEPTH:
                raise _too_deep()
            if elements > MAX_ELEMENTS:
                raise _too_many()
            if element.tag == "body" and depth == 2:
                body = element
            continue
        depth -= 1
        if element.tag == "tu":
            index += 1
            yield _unit(index, element)
        if depth == 2 and body is not None:
            # A unit read (or anything else in the body) leaves the tree, so that memory
            # holds one unit and never the file.
            element.clear()
            if len(body) and body[-1] is element:
                del body[-1]
            elements = 0


def _unit(index: int, tu: Element) -> TmxUnit:
    variants: list[Variant] = []
    too_long = False
    for tuv in tu.findall("tuv"):
        language = _language(_attribute(tuv, LANG_ATTRIBUTES))
        seg = tuv.find("seg")
        if language is None or seg is None:
            continue
        text = segment_text(seg, preserve=_preserves(tu, tuv, seg))
        too_long = too_long or len(text) > MAX_UNIT_CHARACTERS
        variants.append(Variant(language, text))
    return TmxUnit(
        index=index,
        source_language=_language(tu.get("srclang")),
        variants=tuple(variants),
        changed_at=_changed_at(tu),
        too_long=too_long,
    )


def _attribute(element: Element, names: tuple[str, ...]) -> str | None:
    for name in names:
        value = element.get(name)
        if value:
            return value
    return None


def _language(code: str | None) -> str | None:
    code = (code or "").strip()
    if not code or code.lower() == ALL_LANGUAGES:
        return None
    return normalise_code(code)


def _preserves(*elements: Element) -> bool:
    return any(element.get(f"{XML_NS}space") == "preserve" for element in elements)


def _changed_at(tu: Element) -> datetime | None:
    """The unit's date, or its latest variant's (OmegaT dates each `<tuv>`, not the `<tu>`)."""
    own = _moment(tu.get("changedate") or tu.get("creationdate"))
    if own is not None:
        return own
    dates = [_moment(tuv.get("changedate") or tuv.get("creationdate")) for tuv in tu.findall("tuv")]
    return max((date for date in dates if date is not None), default=None)


def _moment(value: str | None) -> datetime | None:
    """TMX's date (`20250301T120000Z`, always UTC); None for anything else."""
    try:
        return datetime.strptime(value or "", "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
    except ValueError:
        return None


# --- A segment's text ---------------------------------------------------------------------


def segment_text(seg: Element, *, preserve: bool = False) -> str:
    """The text a translator sees in a `<seg>`: NFC, spacing collapsed unless the file asks
    for it to be kept, literal text that looks like a placeholder escaped."""
    runs: list[str | Placeholder] = []
    _collect(seg, runs, keep_text=True)
    if not placeholders_pair_up([run for run in runs if isinstance(run, Placeholder)]):
        runs = [run for run in runs if isinstance(run, str)]
    out: list[str] = []
    text = ""
    for run in runs:
        if isinstance(run, str):
            text += run
            continue
        out.append(escape_literal(_spacing(text, preserve)))
        out.append(run.written)
        text = ""
    out.append(escape_literal(_spacing(text, preserve)))
    joined = "".join(out)
    return unicodedata.normalize("NFC", joined if preserve else joined.strip())


def _spacing(text: str, preserve: bool) -> str:
    if preserve:
        return text
    # Pretty-printing indents a segment's lines; none of that is the translator's text.
    collapsed = " ".join(text.split())
    if not collapsed:
        return " " if text else ""
    return (" " if text[0].isspace() else "") + collapsed + (" " if text[-1].isspace() else "")


def _collect(element: Element, runs: list[str | Placeholder], *, keep_text: bool) -> None:
    """The element's text and its children's, in order (`keep_text` false inside a tag's
    native code, where only `<sub>` holds text); the reader bounds the depth."""
    if keep_text and element.text:
        runs.append(element.text)
    for child in element:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag in CODE_TAGS:
            placeholder = _own_placeholder(child) if keep_text else None
            if placeholder is not None:
                runs.append(placeholder)
            else:
                _collect(child, runs, keep_text=False)
        elif tag == "sub" and not keep_text:
            # A sub-flow inside native code (an image's alt text) is text of its own: kept,
            # apart from the words around the tag.
            runs.append(" ")
            _collect(child, runs, keep_text=True)
            runs.append(" ")
        else:
            # <hi> is text with a style; anything unknown is read as <hi> is.
            _collect(child, runs, keep_text=keep_text or tag == "sub")
        if keep_text and child.tail:
            runs.append(child.tail)


def _own_placeholder(tag: Element) -> Placeholder | None:
    """The placeholder a tag of the desk's own export stands for: its whole content is the
    placeholder, and its kind agrees with the tag's (`<bpt>` opens, `<ept>` closes, `<ph>`
    stands alone)."""
    if len(tag) or not tag.text:
        return None
    found = pieces(tag.text)
    if len(found) != 1 or not isinstance(found[0], Placeholder):
        return None
    placeholder = found[0]
    role = {"bpt": "open", "ept": "close", "ph": "single"}.get(str(tag.tag))
    if placeholder.role != role or placeholder.written != tag.text:
        return None
    if role != "single" and tag.get("i") not in (None, str(placeholder.id)):
        return None
    return placeholder


def placeholders_pair_up(placeholders: list[Placeholder]) -> bool:
    """Each pair opened once, closed after it and inside what encloses it, singles used once:
    what TMX's `<bpt>`/`<ept>` (same `i`, same segment) and the desk's placements need."""
    seen: set[tuple[str, int]] = set()
    open_pairs: list[int] = []
    for placeholder in placeholders:
        key = ("single" if placeholder.role == "single" else "pair", placeholder.id)
        if placeholder.role == "close":
            if not open_pairs or open_pairs[-1] != placeholder.id:
                return False
            open_pairs.pop()
            continue
        if key in seen:
            return False
        seen.add(key)
        if placeholder.role == "open":
            open_pairs.append(placeholder.id)
    return not open_pairs
