"""Concordance hits as a page or a client shows them: the searched phrase marked on both
sides, inline tags as chips, the origin in one line.

Where the phrase stands in a text as typed (case, width and spacing aside), that is marked.
A unit is also found by words in another form (without harakat, in another case, by their
stem); in a side without the phrase as typed, each word whose analysed tokens meet the
query's is marked instead (words of spaced scripts: a Chinese or Japanese hit is marked only
where the phrase stands). A mark that would cross an inline tag is left out.
"""

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from markupsafe import Markup, escape
from sqlalchemy.orm import Session

from translate_flow.core.full_text import search_query
from translate_flow.markup.chips import with_chips
from translate_flow.memory.matching import Origin, concordance
from translate_flow.text.analysis import comparison_form, is_mostly_unspaced, match_key
from translate_flow.text.placeholders import PLACEHOLDER_PATTERN
from translate_flow.text.search_tokens import document_tokens

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
    problem: str = ""


@dataclass(frozen=True, slots=True)
class QueryWords:
    """The query's single tokens, whole or (the last word) as a start, that mark a word."""

    whole: frozenset[str]
    starts: tuple[str, ...]

    @classmethod
    def of(cls, phrase: str, languages: list[str]) -> "QueryWords":
        whole: set[str] = set()
        starts: list[str] = []
        for group in search_query(phrase, languages).groups:
            for alternative in group:
                if len(alternative.tokens) != 1:
                    continue  # Chinese and Japanese bigrams: marked only as typed
                token = alternative.tokens[0]
                if alternative.prefix:  # the analyser gives a prefix only from 3 letters on
                    starts.append(token)
                else:
                    whole.add(token)
        return cls(frozenset(whole), tuple(starts))

    def meet(self, word: str, language: str) -> bool:
        tokens = document_tokens(word, language)
        return any(token in self.whole or token.startswith(self.starts) for token in tokens)


def _pattern(phrase: str) -> re.Pattern[str] | None:
    words = comparison_form(phrase).split(" ")
    if not any(words):
        return None
    return re.compile(r"\s+".join(re.escape(word) for word in words), re.IGNORECASE)


def _word_spans(text: str) -> Iterator[tuple[int, int]]:
    """Where each run of letters, marks and digits stands."""
    start = None
    for position, char in enumerate(text):
        if unicodedata.category(char)[0] in "LMN":
            if start is None:
                start = position
        elif start is not None:
            yield start, position
            start = None
    if start is not None:
        yield start, len(text)


def _matching_words(text: str, words: QueryWords, language: str) -> list[tuple[int, int]]:
    return [
        (start, end)
        for start, end in _word_spans(text)
        if not is_mostly_unspaced(match_key(text[start:end]))
        and words.meet(text[start:end], language)
    ]


def highlighted(
    text: str,
    pattern: re.Pattern[str] | None,
    words: QueryWords | None = None,
    language: str = "",
) -> Markup:
    """The text escaped, each occurrence of the phrase in <mark> (or, when it has none, each
    word that `words` match in `language`), placeholders as chips."""
    if pattern is None:
        return with_chips(text)
    tag_spans = [match.span() for match in _PLACEHOLDER.finditer(text)]
    spans = [found.span() for found in pattern.finditer(text)]
    if not spans and words is not None:
        spans = _matching_words(text, words, language)
    out: list[Markup | str] = []
    position = 0
    for start, end in spans:
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
    words = QueryWords.of(phrase, [source_language, target_language]) if found.matches else None
    return ConcordanceResult(
        [
            ConcordanceItem(
                match.unit_id,
                match.source,
                match.target,
                highlighted(match.source, pattern, words, source_language),
                highlighted(match.target, pattern, words, target_language),
                match.origin,
            )
            for match in found.matches
        ],
        found.page,
        found.has_next,
        found.problem,
    )
