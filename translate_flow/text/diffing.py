"""Readable diffs: word- or cluster-level changes, escaped HTML, and paragraph alignment.

This is the only module that imports diff-match-patch (`fast_diff_match_patch`, and the pure
`diff_match_patch` should it ever be needed): the rest of the code asks it for `Change`s,
rendered `Markup`, similarities and alignments, so the library and its quirks stay in one place.

`merge3` applies two people's concurrent edits of one text, or refuses when they come too
close to be merged safely.

Both texts are cut into tokens (words, whitespace runs and single punctuation marks, or
grapheme-ish clusters), each distinct token is coded as one code point, and the coded strings
are diffed. Changes therefore never start inside a word (word granularity) or inside a cluster:
a combining mark, a ZWJ emoji sequence, a skin tone or a flag stays with its base character.
"""

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from itertools import accumulate, chain, pairwise
from typing import Literal, NamedTuple

import fast_diff_match_patch
from markupsafe import Markup, escape

from translate_flow.text.placeholders import PLACEHOLDER_PATTERN

Granularity = Literal["auto", "word", "char"]
Pair = tuple[int | None, int | None]


class Op(StrEnum):
    """What happened to a piece of text between the old and the new version."""

    EQUAL = "equal"
    INSERT = "insert"
    DELETE = "delete"


@dataclass(frozen=True, slots=True)
class Change:
    """One run of text that is kept, inserted or deleted."""

    op: Op
    text: str


# --- Tokens ----------------------------------------------------------------------------------


def _class_body(code_points: Iterable[int]) -> str:
    """The inside of a regex character class matching exactly these code points."""
    ranges: list[list[int]] = []
    for cp in sorted(code_points):
        if ranges and cp == ranges[-1][1] + 1:
            ranges[-1][1] = cp
        else:
            ranges.append([cp, cp])
    return "".join(f"\\U{lo:08x}" if lo == hi else f"\\U{lo:08x}-\\U{hi:08x}" for lo, hi in ranges)


def _extenders() -> list[int]:
    """Characters that never start a cluster: they belong to the character before them."""
    # All marks (Mn, Mc, Me, which include the variation selectors and the keycap) live in
    # planes 0, 1 and 14; scanning only those keeps the import at ~15 ms instead of ~130 ms.
    marks = [
        cp
        for plane in (0x00000, 0x10000, 0xE0000)
        for cp in range(plane, plane + 0x10000)
        if unicodedata.category(chr(cp)) in {"Mn", "Mc", "Me"}
    ]
    others = [
        0x200C,  # ZWNJ
        *range(0x1F3FB, 0x1F400),  # emoji skin-tone modifiers (category Sk)
        *range(0xE0020, 0xE0080),  # tag characters of subdivision flags (category Cf)
        *range(0x1160, 0x1200),  # Hangul medial vowel and final consonant jamo
        *range(0xD7B0, 0xD800),
        0xFF9E,  # halfwidth katakana voiced sound marks (category Lm)
        0xFF9F,
    ]
    return [*marks, *others]


# Scripts written without spaces between words: a diff of them is read character by character.
_DENSE = (
    "\u0e00-\u0eff"  # Thai, Lao
    "\u1000-\u109f\ua9e0-\ua9ff\uaa60-\uaa7f"  # Myanmar
    "\u1780-\u17ff\u19e0-\u19ff"  # Khmer
    "\u2e80-\u2fdf\u3005-\u3007\u3021-\u3029\u3038-\u303b"  # Han radicals and marks
    "\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f\U0001b000-\U0001b16f"  # Hiragana, Katakana
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff"  # Han
)
_EXTENDERS = _extenders()
_RI = "\U0001f1e6-\U0001f1ff"  # regional indicators: two of them make a flag
# A ZWJ glues what follows it (unless that is a space): an emoji, or a flag.
_ZWJ = f"\u200d(?:[{_RI}]{{2}}|[^\\s\u200d])?"
# What may follow a character in its cluster: an extender, or a ZWJ and what it joins.
# (The astral extenders sit behind a one-range check: `re` tests a class's astral ranges one
# by one, and every character after a word would otherwise pay for ~150 of them.)
_JOIN = (
    f"(?:[{_class_body(cp for cp in _EXTENDERS if cp < 0x10000)}]|{_ZWJ}"
    f"|(?=[\U00010000-\U0010ffff])[{_class_body(cp for cp in _EXTENDERS if cp >= 0x10000)}])"
)
_BASE = f"(?:\r\n|[{_RI}]{{2}}|[\ud800-\udbff][\udc00-\udfff]|{_ZWJ}|.)"
_CLUSTER_RE = re.compile(f"{_BASE}{_JOIN}*", re.DOTALL)
# A word is a run of clusters that start with a word character of a spaced script; a dense
# script character, a punctuation mark or an emoji is a token of its own. (Runs of plain
# characters are matched with `+` first: a per-character group is three times slower.)
_WORD = f"[^\\W{_DENSE}]"
_TOKEN_RE = re.compile(
    f"{_WORD}+(?:{_JOIN}+{_WORD}*)*|\\s+(?:{_JOIN}+\\s*)*|{_BASE}{_JOIN}*",
    re.DOTALL,
)
# A placeholder of an inline tag (`{1}`, `{/1}`, `{3/}`) is one token in either granularity:
# a change moves or drops a whole tag, never half of one. (Only texts with a brace pay for
# the extra alternative, which doubles the tokenising time.)
_TAGGED_TOKEN_RE = re.compile(f"{PLACEHOLDER_PATTERN}|{_TOKEN_RE.pattern}", re.DOTALL)
_DENSE_RE = re.compile(f"[{_DENSE}]+")
_DENSE_CHAR_RE = re.compile(f"[{_DENSE}]")  # without the `+`, `search` scans a third faster
_LETTERS_RE = re.compile(r"[^\W\d_]+")


def clusters(text: str) -> list[str]:
    """The text cut into grapheme-ish clusters; joining them gives the text back."""
    return _CLUSTER_RE.findall(text)


_TAGGED_CLUSTER_RE = re.compile(f"{PLACEHOLDER_PATTERN}|{_CLUSTER_RE.pattern}", re.DOTALL)


def _tokens(text: str, granularity: Literal["word", "char"]) -> list[str]:
    if "{" in text:
        return (_TAGGED_TOKEN_RE if granularity == "word" else _TAGGED_CLUSTER_RE).findall(text)
    return (_TOKEN_RE if granularity == "word" else _CLUSTER_RE).findall(text)


def _resolve(granularity: Granularity, *texts: str) -> Literal["word", "char"]:
    """`auto` is `char` where CJK, Thai, Lao, Khmer or Myanmar make up most letters."""
    if granularity != "auto":
        return granularity
    if not any(_DENSE_CHAR_RE.search(text) for text in texts):
        return "word"
    dense = sum(len(run) for text in texts for run in _DENSE_RE.findall(text))
    letters = sum(len(run) for text in texts for run in _LETTERS_RE.findall(text))
    return "char" if dense * 2 > letters else "word"


# --- Coding tokens as code points ------------------------------------------------------------

# Code points handed out to distinct tokens: the private-use area first (no meaning to the
# semantic cleanup's word-boundary scoring), then the rest of the BMP (builds with 16-bit
# wchar_t, i.e. Windows, reject astral input), then the astral planes. Never surrogates, which
# are not characters, nor ASCII/Latin-1, whose spaces and punctuation the cleanup scores.
_CODE_RANGES = ((0xE000, 0xF900), (0x0100, 0xD800), (0xF900, 0x10000), (0x10000, 0x110000))
_CODE_CAPACITY = sum(hi - lo for lo, hi in _CODE_RANGES)


def _encode(*sequences: Sequence[str]) -> list[str] | None:
    """Each sequence as a string with one code point per item, the same for the same item;
    None when there are more distinct items than code points."""
    vocabulary = dict.fromkeys(chain.from_iterable(sequences))
    if len(vocabulary) > _CODE_CAPACITY:
        return None
    code_points = chain.from_iterable(range(lo, hi) for lo, hi in _CODE_RANGES)
    codes = dict(zip(vocabulary, map(chr, code_points), strict=False))
    return ["".join(map(codes.__getitem__, sequence)) for sequence in sequences]


def _dmp_counts(a: str, b: str, *, cleanup: Literal["Semantic", "No"]) -> list[tuple[str, int]]:
    """diff-match-patch on coded strings: ("=" | "-" | "+", length) runs.

    No time limit: the coded strings are short (one code point per token), and with one the
    library may give up on a large input and answer "delete everything, insert everything".
    No line mode either: coded strings have no lines.
    """
    counts: list[tuple[str, int]] = fast_diff_match_patch.diff(
        a, b, timelimit=0, checklines=False, cleanup=cleanup, counts_only=True
    )
    return counts


def _diff_tokens(old: list[str], new: list[str]) -> list[tuple[Op, str]]:
    coded = _encode(old, new)
    if coded is None:
        return _diff_ends_only(old, new)
    coded_old, coded_new = coded
    pieces: list[tuple[Op, str]] = []
    i = j = 0
    for op, n in _dmp_counts(coded_old, coded_new, cleanup="Semantic"):
        if op == "=":
            pieces.append((Op.EQUAL, "".join(old[i : i + n])))
            i += n
            j += n
        elif op == "-":
            pieces.append((Op.DELETE, "".join(old[i : i + n])))
            i += n
        else:
            pieces.append((Op.INSERT, "".join(new[j : j + n])))
            j += n
    return pieces


def _diff_ends_only(old: list[str], new: list[str]) -> list[tuple[Op, str]]:
    """Common start and end kept, the middle replaced: only for more than a million distinct
    tokens, which no article has; correct, if coarse, rather than an error page."""
    limit = min(len(old), len(new))
    start = 0
    while start < limit and old[start] == new[start]:
        start += 1
    end = 0
    while end < limit - start and old[-1 - end] == new[-1 - end]:
        end += 1
    return [
        (Op.EQUAL, "".join(old[:start])),
        (Op.DELETE, "".join(old[start : len(old) - end])),
        (Op.INSERT, "".join(new[start : len(new) - end])),
        (Op.EQUAL, "".join(old[len(old) - end :])),
    ]


def _tidy(pieces: Iterable[tuple[Op, str]]) -> list[Change]:
    """Drop empty pieces, merge neighbours: equal, then deleted, then inserted, and again."""
    changes: list[Change] = []
    equal: list[str] = []
    deleted: list[str] = []
    inserted: list[str] = []

    def flush_changes() -> None:
        if deleted:
            changes.append(Change(Op.DELETE, "".join(deleted)))
            deleted.clear()
        if inserted:
            changes.append(Change(Op.INSERT, "".join(inserted)))
            inserted.clear()

    for op, text in pieces:
        if not text:
            continue
        if op is Op.EQUAL:
            flush_changes()
            equal.append(text)
            continue
        if equal:
            changes.append(Change(Op.EQUAL, "".join(equal)))
            equal.clear()
        (deleted if op is Op.DELETE else inserted).append(text)
    flush_changes()
    if equal:
        changes.append(Change(Op.EQUAL, "".join(equal)))
    return changes


# --- Public API ------------------------------------------------------------------------------


def diff_text(old: str, new: str, *, granularity: Granularity = "auto") -> list[Change]:
    """The changes that turn `old` into `new`, cleaned up for people to read.

    `word` puts every change on word boundaries; `char` on grapheme-ish clusters; `auto` picks
    `char` for text mostly in CJK, Thai, Lao, Khmer or Myanmar and `word` otherwise. The result
    alternates equal runs with one deletion and/or one insertion; joining the equal and deleted
    texts gives `old`, the equal and inserted ones give `new`.
    """
    if old == new:
        return [Change(Op.EQUAL, old)] if old else []
    level = _resolve(granularity, old, new)
    return _tidy(_diff_tokens(_tokens(old, level), _tokens(new, level)))


def _is_invisible(text: str) -> bool:
    """Whitespace and format characters only (ZWJ, soft hyphen, bidi marks…)."""
    return all(ch.isspace() or unicodedata.category(ch) == "Cf" for ch in text)


# A change that would render as nothing (whitespace, ZWJ, bidi marks…) gets a class, so that
# CSS can show where it is.
_TEMPLATES = {
    (Op.DELETE, False): Markup("<del>{}</del>"),
    (Op.DELETE, True): Markup('<del class="ws">{}</del>'),
    (Op.INSERT, False): Markup("<ins>{}</ins>"),
    (Op.INSERT, True): Markup('<ins class="ws">{}</ins>'),
}


def _render(change: Change) -> Markup:
    if change.op is Op.EQUAL:
        return escape(change.text)
    return _TEMPLATES[change.op, _is_invisible(change.text)].format(change.text)


def render_inline(changes: Sequence[Change]) -> Markup:
    """Both versions in one: escaped text, deletions in `<del>`, insertions in `<ins>`."""
    return Markup("").join(map(_render, changes))


def render_side_by_side(changes: Sequence[Change]) -> tuple[Markup, Markup]:
    """The old text with its deletions in `<del>`, and the new text with insertions in `<ins>`."""
    old = Markup("").join(_render(change) for change in changes if change.op is not Op.INSERT)
    new = Markup("").join(_render(change) for change in changes if change.op is not Op.DELETE)
    return old, new


def changed_share(changes: Sequence[Change]) -> float:
    """Share of the old plus new text (in code points) that was deleted or inserted, 0.0–1.0."""
    equal = changed = 0
    for change in changes:
        if change.op is Op.EQUAL:
            equal += 2 * len(change.text)  # present in both versions
        else:
            changed += len(change.text)
    total = equal + changed
    return changed / total if total else 0.0


def similarity(old: str, new: str, *, granularity: Granularity = "auto") -> float:
    """1.0 for identical texts (or both empty), 0.0 for texts with nothing in common.

    Symmetric: the two texts are diffed in a fixed order, because diff-match-patch's semantic
    cleanup is not (on word salad the two directions can differ by half).
    """
    first, second = sorted((old, new))
    return 1.0 - changed_share(diff_text(first, second, granularity=granularity))


# --- Aligning paragraphs ---------------------------------------------------------------------

# Beyond this many old × new paragraphs between two unchanged ones, pairing is greedy.
_MAX_DP_CELLS = 200 * 200
# How far ahead greedy pairing looks for a new paragraph that matches the next old one.
_GREEDY_WINDOW = 8


class _Paragraphs:
    """The paragraphs of one gap, tokenised and coded once, compared pairwise on demand."""

    def __init__(self, old: Sequence[str], new: Sequence[str], threshold: float) -> None:
        texts = [*old, *new]
        level = _resolve("auto", *texts)
        tokens = [_tokens(text, level) for text in texts]
        coded = _encode(*tokens)
        if coded is None:  # more distinct tokens than code points: compare whole paragraphs
            tokens = [[text] for text in texts]
            coded = _encode(*tokens)
            assert coded is not None, "align() codes whole paragraphs before it gets here"
        # Each paragraph as its coded string and the lengths of its first k tokens.
        prepared = [
            (code, list(accumulate(map(len, paragraph_tokens), initial=0)))
            for code, paragraph_tokens in zip(coded, tokens, strict=True)
        ]
        self.threshold = threshold
        self.texts = texts
        self.old, self.new = prepared[: len(old)], prepared[len(old) :]
        # For a cheap upper bound: how often each token occurs, and its length.
        self.counts = [Counter(code) for code in coded]
        self.lengths = {
            code: len(token)
            for codes, paragraph_tokens in zip(coded, tokens, strict=True)
            for code, token in zip(codes, paragraph_tokens, strict=True)
        }

    def similarity(self, i: int, j: int) -> float | None:
        """`similarity()` of old[i] and new[j], or None when below the threshold."""
        (a, a_ends), (b, b_ends) = self.old[i], self.new[j]
        if self.texts[i] > self.texts[len(self.old) + j]:  # the order similarity() uses
            (a, a_ends), (b, b_ends) = (b, b_ends), (a, a_ends)
        total = a_ends[-1] + b_ends[-1]
        if total == 0:
            return 1.0
        # Cheap bounds first, as a diff costs ~0.3 ms: at best the shorter paragraph is kept
        # whole; at best every token the two have in common is kept.
        if 2 * min(a_ends[-1], b_ends[-1]) < self.threshold * total:
            return None
        a_counts, b_counts = self.counts[i], self.counts[len(self.old) + j]
        lengths = self.lengths
        shared = sum(
            min(a_counts[code], b_counts[code]) * lengths[code]
            for code in a_counts.keys() & b_counts.keys()
        )
        if 2 * shared < self.threshold * total:
            return None
        kept = 0
        x = 0
        for op, n in _dmp_counts(a, b, cleanup="Semantic"):
            if op == "=":
                kept += a_ends[x + n] - a_ends[x]
            if op != "+":
                x += n
        score = 1.0 - (total - 2 * kept) / total  # computed as similarity() does
        return score if score >= self.threshold else None


def _pair_optimally(paragraphs: _Paragraphs, n: int, m: int) -> list[tuple[int, int]]:
    """Order-preserving pairs with the greatest total similarity (a small DP)."""
    scores = [[paragraphs.similarity(i, j) for j in range(m)] for i in range(n)]
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    move = [[""] * (m + 1) for _ in range(n + 1)]  # "p"air, skip "o"ld, skip "n"ew
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            best[i][j], move[i][j] = max(
                (best[i - 1][j], "o"), (best[i][j - 1], "n"), key=lambda option: option[0]
            )
            score = scores[i - 1][j - 1]
            if score is not None and best[i - 1][j - 1] + score >= best[i][j]:
                best[i][j], move[i][j] = best[i - 1][j - 1] + score, "p"
    pairs: list[tuple[int, int]] = []
    i, j = n, m
    while i and j:
        if move[i][j] == "p":
            pairs.append((i - 1, j - 1))
            i, j = i - 1, j - 1
        elif move[i][j] == "o":
            i -= 1
        else:
            j -= 1
    pairs.reverse()
    return pairs


def _pair_greedily(paragraphs: _Paragraphs, n: int, m: int) -> list[tuple[int, int]]:
    """In order: each old paragraph takes the first similar one among the next few new ones."""
    pairs: list[tuple[int, int]] = []
    j = 0
    for i in range(n):
        for k in range(j, min(j + _GREEDY_WINDOW, m)):
            if paragraphs.similarity(i, k) is not None:
                pairs.append((i, k))
                j = k + 1
                break
    return pairs


def _align_gap(old: Sequence[str], new: Sequence[str], threshold: float) -> list[Pair]:
    """Pairs for a run of removed and added paragraphs between two unchanged ones."""
    if not old or not new:
        return [(i, None) for i in range(len(old))] + [(None, j) for j in range(len(new))]
    paragraphs = _Paragraphs(old, new, threshold)
    if len(old) * len(new) <= _MAX_DP_CELLS:
        pairs = _pair_optimally(paragraphs, len(old), len(new))
    else:
        pairs = _pair_greedily(paragraphs, len(old), len(new))
    result: list[Pair] = []
    i = j = 0
    for pi, pj in [*pairs, (len(old), len(new))]:
        # Removed paragraphs are shown before the added ones, as in a diff.
        result.extend((k, None) for k in range(i, pi))
        result.extend((None, k) for k in range(j, pj))
        if pi < len(old):
            result.append((pi, pj))
        i, j = pi + 1, pj + 1
    return result


def align(
    old: Sequence[str], new: Sequence[str], *, threshold: float = 0.5
) -> list[tuple[int | None, int | None]]:
    """Pair an old revision's paragraphs with the corrected revision's, keeping both orders.

    Identical paragraphs pair first; between them, removed and added paragraphs pair when their
    `similarity` is at least `threshold`, so that the total similarity is greatest. Every old
    and every new index appears exactly once: `(i, j)` paired, `(i, None)` removed,
    `(None, j)` new, listed in reading order.
    """
    coded = _encode(old, new)
    if coded is None:  # over a million distinct paragraphs: nothing real gets here
        return [(i, None) for i in range(len(old))] + [(None, j) for j in range(len(new))]
    coded_old, coded_new = coded
    result: list[Pair] = []
    i = j = 0  # start of the current gap
    x = y = 0  # end of the current gap
    for op, n in _dmp_counts(coded_old, coded_new, cleanup="No"):
        if op == "-":
            x += n
        elif op == "+":
            y += n
        else:
            result.extend(_shift(_align_gap(old[i:x], new[j:y], threshold), i, j))
            result.extend((x + k, y + k) for k in range(n))
            i = x = x + n
            j = y = y + n
    result.extend(_shift(_align_gap(old[i:x], new[j:y], threshold), i, j))
    return result


def _shift(pairs: list[Pair], di: int, dj: int) -> list[Pair]:
    return [(None if a is None else a + di, None if b is None else b + dj) for a, b in pairs]


# --- Merging concurrent edits ----------------------------------------------------------------


class _Edit(NamedTuple):
    """Base tokens [start, end) replaced by `inserted`; an insertion alone has start == end."""

    start: int
    end: int
    inserted: str


def _edits(
    base: Sequence[str],
    base_visible: Sequence[int],
    new: Sequence[str],
    new_visible: Sequence[int],
    coded: tuple[str, str],
) -> list[_Edit]:
    """The edits that turn `base` into `new`, one per gap between two visible tokens `new` keeps.

    Only the visible tokens are diffed (`coded` holds them, `*_visible` says where they are):
    with whitespace in the diff, a minimal diff of a moved phrase keeps the spaces between its
    words and gives up the words themselves, and its edit then spans words nobody touched.
    """
    # The (base, new) positions of the visible tokens the diff keeps, with sentinels before the
    # start and at the end of both texts.
    kept = [(-1, -1)]
    x = y = 0
    for op, n in _dmp_counts(*coded, cleanup="No"):
        if op == "=":
            kept.extend(zip(base_visible[x : x + n], new_visible[y : y + n], strict=True))
        if op != "+":
            x += n
        if op != "-":
            y += n
    kept.append((len(base), len(new)))
    edits: list[_Edit] = []
    for (b0, n0), (b1, n1) in pairwise(kept):
        old_text, new_text = "".join(base[b0 + 1 : b1]), "".join(new[n0 + 1 : n1])
        if old_text != new_text:
            edits.append(_Edit(b0 + 1, b1, new_text))
    return edits


def merge3(base: str, mine: str, theirs: str) -> str | None:
    """The text with both people's edits of `base` applied, or None when they cannot be
    merged safely: their edits overlap or touch (no unchanged word between them)."""
    if mine == theirs or theirs == base:
        return mine
    if mine == base:
        return theirs
    tokens = [_tokens(text, "word") for text in (base, mine, theirs)]
    # Whitespace and format characters (ZWSP, soft hyphen, bidi marks) neither align the texts
    # nor keep two edits apart: "blue car" edited into "red car" and into "blue bus" must not
    # merge into "red bus".
    visible = [[k for k, token in enumerate(seq) if not _is_invisible(token)] for seq in tokens]
    coded = _encode(*([seq[k] for k in ks] for seq, ks in zip(tokens, visible, strict=True)))
    if coded is None:
        return None
    base_tokens = tokens[0]
    mine_edits = _edits(base_tokens, visible[0], tokens[1], visible[1], (coded[0], coded[1]))
    theirs_edits = _edits(base_tokens, visible[0], tokens[2], visible[2], (coded[0], coded[2]))
    edits = sorted({*mine_edits, *theirs_edits})  # an edit both made identically, once
    # An edit spans a whole gap between two kept visible tokens, whitespace included, and one
    # person's edits are kept tokens apart; so unless two edits overlap or touch, a visible
    # token that both people kept lies between them. Insertions at one point touch.
    if any(left.end >= right.start for left, right in pairwise(edits)):
        return None
    merged: list[str] = []
    done = 0
    for edit in edits:
        merged.extend(base_tokens[done : edit.start])
        merged.append(edit.inserted)
        done = edit.end
    merged.extend(base_tokens[done:])
    return "".join(merged)
