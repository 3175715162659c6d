"""The machine's share of a text: words (or, in Japanese, characters) a person left exactly as
a machine suggestion had them, over all the words of the text."""

import pytest

from translate_flow.domain.models import RevisionOrigin, SegmentRevision
from translate_flow.editing.machine_share import RowText, kept_tokens, share_of
from translate_flow.editing.revisions import RevisionLine
from translate_flow.text.wordcount import count_words

ENGLISH_MACHINE = [
    "The yen has been above 150 to the dollar for a long time.",
    "But the weakness of a currency is a result, not a cause.",
    "What should be asked is thirty years of stagnation.",
]
JAPANESE_MACHINE = [
    "円相場は長い間1ドル150円を超えている。",
    "しかし通貨の弱さは原因ではなく結果だ。",
]


def test_untouched_english_machine_text_is_all_the_machines():
    share = share_of(RowText(text, text) for text in ENGLISH_MACHINE)
    total = sum(count_words(text) for text in ENGLISH_MACHINE)
    assert (share.machine_tokens, share.total_tokens) == (total, total)
    assert share.share == 1.0
    assert (share.machine_segments, share.untouched_segments, share.total_segments) == (3, 3, 3)


def test_a_lightly_edited_english_paragraph_loses_only_the_words_changed():
    machine = ENGLISH_MACHINE[0]
    edited = "The yen has stood above 150 to the dollar for a long while."
    kept, total = kept_tokens(machine, edited)
    assert total == count_words(edited) == 13
    assert kept == 11  # "stood" and "while" are the person's
    share = share_of([RowText(edited, machine)])
    assert share.share == pytest.approx(11 / 13)
    assert (share.machine_segments, share.untouched_segments) == (1, 0)


def test_a_word_with_one_letter_changed_is_the_persons():
    assert kept_tokens("The colour of money.", "The color of money.") == (3, 4)


def test_a_rewritten_english_paragraph_is_hardly_the_machines():
    machine = ENGLISH_MACHINE[1]
    rewritten = "A weak currency is a symptom of the malaise, never its origin."
    kept, total = kept_tokens(machine, rewritten)
    assert total == count_words(rewritten)
    assert kept / total < 0.25


def test_untouched_japanese_machine_text_counts_characters():
    share = share_of(RowText(text, text) for text in JAPANESE_MACHINE)
    assert share.total_tokens == sum(count_words(text) for text in JAPANESE_MACHINE)
    assert share.share == 1.0


def test_a_lightly_edited_japanese_sentence_loses_only_the_characters_changed():
    machine = JAPANESE_MACHINE[1]
    edited = "しかし通貨の弱さは原因ではなく結果である。"  # だ → である
    kept, total = kept_tokens(machine, edited)
    assert total == count_words(edited)
    assert total - kept == 3  # で, あ, る: the new characters; the rest is the machine's
    assert 0.8 < kept / total < 1


def test_a_rewritten_japanese_sentence_is_hardly_the_machines():
    machine = JAPANESE_MACHINE[0]
    rewritten = "ドル高が続いている。"
    kept, total = kept_tokens(machine, rewritten)
    assert kept / total < 0.5


def test_rows_typed_by_people_count_in_the_total_only():
    share = share_of(
        [
            RowText(ENGLISH_MACHINE[0], ENGLISH_MACHINE[0]),
            RowText("Typed by a person from scratch.", None),
        ]
    )
    assert share.machine_tokens == count_words(ENGLISH_MACHINE[0])
    assert share.total_tokens == share.machine_tokens + 6
    assert (share.machine_segments, share.untouched_segments, share.total_segments) == (1, 1, 2)


def test_placeholders_are_not_words_and_a_moved_tag_leaves_the_words_the_machines():
    machine = "Read {1}the report{/1} here.{2/}Then decide."
    moved = "Read the {1}report{/1} here.{2/}Then decide."
    assert kept_tokens(machine, machine) == (6, 6)
    assert kept_tokens(machine, moved) == (6, 6)
    assert share_of([RowText(moved, machine)]).untouched_segments == 0


def test_a_text_without_words_has_no_share():
    assert share_of([]).share == 0.0
    assert share_of([RowText("", "")]).share == 0.0
    assert share_of([RowText("…", "…")]).total_tokens == 0


def test_the_history_names_the_engine_and_a_machine_draft():
    typed = SegmentRevision(
        origin=RevisionOrigin.TYPED, suggestion_kind="machine", suggestion_engine="deepl-2"
    )
    assert RevisionLine(typed, "Dorothy", "DeepL").words == (
        "typed, from machine translation (DeepL)"
    )
    assert RevisionLine(typed, "Dorothy").words == "typed, from machine translation (deepl-2)"
    draft = SegmentRevision(
        origin=RevisionOrigin.MACHINE_DRAFT, suggestion_kind="machine", suggestion_engine="apertium"
    )
    assert RevisionLine(draft, "Dorothy", "Apertium").words == (
        "drafted by machine translation, to edit (Apertium)"
    )
