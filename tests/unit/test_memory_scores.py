"""Scores as translators know them, in spaced and unspaced scripts (no database needed)."""

import pytest

from translate_flow.memory.matching import score
from translate_flow.text.analysis import match_key, match_tokens, terms

FORTY_WORDS = (
    "The two governments agreed on Tuesday to extend the defence budget for another five "
    "years, a decision that analysts in Tokyo and Washington described as a quiet but "
    "important signal to the region today about the future of the alliance."
)


def test_forty_words_have_forty_tokens():
    assert len(match_tokens(match_key(FORTY_WORDS))) == 40


@pytest.mark.parametrize(
    ("source", "remembered", "low", "high"),
    [
        # English: exact, whitespace and width only, one word of forty changed, unrelated.
        (FORTY_WORDS, FORTY_WORDS, 100, 100),
        (FORTY_WORDS, "  " + FORTY_WORDS.replace(" ", "\n  ", 3), 100, 100),
        (FORTY_WORDS, FORTY_WORDS.replace("Tuesday", "Monday"), 95, 98),
        (FORTY_WORDS, "Prices of rice rose sharply in the capital last month.", 0, 30),
        # Case or punctuation alone: never 100.
        (FORTY_WORDS, FORTY_WORDS.upper(), 99, 99),
        (FORTY_WORDS, FORTY_WORDS.replace(",", ""), 99, 99),
        # Spanish.
        (
            "El gobierno anunció ayer que el presupuesto de defensa crecerá un cinco por ciento "
            "el próximo año, según fuentes del ministerio.",
            "El gobierno anunció ayer que el presupuesto de defensa crecerá un seis por ciento "
            "el próximo año, según fuentes del ministerio.",
            90,
            96,
        ),
        ("El gobierno anunció ayer.", "Los precios del arroz subieron en la capital.", 0, 30),
        # Japanese: characters, no spaces.
        (
            "日米両政府は火曜日、在日米軍駐留経費の負担、いわゆる思いやり予算を今後五年間延長することで合意した。",
            "日米両政府は月曜日、在日米軍駐留経費の負担、いわゆる思いやり予算を今後五年間延長することで合意した。",
            95,
            98,
        ),
        ("日米同盟の将来", "日米同盟の将来", 100, 100),
        ("日米同盟の将来", "コメの価格が首都で急騰した", 0, 30),
        # Chinese.
        (
            "美国国会周二通过了新的国防预算法案，总额比去年增加百分之五。",
            "美国国会周三通过了新的国防预算法案，总额比去年增加百分之五。",
            95,
            97,
        ),
        ("美国国会通过预算", "今天北京天气很好", 0, 30),
        # One and two characters.
        ("党", "党", 100, 100),
        ("東京", "東京", 100, 100),
        ("東京", "東京都", 66, 66),  # one edit in three characters
        ("東京", "京都", 0, 69),
        # Full-width and half-width are the same text.
        ("２０２６年の東京", "2026年の東京", 100, 100),
        # Inline tags do not count.
        ("The {1}alliance{/1} holds.", "The alliance holds.", 100, 100),
    ],
)
def test_score(source, remembered, low, high):
    assert low <= score(source, remembered) <= high


def test_one_and_two_character_terms_are_terms():
    assert terms(match_key("党")) == {"党"}
    assert "東京" in terms(match_key("東京"), every_character=False)
    assert {"同盟", "同", "盟"} <= terms(match_key("日米同盟"))


def test_thai_marks_stay_with_their_letter():
    assert match_tokens(match_key("ที่")) == ["ที่"]
