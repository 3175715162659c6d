"""What an engine must not translate, swapped for tokens before sending and put back after.

Protected: the desk's placeholders (`{1}`, `{/1}`, `{3/}`, escaped ones too), URLs, e-mail
addresses and @handles (Apertium turns `@periodista` into `@journalist`). Each becomes a numbered
token in the engine's style:

- braces `{n}`: Apertium and the LLM engines. Measured with apertium-eng-spa: `{12}` comes back
  untouched and leaves the sentence as it was, while Weblate's `[X12X]` makes Apertium capitalise
  the next word ("Hola [X1X]mundo" → "Hello [X1X]World") and lose agreement ("the cat [X12X] eat").
- brackets `[X{n}X]`: Weblate's default, for Google and LibreTranslate; spaces the engine puts
  inside are tolerated.
- xml `<x id="n"/>`: DeepL, sent with tag_handling=xml and ignore_tags=x, the text XML-escaped.

A token the engine dropped is re-appended at the end of the translation (in source order, after a
space): a URL or a tag missing from the suggestion would otherwise vanish without a trace, and
the desk's markup checks already flag a tag that stands in the wrong place. A token the engine
invented (a number that was never sent) is removed.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass

from translate_flow.text.placeholders import PLACEHOLDER_PATTERN

_URL = r"(?:https?://|www\.)[^\s<>\"']+"
_EMAIL = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
# Mastodon handles carry their server (@ana@example.social); a word before @ makes it an address.
_HANDLE = r"(?<![\w@.])@\w{1,30}(?:@[\w-]+(?:\.[\w-]+)+)?"
_PROTECTED = re.compile(rf"{PLACEHOLDER_PATTERN}|{_URL}|{_EMAIL}|{_HANDLE}")
_TRAILING_PUNCTUATION = ".,;:!?"


def _identity(text: str) -> str:
    return text


@dataclass(frozen=True)
class TokenStyle:
    """How one engine's tokens are written and found again."""

    name: str
    template: str  # with one %d
    pattern: re.Pattern[str]  # finds a token as the engine may return it; group 1 = number
    escape: Callable[[str], str] = _identity  # for the text between tokens
    unescape: Callable[[str], str] = _identity

    def token(self, number: int) -> str:
        return self.template % number


BRACES = TokenStyle("braces", "{%d}", re.compile(r"\{\s*(\d{1,4})\s*\}"))
BRACKETS = TokenStyle(
    "brackets", "[X%dX]", re.compile(r"\[\s*X\s*(\d{1,4})\s*X\s*\]", re.IGNORECASE)
)
XML = TokenStyle(
    "xml",
    '<x id="%d"/>',
    re.compile(r"<x\s+id\s*=\s*\"(\d{1,4})\"\s*(?:/>|>\s*</x>)"),
    escape=lambda text: html.escape(text, quote=False),
    unescape=html.unescape,
)


@dataclass(frozen=True)
class Protected:
    """A text as sent to an engine, and what each of its tokens stands for."""

    text: str
    spans: tuple[str, ...]
    plain: tuple[str, ...]  # the source's text between the tokens

    @property
    def has_words(self) -> bool:
        """Whether anything is left to translate once the protected things are out."""
        return any(character.isalpha() for part in self.plain for character in part)


@dataclass(frozen=True)
class Restored:
    text: str
    missing: tuple[str, ...]  # spans the engine dropped, re-appended at the end


def _protected_spans(text: str, style: TokenStyle) -> list[tuple[int, int]]:
    """Where protected things stand, and anything that already looks like a token."""
    found: list[tuple[int, int]] = []
    for match in _PROTECTED.finditer(text):
        start, end = match.span()
        if match.group(0).startswith(("http", "www.")):
            end = _trim_url(text, start, end)
        found.append((start, end))
    # Text that would read as a token on the way back must travel as one.
    found.extend(match.span() for match in style.pattern.finditer(text))
    found.sort()
    merged: list[tuple[int, int]] = []
    for start, end in found:
        if merged and start < merged[-1][1]:
            continue
        merged.append((start, end))
    return merged


def _trim_url(text: str, start: int, end: int) -> int:
    """A sentence's full stop or closing bracket after a URL is not part of it."""
    while end > start:
        last = text[end - 1]
        unbalanced = last == ")" and text.count("(", start, end) < text.count(")", start, end)
        if last in _TRAILING_PUNCTUATION or unbalanced:
            end -= 1
        else:
            break
    return end


def protect(text: str, style: TokenStyle) -> Protected:
    parts: list[str] = []
    spans: list[str] = []
    plain: list[str] = []
    position = 0
    for start, end in _protected_spans(text, style):
        between = text[position:start]
        plain.append(between)
        parts.append(style.escape(between))
        parts.append(style.token(len(spans)))
        spans.append(text[start:end])
        position = end
    plain.append(text[position:])
    parts.append(style.escape(text[position:]))
    return Protected("".join(parts), tuple(spans), tuple(plain))


def restore(translated: str, protected: Protected, style: TokenStyle) -> Restored:
    """The engine's answer with every token replaced by what it stands for."""
    used: set[int] = set()
    out: list[str] = []
    position = 0
    for match in style.pattern.finditer(translated):
        out.append(style.unescape(translated[position : match.start()]))
        number = int(match.group(1))
        if number < len(protected.spans):
            out.append(protected.spans[number])
            used.add(number)
        position = match.end()
    out.append(style.unescape(translated[position:]))
    text = "".join(out)
    missing = tuple(span for number, span in enumerate(protected.spans) if number not in used)
    if missing:
        text = text.rstrip() + " " + " ".join(missing)
    return Restored(text, missing)
