"""Slugs: the address part of a publication, made from its title, in whatever script it is written.

The rule (README, "Slugs"): the title's letters, marks and digits, in order, NFKC-normalised and
lowercased by Unicode's rules, with words joined by hyphens; punctuation, symbols, emoji and
spaces of every kind separate words; at most 12 words and 120 characters, and at most 190 bytes
once percent-encoded, cut between words, or between characters in scripts written without spaces.
Nothing is transliterated: a reader finds the title's own words in the address, as on Wikipedia.
"""

import re
import unicodedata
from urllib.parse import quote

MAX_WORDS = 12
MAX_CHARS = 120
# WordPress keeps a post's slug percent-encoded in VARCHAR(200) (post_name) and cuts anything
# longer. A slug that fits, with room for the "-2" … "-999999999" that keeps it unique, moves to
# WordPress unchanged, and so keeps its address. In UTF-8 that is 21 Chinese, Japanese or Thai
# characters, 31 Greek, Cyrillic, Arabic or Hebrew letters.
MAX_ENCODED = 200
SUFFIX_ROOM = 10

ZWNJ, ZWJ, ZWSP = "\u200c", "\u200d", "\u200b"
_JOINERS = frozenset((ZWNJ, ZWJ))
# Dropped without splitting the word they stand in: apostrophes (America's → americas), the
# Hebrew geresh and gershayim (צה״ל), and the Armenian marks written over a vowel (Ինչո՞ւ).
_ELIDED = frozenset("'’ʼ\u05f3\u05f4\u055a\u055b\u055c\u055e\u055f")
# Not letters a reader would type: the tatweel stretches an Arabic word, and the keycap mark
# turns a digit into an emoji. Variation selectors only pick a glyph (see _is_ignored).
_IGNORED = frozenset("\u0640\u20e3")
# Thai, Lao, New Tai Lue and Tai Viet vowels written before the consonant they follow in
# speech (Unicode's Logical_Order_Exception): a cut right after one strands it.
_LEADING_VOWELS = frozenset(
    "\u0e40\u0e41\u0e42\u0e43\u0e44\u0ec0\u0ec1\u0ec2\u0ec3\u0ec4"
    "\u19b5\u19b6\u19b7\u19ba\uaab5\uaab6\uaab9\uaabb\uaabc"
)
# Letters NFKC would take apart though their readers type them whole: Thai and Lao SARA AM
# (ำ → ํา), Lao HO NO and HO MO, the Armenian ligature և (Երևան), and the Hangul jamo
# written alone (ㅋㅋ), which NFKC turns into conjoining jamo.
_NFKC_KEEPS = re.compile("([\u0e33\u0eb3\u0edc\u0edd\u0587\u3131-\u318e])")
# Scripts written without spaces between words: a cut between two of their characters is as
# good as a cut between words, which a title in them may not have at all.
_SPACELESS = (
    "CJK UNIFIED IDEOGRAPH",
    "CJK COMPATIBILITY IDEOGRAPH",
    "IDEOGRAPHIC",
    "HIRAGANA",
    "KATAKANA",
    "THAI",
    "LAO",
    "KHMER",
    "MYANMAR",
    "YI ",
)


def slugify(title: str) -> str:
    """The slug of a title; empty when it has no letter or digit (the caller picks a fallback)."""
    words = [_lowercase(word) for word in _words(_folded(title))][:MAX_WORDS]
    return fit("-".join(words), MAX_ENCODED - SUFFIX_ROOM, max_chars=MAX_CHARS)


def percent_encoded(slug: str) -> str:
    """The slug as it goes in a URI: UTF-8, percent-encoded (RFC 3987's IRI → URI mapping)."""
    return quote(slug, safe="")


def encoded_length(slug: str) -> int:
    """How many bytes the slug takes percent-encoded, as WordPress counts its post_name."""
    return len(percent_encoded(slug))


def fit(slug: str, max_encoded: int, *, max_chars: int | None = None) -> str:
    """The longest beginning of `slug` that fits in `max_encoded` bytes percent-encoded (and
    `max_chars` characters): cut between words, else between graphemes; never after a hyphen.

    Made for WordPress's 200 bytes: `fit(publication.slug, 200)` fits any slug, old ones too.
    """
    limit = len(slug) if max_chars is None else max_chars
    if len(slug) <= limit and encoded_length(slug) <= max_encoded:
        return slug
    word_cut = grapheme_cut = size = 0
    for end in range(1, min(len(slug), limit + 1)):
        before, after = slug[end - 1], slug[end]
        size += encoded_length(before)
        if size > max_encoded:
            break
        if after == "-":
            word_cut = end
        elif before != "-" and _grapheme_boundary(before, after):
            grapheme_cut = end
            if _spaceless(before) or _spaceless(after):
                word_cut = end
    return slug[: word_cut or grapheme_cut].rstrip("-")


def _folded(title: str) -> str:
    """Symbols out, then compatibility forms folded: full-width ２０２４ and ＧＤＰ, ligatures and
    half-width katakana read as what they are, and ™ or ㎏ do not turn into letters."""
    composed = unicodedata.normalize("NFC", title)
    spaced = "".join(" " if unicodedata.category(ch)[0] == "S" else ch for ch in composed)
    return _nfkc(spaced)


def _nfkc(text: str) -> str:
    # The letters kept are starters with no canonical decomposition: nothing reorders or
    # composes across them, so normalising the text between them is normalising the whole.
    parts = _NFKC_KEEPS.split(text)
    return "".join(
        part if index % 2 else unicodedata.normalize("NFKC", part)
        for index, part in enumerate(parts)
    )


def _words(text: str) -> list[str]:
    """The title's words: runs of letters, digits and the marks and joiners that go with them."""
    words: list[str] = []
    word: list[str] = []
    for index, ch in enumerate(text):
        kind = unicodedata.category(ch)
        if ch in _ELIDED or _is_ignored(ch) or _joins_letters(text, index):
            continue
        if kind[0] in "LN":
            word.append(ch)
        elif kind[0] == "M" or ch in _JOINERS:
            # Devanagari and Thai vowels, tone marks, harakat, niqqud and the ZWNJ of Persian
            # stay with their letter; a mark with no letter before it has nothing to sit on.
            if word:
                word.append(ch)
        elif kind == "Cf" and ch != ZWSP:
            continue  # soft hyphens, bidi marks, word joiners: invisible, inside the word
        else:
            _close(word, words)
    _close(word, words)
    return words


def _close(word: list[str], words: list[str]) -> None:
    while word and word[-1] in _JOINERS:
        word.pop()
    if word:
        words.append("".join(word))
    word.clear()


def _is_ignored(ch: str) -> bool:
    code = ord(ch)
    return (
        ch in _IGNORED
        or 0xFE00 <= code <= 0xFE0F
        or 0xE0100 <= code <= 0xE01EF
        or 0x180B <= code <= 0x180F  # Mongolian free variation selectors
    )


def _joins_letters(text: str, index: int) -> bool:
    """Punctuation that is part of a word in its language: the Catalan middle dot of col·legi,
    and a straight quote written for gershayim between Hebrew letters (צה"ל)."""
    ch = text[index]
    if ch not in '·"' or index == 0 or index + 1 == len(text):
        return False
    before, after = text[index - 1], text[index + 1]
    if ch == "·":
        return before in "lL" and after in "lL"
    return _hebrew_letter(before) and _hebrew_letter(after)


def _hebrew_letter(ch: str) -> bool:
    return "\u05d0" <= ch <= "\u05ea"


def _lowercase(word: str) -> str:
    """Unicode's lowercase, not its case folding: ß stays ß and a final Σ becomes ς, as the
    language writes them (casefold() gives ss and σ). The dotted capital İ of Turkish becomes i
    rather than i with a combining dot."""
    return _nfkc(word.replace("İ", "i").lower())


def _grapheme_boundary(before: str, after: str) -> bool:
    """Whether a cut between two characters keeps every user-perceived character whole (UAX #29's
    rules for marks, joiners, Hangul jamo and Indic conjuncts, plus the leading vowels above)."""
    if unicodedata.category(after)[0] == "M" or after in _JOINERS or before in _JOINERS:
        return False
    if unicodedata.combining(before) == 9 and unicodedata.category(after)[0] == "L":
        return False  # a virama binds the next consonant into one conjunct (क्ष, ខ្ម)
    if before in _LEADING_VOWELS:
        return False
    return not _hangul_joins(before, after)


def _hangul_joins(before: str, after: str) -> bool:
    first, second = _jamo(before), _jamo(after)
    return (
        (first == "L" and second in ("L", "V", "LV", "LVT"))
        or (first in ("LV", "V") and second in ("V", "T"))
        or (first in ("LVT", "T") and second == "T")
    )


def _jamo(ch: str) -> str:
    code = ord(ch)
    if 0x1100 <= code <= 0x115F or 0xA960 <= code <= 0xA97C:
        return "L"
    if 0x1160 <= code <= 0x11A7 or 0xD7B0 <= code <= 0xD7C6:
        return "V"
    if 0x11A8 <= code <= 0x11FF or 0xD7CB <= code <= 0xD7FB:
        return "T"
    if 0xAC00 <= code <= 0xD7A3:
        return "LV" if (code - 0xAC00) % 28 == 0 else "LVT"
    return ""


def _spaceless(ch: str) -> bool:
    return unicodedata.name(ch, "").startswith(_SPACELESS)
