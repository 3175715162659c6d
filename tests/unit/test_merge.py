"""Merging two people's concurrent edits of one paragraph: what merges, and what is refused."""

import pytest

from translate_flow.text import diffing
from translate_flow.text.diffing import clusters, merge3

BASE = "The minister signed the bill. The vote was close."

# --- What merges --------------------------------------------------------------------------------


def test_edits_in_different_sentences_merge():
    mine = "The minister vetoed the bill. The vote was close."
    theirs = "The minister signed the bill. The vote was unanimous."
    assert merge3(BASE, mine, theirs) == "The minister vetoed the bill. The vote was unanimous."


def test_edits_in_the_same_sentence_merge_when_a_word_is_left_between_them():
    mine = "The prime minister signed the bill. The vote was close."
    theirs = "The minister signed the budget. The vote was close."
    assert merge3(BASE, mine, theirs) == "The prime minister signed the budget. The vote was close."


def test_the_merge_does_not_depend_on_whose_edit_is_whose():
    mine = "The minister vetoed the bill. The vote was close."
    theirs = "The minister signed the bill. The count was close."
    assert merge3(BASE, mine, theirs) == merge3(BASE, theirs, mine)


def test_a_punctuation_mark_left_between_two_edits_keeps_them_apart():
    assert merge3("Yes, sir", "No, sir", "Yes, madam") == "No, madam"


def test_a_deletion_and_an_insertion_far_apart_merge():
    mine = "The minister signed. The vote was close."
    theirs = "The minister signed the bill. The vote was very close."
    assert merge3(BASE, mine, theirs) == "The minister signed. The vote was very close."


def test_both_making_the_identical_change_gives_that_change():
    both = "The minister signed the law. The vote was close."
    assert merge3(BASE, both, both) == both


def test_an_identical_change_is_made_once_alongside_each_sides_other_edits():
    mine = "The president signed the law. The vote was close."
    theirs = "The minister signed the law. The vote was tight."
    assert merge3(BASE, mine, theirs) == "The president signed the law. The vote was tight."


@pytest.mark.parametrize(
    ("mine", "theirs", "expected"),
    [
        pytest.param(BASE, "The vote was close.", "The vote was close.", id="mine-unchanged"),
        pytest.param("The vote was close.", BASE, "The vote was close.", id="theirs-unchanged"),
        pytest.param(BASE, BASE, BASE, id="nobody-changed-anything"),
    ],
)
def test_when_one_side_left_the_text_alone_the_other_sides_text_wins(mine, theirs, expected):
    assert merge3(BASE, mine, theirs) == expected


def test_a_spacing_fix_merges_with_a_word_change_elsewhere():
    mine = "The minister signed  the bill.\nThe vote was close."
    theirs = "The minister signed the bill. The vote was tight."
    assert merge3(BASE, mine, theirs) == "The minister signed  the bill.\nThe vote was tight."


def test_a_moved_phrase_does_not_swallow_the_untouched_words_between_its_ends():
    # A diff that also aligned the spaces would give up "it was very hard" to keep six more
    # spaces (seven spaces instead of four words and three spaces), and refuse this merge.
    base = "he said it was very hard to do so in the end"
    mine = "he said that after all the long talks it was very hard"  # 6 words in, 6 out
    theirs = "he said it was extremely hard to do so in the end"
    expected = "he said that after all the long talks it was extremely hard"
    assert merge3(base, mine, theirs) == expected


# --- What is refused ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("base", "mine", "theirs"),
    [
        pytest.param("blue car", "red car", "blue bus", id="adjacent-words"),
        pytest.param("blue  car", "red  car", "blue\tbus", id="whitespace-only-between"),
        pytest.param("a b c d", "a B c d", "a b C d", id="neighbours-mid-text"),
    ],
)
def test_edits_to_neighbouring_words_separated_only_by_whitespace_refuse(base, mine, theirs):
    assert merge3(base, mine, theirs) is None


@pytest.mark.parametrize(
    "separator",
    [
        pytest.param("\u200b", id="zero-width-space"),
        pytest.param("\u00ad", id="soft-hyphen"),
        pytest.param("\u200e", id="left-to-right-mark"),
    ],
)
def test_an_invisible_character_does_not_keep_two_edits_apart(separator):
    base = f"over{separator}due"
    assert merge3(base, f"under{separator}due", f"over{separator}paid") is None


def test_the_same_word_changed_differently_refuses():
    mine = "The minister signed the law. The vote was close."
    theirs = "The minister signed the treaty. The vote was close."
    assert merge3(BASE, mine, theirs) is None


def test_the_same_change_with_one_more_right_next_to_it_refuses():
    # Both replaced "bill"; theirs also changed the full stop right after it.
    mine = "The minister signed the law. The vote was close."
    theirs = "The minister signed the law! The vote was close."
    assert merge3(BASE, mine, theirs) is None


def test_insertions_at_the_same_point_refuse():
    mine = "The minister quickly signed the bill. The vote was close."
    theirs = "The minister finally signed the bill. The vote was close."
    assert merge3(BASE, mine, theirs) is None


@pytest.mark.parametrize(
    "mine",
    [
        pytest.param("The minister signed the new bill. The vote was close.", id="before"),
        pytest.param("The minister signed the bill today. The vote was close.", id="after"),
    ],
)
def test_an_insertion_right_next_to_the_others_edit_refuses(mine):
    theirs = "The minister signed the law. The vote was close."
    assert merge3(BASE, mine, theirs) is None


def test_deleting_a_sentence_the_other_edits_refuses():
    mine = "The vote was close."
    theirs = "The minister signed the budget bill. The vote was close."
    assert merge3(BASE, mine, theirs) is None


def test_deleting_everything_refuses_against_any_edit():
    theirs = "The minister signed the bill. The vote was tight."
    assert merge3(BASE, "", theirs) is None
    assert merge3(BASE, theirs, "") is None


def test_writing_into_an_empty_text_on_both_sides_refuses():
    assert merge3("", "Hello", "Bonjour") is None


def test_more_distinct_tokens_than_code_points_refuses(monkeypatch):
    monkeypatch.setattr(diffing, "_CODE_CAPACITY", 3)
    mine = "The minister vetoed the bill. The vote was close."
    theirs = "The minister signed the bill. The vote was unanimous."
    assert merge3(BASE, mine, theirs) is None


# --- Other scripts ------------------------------------------------------------------------------

JAPANESE = "今日は晴れです。明日は雨です。"


def test_japanese_edits_in_different_clauses_merge():
    mine = "今日は曇りです。明日は雨です。"
    theirs = "今日は晴れです。明日は雪です。"
    assert merge3(JAPANESE, mine, theirs) == "今日は曇りです。明日は雪です。"


def test_japanese_edits_to_adjacent_characters_refuse():
    mine = "今日は曇れです。明日は雨です。"  # 晴 → 曇
    theirs = "今日は晴るです。明日は雨です。"  # れ → る
    assert merge3(JAPANESE, mine, theirs) is None


ARABIC = "كَتَبَ الوَلَدُ الدَّرْسَ"  # "The boy wrote the lesson", fully vowelled


def test_arabic_edits_to_different_words_merge_with_their_diacritics():
    mine = "كُتِبَ الوَلَدُ الدَّرْسَ"  # the vowels of the first word changed (passive)
    theirs = "كَتَبَ الوَلَدُ الدَّرْسَيْنِ"  # the last word made dual
    merged = merge3(ARABIC, mine, theirs)
    assert merged == "كُتِبَ الوَلَدُ الدَّرْسَيْنِ"
    assert set(clusters(merged)) <= set(clusters(mine)) | set(clusters(theirs))


def test_arabic_a_diacritic_change_conflicts_with_a_change_to_its_letters_word():
    # A diacritic belongs to its letter: changing it changes that word, not a separate mark.
    mine = "كَتَبَ الوَلَدِ الدَّرْسَ"  # the case ending of الولد changed
    theirs = "كَتَبَ البِنْتُ الدَّرْسَ"  # الولد replaced by البنت
    assert merge3(ARABIC, mine, theirs) is None


FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467"  # man, woman, girl joined by ZWJ
FAMILY_WITH_BOY = FAMILY + "\u200d\U0001f466"


def test_an_emoji_sequence_is_never_split_by_a_merge():
    base = f"Our {FAMILY} is home."
    mine = f"Our {FAMILY_WITH_BOY} is home."
    theirs = f"Our {FAMILY} is away."
    merged = merge3(base, mine, theirs)
    assert merged == f"Our {FAMILY_WITH_BOY} is away."
    assert FAMILY_WITH_BOY in clusters(merged)


def test_two_edits_of_one_emoji_sequence_refuse():
    base = f"Our {FAMILY} is home."
    mine = f"Our {FAMILY_WITH_BOY} is home."
    theirs = "Our \U0001f468\u200d\U0001f468\u200d\U0001f467 is home."  # woman → man
    assert merge3(base, mine, theirs) is None


THAI = "ฉันไปตลาด เมื่อวานนี้"  # "I went to the market yesterday"


def test_thai_edits_with_an_unchanged_character_between_them_merge():
    mine = "เขาไปตลาด เมื่อวานนี้"  # I → he
    theirs = "ฉันไปตลาด วันนี้"  # yesterday → today
    assert merge3(THAI, mine, theirs) == "เขาไปตลาด วันนี้"


def test_thai_edits_with_only_a_space_between_them_refuse():
    mine = "ฉันไปโรงเรียน เมื่อวานนี้"  # market → school
    theirs = "ฉันไปตลาด วันนี้"  # yesterday → today
    assert merge3(THAI, mine, theirs) is None


def test_thai_a_tone_mark_stays_with_its_consonant():
    # The tone mark ่ is part of the cluster ป่: changing it and the consonant conflict.
    mine = "ฉันไป่ตลาด เมื่อวานนี้"
    theirs = "ฉันไมตลาด เมื่อวานนี้"
    assert merge3(THAI, mine, theirs) is None
