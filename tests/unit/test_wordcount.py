"""Word counts: the same amount of work counts the same in every script."""

from dataclasses import dataclass

import pytest
from hypothesis import given
from hypothesis import strategies as st

from translate_flow.text.wordcount import count_segment_words, count_words


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("The government announced the new budget on Tuesday.", 8, id="english"),
        # Contractions, elisions and compounds are one word each.
        pytest.param("Don't call it a state-run paper, said l'homme.", 8, id="english-joined"),
        pytest.param("El niño comió piñón en la región de Aragón.", 9, id="spanish-accents"),
        # The dash between spaces is punctuation, not a word.
        pytest.param("Москва — столица России, крупнейший город страны.", 6, id="russian"),
        pytest.param("Η Αθήνα είναι η πρωτεύουσα της Ελλάδας.", 7, id="greek"),
        pytest.param("القاهرة هي عاصمة جمهورية مصر العربية.", 6, id="arabic"),
        # Vowel points (niqqud) are combining marks inside the word.
        pytest.param("בְּרֵאשִׁית בָּרָא אֱלֹהִים", 3, id="hebrew-niqqud"),
        # צה״ל: the gershayim inside an acronym does not split it.
        pytest.param("דובר צה״ל אמר", 3, id="hebrew-acronym"),
        # 国家统计局 5, 周一 2, 公布了 3, 数据 2, 显示 2, 经济增长 4: one per character;
        # the comma and full stop count nothing.
        pytest.param("国家统计局周一公布了数据，显示经济增长。", 18, id="chinese"),
        # 東京タワー 5 (ー counts), で 1, iPhone 1, を 1, 買った 3.
        pytest.param("東京タワーでiPhoneを買った。", 11, id="japanese-mixed"),
        # ・ is punctuation between katakana words: 6 katakana, no dot.
        pytest.param("コーヒー・ミル", 6, id="japanese-middle-dot"),
        # Hangul is written with spaces: count the space-separated words.
        pytest.param("서울은 대한민국의 수도이다.", 3, id="korean"),
        # Matras (ि ी) and the virama (्) are marks inside the word; the danda is punctuation.
        pytest.param("हिन्दी भारत की राजभाषा है।", 5, id="hindi"),
        # ภาษา ไทย: two words by ICU's dictionary, as CAT tools count them (not seven letters).
        pytest.param("ภาษาไทย", 2, id="thai"),
        pytest.param("ประเทศไทยมีประชากรประมาณหกสิบห้าล้านคน", 9, id="thai-sentence"),
        pytest.param("ສະບາຍດີປະເທດລາວ", 3, id="lao"),
        pytest.param("ព្រះរាជាណាចក្រកម្ពុជា", 2, id="khmer"),
        pytest.param("မြန်မာနိုင်ငံသည်", 2, id="myanmar"),
        pytest.param("ที่", 1, id="thai-marks-ride-on-letter"),
        # The ZWNJ in می‌خواهم keeps the verb one word.
        pytest.param("من می‌خواهم بروم", 3, id="persian-zwnj"),
        pytest.param("3.5% of 1,000 voters at 10:30", 6, id="numbers-with-separators"),
    ],
)
def test_counts_words_in_real_sentences(text, expected):
    assert count_words(text) == expected


@pytest.mark.parametrize(
    "emoji",
    [
        pytest.param("👩‍👩‍👧", id="zwj-family"),
        pytest.param("👍🏽", id="skin-tone"),
        pytest.param("🇫🇷🇯🇵", id="flags"),
        pytest.param("🏴󠁧󠁢󠁳󠁣󠁴󠁿", id="subdivision-flag-tags"),
        pytest.param("1️⃣ #️⃣", id="keycaps"),
        pytest.param("❤️ ✨ © ™ → …", id="symbols"),
    ],
)
def test_emoji_and_symbols_count_nothing(emoji):
    assert count_words(emoji) == 0
    assert count_words(f"Great news {emoji} today") == 3


def test_decomposed_accent_stays_inside_its_word():
    decomposed = "cafe\u0301 ole\u0301"  # e + COMBINING ACUTE ACCENT
    assert count_words(decomposed) == 2
    assert count_words(decomposed) == count_words("café olé")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", 0),
        ("   \n\t ", 0),
        ("— « » … !?", 0),
        ("'quoted' words", 2),  # apostrophes at the edges are quotes, not joiners
        ("rock 'n' roll", 3),
        ("well--known", 2),  # a doubled hyphen is a dash
        ("\u0301alone", 1),  # a mark with no letter before it starts nothing
    ],
)
def test_edges_count_as_people_expect(text, expected):
    assert count_words(text) == expected


@dataclass(frozen=True)
class _Segment:
    text: str


def test_segment_words_add_up():
    segments = [_Segment("A headline here"), _Segment("東京"), _Segment("")]
    assert count_segment_words(segments) == 5


@given(st.text())
def test_any_text_counts_without_error(text):
    assert count_words(text) >= 0


@given(st.text(), st.text())
def test_space_separated_texts_count_as_the_sum(first, second):
    # A space ends any word and no joiner reaches across it, whatever the scripts.
    assert count_words(f"{first} {second}") == count_words(first) + count_words(second)


_LATIN_WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzéñüÀ", min_size=1, max_size=12)


@given(st.lists(_LATIN_WORD, max_size=30), st.lists(_LATIN_WORD, max_size=30))
def test_latin_words_count_one_each(first, second):
    assert count_words(" ".join(first)) == len(first)
    assert count_words(" ".join(first) + " " + " ".join(second)) == len(first) + len(second)
