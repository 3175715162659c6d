"""Properties of `merge3`: edits with an untouched word between them merge into exactly both
edits applied, edits that come closer never merge, and a merge never splits a cluster."""

from collections import Counter

from hypothesis import event, given, settings
from hypothesis import strategies as st

from translate_flow.text.diffing import clusters, merge3

# --- Texts of unique words, and edits of them whose right merge is known ------------------------

# A word's spelling in a few scripts, each one token: base words are numbered from 0, the words
# one side inserts from FRESH[side], so no word ever occurs twice and the merge is unambiguous.
SPELLINGS = {
    "latin": lambda k: f"w{k}",
    "cyrillic": lambda k: f"слово{k}",
    "arabic": lambda k: f"كَلِمَة{k}",  # with its diacritics
    "decomposed": lambda k: f"e\u0301te\u0301{k}",  # combining accents
    "han": lambda k: chr(0x4E00 + k),  # a character is a token: no spaces needed
    "emoji": lambda k: chr(0x1F400 + k),
}
SCRIPTS = list(SPELLINGS)
FRESH = {"mine": 100, "theirs": 200}
MAX_WORDS = 60
SEPARATORS = [" ", "  ", "\n", "\u3000", " \u200b"]  # whitespace, and an invisible ZWSP

# Base words [start, end) replaced by these words; a word is its number until it is spelled.
Edit = tuple[int, int, tuple[int, ...]]


def spell(script: str, k: int) -> str:
    if script == "mixed":
        script = SCRIPTS[k % len(SCRIPTS)]
    return SPELLINGS[script](k)


def apply(words: list[int], edits: list[Edit]) -> list[int]:
    """The words with these edits (in order, none overlapping) made."""
    result: list[int] = []
    done = 0
    for start, end, inserted in edits:
        result += words[done:start]
        result += inserted
        done = end
    return result + words[done:]


def touching_joined(edits: list[Edit]) -> list[Edit]:
    """One side's edits with those that touch made one: that is the same change to the text."""
    joined: list[Edit] = []
    for start, end, inserted in edits:
        if joined and joined[-1][1] == start:
            previous = joined.pop()
            start, inserted = previous[0], previous[2] + inserted
        joined.append((start, end, inserted))
    return joined


def apart(mine: list[Edit], theirs: list[Edit]) -> bool:
    """Whether every edit of mine and every edit of theirs (other than one both made) has a
    base word between them that neither side touched."""
    touched = {k for start, end, _ in [*mine, *theirs] for k in range(start, end)}
    for m in mine:
        for t in theirs:
            if m == t:
                continue
            left, right = sorted([m, t])
            if all(k in touched for k in range(left[1], right[0])):
                return False
    return True


@st.composite
def side_edits(draw, n: int, side: str, near: list[int]) -> list[Edit]:
    """1–3 edits of n words, in order, none overlapping: a range of a few words (now and then
    of many) replaced by 0–3 fresh words, or fresh words inserted. They start anywhere, or
    close to the positions in `near`."""
    count = draw(st.integers(1, 3))
    position = st.integers(0, n)
    if near:
        close = st.tuples(st.sampled_from(near), st.integers(-2, 2))
        position = st.one_of(position, close.map(lambda c: min(max(c[0] + c[1], 0), n)))
    starts = sorted(draw(st.tuples(*[position] * count)))
    fresh = iter(range(FRESH[side], FRESH[side] + 10))
    edits = []
    for start, limit in zip(starts, [*starts[1:], n], strict=True):
        long = draw(st.integers(0, 7)) == 0  # one in eight: a sentence or more
        end = min(start + draw(st.integers(0, n if long else 3)), limit)
        size = draw(st.integers(1 if start == end else 0, 3))  # never a no-op
        edits.append((start, end, tuple(next(fresh) for _ in range(size))))
    return touching_joined(edits)


def scripts_and_separators():
    """A script (or all of them mixed) and what goes between words: whitespace, an invisible
    ZWSP, or nothing for Han and emoji, whose characters are words of their own."""
    return st.sampled_from([*SCRIPTS, "mixed"]).flatmap(
        lambda script: st.tuples(
            st.just(script),
            st.sampled_from([*SEPARATORS, ""] if script in {"han", "emoji"} else SEPARATORS),
        )
    )


def texts(script: str, separator: str, n: int, *sides: list[Edit]) -> list[str]:
    """The n base words, and then each side's version of them, spelled and joined."""
    return [
        separator.join(spell(script, k) for k in apply(list(range(n)), edits))
        for edits in ([], *sides)
    ]


@st.composite
def concurrent_edits(draw):
    """Each side's edits of a text of unique words; in half the cases theirs start within two
    words of where mine start or end, where merging is decided."""
    script, separator = draw(scripts_and_separators())
    n = draw(st.integers(1, MAX_WORDS))
    mine = draw(side_edits(n, "mine", []))
    near = [k for start, end, _ in mine for k in (start, end)] if draw(st.booleans()) else []
    theirs = draw(side_edits(n, "theirs", near))
    return script, separator, n, mine, theirs


@settings(max_examples=3000, deadline=None)
@given(concurrent_edits())
def test_edits_apart_merge_into_both_applied_and_edits_too_close_never_merge(case):
    script, separator, n, mine_edits, theirs_edits = case
    base, mine, theirs, both = texts(
        script, separator, n, mine_edits, theirs_edits, sorted({*mine_edits, *theirs_edits})
    )
    shared = " (with an edit both made)" if {*mine_edits} & {*theirs_edits} else ""
    if apart(mine_edits, theirs_edits):
        event(f"apart: merged{shared}")
        assert merge3(base, mine, theirs) == both
    else:
        event(f"too close: refused{shared}")
        assert merge3(base, mine, theirs) is None


@st.composite
def edits_apart(draw):
    """A run of edits along a text of unique words, an untouched word between any two, each
    made by one side or identically by both."""
    script, separator = draw(scripts_and_separators())
    n = draw(st.integers(1, MAX_WORDS))
    mine: list[Edit] = []
    theirs: list[Edit] = []
    fresh = iter(range(FRESH["mine"], FRESH["theirs"]))
    start = draw(st.integers(0, 3))
    for _ in range(draw(st.integers(1, 6))):
        if start > n:
            break
        end = min(start + draw(st.integers(0, 3)), n)
        edit = (
            start,
            end,
            tuple(next(fresh) for _ in range(draw(st.integers(1 if start == end else 0, 3)))),
        )
        whose = draw(st.sampled_from(["mine", "theirs", "both"]))
        if whose != "theirs":
            mine.append(edit)
        if whose != "mine":
            theirs.append(edit)
        start = end + draw(st.integers(1, 4))  # word `end` is left alone
    return script, separator, n, mine, theirs


@settings(max_examples=1000, deadline=None)
@given(edits_apart())
def test_any_number_of_edits_apart_merge_into_all_of_them_applied(case):
    script, separator, n, mine_edits, theirs_edits = case
    assert apart(mine_edits, theirs_edits)
    base, mine, theirs, both = texts(
        script, separator, n, mine_edits, theirs_edits, sorted({*mine_edits, *theirs_edits})
    )
    assert merge3(base, mine, theirs) == both


# --- Arbitrary text -----------------------------------------------------------------------------

# Pieces from several scripts that tempt a merge to cut where it must not, and words to edit.
PIECES = [
    "the",
    "cat",
    "sat",
    "on",
    " ",
    "  ",
    "\n",
    ",",
    ".",
    "é",
    "e\u0301",
    "\u0301",
    "\u200d",
    "\u200b",
    "\ufe0f",
    "\U0001f44d",
    "\U0001f3fd",
    "\U0001f468\u200d\U0001f469\u200d\U0001f467",
    "\U0001f1eb",
    "\U0001f1f7",
    "\U0001f1e9\U0001f1ea",
    "كَتَبَ",
    "\u0651",
    "ال",
    "中",
    "文",
    "か",
    "ไป",
    "\u0e31",
    "\u0e48",
    "क",
    "\u094d",
]
piece = st.one_of(st.sampled_from(PIECES), st.characters())


def edited(old: list[str]):
    @st.composite
    def build(draw):
        new = list(old)
        for _ in range(draw(st.integers(0, 3))):
            at = draw(st.integers(0, len(new)))
            cut = draw(st.integers(0, min(3, len(new) - at)))
            new[at : at + cut] = draw(st.lists(piece, max_size=3))
        return "".join(new)

    return build()


@st.composite
def text_triples(draw):
    """A text and two people's edits of it."""
    old = draw(st.lists(piece, max_size=30))
    return "".join(old), draw(edited(old)), draw(edited(old))


@settings(max_examples=1000, deadline=None)
@given(text_triples())
def test_a_merge_of_any_text_keeps_clusters_whole_and_does_not_depend_on_whose_edit_is_whose(
    triple,
):
    base, mine, theirs = triple
    merged = merge3(base, mine, theirs)
    event("merged" if merged is not None else "refused")
    assert merge3(base, theirs, mine) == merged
    if merged is not None:
        # Every cluster comes whole from one of the three texts: none is cut, none is formed
        # where two texts meet.
        sources = Counter(clusters(base)) + Counter(clusters(mine)) + Counter(clusters(theirs))
        assert Counter(clusters(merged)) <= sources


@settings(max_examples=300, deadline=None)
@given(text_triples())
def test_when_one_side_changed_nothing_the_other_sides_text_is_the_merge(triple):
    base, mine, theirs = triple
    assert merge3(base, mine, base) == mine
    assert merge3(base, base, theirs) == theirs
    assert merge3(base, mine, mine) == mine
