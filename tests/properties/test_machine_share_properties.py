"""The machine's share on any text: a fraction; all of an untouched machine text; none of a
text without machine suggestions; and it counts the words wordcount counts."""

from hypothesis import example, given
from hypothesis import strategies as st

from translate_flow.editing.machine_share import RowText, _token_spans, kept_tokens, share_of
from translate_flow.text.wordcount import count_words

# Words of spaced and unspaced scripts, marks and joiners, placeholders (paired, single,
# escaped), punctuation and spaces.
PIECES = st.sampled_from(
    [
        "the", "yen", "don't", "state-run", "1,000", "é", "e\u0301", "日本", "円", "ひらがな",
        "ไทย", "한국어", "عربي", "{1}", "{/1}", "{2/}", "\\{3}", "1️⃣", "👍🏽", " ", " ", "\n",
        ",", ".", "!", "—",
    ]
)  # fmt: skip
TEXTS = st.lists(PIECES, max_size=25).map("".join)
# Rows: their text, and the machine's text each came from (or None).
ROWS = st.lists(st.tuples(TEXTS, st.none() | TEXTS), max_size=6)


@given(ROWS)
def test_the_share_is_a_fraction_of_what_is_counted(rows):
    share = share_of(RowText(text, suggestion) for text, suggestion in rows)
    assert 0.0 <= share.share <= 1.0
    assert 0 <= share.machine_tokens <= share.total_tokens
    assert 0 <= share.untouched_segments <= share.machine_segments <= share.total_segments


@given(st.lists(TEXTS, max_size=6))
def test_untouched_machine_text_in_every_segment_is_all_the_machines(texts):
    share = share_of(RowText(text, text) for text in texts)
    assert share.machine_tokens == share.total_tokens
    assert share.share == (1.0 if share.total_tokens else 0.0)
    assert share.untouched_segments == share.machine_segments == len(texts)


@given(st.lists(TEXTS, max_size=6))
def test_without_machine_suggestions_nothing_is_the_machines(texts):
    share = share_of(RowText(text) for text in texts)
    assert share.share == 0.0
    assert share.machine_tokens == share.machine_segments == 0


@given(TEXTS, TEXTS)
@example("a{1}b{/1}", "ab")
@example("\\{1} word", "{1} word")
def test_the_tokens_are_the_words_wordcount_counts(suggestion, text):
    kept, total = kept_tokens(suggestion, text)
    assert total == count_words(text) == len(_token_spans(text))
    assert 0 <= kept <= total
