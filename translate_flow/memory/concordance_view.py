"""Concordance hits as a page or a client shows them: the searched phrase marked on both
sides, inline tags as chips, the origin in one line.

The search compares `match_key`s (case, width and spacing aside), so the phrase is marked
with a pattern that allows the same differences: any run of spaces for a space, any case.
A hit whose phrase spans an inline tag is listed unmarked rather than marked wrongly.
"""

import re
from dataclasses import dataclass

from markupsafe import Markup, escape
from sqlalchemy.orm import Session

from translate_flow.markup.chips import with_chips
from translate_flow.memory.matching import Origin, concordance
from translate_flow.text.analysis import comparison_form
from translate_flow.text.placeholders import PLACEHOLDER_PATTERN

_PLACEHOLDER = re.compile(PLACEHOLDER_PATTERN)


@dataclass(frozen=True, slots=True)
class ConcordanceItem:
    unit_id: int
    source: str
    target: str
    source_html: Markup
    target_html: Markup
    origin: Origin


@dataclass(frozen=True, slots=True)
class ConcordanceResult:
    items: list[ConcordanceItem]
    page: int
    has_next: bool


def _pattern(phrase: str) -> re.Pattern[str] | None:
    words = comparison_form(phrase).split(" ")
    if not any(words):
        return None
    return re.compile(r"\s+".join(re.escape(word) for word in words), re.IGNORECASE)


def highlighted(text: str, pattern: re.Pattern[str] | None) -> Markup:
    """The text escaped, each occurrence of the phrase in <mark>, placeholders as chips."""
    if pattern is None:
        return with_chips(text)
    tag_spans = [match.span() for match in _PLACEHOLDER.finditer(text)]
    out: list[Markup | str] = []
    position = 0
    for found in pattern.finditer(text):
        start, end = found.span()
        if start == end or any(start < b and a < end for a, b in tag_spans):
            continue
        out.append(escape(text[position:start]))
        out.append(Markup("<mark>{}</mark>").format(text[start:end]))
        position = end
    out.append(escape(text[position:]))
    return with_chips(Markup("").join(out))


def search(
    session: Session, source_language: str, target_language: str, phrase: str, page: int = 1
) -> ConcordanceResult:
    found = concordance(session, source_language, target_language, phrase, page)
    pattern = _pattern(phrase)
    return ConcordanceResult(
        [
            ConcordanceItem(
                match.unit_id,
                match.source,
                match.target,
                highlighted(match.source, pattern),
                highlighted(match.target, pattern),
                match.origin,
            )
            for match in found.matches
        ],
        found.page,
        found.has_next,
    )
