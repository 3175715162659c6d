"""Text as matching sees it: one normal form, and the words or characters it is made of.

Written once here for the translation memory, terminology and search, so that every feature
and both databases agree on what a word is. A word is what `wordcount` counts as one (so
"don't", "state-run" and "1,000" are single words); in scripts written without spaces
(Chinese, Japanese, Thai, Lao, Khmer, Myanmar) each character is a token, as each counts one
there, and for finding text the neighbouring pairs of characters (bigrams) stand in for the
words no dictionary tells us.
"""

import re
import unicodedata
from collections.abc import Iterator

from translate_flow.text.placeholders import strip_placeholders

# What a character is (letter, mark, joiner, a character of a script without spaces) is
# wordcount's table: the same words are counted and matched.
from translate_flow.text.wordcount import (
    KEYCAP,
    MARK_ROLE,
    ROLES,
    SYLLABLE_ROLE,
    WORD_OF_ROLES,
)

_SPACES = re.compile(r"\s+")
# A word, or one character of a script without spaces together with its combining marks
# (Thai vowel signs and tone marks belong to the consonant before them).
_PIECE = re.compile(f"(?P<word>{WORD_OF_ROLES.pattern})|(?P<dense>{SYLLABLE_ROLE}{MARK_ROLE}*)")


def stored_form(text: str) -> str:
    """The text as it is kept: NFC, placeholders and spacing untouched."""
    return unicodedata.normalize("NFC", text)


def comparison_form(text: str) -> str:
    """What a reader reads, compatibility-normalised: no inline tags, spacing collapsed.

    NFKC makes full-width digits and letters (１２, ＡＢ) and ligatures the plain ones; case is
    kept, so that a difference of case alone can still be told apart from equality.
    """
    plain = unicodedata.normalize("NFKC", strip_placeholders(text))
    return _SPACES.sub(" ", plain).strip()


def match_key(text: str) -> str:
    """`comparison_form`, case-folded (NFKC_Casefold): the form texts are compared and found in."""
    return unicodedata.normalize("NFKC", comparison_form(text).casefold())


def _pieces(key: str) -> Iterator[re.Match[str]]:
    # One role letter per character, so the roles' match positions are the text's positions;
    # a keycap emoji (1️⃣) is blanked first, as wordcount does, keeping the length.
    roles = KEYCAP.sub(lambda keycap: " " * len(keycap.group()), key).translate(ROLES)
    return _PIECE.finditer(roles)


def match_tokens(key: str) -> list[str]:
    """The words and the characters of unspaced scripts, in order: what edit distance counts.

    Punctuation, symbols and spaces are not tokens, so that "Tokyo, Japan" and "Tokyo Japan"
    are the same sequence.
    """
    return [key[piece.start() : piece.end()] for piece in _pieces(key)]


def terms(key: str, *, every_character: bool = True) -> set[str]:
    """The distinct terms a text is found by: its words, and in unspaced scripts its character
    bigrams and characters.

    Bigrams make a 2-character word such as 東京 or 同盟 one term, and the characters make a
    1-character one (党) findable. `every_character=False` keeps a character as a term only
    where it stands alone (a run of one), which is all a match of a longer text needs and
    saves most of an index's rows for Chinese and Japanese.
    """
    found: set[str] = set()
    run_end = -1
    previous = ""
    run_length = 0
    for piece in _pieces(key):
        text = key[piece.start() : piece.end()]
        if piece.lastgroup == "word":
            _close_run(found, previous, run_length, every_character)
            found.add(text)
            run_length, previous = 0, ""
            continue
        if piece.start() == run_end and previous:
            found.add(previous + text)
            run_length += 1
        else:
            _close_run(found, previous, run_length, every_character)
            run_length = 1
        if every_character:
            found.add(text)
        previous, run_end = text, piece.end()
    _close_run(found, previous, run_length, every_character)
    return found


def _close_run(found: set[str], last: str, length: int, every_character: bool) -> None:
    """A run of one character is a term by itself even when characters are not indexed."""
    if length == 1 and not every_character:
        found.add(last)


def is_mostly_unspaced(key: str) -> bool:
    """Whether most of the text's tokens are characters of scripts written without spaces."""
    pieces = list(_pieces(key))
    dense = sum(1 for piece in pieces if piece.lastgroup == "dense")
    return dense * 2 > len(pieces)
