"""The search analyser: a text and its language in, the tokens it is found by out.

Documents and queries pass through the same steps, so that what a reader types meets what was
indexed in whatever form either was written:

1. NFKC, case folding, NFKC again: full-width Ｔｏｋｙｏ and ２０２４ are Tokyo and 2024, ß is ss,
   capital and final sigma are σ, the Turkish İ is i.
2. Folding what readers do not type (one `str.translate`): Latin and Greek accents and the
   Vietnamese tone marks; Arabic harakat, tatweel and the letters readers mix (alef forms,
   yeh and alef maksura, Persian yeh and keheh, teh marbuta); Hebrew points; Russian ё as е;
   the digits of every script as 0–9; dotless ı, ł, đ, ø as i, l, d, o.
3. Words. Spaced scripts: runs of letters, marks and digits; a word joined by an apostrophe,
   hyphen, ZWNJ or the like ("l'homme", "state-run", می‌خواهم, צה״ל, 1,000) gives its parts
   and the joined whole. Chinese and Japanese: every character and every pair of neighbouring
   characters (bigrams), so a word of any length is found without a dictionary. Thai, Lao,
   Khmer and Myanmar: ICU's dictionary word boundaries (the ones word counts use). Korean:
   the word, and the word without a trailing particle (서울에서 → 서울).
4. Stems: Snowball (PyStemmer) for the document's language, indexed as "<language>:<stem>" so
   that one language's stem never matches another's words. A query's language is not known,
   so each query word is stemmed for every language of its script that the caller allows.

Tokens are letters, digits and marks only (a stem adds one colon), never longer than
`MAX_TOKEN`, so the databases' own tokenizers have nothing left to split.
"""

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache

import Stemmer

from translate_flow.text.word_boundaries import dictionary_words

MAX_TOKEN = 60
# A document's tokens stop here: PostgreSQL refuses a tsvector over 1 MB, and an article
# with more distinct words than this is not one a reader searches word by word.
MAX_DOCUMENT_BYTES = 400_000
MAX_QUERY_WORDS = 20

# Snowball's algorithm for each language code it covers.
STEMMERS = {
    "ar": "arabic", "hy": "armenian", "eu": "basque", "ca": "catalan", "cs": "czech",
    "da": "danish", "nl": "dutch", "en": "english", "eo": "esperanto", "et": "estonian",
    "fi": "finnish", "fr": "french", "de": "german", "el": "greek", "hi": "hindi",
    "hu": "hungarian", "id": "indonesian", "ga": "irish", "it": "italian", "lt": "lithuanian",
    "ne": "nepali", "no": "norwegian", "nb": "norwegian", "nn": "norwegian", "fa": "persian",
    "pl": "polish", "pt": "portuguese", "ro": "romanian", "ru": "russian", "sr": "serbian",
    "st": "sesotho", "es": "spanish", "sv": "swedish", "ta": "tamil", "tr": "turkish",
    "yi": "yiddish",
}  # fmt: skip
# The script a word's first letter is in (its Unicode name's first word) → the languages
# whose stemmer reads that script, for queries whose language is unknown.
_SCRIPT_LANGUAGES: dict[str, tuple[str, ...]] = {
    "LATIN": (
        "en", "fr", "de", "es", "it", "pt", "nl", "sv", "da", "no", "fi", "hu", "ro", "tr",
        "pl", "cs", "ca", "eu", "id", "ga", "lt", "et", "eo", "sr", "st",
    ),
    "CYRILLIC": ("ru", "sr"),
    "GREEK": ("el",),
    "ARABIC": ("ar", "fa"),
    "DEVANAGARI": ("hi", "ne"),
    "ARMENIAN": ("hy",),
    "TAMIL": ("ta",),
    "HEBREW": ("yi",),
}  # fmt: skip

# Korean particles readers leave off (or put on) a noun, longest first.
_PARTICLES = (
    "에서는", "에게서", "으로는", "으로서", "으로써", "까지는", "부터는", "에서", "에게",
    "한테", "께서", "으로", "로서", "로써", "까지", "부터", "마저", "조차", "처럼", "보다",
    "이나", "이며", "이다", "은", "는", "이", "가", "을", "를", "의", "에", "와", "과", "로",
    "도", "만", "나",
)  # fmt: skip

# Roles of characters after folding, one letter each, matched by `_PIECE` below.
_CJK = "c"  # Han and kana: bigrams
_BROKEN = "b"  # Thai, Lao, Khmer, Myanmar: dictionary word boundaries
_HANGUL = "h"
_WORD = "w"  # any other letter, mark or digit
_JOINER = "j"
_SEPARATOR = " "
_PIECE = re.compile(r"(c+)|(b+)|(h+)|(w+(?:jw+)*)")
_JOINERS = frozenset("'’-\u2010\u2011\u05be\u05f3\u05f4\"\u00b7\u200c\u200d.,\u066b\u066c")
_KANA_MARKS = frozenset("々〆〇ー\u3099\u309a\u309b\u309c")

# Arabic, Persian and Hebrew letters readers write either way, as one.
_LETTERS = {
    "آ": "ا", "أ": "ا", "إ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    "ى": "ي", "ی": "ي", "ې": "ي", "ۍ": "ي", "ک": "ك", "ڪ": "ك", "ة": "ه", "ۀ": "ه", "ە": "ه",
    "ё": "е", "ѐ": "е", "ѝ": "и",
    "ı": "i", "ł": "l", "đ": "d", "ø": "o", "ħ": "h", "ŧ": "t", "ŀ": "l", "ð": "d",
    "æ": "ae", "œ": "oe",
}  # fmt: skip


def _block_of(char: str) -> str:
    try:
        return unicodedata.name(char).split(" ", 1)[0]
    except ValueError:
        return ""


def _folded(char: str) -> str:
    """One character as the index keeps it (see step 2 of the module's description)."""
    if char in _LETTERS:
        return _LETTERS[char]
    category = unicodedata.category(char)
    if category == "Nd":
        return str(unicodedata.digit(char))
    code = ord(char)
    if code == 0x0640 or 0x064B <= code <= 0x065F or code == 0x0670 or 0x06D6 <= code <= 0x06ED:
        return ""  # Arabic harakat, tatweel, Quranic marks
    if 0x0591 <= code <= 0x05C7 and category == "Mn":
        return ""  # Hebrew points and cantillation
    if 0x0300 <= code <= 0x036F:
        return ""  # a combining accent left over after composition
    if _block_of(char) in ("LATIN", "GREEK"):
        decomposed = unicodedata.normalize("NFD", char)
        bare = "".join(c for c in decomposed if not unicodedata.combining(c))
        if bare != char:
            return _LETTERS.get(bare, bare)
    return char


class _Table(dict[int, str]):
    """`str.translate` table from a code point to its folded form, filled as text comes."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = _folded(chr(code))
        return folded


class _Roles(dict[int, str]):
    def __missing__(self, code: int) -> str:
        role = self[code] = _role(chr(code))
        return role


def _role(char: str) -> str:
    if char in _JOINERS:
        return _JOINER
    category = unicodedata.category(char)
    if category[0] not in "LMN":
        return _CJK if char in _KANA_MARKS else _SEPARATOR
    code = ord(char)
    if (
        0x3040 <= code <= 0x30FF
        or 0x3400 <= code <= 0x4DBF
        or 0x4E00 <= code <= 0x9FFF
        or 0xF900 <= code <= 0xFAFF
        or 0x20000 <= code <= 0x323AF
        or 0x31F0 <= code <= 0x31FF
        or char in _KANA_MARKS
    ):
        return _CJK
    if 0x0E00 <= code <= 0x0EFF or 0x1000 <= code <= 0x109F or 0x1780 <= code <= 0x17FF:
        return _BROKEN
    if 0xAA60 <= code <= 0xAA7F or 0xA9E0 <= code <= 0xA9FF or 0x19E0 <= code <= 0x19FF:
        return _BROKEN
    if 0xAC00 <= code <= 0xD7AF or 0x1100 <= code <= 0x11FF or 0x3130 <= code <= 0x318F:
        return _HANGUL
    return _WORD


_FOLD = _Table()
_ROLES = _Roles()


def normal_form(text: str) -> str:
    """Steps 1 and 2: the text as tokens are cut from it."""
    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold())
    return folded.translate(_FOLD)


@cache
def _stemmer(language: str) -> Stemmer.Stemmer:
    return Stemmer.Stemmer(STEMMERS[language])


def _stem(stemmer: Stemmer.Stemmer, word: str) -> str:
    # Some stemmers write their own letter forms (Persian's yeh and keheh): folded again.
    return str(stemmer.stemWord(word)).translate(_FOLD)


def stem_language(language: str) -> str | None:
    """The language code whose stemmer applies to `language` (`pt-BR` → `pt`), if any."""
    base = language.split("-")[0].split("_")[0].lower()
    return base if base in STEMMERS else None


# The particles by length, longest first: a word loses the longest one it ends with.
_PARTICLES_BY_LENGTH = tuple(
    (length, frozenset(p for p in _PARTICLES if len(p) == length))
    for length in sorted({len(p) for p in _PARTICLES}, reverse=True)
)


def _korean_stem(word: str) -> str | None:
    for length, particles in _PARTICLES_BY_LENGTH:
        if len(word) > length and word[-length:] in particles:
            return word[:-length]
    return None


def _pieces(normal: str) -> Iterator[tuple[str, str, tuple[str, ...]]]:
    """(kind, text, parts) of each piece: "cjk", "broken", "hangul" or "word"; a joined word's
    parts ("l'homme": "l", "homme"), () for the others."""
    roles = normal.translate(_ROLES)
    for match in _PIECE.finditer(roles):
        text = normal[match.start() : match.end()]
        kind = _KINDS[match.lastindex or 4]
        if kind != "word" or _JOINER not in match.group(4):
            yield kind, text, ()
            continue
        parts = _parts(normal, roles, match)
        yield kind, "".join(parts), parts


def _parts(normal: str, roles: str, match: re.Match[str]) -> tuple[str, ...]:
    return tuple(
        normal[start:end]
        for start, end in (part.span() for part in _PARTS.finditer(roles, *match.span()))
    )


_KINDS = {1: "cjk", 2: "broken", 3: "hangul", 4: "word"}
_PARTS = re.compile("w+")


def _bigrams(run: str) -> list[str]:
    return [run[i : i + 2] for i in range(len(run) - 1)]


# Each language's stems as tokens ("es:arancel"), kept across documents: a reindex meets the
# same words in article after article, and stemming and folding them was a fifth of its time.
# Emptied when full, so that a worker's memory stays bounded whatever it reads.
STEM_CACHE_SIZE = 20_000
_STEM_TOKENS: dict[str, dict[str, str]] = {}


def _stem_tokens(code: str) -> dict[str, str]:
    tokens = _STEM_TOKENS.setdefault(code, {})
    if len(tokens) >= STEM_CACHE_SIZE:
        tokens.clear()
    return tokens


def document_tokens(text: str, language: str) -> list[str]:
    """The distinct tokens a document in `language` is found by, in the order they first come.

    Written for speed (it is most of a reindex): one pass over the pieces, the common case of
    a plain word first, stems from a cache.
    """
    stem_code = stem_language(language)
    stemmer = _stemmer(stem_code) if stem_code else None
    stems = _stem_tokens(stem_code) if stem_code else {}
    found: dict[str, None] = {}
    seen: set[str] = set()
    cheap_size = MAX_DOCUMENT_BYTES // 12  # below this many tokens, no need to add up bytes

    def add_word(word: str) -> None:
        if len(word) <= MAX_TOKEN:
            found[word] = None
        if stemmer is None or word.isdigit():
            return
        stem = stems.get(word)
        if stem is None:
            stem = stems[word] = f"{stem_code}:{_stem(stemmer, word)}"
        if len(stem) <= MAX_TOKEN:
            found[stem] = None

    normal = normal_form(text)
    roles = normal.translate(_ROLES)
    for match in _PIECE.finditer(roles):
        piece = normal[match.start() : match.end()]
        if piece in seen:
            continue
        seen.add(piece)
        kind = match.lastindex
        if kind == 4:
            if _JOINER in match.group(4):
                parts = _parts(normal, roles, match)
                for word in ("".join(parts), *parts):
                    add_word(word)
            else:
                add_word(piece)
        elif kind == 1:
            found.update(dict.fromkeys(piece))
            found.update(dict.fromkeys(_bigrams(piece)))
        elif kind == 2:
            for word in dictionary_words(piece):
                if len(word) <= MAX_TOKEN:
                    found[word] = None
        else:
            for word in (piece, _korean_stem(piece) or ""):
                if word and len(word) <= MAX_TOKEN:
                    found[word] = None
        if len(found) > cheap_size and _bytes(found) > MAX_DOCUMENT_BYTES:
            break
    return list(found)


def _bytes(tokens: dict[str, None]) -> int:
    return sum(len(token.encode()) + 1 for token in tokens)


# --- Queries -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Alternative:
    """Tokens that must all be present; with `prefix`, the last may be the start of a token."""

    tokens: tuple[str, ...]
    prefix: bool = False


# A query is a list of groups, all of which must match; a group matches when any of its
# alternatives does.
Group = tuple[Alternative, ...]

# The shortest last word looked for as the start of longer ones: "lo" or "20" begins thousands
# of words, and reading them all was most of a search's time (a 2-letter prefix read 37,000 of
# 100,000 articles, 21 ms in the index alone); shorter words are looked for whole.
MIN_PREFIX = 3


def _script_of(word: str) -> str:
    for char in word:
        if unicodedata.category(char)[0] == "L":
            return _block_of(char)
    return ""


def query_groups(
    query: str, languages: Iterable[str] | None = None, *, prefix_last: bool = True
) -> list[Group]:
    """What a query asks for: one group per word, each a set of alternatives.

    `languages`: the languages whose stems a word may match (None: every language of the
    word's script). An empty list means the query has nothing to search for (only
    punctuation, symbols or emoji).
    """
    allowed = None if languages is None else {stem_language(code) for code in languages}
    groups: list[Group] = []
    pieces = list(_pieces(normal_form(query)))[:MAX_QUERY_WORDS]
    for number, (kind, text, parts) in enumerate(pieces):
        last = prefix_last and number == len(pieces) - 1
        if kind == "cjk":
            grams = tuple(_bigrams(text)) or (text,)
            groups.append((Alternative(grams),))
        elif kind == "broken":
            words = tuple(dictionary_words(text))
            alternatives = {Alternative((text,))}
            if len(words) > 1:
                alternatives.add(Alternative(words))
            groups.append(tuple(sorted(alternatives, key=_order)))
        elif kind == "hangul":
            stem = _korean_stem(text)
            alternatives = {Alternative((text,), prefix=last and len(text) >= MIN_PREFIX)}
            if stem:
                alternatives.add(Alternative((stem,)))
            groups.append(tuple(sorted(alternatives, key=_order)))
        else:
            words = parts or (text,)
            for index, word in enumerate(words):
                if len(word) > MAX_TOKEN:
                    continue
                prefix = last and index == len(words) - 1 and len(word) >= MIN_PREFIX
                groups.append(_word_group(word, allowed, prefix=prefix))
    return groups


def _word_group(word: str, allowed: set[str | None] | None, *, prefix: bool) -> Group:
    alternatives = {Alternative((word,), prefix=prefix)}
    if word.isdigit():
        return (Alternative((word,), prefix=prefix),)
    for code in _SCRIPT_LANGUAGES.get(_script_of(word), ()):
        if allowed is None or code in allowed:
            alternatives.add(Alternative((f"{code}:{_stem(_stemmer(code), word)}",)))
    return tuple(sorted(alternatives, key=_order))


def _order(alternative: Alternative) -> tuple[tuple[str, ...], bool]:
    return alternative.tokens, alternative.prefix
