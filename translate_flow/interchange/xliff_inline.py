"""Inline codes: the desk's placeholders as XLIFF's, and XLIFF's back as placeholders.

Written: `{1}…{/1}` as `<g id="1">…</g>` (1.2) or `<pc id="1">…</pc>` (2.x), `{3/}` as
`<x id="3"/>` or `<ph id="3"/>`, with the kind of element the source had (link, emphasis, line
break), so that a CAT tool shows each as a tag to carry across and never as words.

Read: any numbered code comes back as its placeholder, in whichever of XLIFF's spellings a
tool chose (`<g>`, `<bx/>`/`<ex/>`, `<pc>`, `<sc/>`/`<ec/>`, `<x/>`, `<ph/>`); what tools add
of their own (codes with ids that are not numbers, `<mrk>` segmentation and comments,
`<bpt>`/`<ept>` with native code) is read for its text alone. Whether the placeholders fit
the source is the save's to judge (`markup.placement`), as for anything typed.
"""

import re
from typing import Literal
from xml.etree.ElementTree import Element
from xml.sax.saxutils import escape, quoteattr

from translate_flow.markup.source_tags import Tag
from translate_flow.text.placeholders import Placeholder, escape_literal, pieces

Version = Literal["1.2", "2.1"]
# What XML 1.0 cannot hold at all, not even escaped: C0 controls but tab, line feed and
# carriage return; lone surrogates; U+FFFE and U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_NUMBER = re.compile(r"[0-9]{1,4}")

# XLIFF 1.2's ctype words for the source's elements (others are written "x-<element>").
_CTYPE = {"a": "link", "b": "bold", "strong": "bold", "i": "italic", "em": "italic"}
_CTYPE |= {"u": "underlined", "br": "lb"}
# XLIFF 2's type for them: fmt(atting), link, quote, other.
_TYPE = {"a": "link", "q": "quote", "cite": "quote", "code": "other", "abbr": "other"}


def text_xml(text: str) -> str:
    return escape(_NOT_XML.sub("", text))


def attribute(value: str) -> str:
    return quoteattr(_NOT_XML.sub("", value))


def _element(tags: dict[int, Tag], tag_id: int) -> str:
    tag = tags.get(tag_id)
    return tag.element if tag is not None else ""


def _type_attributes(element: str, version: Version) -> str:
    if version == "1.2":
        ctype = _CTYPE.get(element) or (f"x-{element}" if element else "")
        return f' ctype="{ctype}"' if ctype else ""
    if element == "br":
        return ' type="fmt" subType="xlf:lb"'
    return f' type="{_TYPE.get(element, "fmt")}"' if element else ""


def inline_xml(text: str, tags: tuple[Tag, ...], version: Version) -> str:
    """The placeholder text as the content of a `<source>` or `<target>`."""
    by_id = {tag.id: tag for tag in tags}
    paired, single = ("g", "x") if version == "1.2" else ("pc", "ph")
    out: list[str] = []
    for run in pieces(text):
        if isinstance(run, str):
            out.append(text_xml(run))
            continue
        kind = _type_attributes(_element(by_id, run.id), version)
        if run.role == "open":
            out.append(f'<{paired} id="{run.id}"{kind}>')
        elif run.role == "close":
            out.append(f"</{paired}>")
        else:
            out.append(f'<{single} id="{run.id}"{kind}/>')
    return "".join(out)


def writable(text: str) -> bool:
    """Whether the text's placeholders nest as XML elements must (else it goes out as text)."""
    open_pairs: list[int] = []
    for run in pieces(text):
        if isinstance(run, str) or run.role == "single":
            continue
        if run.role == "open":
            open_pairs.append(run.id)
        elif not open_pairs or open_pairs.pop() != run.id:
            return False
    return not open_pairs


def literal_xml(text: str) -> str:
    """A text whose placeholders do not nest, its placeholders as the characters they are."""
    return text_xml("".join(r if isinstance(r, str) else r.written for r in pieces(text)))


def content_xml(text: str, tags: tuple[Tag, ...], version: Version) -> str:
    """A `<source>`'s or `<target>`'s content: inline codes where the placeholders nest."""
    return inline_xml(text, tags, version) if writable(text) else literal_xml(text)


# --- Reading ----------------------------------------------------------------------------

# Codes whose content is a format's native code (`&lt;b>`), not text: 1.2's and TMX's.
_NATIVE_CODE = frozenset({"bpt", "ept", "it", "ph"})


def local(tag: object) -> str:
    name = tag if isinstance(tag, str) else ""
    return name.rpartition("}")[2]


def _number(value: str | None) -> int | None:
    return int(value) if value is not None and _NUMBER.fullmatch(value) else None


def inline_text(element: Element, version: Version) -> str:
    """The content of a `<source>`, `<target>` or `<seg-source>` as placeholder text."""
    runs: list[str | Placeholder] = []
    _collect(element, runs, version)
    out: list[str] = []
    for run in runs:
        out.append(escape_literal(run) if isinstance(run, str) else run.written)
    return "".join(out)


def _mark(runs: list[str | Placeholder], role: Literal["open", "close", "single"], n: int) -> None:
    runs.append(Placeholder(role, n, 0, 0))


def _collect(element: Element, runs: list[str | Placeholder], version: Version) -> None:
    if element.text:
        runs.append(element.text)
    for child in element:
        name = local(child.tag)
        number = _number(child.get("id"))
        if name in ("g", "pc") and number is not None:
            _mark(runs, "open", number)
            _collect(child, runs, version)
            _mark(runs, "close", number)
        elif name in ("x",) or (name == "ph" and version == "2.1"):
            if number is not None:
                _mark(runs, "single", number)
        elif name in ("bx", "sc") and number is not None:
            _mark(runs, "open", number)
        elif name == "ex" and _number(child.get("rid") or child.get("id")) is not None:
            _mark(runs, "close", _number(child.get("rid") or child.get("id")) or 0)
        elif name == "ec" and _number(child.get("startRef") or child.get("id")) is not None:
            _mark(runs, "close", _number(child.get("startRef") or child.get("id")) or 0)
        elif name in _NATIVE_CODE:
            own = _own_placeholder(child)
            if own is not None:
                runs.append(own)
        elif name == "cp":
            runs.append(_code_point(child.get("hex")))
        elif name in ("sub", "originalData", "note", "notes"):
            pass  # native code's text, not the translation's
        else:
            # <mrk>, <g>/<pc> of a tool's own (no number), anything unknown: their text.
            _collect(child, runs, version)
        if child.tail:
            runs.append(child.tail)


def _own_placeholder(code: Element) -> Placeholder | None:
    """A 1.2 native-code element that holds exactly one of the desk's placeholders (as the
    desk's TMX writes them, and as a tool that turned `<g>` into `<bpt>` keeps them)."""
    if len(code) or not code.text:
        return None
    found = pieces(code.text)
    if len(found) == 1 and isinstance(found[0], Placeholder) and found[0].written == code.text:
        return found[0]
    return None


def _code_point(value: str | None) -> str:
    try:
        return chr(int(value or "", 16))
    except (ValueError, OverflowError):
        return ""
