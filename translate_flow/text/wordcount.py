"""Word counts that mean the same amount of work in every script."""

import re
import unicodedata
from collections.abc import Iterable
from typing import Protocol

from translate_flow.text.placeholders import strip_placeholders
from translate_flow.text.word_boundaries import DICTIONARY_RUN, dictionary_word_spans

# What a character does to the count, as one letter (the word pattern below reads them).
_SEPARATOR = "s"  # space, punctuation, symbol, emoji: ends a word
_LETTER = "l"  # starts a word or continues one
_DIGIT = "d"  # a letter that may also be joined by a decimal or thousands separator
MARK_ROLE = "m"  # combining mark: continues a word, never starts one
_JOINER = "j"  # inside a word only when a letter or digit follows (don't, state-run, ZWNJ)
_NUMBER_JOINER = "n"  # inside a number only between digits (3.5, 1,000, 1 000)
SYLLABLE_ROLE = "y"  # counts one by itself: scripts written without spaces between words

# Chinese and Japanese are written without spaces and Thai, Lao, Khmer and Myanmar without
# spaces between words. For Chinese and Japanese each character counts one, as translation
# agencies count them; Thai, Lao, Khmer and Myanmar are counted in the words ICU's
# dictionaries find (`word_boundaries`), as CAT tools count them: per character they came
# to about five times a CAT tool's count. (Their characters keep the syllable role below for
# matching, which compares characters.)
_IDEOGRAPHS = (
    (0x3400, 0x4DBF),  # CJK Unified Ideographs Extension A
    (0x4E00, 0x9FFF),  # CJK Unified Ideographs
    (0xF900, 0xFAFF),  # CJK Compatibility Ideographs
    (0x20000, 0x323AF),  # Extensions B to H and the Compatibility Supplement
)
_CHARACTER_SCRIPTS = (
    (0x0E00, 0x0EFF),  # Thai, Lao
    (0x1000, 0x109F),  # Myanmar
    (0x1780, 0x17FF),  # Khmer
    (0x19E0, 0x19FF),  # Khmer Symbols
    (0x3005, 0x3007),  # 々 〆 〇: iteration mark, closing mark, ideographic zero
    (0x3040, 0x30FF),  # Hiragana, Katakana (with ー, the prolonged sound mark)
    (0x31F0, 0x31FF),  # Katakana Phonetic Extensions
    (0xA9E0, 0xA9FF),  # Myanmar Extended-B
    (0xAA60, 0xAA7F),  # Myanmar Extended-A
    (0xFF66, 0xFF9F),  # Halfwidth Katakana
    (0x1B000, 0x1B16F),  # Kana Supplement, Kana Extended-A, Small Kana Extension
)
_JOINERS = frozenset(
    "'’"  # don't, l'homme, aujourd’hui
    "-\u2010\u2011"  # state-run; hyphen, non-breaking hyphen
    "\u05be\u05f3\u05f4"  # Hebrew maqaf (its hyphen), geresh and gershayim (צה״ל)
    "\u00b7"  # Catalan middle dot: col·lecció
    "\u00ad"  # soft hyphen, invisible
    "\u200c\u200d"  # ZWNJ and ZWJ: Persian می‌خواهم, Indic conjunct forms
)
_NUMBER_JOINERS = frozenset(".,:\u00a0\u2009\u202f\u066b\u066c")  # … and Arabic separators
# 1️⃣ is a digit, VS16 and a combining keycap: an emoji, not a number.
KEYCAP = re.compile("[0-9#*]\ufe0f?\u20e3")


class HasText(Protocol):
    """Anything with plain text, such as a SegmentDraft or a stored Segment."""

    @property
    def text(self) -> str: ...


def _role(char: str) -> str:
    code = ord(char)
    if any(low <= code <= high for low, high in _IDEOGRAPHS):
        return SYLLABLE_ROLE
    category = unicodedata.category(char)
    if category[0] == "M":
        return MARK_ROLE
    if char in _JOINERS:
        return _JOINER
    if char in _NUMBER_JOINERS:
        return _NUMBER_JOINER
    if category == "Nd":
        return _DIGIT  # Thai and Lao digits too: a number is one word in any script
    if category[0] not in "LN":
        return _SEPARATOR
    if any(low <= code <= high for low, high in _CHARACTER_SCRIPTS):
        return SYLLABLE_ROLE
    return _LETTER


class _Roles(dict[int, str]):
    """`str.translate` table from a code point to its role letter, filled as text comes."""

    def __missing__(self, code: int) -> str:
        role = self[code] = _role(chr(code))
        return role


ROLES = _Roles()
# A word: a letter or digit, then letters, digits and marks, a joiner with a letter or digit
# after it, or a number joiner between two digits. Whatever else comes ends it; a mark alone
# starts nothing; each syllable letter counts by itself.
WORD_OF_ROLES = re.compile(
    f"[{_LETTER}{_DIGIT}]"
    f"(?:[{_LETTER}{_DIGIT}{MARK_ROLE}]|{_JOINER}(?=[{_LETTER}{_DIGIT}])"
    f"|(?<={_DIGIT}){_NUMBER_JOINER}(?={_DIGIT}))*"
)


def count_words(text: str) -> int:
    """Words in any language; each Chinese, Japanese, Thai, Lao, Khmer or Myanmar letter is one.

    Each character becomes its role's letter (`str.translate`, in C), and words are matched in
    that string by a regular expression: a loop over the characters in Python took 11 ms of
    each 150-segment editor page. Placeholders of inline tags are not words.
    """
    plain = KEYCAP.sub(" ", strip_placeholders(text))
    if DICTIONARY_RUN.search(plain):
        return len(word_spans(plain))
    roles = plain.translate(ROLES)
    return len(WORD_OF_ROLES.findall(roles)) + roles.count(SYLLABLE_ROLE)


_TOKEN = re.compile(f"{WORD_OF_ROLES.pattern}|{SYLLABLE_ROLE}{MARK_ROLE}*")


def word_spans(plain: str) -> list[tuple[int, int]]:
    """Where the counted words of a text without placeholders are, as (start, end), in order."""
    roles = KEYCAP.sub(lambda keycap: " " * len(keycap.group()), plain).translate(ROLES)
    spans: list[tuple[int, int]] = []
    position = 0
    for run in DICTIONARY_RUN.finditer(plain):
        spans += [m.span() for m in _TOKEN.finditer(roles, position, run.start())]
        spans += [(run.start() + a, run.start() + b) for a, b in dictionary_word_spans(run.group())]
        position = run.end()
    spans += [m.span() for m in _TOKEN.finditer(roles, position)]
    return spans


def count_segment_words(segments: Iterable[HasText]) -> int:
    """The words of all the segments together."""
    return sum(count_words(segment.text) for segment in segments)


# Languages whose counts are characters, not words (see `_IDEOGRAPHS` and `_CHARACTER_SCRIPTS`):
# a "1,200" beside a Japanese article must not read as 1,200 words.
_COUNTED_IN_CHARACTERS = frozenset({"zh", "ja"})


def count_unit(language: str) -> str:
    """What a source count in `language` is counted in: "characters" or "words"."""
    base = language.split("-")[0].lower()
    return "characters" if base in _COUNTED_IN_CHARACTERS else "words"
