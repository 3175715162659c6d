"""Placeables: the source's web addresses, e-mail addresses, @handles and #hashtags kept in the
translation exactly as written (full-width forms such as ＠ and ＃ count as their ASCII ones).

An address ends where ASCII ends (Japanese text often follows it without a space) and loses
the punctuation that closes the sentence around it. A hashtag needs a letter: "#1" is a rank,
which a translation writes "No. 1". What the translation adds is not flagged.
"""

import re

from translate_flow.checks.base import Check, CheckContext, Finding, Severity, Span, register
from translate_flow.checks.segment_text import MASK, masked
from translate_flow.terms.folding import FoldedText, fold

_URL = re.compile(r"(?:[Hh][Tt][Tt][Pp][Ss]?://|www\.)[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+")
_EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}")
# ASCII only, and ended by anything else: Japanese writes "@abe_shinzo氏", "#MeToo運動".
_HANDLE = re.compile(r"(?<![\w@.])@[A-Za-z0-9_]{1,30}(?![A-Za-z0-9_])")
_HASHTAG = re.compile(r"(?<![\w&#/])#(?:[A-Za-z0-9_]+(?![A-Za-z0-9_])|[^\W_A-Za-z0-9]\w*)")
_NEEDED = ("://", "www.", "@", "#")
# What ends a sentence around an address rather than belonging to it.
_TRAILING = ".,;:!?'"


def _trim(text: str, start: int, end: int) -> int:
    while end > start and (
        text[end - 1] in _TRAILING
        or (text[end - 1] == ")" and text.count("(", start, end) < text.count(")", start, end))
    ):
        end -= 1
    return end


def placeables(text: str) -> list[tuple[str, int, int]]:
    """(kind, start, end) of each placeable in a masked, NFKC-normalised text, in order."""
    found: list[tuple[str, int, int]] = []
    taken = [False] * len(text)
    for kind, pattern in (
        ("web address", _URL),
        ("e-mail address", _EMAIL),
        ("handle", _HANDLE),
        ("hashtag", _HASHTAG),
    ):
        for match in pattern.finditer(text):
            start, end = match.start(), match.end()
            if kind == "web address":
                end = _trim(text, start, end)
            if any(taken[start:end]) or (kind == "hashtag" and not _has_letter(text[start:end])):
                continue
            taken[start:end] = [True] * (end - start)
            found.append((kind, start, end))
    return sorted(found, key=lambda item: item[1])


def _has_letter(text: str) -> bool:
    return any(char.isalpha() for char in text)


def _normalised(text: str) -> FoldedText:
    # NFKC character by character (case kept), remembering where each character came from:
    # …, ㈱, ﬁ and half-width katakana change length, and a span must point into the text as
    # written. The mask is a control character, which NFKC keeps as it is.
    return fold(masked(text), case_sensitive=True)


@register
class PlaceablesCheck(Check):
    name = "placeables"
    severity = Severity.ERROR
    description = "Web and e-mail addresses, @handles and #hashtags kept as written."

    def applies(self, source: str, target: str, context: CheckContext) -> bool:
        return bool(target.strip()) and any(mark in source for mark in "@＠#＃/.")

    def check(self, source: str, target: str, context: CheckContext) -> list[Finding]:
        folded = _normalised(source)
        source_text = folded.folded.replace(MASK, " ")
        # An address needs :// or www., the rest @ or #: without them there is nothing to keep.
        if not any(mark in source_text for mark in _NEEDED):
            return []
        target_text = _normalised(target).folded.replace(MASK, " ")
        findings: list[Finding] = []
        for kind, start, end in placeables(source_text):
            written = source_text[start:end]
            if written not in target_text:
                findings.append(
                    self.finding(
                        f"The {kind} “{written}” is not in the translation as written.",
                        [Span(*folded.span(start, end))],
                    )
                )
        return findings
