"""Splitting an article into the segments people translate one at a time."""

import html
import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser

from translate_flow.core.errors import ValidationFailed
from translate_flow.domain.models.segment_kinds import SegmentKind
from translate_flow.intake.limits import MAX_SEGMENTS, too_many_segments
from translate_flow.text.sanitising import BLOCK_TAGS, sanitise_html


@dataclass(frozen=True)
class SegmentDraft:
    """One segment before it is stored: its inline markup and its plain text."""

    kind: SegmentKind
    html: str  # inline markup only (a, em, strong, br, ...), sanitised
    text: str  # plain, NFC, whitespace collapsed and trimmed


_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
# The innermost of these around a run decides its kind; p, div, td and the like are neutral.
_KIND_OF_BLOCK = {
    **dict.fromkeys(_HEADINGS, SegmentKind.HEADING),
    "li": SegmentKind.LIST_ITEM,
    "figcaption": SegmentKind.CAPTION,
    "caption": SegmentKind.CAPTION,
    "blockquote": SegmentKind.QUOTE,
}
# HTML collapses ASCII whitespace only; a no-break space is part of the text (« citation »).
_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")


@dataclass
class _Run:
    """Inline content gathered for one segment."""

    kind: SegmentKind
    pieces: list[str] = field(default_factory=list)  # markup, text already escaped
    texts: list[str] = field(default_factory=list)
    open_tags: list[str] = field(default_factory=list)
    ends_in_space: bool = True  # so that leading space is dropped

    def add_text(self, data: str) -> None:
        data = _HTML_SPACE.sub(" ", data)
        if self.ends_in_space:
            data = data.lstrip(" ")
        if not data:
            return
        self.ends_in_space = data.endswith(" ")
        self.texts.append(data)
        self.pieces.append(html.escape(data, quote=False))

    def add_break(self) -> None:
        if self.texts:
            self.pieces.append("<br>")
            if not self.ends_in_space:
                self.texts.append(" ")
                self.ends_in_space = True

    def to_draft(self) -> SegmentDraft | None:
        text = unicodedata.normalize("NFC", "".join(self.texts).strip())
        if not text:
            return None
        closing = [f"</{tag}>" for tag in reversed(self.open_tags)]
        markup = _trim_markup([*self.pieces, *closing])
        return SegmentDraft(self.kind, _shield_overlay(markup), text)


def _attribute(value: str) -> str:
    # Escaped as HTML serialises attributes, so the markup reads as the sanitiser wrote it.
    return value.replace("&", "&amp;").replace('"', "&quot;")


def _shield_overlay(markup: str) -> str:
    """Write U+0338 after a tag, or at the start, as a character reference.

    NFC would fuse it with a tag's ">" into "≯" (see sanitise_html), and a segment's markup
    is later wrapped in a tag of its own.
    """
    markup = markup.replace(">\u0338", ">&#x338;")
    return "&#x338;" + markup[1:] if markup.startswith("\u0338") else markup


def _trim_markup(pieces: list[str]) -> str:
    """Drop breaks and space at either end, looking past the tags that wrap them."""
    for index in range(len(pieces)):
        if _trimmed(pieces, index, str.lstrip):
            break
    for index in reversed(range(len(pieces))):
        if _trimmed(pieces, index, str.rstrip):
            break
    return "".join(pieces)


def _trimmed(pieces: list[str], index: int, strip: Callable[[str], str]) -> bool:
    """Trim one piece at an edge; True once a piece with text stops the trimming."""
    piece = pieces[index]
    if piece == "<br>":
        pieces[index] = ""
        return False
    if piece.startswith("<"):
        return False  # an inline tag: keep it and look further in
    pieces[index] = strip(piece)
    return bool(pieces[index])


class _Segmenter(HTMLParser):
    """Walks sanitised HTML once, closing a segment whenever a block starts or ends."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.drafts: list[SegmentDraft] = []
        # Open blocks with the kind each gives a run inside it, and how many of each tag are
        # open: constant work per tag, however deep the blocks nest.
        self._blocks: list[tuple[str, SegmentKind]] = []
        self._open = Counter[str]()
        self._run: _Run | None = None

    def _current_run(self) -> _Run:
        if self._run is None:
            self._run = _Run(self._blocks[-1][1] if self._blocks else SegmentKind.PARAGRAPH)
        return self._run

    def _end_run(self) -> None:
        if self._run is not None:
            draft = self._run.to_draft()
            if draft is not None:
                if len(self.drafts) >= MAX_SEGMENTS:
                    raise too_many_segments()
                self.drafts.append(draft)
            self._run = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in BLOCK_TAGS:
            self._end_run()
            if tag != "hr":  # void: it separates runs and contains nothing
                # The innermost of the kinds around a run decides it; p, div, td are neutral.
                outer = self._blocks[-1][1] if self._blocks else SegmentKind.PARAGRAPH
                self._blocks.append((tag, _KIND_OF_BLOCK.get(tag, outer)))
                self._open[tag] += 1
        elif tag == "br":
            self._current_run().add_break()
        else:
            run = self._current_run()
            markup = "".join(f' {name}="{_attribute(value or "")}"' for name, value in attrs)
            run.pieces.append(f"<{tag}{markup}>")
            run.open_tags.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in BLOCK_TAGS:
            self._end_run()
            if self._open[tag]:
                while True:
                    closed, _kind = self._blocks.pop()
                    self._open[closed] -= 1
                    if closed == tag:
                        break
        elif self._run is not None and tag in self._run.open_tags:
            # An inline element opened in an earlier run (`<em><p>a</p></em>`) is not ours to
            # close; the sanitiser's output nests properly, so this one is on top.
            while (open_tag := self._run.open_tags.pop()) != tag:
                self._run.pieces.append(f"</{open_tag}>")
            self._run.pieces.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        self._current_run().add_text(data)

    def close(self) -> None:
        super().close()
        self._end_run()


def _plain_segment(kind: SegmentKind, text: str) -> SegmentDraft | None:
    clean = unicodedata.normalize("NFC", _HTML_SPACE.sub(" ", text).strip())
    if not clean:
        return None
    return SegmentDraft(kind, _shield_overlay(html.escape(clean, quote=False)), clean)


def segment_article(title: str, standfirst: str, body_html: str) -> list[SegmentDraft]:
    """Title, standfirst, then each block of the body in document order."""
    title_segment = _plain_segment(SegmentKind.TITLE, title)
    if title_segment is None:
        raise ValidationFailed("The article needs a title.")
    segmenter = _Segmenter()
    # Sanitising again is cheap and makes the markup well formed whatever the caller passed.
    segmenter.feed(sanitise_html(body_html))
    segmenter.close()
    if not segmenter.drafts:
        raise ValidationFailed("The article body has no text to translate.")
    standfirst_segment = _plain_segment(SegmentKind.STANDFIRST, standfirst)
    head = [title_segment] if standfirst_segment is None else [title_segment, standfirst_segment]
    return head + segmenter.drafts
