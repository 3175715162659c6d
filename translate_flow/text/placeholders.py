"""The placeholder grammar of inline tags: `{1}` opens pair 1, `{/1}` closes it, `{3/}` is a
single tag (a line break). A backslash before one (`\\{1}`) makes it literal text.

Only the grammar lives here, so that diffs, word counts and search, which sit below the
features, see a placeholder as one token and never as words; what a number stands for (the
source segment's elements) and which placements are allowed is `translate_flow.markup`.
"""

import re
from dataclasses import dataclass
from typing import Literal

# Four digits: no segment has a thousand tags, and a longer run is more likely a year in
# braces than a tag.
_SHAPE = r"\{(?:\d{1,4}|/\d{1,4}|\d{1,4}/)\}"
PLACEHOLDER_PATTERN = rf"\\?{_SHAPE}"
_TOKEN = re.compile(rf"\\({_SHAPE})|\{{(\d{{1,4}})\}}|\{{/(\d{{1,4}})\}}|\{{(\d{{1,4}})/\}}")
_LITERAL = re.compile(_SHAPE)

Role = Literal["open", "close", "single"]


@dataclass(frozen=True, slots=True)
class Placeholder:
    """One placeholder as written in a text, with where it stands."""

    role: Role
    id: int
    start: int
    end: int

    @property
    def written(self) -> str:
        return {"open": "{%d}", "close": "{/%d}", "single": "{%d/}"}[self.role] % self.id


Piece = str | Placeholder


def pieces(text: str) -> list[Piece]:
    """The text as runs of literal text and placeholders, in order; escapes resolved."""
    out: list[Piece] = []
    position = 0
    for match in _TOKEN.finditer(text):
        literal, opening, closing, single = match.groups()
        before = text[position : match.start()]
        if literal is not None:
            _append_text(out, before + literal)
        else:
            _append_text(out, before)
            if opening is not None:
                out.append(Placeholder("open", int(opening), match.start(), match.end()))
            elif closing is not None:
                out.append(Placeholder("close", int(closing), match.start(), match.end()))
            else:
                out.append(Placeholder("single", int(single), match.start(), match.end()))
        position = match.end()
    _append_text(out, text[position:])
    return out


def _append_text(out: list[Piece], text: str) -> None:
    if not text:
        return
    if out and isinstance(out[-1], str):
        out[-1] += text
    else:
        out.append(text)


def strip_placeholders(text: str) -> str:
    """What a reader reads: the text without its placeholders, escaped ones made literal.

    A single tag is a line break, so it leaves a space; pairs leave nothing, since
    `a{1}b{/1}` renders as one word.
    """
    if "{" not in text:
        return text
    return "".join(
        piece if isinstance(piece, str) else (" " if piece.role == "single" else "")
        for piece in pieces(text)
    )


def escape_literal(text: str) -> str:
    """Plain text whose runs that look like placeholders stay text (source text, say)."""
    if "{" not in text:
        return text
    return _LITERAL.sub(lambda match: "\\" + match.group(0), text)


def has_placeholders(text: str) -> bool:
    return "{" in text and any(not isinstance(piece, str) for piece in pieces(text))
