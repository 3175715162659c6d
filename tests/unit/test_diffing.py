"""Diffs people read: word and cluster boundaries, escaping, similarity and paragraph alignment."""

import itertools
import random
import unicodedata

import pytest

from translate_flow.text import diffing
from translate_flow.text.diffing import (
    Change,
    Op,
    align,
    changed_share,
    clusters,
    diff_text,
    render_inline,
    render_side_by_side,
    similarity,
)

KEEP, DEL, INS = Op.EQUAL, Op.DELETE, Op.INSERT


def ops(changes):
    return [(change.op, change.text) for change in changes]


def old_side(changes):
    return "".join(change.text for change in changes if change.op is not Op.INSERT)


def new_side(changes):
    return "".join(change.text for change in changes if change.op is not Op.DELETE)


ZWJ = "\u200d"


def is_regional_indicator(char):
    return "\U0001f1e6" <= char <= "\U0001f1ff"


def splits_a_cluster(text, position):
    """Whether a cut at `position` separates characters that belong together.

    Written from the rules, not from the module's own tokeniser: a mark, a skin tone or a ZWJ
    belongs to what precedes it, a ZWJ to what follows it, CR to LF, and regional indicators
    pair up from the start of their run.
    """
    if not 0 < position < len(text):
        return False
    before, after = text[position - 1], text[position]
    if unicodedata.category(after) in {"Mn", "Mc", "Me"} or "\U0001f3fb" <= after <= "\U0001f3ff":
        return True
    if after == ZWJ or (before == ZWJ and not after.isspace()):
        return True
    if (before, after) == ("\r", "\n"):
        return True
    if is_regional_indicator(before) and is_regional_indicator(after):
        run = 0
        while position - run - 1 >= 0 and is_regional_indicator(text[position - run - 1]):
            run += 1
        return run % 2 == 1
    return False


def assert_whole_clusters(old, new, changes):
    """The diff rebuilds both texts, and no change starts or ends inside a cluster."""
    assert old_side(changes) == old
    assert new_side(changes) == new
    for text, other_side in ((old, Op.INSERT), (new, Op.DELETE)):
        position = 0
        for change in changes:
            if change.op is other_side:
                continue
            position += len(change.text)
            assert not splits_a_cluster(text, position), (text, position, changes)


# --- diff_text --------------------------------------------------------------------------------


def test_a_changed_word_is_deleted_and_inserted_whole():
    assert ops(diff_text("The quick fox", "The slow fox")) == [
        (KEEP, "The "),
        (DEL, "quick"),
        (INS, "slow"),
        (KEEP, " fox"),
    ]


def test_word_level_never_keeps_part_of_a_changed_word():
    changes = diff_text("They walked home", "They talked home", granularity="word")
    assert ops(changes) == [(KEEP, "They "), (DEL, "walked"), (INS, "talked"), (KEEP, " home")]


def test_char_level_keeps_the_shared_letters_of_a_word():
    changes = diff_text("They walked home", "They talked home", granularity="char")
    assert ops(changes) == [(KEEP, "They "), (DEL, "w"), (INS, "t"), (KEEP, "alked home")]


def test_punctuation_is_a_token_of_its_own():
    changes = diff_text("Yes, he said.", "Yes; he said!")
    assert ops(changes) == [
        (KEEP, "Yes"),
        (DEL, ","),
        (INS, ";"),
        (KEEP, " he said"),
        (DEL, "."),
        (INS, "!"),
    ]


def test_identical_and_empty_texts():
    assert diff_text("", "") == []
    assert diff_text("same", "same") == [Change(Op.EQUAL, "same")]
    assert ops(diff_text("", "new")) == [(INS, "new")]
    assert ops(diff_text("old", "")) == [(DEL, "old")]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        pytest.param(
            "我爱北京天安门",
            "我爱上海天安门",
            [(KEEP, "我爱"), (DEL, "北京"), (INS, "上海"), (KEEP, "天安门")],
            id="chinese",
        ),
        pytest.param(
            "今日は晴れです",
            "今日は雨です",
            [(KEEP, "今日は"), (DEL, "晴れ"), (INS, "雨"), (KEEP, "です")],
            id="japanese",
        ),
        pytest.param(
            "ฉันไปตลาดเมื่อวาน",
            "ฉันไปโรงเรียนเมื่อวาน",
            [(KEEP, "ฉันไป"), (DEL, "ตลาด"), (INS, "โรงเรียน"), (KEEP, "เมื่อวาน")],
            id="thai",
        ),
    ],
)
def test_scripts_without_spaces_are_diffed_by_character(old, new, expected):
    changes = diff_text(old, new)
    assert ops(changes) == expected
    assert_whole_clusters(old, new, changes)


def test_auto_reads_mostly_japanese_text_by_character_and_english_by_word():
    japanese = diff_text("新しいiPhoneを買った", "新しいiPadを買った")
    assert ops(japanese) == [(KEEP, "新しいiP"), (DEL, "hone"), (INS, "ad"), (KEEP, "を買った")]
    english = diff_text("I bought a new iPhone today", "I bought a new iPad today")
    assert ops(english) == [
        (KEEP, "I bought a new "),
        (DEL, "iPhone"),
        (INS, "iPad"),
        (KEEP, " today"),
    ]


def test_thai_marks_stay_on_their_consonant():
    # ครับ → ค่ะ: the tone mark ่ turns ค into a different cluster, so ค is not "kept".
    old, new = "สวัสดีครับ", "สวัสดีค่ะ"
    changes = diff_text(old, new)
    assert ops(changes) == [(KEEP, "สวัสดี"), (DEL, "ครับ"), (INS, "ค่ะ")]
    assert_whole_clusters(old, new, changes)


@pytest.mark.parametrize("granularity", ["char", "word", "auto"])
@pytest.mark.parametrize(
    ("old", "new"),
    [
        pytest.param("cafe\u0301 noir", "cafe\u0300 noir", id="decomposed-e-acute"),
        pytest.param("e\u0301", "e", id="mark-removed"),
        pytest.param("a\u0308\u0304b", "a\u0308b", id="stacked-marks"),
        pytest.param("नमस्ते दुनिया", "नमस्कार दुनिया", id="devanagari"),
        pytest.param("مُحَمَّد", "مُحَمَد", id="arabic-harakat"),
        pytest.param(
            "we \U0001f468\u200d\U0001f469\u200d\U0001f467 here",
            "we \U0001f468\u200d\U0001f469\u200d\U0001f466 here",
            id="zwj-family",
        ),
        pytest.param("ok \U0001f44d\U0001f3fd!", "ok \U0001f44d\U0001f3ff!", id="skin-tone"),
        pytest.param("ok \U0001f44d!", "ok \U0001f44d\U0001f3fb!", id="skin-tone-added"),
        pytest.param(
            "\U0001f1eb\U0001f1f7\U0001f1e9\U0001f1ea",
            "\U0001f1eb\U0001f1f7\U0001f1ea\U0001f1f8",
            id="flags",
        ),
        pytest.param("\u263a\ufe0f smile", "\u263a smile", id="variation-selector"),
        pytest.param("1\ufe0f\u20e3 one", "2\ufe0f\u20e3 one", id="keycap"),
        pytest.param("\U0001d49c\U0001d4b7 x", "\U0001d49c\U0001d4b8 x", id="astral-letters"),
        pytest.param("\U00020000\U00020001", "\U00020000\U00020002", id="cjk-extension-b"),
        pytest.param("line\r\nnext", "line\rnext", id="crlf"),
    ],
)
def test_clusters_are_never_split(old, new, granularity):
    changes = diff_text(old, new, granularity=granularity)
    assert_whole_clusters(old, new, changes)
    assert not any(unicodedata.category(change.text[0]).startswith("M") for change in changes)
    assert any(change.op is not Op.EQUAL for change in changes)


def test_a_flag_is_not_half_kept():
    # 🇩🇪 → 🇪🇸 share the letter 🇪 (E), which a code-point diff would keep.
    changes = diff_text("\U0001f1e9\U0001f1ea", "\U0001f1ea\U0001f1f8", granularity="char")
    assert ops(changes) == [(DEL, "\U0001f1e9\U0001f1ea"), (INS, "\U0001f1ea\U0001f1f8")]


def test_clusters_of_emoji_sequences():
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    text = f"a{family}b\U0001f44d\U0001f3fd\U0001f1eb\U0001f1f7\U0001f1e9\U0001f1ea\r\ne\u0301"
    assert clusters(text) == [
        "a",
        family,
        "b",
        "\U0001f44d\U0001f3fd",
        "\U0001f1eb\U0001f1f7",
        "\U0001f1e9\U0001f1ea",
        "\r\n",
        "e\u0301",
    ]


@pytest.mark.parametrize("granularity", ["char", "word", "auto"])
def test_the_changes_rebuild_both_texts(granularity):
    old = "One fine day, the desk got a new text.\n\nIt was 2 000 words long — or so."
    new = "One day the desk got a newer text!\n\nIt was 2,000 words long, or so it said."
    changes = diff_text(old, new, granularity=granularity)
    assert old_side(changes) == old
    assert new_side(changes) == new


def test_the_output_alternates_cleanly():
    old = "alpha beta gamma delta epsilon zeta eta theta"
    new = "alpha BETA gamma delta EPSILON ZETA eta theta iota"
    changes = diff_text(old, new)
    assert all(change.text for change in changes)
    for before, after in itertools.pairwise(changes):
        assert before.op != after.op
        assert (before.op, after.op) != (Op.INSERT, Op.DELETE)


def _article(words: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    vocabulary = [
        "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(2, 9)))
        for _ in range(2000)
    ]
    return [rng.choice(vocabulary) for _ in range(words)]


def _join(words: list[str]) -> str:
    return "".join(
        word + (".\n\n" if k % 97 == 96 else ", " if k % 13 == 12 else " ")
        for k, word in enumerate(words)
    )


def test_a_long_text_with_few_edits_is_not_shown_as_rewritten():
    # With a time limit diff-match-patch can give up and answer "delete all, insert all".
    words = _article(5000, seed=1)
    edited = list(words)
    rng = random.Random(2)
    for k in rng.sample(range(len(words)), len(words) // 50):  # 2 % of the words
        edited[k] = edited[k].upper()
    old, new = _join(words), _join(edited)
    changes = diff_text(old, new)
    kept = sum(len(change.text) for change in changes if change.op is Op.EQUAL)
    assert kept >= 0.9 * len(old)
    assert old_side(changes) == old
    assert new_side(changes) == new


def test_beyond_a_million_distinct_tokens_the_diff_is_coarse_but_correct(monkeypatch):
    monkeypatch.setattr(diffing, "_CODE_CAPACITY", 3)
    old, new = "one two three four five", "one two THREE four five"
    changes = diff_text(old, new)
    assert ops(changes) == [
        (KEEP, "one two "),
        (DEL, "three"),
        (INS, "THREE"),
        (KEEP, " four five"),
    ]


# --- Rendering --------------------------------------------------------------------------------


def test_inline_rendering_marks_deletions_and_insertions():
    html = render_inline(diff_text("The quick fox", "The slow fox"))
    assert html == "The <del>quick</del><ins>slow</ins> fox"


def test_side_by_side_rendering_shows_each_version():
    old, new = render_side_by_side(diff_text("The quick fox", "The slow fox"))
    assert old == "The <del>quick</del> fox"
    assert new == "The <ins>slow</ins> fox"


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("<script>alert(1)</script>", "safe"),
        ("safe", "<script>alert(1)</script>"),
        ('a <script>x</script> & "b"', 'a <script>y</script> & "b"'),
    ],
)
def test_rendering_escapes_both_texts(old, new):
    changes = diff_text(old, new)
    for html in (render_inline(changes), *render_side_by_side(changes)):
        assert "<script>" not in html
    rendered = render_inline(changes) + "".join(render_side_by_side(changes))
    assert "&lt;script&gt;" in rendered


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("one two", "one  two"),
        ("one two", "one\ntwo"),
        ("one", "one\u200b"),
        ("one two", "one \u200etwo"),
    ],
)
def test_invisible_changes_are_marked_so_they_can_be_shown(old, new):
    changes = diff_text(old, new)
    inline = render_inline(changes)
    old_html, new_html = render_side_by_side(changes)
    assert 'class="ws"' in inline
    if any(change.op is Op.DELETE for change in changes):
        assert '<del class="ws">' in old_html
    assert '<ins class="ws">' in new_html


def test_visible_changes_are_not_marked_as_whitespace():
    assert 'class="ws"' not in render_inline(diff_text("one two", "one, two"))


# --- changed_share and similarity -------------------------------------------------------------


def test_changed_share_bounds():
    assert changed_share(diff_text("same text", "same text")) == 0.0
    assert changed_share(diff_text("", "")) == 0.0
    assert changed_share(diff_text("abc", "xyz")) == 1.0
    assert changed_share([Change(Op.INSERT, "new")]) == 1.0
    share = changed_share(diff_text("The quick fox", "The slow fox"))
    assert share == pytest.approx(9 / 25)


def test_similarity_bounds():
    assert similarity("", "") == 1.0
    assert similarity("same text", "same text") == 1.0
    assert similarity("abc def", "xyz uvw") == 0.0
    assert similarity("", "something") == 0.0
    assert 0.5 < similarity("The quick brown fox", "The quick red fox") < 1.0


# --- align ------------------------------------------------------------------------------------

P = [
    "The minister resigned on Tuesday after weeks of pressure from his own party.",
    "Opposition leaders called for an early election, citing the budget crisis.",
    "Markets barely moved: the currency held steady against the euro all day.",
    "A spokesperson said the cabinet would meet again on Friday to choose a successor.",
    "Protests continued in the capital for a third night, mostly peacefully.",
]
EDITED = "Opposition leaders called for an early election on Wednesday, citing the budget crisis."
FRESH = "Weather forecasters expect heavy snow across the northern provinces this weekend."


def assert_valid_alignment(pairs, old, new):
    assert sorted(i for i, _ in pairs if i is not None) == list(range(len(old)))
    assert sorted(j for _, j in pairs if j is not None) == list(range(len(new)))
    olds = [i for i, _ in pairs if i is not None]
    news = [j for _, j in pairs if j is not None]
    assert olds == sorted(olds)
    assert news == sorted(news)


def check(old, new, expected, **kwargs):
    pairs = align(old, new, **kwargs)
    assert_valid_alignment(pairs, old, new)
    assert pairs == expected


def test_align_unchanged():
    check(P, list(P), [(i, i) for i in range(len(P))])


def test_align_one_paragraph_edited():
    new = [P[0], EDITED, *P[2:]]
    check(P, new, [(i, i) for i in range(len(P))])


@pytest.mark.parametrize("position", [0, 2, 5])
def test_align_one_paragraph_inserted(position):
    new = [*P[:position], FRESH, *P[position:]]
    expected = [(i, i) for i in range(position)]
    expected.append((None, position))
    expected += [(i, i + 1) for i in range(position, len(P))]
    check(P, new, expected)


def test_align_one_paragraph_removed():
    check(P, [P[0], P[1], P[3], P[4]], [(0, 0), (1, 1), (2, None), (3, 2), (4, 3)])


def test_align_removed_and_new_paragraphs_in_one_place():
    new = [P[0], FRESH, P[2], P[3], P[4]]
    check(P, new, [(0, 0), (1, None), (None, 1), (2, 2), (3, 3), (4, 4)])


def test_align_two_paragraphs_swapped():
    # Order is kept on both sides, so one of the two must show as removed and new again.
    check(P[:2], [P[1], P[0]], [(0, None), (1, 0), (None, 1)])


def test_align_a_paragraph_split_in_two():
    first, second = (
        "Opposition leaders called for an early election.",
        "They cited the budget crisis and weeks of pressure from within the party.",
    )
    whole = f"{first[:-1]}, citing the budget crisis and weeks of pressure from within the party."
    old = [P[0], whole, P[2]]
    new = [P[0], first, second, P[2]]
    # The old paragraph pairs with the half it shares more with; the other half is new.
    assert similarity(whole, second) > similarity(whole, first) >= 0.5
    check(old, new, [(0, 0), (None, 1), (1, 2), (2, 3)])


def test_align_all_replaced():
    new = [FRESH, "Nothing here matches anything before, not even one single word."]
    check(P[:2], new, [(0, None), (1, None), (None, 0), (None, 1)])


def test_align_duplicated_paragraph():
    check([P[0], P[0]], [P[0]], [(0, 0), (1, None)])
    check([P[0]], [P[0], P[0]], [(0, 0), (None, 1)])
    pairs = align([P[0], P[1], P[0]], [P[0], P[0]])
    assert_valid_alignment(pairs, [P[0], P[1], P[0]], [P[0], P[0]])
    assert pairs == [(0, 0), (1, None), (2, 1)]


def test_align_empty_lists():
    check([], [], [])
    check([], [P[0]], [(None, 0)])
    check([P[0], P[1]], [], [(0, None), (1, None)])


def test_align_pairs_edited_paragraphs_by_best_total_similarity():
    # Two paragraphs edited in the same place: each pairs with its own edit, not the other.
    old = [P[0], P[1], P[3], P[4]]
    new = [P[0], EDITED, P[3].replace("Friday", "Monday"), P[4]]
    check(old, new, [(0, 0), (1, 1), (2, 2), (3, 3)])


def test_align_threshold_decides_what_counts_as_edited():
    old, new = [P[1]], [EDITED]
    assert align(old, new, threshold=0.5) == [(0, 0)]
    assert align(old, new, threshold=0.99) == [(0, None), (None, 0)]


def test_align_empty_paragraphs():
    check(["", P[0]], ["", P[0]], [(0, 0), (1, 1)])
    check([P[0], ""], [P[0], "x"], [(0, 0), (1, None), (None, 1)])


def test_align_a_long_rewritten_run_falls_back_to_greedy_pairing(monkeypatch):
    monkeypatch.setattr(diffing, "_MAX_DP_CELLS", 4)
    old = [P[0], P[1], P[2], P[3]]
    new = [P[0].replace("Tuesday", "Monday"), EDITED, FRESH, P[3].replace("Friday", "Monday")]
    pairs = align(old, new)
    assert_valid_alignment(pairs, old, new)
    assert pairs == [(0, 0), (1, 1), (2, None), (None, 2), (3, 3)]


def test_align_beyond_a_million_distinct_tokens_compares_whole_paragraphs(monkeypatch):
    monkeypatch.setattr(diffing, "_CODE_CAPACITY", 4)
    check(P[:3], [P[0], EDITED, P[2]], [(0, 0), (1, None), (None, 1), (2, 2)])


def test_align_beyond_a_million_distinct_paragraphs_pairs_nothing(monkeypatch):
    monkeypatch.setattr(diffing, "_CODE_CAPACITY", 3)
    check(P[:2], P[2:4], [(0, None), (1, None), (None, 0), (None, 1)])


@pytest.mark.parametrize(("old", "new"), [(P[1], EDITED), (EDITED, P[1]), (P[3], P[4])])
def test_align_pairs_exactly_when_similarity_reaches_the_threshold(old, new):
    score = similarity(old, new)
    assert align([old], [new], threshold=score) == [(0, 0)]
    assert align([old], [new], threshold=score + 1e-9) == [(0, None), (None, 0)]
