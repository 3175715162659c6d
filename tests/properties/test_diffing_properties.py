"""Properties of the diff over arbitrary Unicode: it rebuilds both texts, never splits a cluster,
and paragraph alignment accounts for every paragraph once, in order."""

from unittest.mock import patch

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.unit.test_diffing import assert_valid_alignment, assert_whole_clusters
from translate_flow.text import diffing
from translate_flow.text.diffing import align, changed_share, diff_text, similarity

# Pieces that tempt a code-point diff to cut where it must not, mixed with arbitrary characters
# (every plane; Hypothesis leaves out lone surrogates, which no stored text has).
TRICKY = [
    "a",
    "b",
    "the",
    "cat",
    " ",
    "  ",
    "\n",
    "\r",
    "\r\n",
    ",",
    "<",
    "&",
    "é",
    "e\u0301",
    "\u0301",
    "\u0308",
    "\u200d",
    "\ufe0f",
    "\U0001f44d",
    "\U0001f3fd",
    "\U0001f468\u200d\U0001f469\u200d\U0001f467",
    "\U0001f1eb",
    "\U0001f1f7",
    "\U0001f1e9\U0001f1ea",
    "中",
    "文",
    "か",
    "ไ",
    "\u0e31",
    "\u0e48",
    "क",
    "\u094d",
    "\U0001d49c",
    "\U00020000",
]
piece = st.one_of(st.sampled_from(TRICKY), st.characters())
texts = st.lists(piece, max_size=25).map("".join)
granularities = st.sampled_from(["auto", "word", "char"])


@st.composite
def edited_pairs(draw):
    """A text and an edited copy of it: related texts are where diffs get interesting."""
    old = draw(st.lists(piece, max_size=25))
    new = list(old)
    for _ in range(draw(st.integers(0, 4))):
        at = draw(st.integers(0, len(new)))
        cut = draw(st.integers(0, min(3, len(new) - at)))
        new[at : at + cut] = draw(st.lists(piece, max_size=3))
    return "".join(old), "".join(new)


@settings(max_examples=300, deadline=None)
@given(edited_pairs(), granularities)
def test_diff_rebuilds_both_texts_and_keeps_clusters_whole(pair, granularity):
    old, new = pair
    changes = diff_text(old, new, granularity=granularity)
    assert_whole_clusters(old, new, changes)
    assert all(change.text for change in changes)


@settings(max_examples=150, deadline=None)
@given(texts, texts, granularities)
def test_diff_of_unrelated_texts_rebuilds_both(old, new, granularity):
    assert_whole_clusters(old, new, diff_text(old, new, granularity=granularity))


@settings(max_examples=200, deadline=None)
@given(edited_pairs())
def test_similarity_is_a_symmetric_share(pair):
    old, new = pair
    score = similarity(old, new)
    assert 0.0 <= score <= 1.0
    assert score == similarity(new, old)
    assert (score == 1.0) == (old == new)
    assert similarity(old, old) == 1.0
    # At best the shorter text is kept whole.
    if old or new:
        assert score <= 2 * min(len(old), len(new)) / (len(old) + len(new)) + 1e-9


@settings(max_examples=100, deadline=None)
@given(edited_pairs())
def test_changed_share_is_a_share(pair):
    share = changed_share(diff_text(*pair))
    assert 0.0 <= share <= 1.0
    assert (share == 0.0) == (pair[0] == pair[1] or not pair[0] + pair[1])


WORDS = ["the", "desk", "minister", "said", "vote", "é", "e\u0301", "\U0001f44d\U0001f3fd", "a"]
paragraphs = st.lists(st.sampled_from(WORDS), max_size=10).map(" ".join)


@st.composite
def paragraph_lists(draw):
    """Two revisions of an article: paragraphs kept, edited, added, removed or repeated."""
    pool = draw(st.lists(paragraphs, min_size=1, max_size=5))
    old = draw(st.lists(st.sampled_from(pool), max_size=8))
    new = draw(st.lists(st.one_of(st.sampled_from(pool), paragraphs), max_size=8))
    return old, new


@pytest.mark.parametrize("dp_cells", [diffing._MAX_DP_CELLS, 1], ids=["optimal", "greedy"])
@settings(max_examples=100, deadline=None)
@given(paragraph_lists(), st.sampled_from([0.3, 0.5, 0.8]))
def test_align_accounts_for_every_paragraph_once_in_order(dp_cells, lists, threshold):
    old, new = lists
    with patch.object(diffing, "_MAX_DP_CELLS", dp_cells):
        pairs = align(old, new, threshold=threshold)
    assert_valid_alignment(pairs, old, new)
    for i, j in pairs:
        if i is not None and j is not None:
            assert old[i] == new[j] or similarity(old[i], new[j]) >= threshold


@settings(max_examples=50, deadline=None)
@given(st.lists(paragraphs, max_size=10))
def test_align_of_identical_lists_pairs_each_paragraph_with_itself(items):
    assert align(items, list(items)) == [(i, i) for i in range(len(items))]
