"""How the checks read a segment: placeholders out of the way but positions kept, the plain
text a reader sees with where each character stands, and what a language's script looks like.

Checks report spans in the text as saved (placeholder form), so they read a *masked* copy of
the same length, or the plain text with an origin table that maps back.
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from translate_flow.text.analysis import comparison_form
from translate_flow.text.languages import base_language
from translate_flow.text.placeholders import Placeholder, pieces

# Stands where a placeholder was: neither a letter nor a space nor punctuation, so that
# `{1}` can be neither a bracket nor a word.
MASK = "\x00"

# Languages written without spaces between words: a term is found anywhere, not as a word.
UNSPACED = frozenset({"ja", "zh", "th", "lo", "km", "my"})
CJK = frozenset({"ja", "zh", "ko"})


def is_unspaced(language: str) -> bool:
    return base_language(language) in UNSPACED


def is_cjk(language: str) -> bool:
    return base_language(language) in CJK


@lru_cache(maxsize=4096)
def placeholders_of(text: str) -> tuple[Placeholder, ...]:
    """The text's placeholders in order (escaped ones are text), kept per text: masking, the
    plain text and the tags check all read them."""
    if "{" not in text:
        return ()
    return tuple(piece for piece in pieces(text) if not isinstance(piece, str))


@lru_cache(maxsize=4096)
def masked(text: str) -> str:
    """The text with every placeholder (escaped ones included) replaced by MASK characters."""
    if "{" not in text:
        return text
    out: list[str] = []
    position = 0
    # Literal text, escaped placeholders included, is copied from the text as written below,
    # so that every position stays where it was.
    for piece in placeholders_of(text):
        out.append(text[position : piece.start])
        out.append(MASK * (piece.end - piece.start))
        position = piece.end
    out.append(text[position:])
    return "".join(out)


@lru_cache(maxsize=4096)
def reading_form(text: str) -> str:
    """`analysis.comparison_form`, kept per text: several checks read it."""
    return comparison_form(text)


@lru_cache(maxsize=4096)
def key_form(text: str) -> str:
    """`analysis.match_key`, kept per text: several checks compare by it.

    `match_key` is the reading form case-folded (and NFKC again, which casefold can undo);
    built on the kept reading form, a text the length check has read is not read again.
    """
    return unicodedata.normalize("NFKC", reading_form(text).casefold())


@dataclass(frozen=True, slots=True)
class PlainText:
    """What a reader reads (placeholders gone) and, per character, its index in the text."""

    plain: str
    origin: tuple[int, ...] | None  # None: the text had no placeholders, indices are the same

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The saved text's span (end exclusive) of plain[start:end]."""
        if self.origin is None or start >= end:
            return start, end
        return self.origin[start], self.origin[end - 1] + 1


@lru_cache(maxsize=4096)
def plain_text(text: str) -> PlainText:
    """Placeholders removed; a single tag (a line break) reads as a space, as
    `placeholders.strip_placeholders` has it. Escaped placeholders stay as written."""
    if "{" not in text:
        return PlainText(text, None)
    plain: list[str] = []
    origin: list[int] = []
    position = 0
    for piece in placeholders_of(text):
        plain.append(text[position : piece.start])
        origin.extend(range(position, piece.start))
        if piece.role == "single":
            plain.append(" ")
            origin.append(piece.start)
        position = piece.end
    if not origin and position == 0:
        return PlainText(text, None)
    plain.append(text[position:])
    origin.extend(range(position, len(text)))
    return PlainText("".join(plain), tuple(origin))


# --- Scripts -----------------------------------------------------------------------------

# (first, last, script) for the letters the checks tell apart; anything else is None.
_RANGES: tuple[tuple[int, int, str], ...] = (
    (0x0041, 0x005A, "latin"),
    (0x0061, 0x007A, "latin"),
    (0x00C0, 0x024F, "latin"),
    (0x0370, 0x03FF, "greek"),
    (0x0400, 0x052F, "cyrillic"),
    (0x0590, 0x05FF, "hebrew"),
    (0x0600, 0x06FF, "arabic"),
    (0x0750, 0x077F, "arabic"),
    (0x0900, 0x097F, "devanagari"),
    (0x0E00, 0x0E7F, "thai"),
    (0x1100, 0x11FF, "hangul"),
    (0x1E00, 0x1EFF, "latin"),
    (0x3005, 0x3007, "han"),  # 々 〆 〇
    (0x3041, 0x309F, "kana"),
    (0x30A0, 0x30FF, "kana"),
    (0x3130, 0x318F, "hangul"),
    (0x3400, 0x4DBF, "han"),
    (0x4E00, 0x9FFF, "han"),
    (0xAC00, 0xD7AF, "hangul"),
    (0xF900, 0xFAFF, "han"),
    (0xFB50, 0xFDFF, "arabic"),
    (0xFE70, 0xFEFF, "arabic"),
    (0xFF21, 0xFF3A, "latin"),
    (0xFF41, 0xFF5A, "latin"),
    (0xFF66, 0xFF9F, "kana"),
    (0x20000, 0x2FFFF, "han"),
)


@lru_cache(maxsize=8192)
def script_of(char: str) -> str | None:
    code = ord(char)
    for first, last, script in _RANGES:
        if code < first:
            return None
        if code <= last:
            return script
    return None


# The scripts a language is written in; the rest is Latin.
_SCRIPTS: dict[str, frozenset[str]] = {
    "ja": frozenset({"han", "kana", "latin"}),
    "zh": frozenset({"han", "latin"}),
    "ko": frozenset({"hangul", "han", "latin"}),
    "ar": frozenset({"arabic"}),
    "fa": frozenset({"arabic"}),
    "ur": frozenset({"arabic"}),
    "he": frozenset({"hebrew"}),
    "el": frozenset({"greek"}),
    "th": frozenset({"thai"}),
    "hi": frozenset({"devanagari"}),
    "ne": frozenset({"devanagari"}),
    "mr": frozenset({"devanagari"}),
}
_CYRILLIC = frozenset({"ru", "uk", "be", "bg", "mk", "sr", "kk", "ky", "mn", "tg"})


def scripts_of_language(language: str) -> frozenset[str]:
    base = base_language(language)
    if base in _CYRILLIC:
        return frozenset({"cyrillic"})
    return _SCRIPTS.get(base, frozenset({"latin"}))


def _class_of(script: str) -> str:
    """The characters of `script` as the inside of a regular expression's [...]."""
    return "".join(
        f"{re.escape(chr(first))}-{re.escape(chr(last))}"
        for first, last, name in _RANGES
        if name == script
    )


_CLASSES = {script: _class_of(script) for script in dict.fromkeys(n for _, _, n in _RANGES)}
# One scan in C per script is cheaper than asking `script_of` of every distinct character.
_SCRIPT_PATTERNS = {script: re.compile(f"[{chars}]") for script, chars in _CLASSES.items()}


def scripts_in(text: str) -> set[str]:
    return {script for script, pattern in _SCRIPT_PATTERNS.items() if pattern.search(text)}


@lru_cache(maxsize=64)
def script_runs_pattern(scripts: frozenset[str]) -> re.Pattern[str]:
    """Runs of characters of `scripts`, joined across the spaces and the marks ・ ー - between
    them (a katakana name with its ・, a Cyrillic phrase); a run starts and ends on a letter."""
    chars = "".join(_CLASSES.get(script, "") for script in sorted(scripts)) or "^\\x00-\\U0010ffff"
    return re.compile(f"[{chars}](?:[\\s・ー\\-]*[{chars}])*")


# Every letter is one of these (a word character that is neither a digit nor "_"); so are
# a few characters that are not letters (², Ⅷ), which `isalpha` turns away.
_MAYBE_LETTER = re.compile(r"[^\W\d_]")


def has_letters(text: str) -> bool:
    return any(match.group().isalpha() for match in _MAYBE_LETTER.finditer(text))
