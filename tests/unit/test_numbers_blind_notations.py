"""How the numbers check reads the notations the blind set brought in: decades (三十年 as
"three decades", 九十年代 as "the 1990s"), 多 and 余 inside a number (1200多万), proportions
("four in five"), Russian cardinals in every case, Arabic accusative scale words and ordinals,
fiscal years named by their end, "about a quarter" without "of", and what a number counts
(5社 is not "five countries")."""

import pytest

from translate_flow.checks.base import CheckContext
from translate_flow.checks.numbers_check import NumbersCheck
from translate_flow.checks.numerals import numbers_in


def findings(source, target, source_language, target_language="en"):
    context = CheckContext(source_language, target_language)
    return [finding.message for finding in NumbersCheck().check(source, target, context)]


def flagged(source, target, source_language, target_language="en"):
    return bool(findings(source, target, source_language, target_language))


def _cases(ok, bad):
    return [pytest.param(*case, False, id=f"ok:{case[0]}→{case[1]}") for case in ok] + [
        pytest.param(*case, True, id=f"bad:{case[0]}→{case[1]}") for case in bad
    ]


@pytest.mark.parametrize(
    ("source", "target", "language", "wrong"),
    _cases(
        ok=[
            ("30年以上停滞した", "stagnated for more than three decades", "ja"),
            ("20年間", "two decades", "ja"),
            ("10年間", "a decade", "ja"),
            ("上世纪九十年代", "in the 1990s", "zh"),
            ("上世纪九十年代", "in the nineties", "zh"),
            ("上世紀80年代", "in the 1980s", "zh-Hant"),
            ("90年代のバブル", "the bubble of the 1990s", "ja"),
            ("1990年代", "the 1990s", "ja"),
        ],
        bad=[
            ("30年以上停滞した", "stagnated for more than two decades", "ja"),
            ("上世纪九十年代", "in the 1980s", "zh"),
            ("90年代のバブル", "the bubble of the 1980s", "ja"),
        ],
    ),
)
def test_decades(source, target, language, wrong):
    assert flagged(source, target, language) is wrong


@pytest.mark.parametrize(
    ("source", "target", "language", "wrong"),
    _cases(
        ok=[
            ("达到1200多万", "to over 12 million", "zh"),
            ("十多万人", "more than 100,000 people", "zh"),
            ("百余万", "over one million", "zh"),
            ("3万多人", "more than 30,000 people", "zh"),
        ],
        bad=[
            ("达到1200多万", "to over 1.2 million", "zh"),
            ("十多万人", "more than 10,000 people", "zh"),
        ],
    ),
)
def test_more_than_inside_a_number(source, target, language, wrong):
    assert flagged(source, target, language) is wrong


def test_more_than_makes_a_number_approximate():
    (number,) = numbers_in("1200多万", "zh")
    assert (number.value, number.approx) == (12_000_000, True)
    assert all(n.approx for n in numbers_in("3万多人、1000余人", "zh"))


@pytest.mark.parametrize(
    ("source", "target", "language", "wrong"),
    _cases(
        ok=[
            ("近八成受訪者", "Nearly four in five respondents", "zh-Hant"),
            ("3割の企業", "3 in 10 companies", "ja"),
            ("25%の有権者", "one out of four voters", "ja"),
            ("七成网民", "seven in every ten internet users", "zh"),
        ],
        bad=[
            ("近八成受訪者", "Nearly three in five respondents", "zh-Hant"),
            ("3割の企業", "one in five companies", "ja"),
        ],
    ),
)
def test_proportions(source, target, language, wrong):
    assert flagged(source, target, language) is wrong


def test_a_number_before_in_and_a_duration_is_no_proportion():
    assert [n.value for n in numbers_in("5 in 10 days", "en")] == [5, 10]


@pytest.mark.parametrize(
    ("source", "target", "wrong"),
    [
        ("Двадцать пять человек погибли, ещё сорок ранены.", "25 killed and 40 injured.", False),
        ("Двадцать пять человек погибли, ещё сорок ранены.", "25 killed and 14 injured.", True),
        ("около двадцати пяти тысяч", "about 25,000", False),
        ("из двухсот сорока трёх депутатов", "of the 243 deputies", False),
        ("из двухсот сорока трёх депутатов", "of the 234 deputies", True),
        ("девяноста шести процентов", "96 percent", False),
        ("сто лет назад", "a century ago", False),
        ("пятьсот человек", "500 people", False),
    ],
)
def test_russian_cardinals_in_every_case(source, target, wrong):
    assert flagged(source, target, "ru") is wrong


@pytest.mark.parametrize(
    ("source", "target", "wrong"),
    [
        ("عددهم ٤٥ مليوناً", "45 million inhabitants", False),
        ("عددهم ٤٥ مليونًا", "45 million inhabitants", False),
        ("عددهم ٤٥ مليوناً", "4.5 million inhabitants", True),
        ("بلغت ١٢ ملياراً", "reached 12 billion", False),
        ("خسر مليونا دولار", "lost two million dollars", False),
        ("القمة العربية الثالثة والثلاثون", "The 33rd Arab summit", False),
        ("القمة العربية الثالثة والثلاثون", "The 23rd Arab summit", True),
        ("الدورة الحادية عشرة", "the 11th session", False),
        ("خمسة وعشرون قتيلا", "25 dead", False),
        ("خمسة وعشرون قتيلا", "35 dead", True),
    ],
)
def test_arabic_accusative_scales_ordinals_and_compounds(source, target, wrong):
    assert flagged(source, target, "ar") is wrong


@pytest.mark.parametrize(
    ("source", "target", "source_language", "target_language", "wrong"),
    [
        ("Sales fell in the fiscal year ended March 2025.", "2024年度の売上高", "en", "ja", False),
        ("Sales fell in the fiscal year ended March 2025.", "令和6年度の売上高", "en", "ja", False),
        ("Sales fell in the fiscal year ended March 2025.", "2025年度の売上高", "en", "ja", True),
        ("profit for FY ending March 31, 2025", "2024年度の利益は31日", "en", "ja", False),
        ("in the year to March 2025", "2024年度に", "en", "ja", False),
        ("2025年3月期の決算", "results for the fiscal year ended March 2025", "ja", "en", False),
        ("2025年3月期の決算", "results for fiscal 2024", "ja", "en", False),
        ("2024年度の予算", "the budget for fiscal 2024", "ja", "en", False),
        ("2024年度の予算", "the fiscal year ending March 2026 budget", "ja", "en", True),
        ("im Geschäftsjahr 2024/25", "in the fiscal year ended March 2025", "de", "en", False),
    ],
)
def test_fiscal_years_named_by_their_end(source, target, source_language, target_language, wrong):
    assert flagged(source, target, source_language, target_language) is wrong


def test_a_fiscal_year_off_by_one_says_when_each_starts():
    (message,) = findings("in the fiscal year ended March 2025", "2025年度に", "en", "ja")
    assert "starts in 2024" in message and "starts in 2025" in message


@pytest.mark.parametrize(
    ("source", "target", "language", "wrong"),
    _cases(
        ok=[
            ("rund ein Drittel", "about a third", "de"),
            ("rund ein Drittel die Regierung", "about 33% consider the government", "de"),
        ],
        bad=[
            ("rund ein Drittel die Regierung", "about a quarter consider the government", "de"),
            ("ثلث السكان", "roughly a quarter live", "ar"),
        ],
    ),
)
def test_a_quarter_after_a_word_of_rounding_is_a_fraction(source, target, language, wrong):
    assert flagged(source, target, language) is wrong


def test_a_third_term_is_still_an_ordinal():
    assert [n.kind for n in numbers_in("a third term", "en")] == ["ordinal"]


@pytest.mark.parametrize(
    ("source", "target", "language", "wrong"),
    _cases(
        ok=[
            ("国内5社と提携し、12カ国に展開", "five domestic firms … a dozen countries", "ja"),
            ("国内5社と提携し、12カ国に展開", "5 companies … 12 countries", "ja"),
            ("出口量是三年前的4倍", "four times what they were three years ago", "zh"),
            ("今後3〜5年で、賃金は年2〜3%上がる", "2-3% a year over three to five years", "ja"),
            ("約800名の工人", "about 800 workers", "ja"),
            ("3年で5%増えた", "rose 5% in three years", "ja"),
            ("訪日客は3687万人", "36.9 million visitors last year", "ja"),
            ("Vor 5 Jahren", "5年前", "de"),
        ],
        bad=[
            ("国内5社と提携し、12カ国に展開", "12 domestic firms … five countries", "ja"),
            ("出口量是三年前的4倍", "three times what they were four years ago", "zh"),
            ("今後3〜5年で、賃金は年2〜3%上がる", "3-5% a year over two to three years", "ja"),
            ("5人が死亡", "five companies went bankrupt", "ja"),
        ],
    ),
)
def test_a_number_that_counts_something_else(source, target, language, wrong):
    target_language = "ja" if language == "de" else "en"
    assert flagged(source, target, language, target_language) is wrong


def test_a_number_counting_something_else_is_told_so():
    messages = findings("国内5社と提携し、12カ国に展開", "12 domestic firms … five countries", "ja")
    assert messages == [
        "The source's 5 counts companies; the translation's five counts countries.",
        "The source's 12 counts countries; the translation's 12 counts companies.",
    ]


def test_a_noun_after_a_phrase_of_its_own_counts_nothing():
    (number,) = numbers_in("36.9 million last year", "en")
    assert number.measure == ""
    two, three = numbers_in("two to three years", "en")
    assert (two.measure, three.measure) == ("", "years")


def test_a_word_of_rounding_after_the_counter_makes_a_number_approximate():
    assert [n.approx for n in numbers_in("3万人超、322億円強の", "ja")] == [True, True]
    # 強 of 強調 ("stressed") is no rounding: 322億 is not "32.5 billion".
    assert [n.approx for n in numbers_in("322億円と強調した", "ja")] == [False]
