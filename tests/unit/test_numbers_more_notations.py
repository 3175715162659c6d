"""How the numbers check reads the notations added after the unseen set: percentage and basis
points, fractions and dozens as words, Roman numerals, Minguo years, 1.5 and tens as Russian
words, Arabic duals, the traditional decimal mark 點 and 百分点 (which holds no hundred)."""

import pytest

from translate_flow.checks.base import CheckContext
from translate_flow.checks.numbers_check import NumbersCheck
from translate_flow.checks.numerals import POINT, numbers_in


def flagged(source, target, source_language, target_language="en"):
    context = CheckContext(source_language, target_language)
    return bool(NumbersCheck().check(source, target, context))


def _cases(ok, bad):
    return [pytest.param(*case, False, id=f"ok:{case[0]}→{case[1]}") for case in ok] + [
        pytest.param(*case, True, id=f"bad:{case[0]}→{case[1]}") for case in bad
    ]


@pytest.mark.parametrize(
    ("source", "target", "language", "wrong"),
    _cases(
        ok=[
            ("5ポイント上昇", "rose 5 percentage points", "ja"),
            ("5ポイント上昇", "rose 5 points", "ja"),
            ("下降0.1个百分点", "down 0.1 percentage point", "zh"),
            ("下降0.1個百分點", "down 0.1 percentage point", "zh-Hant"),
            ("上升三个百分点", "up three percentage points", "zh"),
            ("um 0,4 Prozentpunkte", "by 0.4 points", "de"),
            ("0,25 puntos porcentuales", "0.25 pp", "es"),
            ("на 2 процентных пункта", "by 2 percentage points", "ru"),
            ("на 2 п.п.", "by 2 ppt", "ru"),
            ("ارتفع بنقطتين مئويتين", "rose 2 points", "ar"),
            ("加息25个基点", "raised rates by 25 basis points", "zh"),
            ("加息25个基点", "raised rates by 0.25 percentage point", "zh"),
        ],
        bad=[
            ("5ポイント上昇", "rose 5%", "ja"),
            ("下降0.1个百分点", "down 0.1%", "zh"),
            ("上涨0.3個百分點", "rose 0.3 percent", "zh-Hant"),
            ("um 0,4 Prozentpunkte", "by 0.4 percent", "de"),
            ("um 0,4 Prozent", "by 0.4 percentage points", "de"),
            ("0,25 puntos porcentuales", "0.25%", "es"),
            ("на 2 п.п.", "by 2 percent", "ru"),
            ("ارتفع 2 نقطة مئوية", "rose 2%", "ar"),
        ],
    ),
)
def test_a_percentage_point_is_not_a_percent(source, target, language, wrong):
    assert flagged(source, target, language) is wrong


@pytest.mark.parametrize(
    ("source", "target", "wrong"),
    [
        # Japanese writes a move of a rate in % as often as in ポイント.
        ("The Fed raised rates by a quarter point.", "FRBは0.25%利上げした。", False),
        ("The Fed raised rates by half a percentage point.", "FRBは0.5ポイント利上げした。", False),
        ("Rates rose by three-quarters of a point.", "金利は0.75%上昇した。", False),
        ("The Fed raised rates by a quarter point.", "FRBは0.5%利上げした。", True),
        ("Approval fell 3 points.", "支持率は3ポイント下落した。", False),
    ],
)
def test_english_fractions_of_a_point_into_japanese(source, target, wrong):
    assert flagged(source, target, "en", "ja") is wrong


def test_a_japanese_percent_may_be_written_as_points():
    assert not flagged("FRBは0.25%利上げした。", "The Fed raised rates by a quarter point.", "ja")
    assert not flagged("FRBは0.25%利上げした。", "The Fed raised rates by 25 basis points.", "ja")


def test_a_point_is_read_with_its_unit():
    (number,) = numbers_in("3ポイント", "ja")
    assert (number.values[0], number.kind, number.text) == (3, POINT, "3ポイント")
    (basis,) = numbers_in("25 bps", "en")
    assert basis.values[0] == pytest.approx(0.25) and basis.kind == POINT


@pytest.mark.parametrize(
    ("source", "target", "language", "wrong"),
    _cases(
        ok=[
            ("Ein Viertel der Firmen", "A quarter of firms", "de"),
            ("Ein Viertel der Firmen", "25% of firms", "de"),
            ("zwei Drittel der Wähler", "two-thirds of voters", "de"),
            ("die Hälfte der Befragten", "half of those asked", "de"),
            ("la mitad de los votos", "half of the votes", "es"),
            ("dos tercios del Congreso", "two-thirds of Congress", "es"),
            ("el cuarto trimestre", "the fourth quarter", "es"),
            ("половина россиян", "half of Russians", "ru"),
            ("две трети опрошенных", "two-thirds of respondents", "ru"),
            ("نصف السكان", "half of the population", "ar"),
            ("ثلث السكان", "a third of the population", "ar"),
            ("3分の1が反対", "a third opposed", "ja"),
        ],
        bad=[
            ("Ein Viertel der Firmen", "A third of firms", "de"),
            ("zwei Drittel der Wähler", "three-quarters of voters", "de"),
            ("un tercio de los votos", "a quarter of the votes", "es"),
            ("треть россиян", "half of Russians", "ru"),
            ("четверть бюджета", "a third of the budget", "ru"),
            ("ربع السكان", "a third of the population", "ar"),
        ],
    ),
)
def test_a_fraction_word_against_another_fraction_is_a_mistake(source, target, language, wrong):
    assert flagged(source, target, language) is wrong


def test_a_third_term_is_no_fraction():
    assert not flagged("a third term in office", "3期目", "en", "ja")
    assert [n.kind for n in numbers_in("a third term", "en")] == ["ordinal"]


@pytest.mark.parametrize(
    ("source", "target", "language", "wrong"),
    _cases(
        ok=[
            ("24人", "Two dozen people", "ja"),
            ("Zwei Dutzend Menschen", "24 people", "de"),
            ("Mehr als zwei Dutzend Menschen", "More than two dozen people", "de"),
            ("Una docena de casas", "A dozen houses", "es"),
            ("Dos docenas de vecinos", "24 residents", "es"),
            ("две дюжины яиц", "two dozen eggs", "ru"),
            ("около двух десятков человек", "about 20 people", "ru"),
            ("полтора десятка домов", "15 houses", "ru"),
        ],
        bad=[
            ("12人", "Two dozen people", "ja"),
            ("Mehr als zwei Dutzend Menschen", "More than a dozen people", "de"),
            ("Dos docenas de vecinos", "A dozen residents", "es"),
            ("около трёх десятков человек", "about 20 people", "ru"),
        ],
    ),
)
def test_dozens_and_tens_as_words(source, target, language, wrong):
    assert flagged(source, target, language) is wrong


@pytest.mark.parametrize(
    ("source", "target", "language", "wrong"),
    _cases(
        ok=[
            ("около полутора тысяч человек", "About 1,500 people", "ru"),
            ("полтора миллиона рублей", "1.5 million rubles", "ru"),
            ("полторы тысячи", "1,500", "ru"),
            ("eineinhalb Millionen Euro", "1.5 million euros", "de"),
            ("ملياري دولار", "$2 billion", "ar"),
            ("بمليوني دولار", "with $2 million", "ar"),
            ("ألفي شخص", "2,000 people", "ar"),
        ],
        bad=[
            ("полтора миллиона рублей", "2.5 million rubles", "ru"),
            ("ملياري دولار", "$3 billion", "ar"),
            ("مليوني دولار", "$2 billion", "ar"),
        ],
    ),
)
def test_one_and_a_half_and_arabic_duals(source, target, language, wrong):
    assert flagged(source, target, language) is wrong


@pytest.mark.parametrize(
    ("source", "target", "language", "wrong"),
    _cases(
        ok=[
            ("第2次世界大戦", "World War II", "ja"),
            ("第一次世界大戦の後", "after World War I", "ja"),
            ("2型糖尿病", "Type II diabetes", "ja"),
            ("第3相試験", "a Phase III trial", "ja"),
            ("第5条", "Article V", "ja"),
            ("第Ⅱ期", "the second term", "ja"),
            ("el siglo XXI", "the 21st century", "es"),
            ("エリザベス女王が死去", "Queen Elizabeth II died", "ja"),
            ("私は行く", "I will go", "ja"),
            ("点滴を受けた", "was put on an IV drip", "ja"),
        ],
        bad=[
            ("第1次世界大戦", "World War II", "ja"),
            ("第3相試験", "a Phase II trial", "ja"),
            ("第5条", "Article IV", "ja"),
            ("el siglo XX", "the 21st century", "es"),
        ],
    ),
)
def test_roman_numerals(source, target, language, wrong):
    assert flagged(source, target, language) is wrong


def test_a_lone_capital_i_is_a_numeral_only_after_a_word_that_numbers():
    assert [n.values[0] for n in numbers_in("World War I", "en")] == [1]
    assert numbers_in("I said I would", "en") == []
    assert [n.strong for n in numbers_in("Henry V and Phase V", "en")] == [False, True]


@pytest.mark.parametrize(
    ("source", "target", "language", "wrong"),
    _cases(
        ok=[
            ("中華民國113年度中央政府總預算", "the central government budget for 2024", "zh-Hant"),
            ("民國113年", "2024", "zh-Hant"),
            ("民國113年", "ROC year 113", "zh-Hant"),
            ("民国38年", "1949", "zh"),
            ("民國一百一十三年", "2024", "zh-Hant"),
            ("113年度預算", "the 2024 budget", "zh-Hant"),
        ],
        bad=[
            ("民國113年", "2023", "zh-Hant"),
            ("民國112年度", "fiscal 2024", "zh-Hant"),
        ],
    ),
)
def test_minguo_years(source, target, language, wrong):
    assert flagged(source, target, language) is wrong


@pytest.mark.parametrize(
    ("source", "target", "language", "wrong"),
    _cases(
        ok=[
            ("百分之七點五", "7.5%", "zh-Hant"),
            ("成長率為百分之二點三", "growth of 2.3%", "zh-Hant"),
            ("七點五萬人", "75,000 people", "zh-Hant"),
            ("百分比", "the percentage", "zh"),
            ("百分率が上がった", "the percentage rose", "ja"),
        ],
        bad=[
            ("百分之七點五", "7%", "zh-Hant"),
            ("七點五萬人", "7,500 people", "zh-Hant"),
        ],
    ),
)
def test_the_traditional_decimal_mark_and_words_for_percentage(source, target, language, wrong):
    assert flagged(source, target, language) is wrong
