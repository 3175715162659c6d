"""How terms and texts are compared: the forms a reader takes for the same word made equal.

NFKC folds width (ＮＡＴＯ and ﾅﾄｰ are NATO and ナトー) and compatibility forms; case folding
makes case not count unless a term says it does; Arabic short vowels and the tatweel are
dropped, since most Arabic text is written without them (محمد and مُحَمَّد are one name).
Folding goes character by character and remembers where each folded character came from, so
a term found in the folded text is reported at its place in the text as written.
"""

import re
import unicodedata
from dataclasses import dataclass

# Arabic harakat, the superscript alef and the tatweel (kashida), which only stretches a word.
_ARABIC_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")


def _fold_char(char: str, *, case: bool) -> str:
    folded = unicodedata.normalize("NFKC", char)
    if not case:
        folded = folded.casefold()
    return _ARABIC_MARKS.sub("", folded)


def term_key(text: str, *, case_sensitive: bool = False) -> str:
    """A term's form as the matcher compares it (and as duplicates are told apart)."""
    return text.strip().translate(_TABLES[case_sensitive])


@dataclass(frozen=True, slots=True)
class FoldedText:
    """A text folded for matching, with the original index of each folded character."""

    folded: str
    origin: tuple[int, ...] | None  # None: each character folded to one, in place

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span (code points, end exclusive) of folded[start:end]."""
        if self.origin is None:
            return start, end
        return self.origin[start], self.origin[end - 1] + 1


class _FoldTable(dict[int, str]):
    """`str.translate` table from a code point to its folded form, filled as text comes; the
    code points that fold to other than one character are noted, for the spans."""

    def __init__(self, *, case: bool) -> None:
        super().__init__()
        self.case = case
        self.uneven: set[int] = set()

    def __missing__(self, code: int) -> str:
        folded = self[code] = _fold_char(chr(code), case=self.case)
        if len(folded) != 1:
            self.uneven.add(code)
        return folded


# Folding char by char in Python costs a 150-segment article about 10 ms; `str.translate`
# with a table runs in C and most texts fold one character to one (so the spans are the
# folded positions themselves, and no origin table is built).
_TABLES = {case: _FoldTable(case=case) for case in (False, True)}


def fold(text: str, *, case_sensitive: bool = False) -> FoldedText:
    table = _TABLES[case_sensitive]
    folded = text.translate(table)
    if table.uneven.isdisjoint(map(ord, text)):
        return FoldedText(folded, None)
    pieces = [table[ord(char)] for char in text]
    origin: list[int] = []
    for index, piece in enumerate(pieces):
        origin.extend([index] * len(piece))
    return FoldedText(folded, tuple(origin))
