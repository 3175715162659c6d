"""The word count matches, on any text, the plain character-by-character reading of its rules.

`count_words` matches a pattern over the characters' roles for speed; the loop below is the
rules as first written (one character at a time), kept as the oracle.
"""

import unicodedata

from hypothesis import example, given, settings
from hypothesis import strategies as st

from translate_flow.text import wordcount
from translate_flow.text.placeholders import strip_placeholders
from translate_flow.text.word_boundaries import DICTIONARY_RUN, dictionary_words
from translate_flow.text.wordcount import count_words

# Characters that exercise every role: letters and digits of several scripts, marks, joiners,
# number joiners, ideographs, kana, Thai, emoji with keycaps, spaces and punctuation.
TRICKY = (
    "aZé0759٣๓ "
    "\u0301\u0651\u093f"  # combining marks
    "'’-\u2010\u2011\u05be\u05f3\u05f4\u00b7\u00ad\u200c\u200d"  # joiners
    ".,:\u00a0\u2009\u202f\u066b\u066c"  # number joiners
    "漢字日本語ひらがなカタカナー々ไทย한국어عربيעברית"
    "#*\ufe0f\u20e3😀👍🏽\n\t!?()"
)


def counted_one_by_one(text: str) -> int:
    # Inline tags ({1}…{/1}, {3/}) are markup, not words: the rules read the text without them.
    text = wordcount.KEYCAP.sub(" ", strip_placeholders(text))
    # Thai, Lao, Khmer and Myanmar: the words of ICU's dictionaries, each run apart.
    dictionary = sum(len(dictionary_words(run)) for run in DICTIONARY_RUN.findall(text))
    text = DICTIONARY_RUN.sub(" ", text)
    roles = [wordcount._role(char) for char in text]
    roles.append(wordcount._SEPARATOR)
    letter_or_digit = (wordcount._LETTER, wordcount._DIGIT)
    count, in_word, previous = 0, False, wordcount._SEPARATOR
    for index, role in enumerate(roles[:-1]):
        if role in letter_or_digit:
            count += 0 if in_word else 1
            in_word = True
        elif role == wordcount.SYLLABLE_ROLE:
            count += 1
            in_word = False
        elif role == wordcount._JOINER:
            in_word = in_word and roles[index + 1] in letter_or_digit
        elif role == wordcount._NUMBER_JOINER:
            in_word = in_word and previous == wordcount._DIGIT == roles[index + 1]
        elif role == wordcount._SEPARATOR:
            in_word = False
        previous = role
    return count + dictionary


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(TRICKY), max_size=60))
@example("1,000 and 3.5 don't l'homme e\u0301 -x 1️⃣ 漢字 ไทย")
def test_the_pattern_counts_as_the_rules_read_one_by_one(text):
    assert count_words(text) == counted_one_by_one(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
@example("{0}")
@example("a{1}b{/1} {2/}c")
def test_any_unicode_text_counts_the_same_both_ways(text):
    assert count_words(text) == counted_one_by_one(text)
    assert count_words(unicodedata.normalize("NFD", text)) == counted_one_by_one(
        unicodedata.normalize("NFD", text)
    )
