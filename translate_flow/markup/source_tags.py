"""A source segment's inline elements as numbered tags, and its text in placeholder form.

A segment keeps its inline markup (`Segment.html`, sanitised: `a`, `em`, `strong`, `br`, …).
Each element becomes a tag numbered in document order: `<a href="…">the report</a>` is
`{1}the report{/1}` and `<br>` is `{2/}`. The element and its attributes stay here, on the
source side; a translation carries only the numbers, so that a translator can move the words
of a link but never change where it points.
"""

import html
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser
from typing import Any, Literal

from translate_flow.text.placeholders import escape_literal

# The inline elements that hold no text: they become single tags.
VOID_ELEMENTS = frozenset({"br"})
# What the chip's title says of each element, for a person who does not read HTML.
_MEANING = {
    "a": "link",
    "em": "emphasis",
    "i": "italics",
    "strong": "strong emphasis",
    "b": "bold",
    "u": "underline",
    "s": "struck through",
    "mark": "highlight",
    "small": "small print",
    "sup": "superscript",
    "sub": "subscript",
    "q": "quotation",
    "cite": "title of a work",
    "abbr": "abbreviation",
    "code": "code",
    "br": "line break",
}


@dataclass(frozen=True, slots=True)
class Tag:
    """One inline element of a source segment."""

    id: int
    element: str
    attributes: tuple[tuple[str, str], ...] = ()

    @property
    def kind(self) -> Literal["paired", "single"]:
        return "single" if self.element in VOID_ELEMENTS else "paired"

    @property
    def href(self) -> str | None:
        return self.attribute("href")

    def attribute(self, name: str) -> str | None:
        return next((value for key, value in self.attributes if key == name), None)

    @property
    def meaning(self) -> str:
        """ "link to https://…", "emphasis", "line break": what a chip's title says."""
        said = _MEANING.get(self.element, self.element)
        if self.href:
            return f"{said} to {self.href}"
        title = self.attribute("title")
        return f"{said}: {title}" if title else said

    def opening_html(self) -> str:
        written = "".join(
            f' {name}="{html.escape(value, quote=True)}"' for name, value in self.attributes
        )
        return f"<{self.element}{written}>"

    def closing_html(self) -> str:
        return "" if self.kind == "single" else f"</{self.element}>"

    def placeholders(self) -> tuple[str, ...]:
        """How the tag is written in a text: both ends of a pair, or the single one."""
        if self.kind == "single":
            return (f"{{{self.id}/}}",)
        return (f"{{{self.id}}}", f"{{/{self.id}}}")

    def as_json(self) -> dict[str, Any]:
        """The API's shape: id, kind, element, and href for a link."""
        out: dict[str, Any] = {"id": self.id, "kind": self.kind, "element": self.element}
        if self.href is not None:
            out["href"] = self.href
        out["title"] = self.meaning
        return out


@dataclass(frozen=True, slots=True)
class TaggedSource:
    """A source segment as a translator sees it: placeholder text and what each number is."""

    text: str
    tags: tuple[Tag, ...]

    def tag(self, tag_id: int) -> Tag | None:
        index = tag_id - 1
        return self.tags[index] if 0 <= index < len(self.tags) else None


class _Tagger(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pieces: list[str] = []
        self.tags: list[Tag] = []
        self.open: list[Tag] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = Tag(len(self.tags) + 1, tag, tuple((name, value or "") for name, value in attrs))
        self.tags.append(found)
        if found.kind == "single":
            self.pieces.append(f"{{{found.id}/}}")
        else:
            self.open.append(found)
            self.pieces.append(f"{{{found.id}}}")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID_ELEMENTS:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        # The sanitiser's output nests properly; an end tag with nothing open is ignored.
        for depth in range(len(self.open) - 1, -1, -1):
            if self.open[depth].element == tag:
                for closed in reversed(self.open[depth:]):
                    self.pieces.append(f"{{/{closed.id}}}")
                del self.open[depth:]
                return

    def handle_data(self, data: str) -> None:
        self.pieces.append(escape_literal(data))


@lru_cache(maxsize=4096)  # an editor page asks for each segment's tags more than once
def tag_source(segment_html: str) -> TaggedSource:
    """The segment's markup as placeholder text and its tags; plain text has no tags."""
    if "<" not in segment_html:
        return TaggedSource(escape_literal(html.unescape(segment_html)), ())
    tagger = _Tagger()
    tagger.feed(segment_html)
    tagger.close()
    for left_open in reversed(tagger.open):
        tagger.pieces.append(f"{{/{left_open.id}}}")
    return TaggedSource("".join(tagger.pieces), tuple(tagger.tags))
