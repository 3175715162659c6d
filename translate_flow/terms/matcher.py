"""Finding a pair's terms in a text: one Aho–Corasick automaton over every form of every term.

The automaton is built once per pair and termbase version (`finding` keeps it) over the
folded forms (`folding.term_key`) of each term's source and variants, so that one pass over a
segment finds all of them whatever their number: 20,000 terms cost the same pass as 20.
Each hit is then checked against the term's own flags: the exact case for a case-sensitive
term, word boundaries for a whole-word term in a spaced script (Chinese, Japanese and Thai
have no spaces, so a term is found inside a longer run of characters, as CAT tools do).
Where hits overlap, the longest wins; of equal ones, the earliest.
"""

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import ahocorasick

from translate_flow.terms.folding import fold, term_key
from translate_flow.text.analysis import is_mostly_unspaced, match_key
from translate_flow.text.wordcount import ROLES, SYLLABLE_ROLE


@dataclass(frozen=True, slots=True)
class MatchableTerm:
    """What the matcher needs of a term: its id, its forms and its flags."""

    id: int
    forms: tuple[str, ...]  # the source form first, then variants
    case_sensitive: bool = False
    whole_word: bool = True


@dataclass(frozen=True, slots=True)
class Hit:
    term_id: int
    start: int  # code points in the text as given, end exclusive
    end: int
    form: str  # the form that matched (source or a variant)


@dataclass(frozen=True, slots=True)
class _Form:
    term: MatchableTerm
    form: str
    exact: str  # NFKC of the form, for a case-sensitive comparison
    needs_boundaries: bool


def _is_word_char(char: str) -> bool:
    # A character of a script written without spaces ends a word of a spaced one: ＮＡＴＯ首脳
    # holds the word NATO, as ユニクロとUniqloは holds Uniqlo.
    if ROLES[ord(char)] == SYLLABLE_ROLE:
        return False
    return char.isalnum() or unicodedata.category(char).startswith("M")


class _WordTable(dict[int, str]):
    """`str.translate` table: "m" for a mark, "w" for another character of a word, " " for
    what ends words; one C pass gives each folded text its boundaries."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        if unicodedata.category(char).startswith("M"):
            role = "m"
        else:
            role = "w" if _is_word_char(char) else " "
        self[code] = role
        return role


_WORDS = _WordTable()


class TermMatcher:
    def __init__(self, terms: Iterable[MatchableTerm]) -> None:
        self._automaton = ahocorasick.Automaton()
        entries: dict[str, list[_Form]] = {}
        for term in terms:
            for form in term.forms:
                key = term_key(form)
                if not key:
                    continue
                unspaced = is_mostly_unspaced(match_key(form))
                entries.setdefault(key, []).append(
                    _Form(
                        term,
                        form,
                        unicodedata.normalize("NFKC", form.strip()),
                        term.whole_word and not unspaced,
                    )
                )
        for key, forms in entries.items():
            # Whether every form of the key needs word boundaries: then a hit inside a longer
            # word (most hits of a spaced script's short terms) is dropped before the forms
            # are looked at.
            bounded = all(form.needs_boundaries for form in forms)
            self._automaton.add_word(key, (len(key), bounded, forms))
        self.size = len(entries)
        if entries:
            self._automaton.make_automaton()

    def find(self, text: str) -> list[Hit]:
        """Every term in `text`, in order, overlaps resolved (the longest wins)."""
        if not self.size or not text:
            return []
        folded = fold(text)
        # Most hits of a spaced script's terms are inside longer words: their boundaries are
        # looked up first, in one string of roles, before anything else is computed.
        roles = folded.folded.translate(_WORDS)
        candidates: list[Hit] = []
        for last, (length, all_bounded, forms) in self._automaton.iter(folded.folded):
            first, after = last - length + 1, last + 1
            if all_bounded and not _bounded(roles, first, after):
                continue
            bounded: bool | None = True if all_bounded else None
            for entry in forms:
                if entry.needs_boundaries:
                    if bounded is None:
                        bounded = _bounded(roles, first, after)
                    if not bounded:
                        continue
                start, end = folded.span(first, after)
                if entry.term.case_sensitive and (
                    unicodedata.normalize("NFKC", text[start:end]) != entry.exact
                ):
                    continue
                candidates.append(Hit(entry.term.id, start, end, entry.form))
        return _longest_first(candidates)


def _bounded(roles: str, start: int, end: int) -> bool:
    """Whether folded[start:end] is a whole word, from the roles of `_WordTable`."""
    if end < len(roles) and roles[end] != " ":
        return False  # a letter, digit or mark goes on
    # Marks before the term belong to the character they follow, which decides: half-width
    # ｶﾞ folds to カ and a combining mark, and カ is no letter of a spaced word.
    index = start - 1
    while index >= 0 and roles[index] == "m":
        index -= 1
    return index < 0 or roles[index] == " "


def _longest_first(candidates: Sequence[Hit]) -> list[Hit]:
    chosen: list[Hit] = []
    taken: list[tuple[int, int]] = []
    for hit in sorted(candidates, key=lambda h: (-(h.end - h.start), h.start, h.term_id)):
        if any(hit.start < end and start < hit.end for start, end in taken):
            continue
        if any(other.term_id == hit.term_id and other.start == hit.start for other in chosen):
            continue
        chosen.append(hit)
        taken.append((hit.start, hit.end))
    return sorted(chosen, key=lambda h: h.start)
