"""Slugs keep every word: the title's letters and marks in every script, in order, lowercased,
words joined by hyphens, cut between words to fit 200 bytes once percent-encoded."""

import unicodedata
from urllib.parse import quote

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from translate_flow.text.slugs import (
    MAX_ENCODED,
    MAX_WORDS,
    SUFFIX_ROOM,
    encoded_length,
    fit,
    percent_encoded,
    slugify,
)

SCRIPTS = [
    # (title, slug), one or more per script; the letters first.
    ("Élections : l’Europe inquiète", "élections-leurope-inquiète"),
    ("Die Straße der Großmächte", "die-straße-der-großmächte"),
    ("GROẞE PLÄNE", "große-pläne"),
    ("Łódź i Wrocław: wybory", "łódź-i-wrocław-wybory"),
    ("Grønland og Færøerne", "grønland-og-færøerne"),
    ("Đà Nẵng đón khách", "đà-nẵng-đón-khách"),
    ("Þingvellir og Alþingi", "þingvellir-og-alþingi"),
    ("İstanbul seçimleri", "istanbul-seçimleri"),
    # Greek: a written final sigma stays, and a capital one becomes final at a word's end.
    ("Ο Νίκος στις Αθήνας", "ο-νίκος-στις-αθήνας"),
    ("ΟΙ ΕΚΛΟΓΕΣ ΣΤΗΝ ΑΘΗΝΑ", "οι-εκλογες-στην-αθηνα"),
    ("Хорошо 2022: итоги года", "хорошо-2022-итоги-года"),
    ("العَرَبِيَّةُ لُغَةٌ، اليوم", "العَرَبِيَّةُ-لُغَةٌ-اليوم"),
    ("שָׁלוֹם עֲלֵיכֶם", "שָׁלוֹם-עֲלֵיכֶם"),
    ("צה״ל נערך", "צהל-נערך"),
    ("हिन्दी समाचार। आज", "हिन्दी-समाचार-आज"),
    ("বাংলা ভাষা", "বাংলা-ভাষা"),
    ("น้ำท่วม กรุงเทพฯ", "น้ำท่วม-กรุงเทพฯ"),  # ำ stays one letter, as Thai readers type it
    ("2022年美国经济政策", "2022年美国经济政策"),
    ("美国大选：全球市场。", "美国大选-全球市场"),
    ("円安を嘆く前に", "円安を嘆く前に"),
    ("トランプ・ショック　円安が進む", "トランプ-ショック-円安が進む"),
    ("２０２４年の日本ＧＤＰ", "2024年の日本gdp"),
    ("한국 경제 전망", "한국-경제-전망"),
    ("Հայաստանի ընտրությունները", "հայաստանի-ընտրությունները"),
    ("Երևանում", "երևանում"),
    ("Ինչո՞ւ հիմա", "ինչու-հիմա"),
    ("საქართველოს არჩევნები", "საქართველოს-არჩევნები"),
    ("የኢትዮጵያ፡ምርጫ", "የኢትዮጵያ-ምርጫ"),
    ("தமிழ் செய்திகள்", "தமிழ்-செய்திகள்"),
    ("ភាសាខ្មែរ ថ្ងៃនេះ", "ភាសាខ្មែរ-ថ្ងៃនេះ"),
    ("မြန်မာ့ ရွေးကောက်ပွဲ", "မြန်မာ့-ရွေးကောက်ပွဲ"),
    ("می‌خواهم بروم", "می‌خواهم-بروم"),
    ("Trump meets 習近平 in Ōsaka", "trump-meets-習近平-in-ōsaka"),
]


@pytest.mark.parametrize(("title", "slug"), SCRIPTS, ids=[t for t, _s in SCRIPTS])
def test_a_slug_keeps_every_letter_of_every_script(title, slug):
    assert slugify(title) == slug


def test_the_scripts_tested_are_at_least_fifteen():
    scripts = {
        unicodedata.name(ch).split()[0]
        for title, _slug in SCRIPTS
        for ch in title
        if unicodedata.category(ch).startswith("L")
    }
    assert len(scripts) >= 15, sorted(scripts)


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("What America's election means for Europe", "what-americas-election-means-for-europe"),
        ("Col·legi electoral", "collegi-electoral"),
        ("Wort\u00adtrennung im Titel", "worttrennung-im-titel"),  # a soft hyphen joins
        ("\u200fالقدس\u200f 2024", "القدس-2024"),  # bidi marks are invisible
        ("ก\u200bข", "ก-ข"),  # a zero-width space is a space
        ("a\u200d b\u200c", "a-b"),  # joiners belong inside a word, not at its edge
        ("ﬁnance ｶﾀｶﾅ", "finance-カタカナ"),
        ("ㅋㅋ ໜັງສື", "ㅋㅋ-ໜັງສື"),  # letters NFKC would take apart
        ("Climate 🔥 talks 🌏 ™ £5bn 1️⃣", "climate-talks-5bn-1"),
        ("\u0301Orphan mark", "orphan-mark"),
        ("snake_case/and.dots", "snake-case-and-dots"),
        ("50% off\\now", "50-off-now"),
        ("الـعـربـيـة", "العربية"),  # the tatweel stretches a word; it is no letter
        ("  --  ", ""),
        ("🌏🔥", ""),
    ],
)
def test_what_separates_words_and_what_stays_inside_them(title, slug):
    assert slugify(title) == slug


def test_a_long_title_keeps_its_first_twelve_words():
    title = " ".join(f"word{n}" for n in range(20))
    assert slugify(title) == "-".join(f"word{n}" for n in range(MAX_WORDS))


def test_a_long_chinese_title_is_cut_between_characters_to_fit_wordpress():
    title = "美国大选牵动全球市场" * 5
    slug = slugify(title)
    assert encoded_length(slug) <= MAX_ENCODED - SUFFIX_ROOM
    assert title.startswith(slug)
    assert len(slug) == (MAX_ENCODED - SUFFIX_ROOM) // 9


def test_a_cut_falls_between_words_where_the_script_has_spaces():
    title = "Εκλογές " * 30
    slug = slugify(title)
    assert slug.split("-") == ["εκλογές"] * (slug.count("-") + 1)
    assert encoded_length(slug) <= MAX_ENCODED - SUFFIX_ROOM


@pytest.mark.parametrize(
    "word",
    [
        "क्षत्रिय" * 10,  # a consonant, its virama and the next consonant make one conjunct
        "ကျွန်ုပ်" * 10,
        "ភាសាខ្មែរ" * 10,  # the coeng stacks the next consonant under this one
        "เมืองไทย" * 10,  # a Thai vowel written first belongs to the consonant after it
        "नमस्ते" * 20,
    ],
)
def test_a_word_too_long_is_cut_between_graphemes(word):
    slug = fit(word, 60)
    assert slug and word.startswith(slug)
    assert encoded_length(slug) <= 60
    rest = word[len(slug)]
    last = slug[-1]
    assert not unicodedata.category(rest).startswith("M")
    assert unicodedata.combining(last) != 9
    assert last not in "เแโใไ"


def test_fit_cuts_an_old_slug_for_wordpress_on_a_word():
    old = "-".join(["élections"] * 30)  # made before the limit; WordPress takes 200 bytes
    cut = fit(old, 200)
    assert encoded_length(cut) <= 200 and old.startswith(cut) and not cut.endswith("-")
    assert cut.split("-") == ["élections"] * (cut.count("-") + 1)
    assert fit("short", 200) == "short"


def test_percent_encoding_is_utf8_with_hyphens_as_they_are():
    assert percent_encoded("αθήνα-2024") == quote("αθήνα-2024", safe="")
    assert percent_encoded("before-lamenting") == "before-lamenting"
    assert encoded_length("日本") == len("%E6%97%A5%E6%9C%AC")


# --- Properties --------------------------------------------------------------------------------

WORD_CHARACTERS = st.characters(
    categories=["Lu", "Ll", "Lo", "Lm", "Mn", "Mc", "Nd"],
    # Handled apart above: the tatweel, apostrophe-like letters, the dotted capital I, and
    # variation selectors.
    exclude_characters="\u0640\u02bc\u0130\ufe0e\ufe0f",
)
SEPARATORS = st.sampled_from(
    [" ", "\u3000", "\u00a0", "\u2009", "\t", "\n", "・", "、", "。", ",", ". ", " — ", ":",
     "/", "_", "%", "🌏", "™", "«", "»", "(", ")", "!", "?", "።", "।", "፡", "\u200b"]
)  # fmt: skip


def _stable(word: str) -> bool:
    lowered = word.lower()
    return (
        not unicodedata.category(word[0]).startswith("M")
        and unicodedata.normalize("NFKC", word) == word
        and unicodedata.normalize("NFKC", lowered) == lowered
        and not any(0xFE00 <= ord(c) <= 0xFE0F or 0xE0100 <= ord(c) <= 0xE01EF for c in word)
    )


WORDS = st.lists(
    st.text(WORD_CHARACTERS, min_size=1, max_size=8).filter(_stable), min_size=1, max_size=10
)


@given(WORDS, st.lists(SEPARATORS, min_size=10, max_size=10))
@example(["ΟΔΟΣ", "हिन्दी"], [" "] * 10)
@example(["น้ำท่วม", "שָׁלוֹם", "ß", "Ἀθῆναι"], ["・", "\u3000", "🌏"] * 4)
def test_every_letter_and_mark_of_the_title_is_in_the_slug_in_order(words, separators):
    title = "".join(word + separator for word, separator in zip(words, separators, strict=False))
    slug = slugify(title)
    whole = "-".join(word.lower() for word in words)
    assert whole.startswith(slug)
    if encoded_length(whole) <= MAX_ENCODED - SUFFIX_ROOM:
        assert slug == whole


@given(st.text(max_size=200))
@example("ΣΑΣ' Σ")
@example("-\u0301a\u200d-")
def test_any_slug_is_well_formed_and_stable(title):
    slug = slugify(title)
    assert not slug.startswith("-") and not slug.endswith("-") and "--" not in slug
    assert len(slug.split("-")) <= MAX_WORDS
    assert encoded_length(slug) <= MAX_ENCODED - SUFFIX_ROOM
    assert all(ch in "-\u200c\u200d" or unicodedata.category(ch)[0] in "LMN" for ch in slug), slug
    assert slug == slug.lower()
    assert slugify(slug) == slug
