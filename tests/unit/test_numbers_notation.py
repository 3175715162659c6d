"""How the numbers check reads each notation, and what it lets pass."""

import pytest

from translate_flow.checks.base import CheckContext, run_checks
from translate_flow.checks.numbers_check import NumbersCheck
from translate_flow.checks.numerals import kanji_value, numbers_in


def values(text, language):
    return [number.values[0] for number in numbers_in(text, language) if number.strong]


def findings(source, target, source_language="ja", target_language="en"):
    context = CheckContext(source_language, target_language)
    return [f.message for f in NumbersCheck().check(source, target, context)]


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("1,500.5 tonnes", "en", [1500.5]),
        ("１２３人", "ja", [123]),  # full-width
        ("١٢٣ شخصا", "ar", [123]),  # Arabic-Indic
        ("۴۵۰ دلار", "ar", [450]),  # Persian
        ("١٢٫٥٪", "ar", [12.5]),  # Arabic decimal mark
        ("1.500 Menschen, 1,5 Prozent", "de", [1500, 1.5]),
        ("1.500 personas, 2,5 %", "es", [1500, 2.5]),
        ("2,5 процента и 15 000 человек", "ru", [2.5, 15000]),
        ("15\u202f000 рублей", "ru", [15000]),
        ("1,500 people", "en", [1500]),
    ],
)
def test_digits_of_every_script_and_marks_by_the_languages_convention(text, language, expected):
    assert values(text, language) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("run", "expected"),
    [
        ("1兆5500億", 1.55e12),
        ("8千", 8000),
        ("3.5万", 35000),
        ("二〇二二", 2022),
        ("三十五", 35),
        ("百二十", 120),
        ("1,500万", 1.5e7),
        ("壱萬", 1e4),
        ("参拾", 30),
        ("1.5万亿", 1.5e12),
        ("一千零五", 1005),
    ],
)
def test_kanji_numerals_and_their_units(run, expected):
    value, _ = kanji_value(run)
    assert value == pytest.approx(expected)


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("1.5 million", "en", 1.5e6),
        ("$3bn", "en", 3e9),
        ("2 trillion", "en", 2e12),
        ("5.2 mn", "en", 5.2e6),
        ("2,4 Billionen Euro", "de", 2.4e12),
        ("2,3 Mrd. Euro", "de", 2.3e9),
        ("1.200 millones", "es", 1.2e9),
        ("2.300 mil millones", "es", 2.3e12),
        ("1,57 billones", "es", 1.57e12),
        ("350 тыс. тонн", "ru", 350000),
        ("36,6 трлн рублей", "ru", 36.6e12),
        ("٥٫٢ مليار دولار", "ar", 5.2e9),
        ("three hundred and twenty-five thousand", "en", 325000),
        ("Two million", "en", 2e6),
        ("ninety-nine", "en", 99),
    ],
)
def test_scale_words_and_spelled_numbers(text, language, expected):
    assert values(text, language) == [pytest.approx(expected)]


def test_percentages_in_every_form_match():
    assert findings("支持率は28.5%", "28.5 percent") == []
    assert findings("支持率は28.5％", "28.5%") == []
    assert findings("失业率为百分之五点二", "5.2%", "zh") == []
    assert findings("約三成が反対", "about 30% opposed", "zh") == []


def test_wari_is_tenths_as_a_proportion():
    assert findings("支持率は3割を下回った", "below 30%") == []
    assert findings("支持率は3割を下回った", "below 3%") != []


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("令和4年", "2022"),
        ("令和4年", "Reiwa 4"),
        ("令和元年", "2019"),
        ("平成元年", "1989"),
        ("昭和64年", "1989"),
        ("令和4年度", "fiscal 2022"),
        ("2022年度", "FY2022"),
        ("2022年", "2022"),
    ],
)
def test_era_and_fiscal_years_match_gregorian_years(source, target):
    assert findings(source, target) == []


def test_a_wrong_era_year_is_told_as_its_gregorian_year():
    assert findings("令和4年の調査", "the 2021 survey") == [
        "The source says 令和4年 (2022); the translation has 2021."
    ]


@pytest.mark.parametrize(
    ("source", "target", "matches"),
    [
        ("1兆551億円", "1.06 trillion yen", True),
        ("1兆551億円", "1.05 trillion yen", False),
        ("1兆5500億円", "1.55 trillion yen", True),
        ("1兆5500億円", "155 billion yen", False),
        ("1兆5500億円", "2 trillion yen", False),  # rounding to one digit needs "about"
        ("約1兆5500億円", "about 2 trillion yen", True),
        ("約1950人", "nearly 2,000 people", True),
        ("1950人", "2,000 people", False),
        ("2022年", "2020", False),  # a year is never rounded
        ("1万5532人", "15,500 people", True),
    ],
)
def test_rounding_tolerance(source, target, matches):
    assert (findings(source, target) == []) is matches


def test_ordinals_and_list_numbers():
    assert findings("第2条に違反", "violated Article 2") == []
    assert findings("第2条に違反", "violated Article 3") != []
    assert findings("第三者委員会の第三回会合", "the third meeting of the third-party panel") == []
    assert findings("2番目に多い", "the 2nd largest") == []


def test_spelled_numbers_match_digits_both_ways():
    assert findings("三十五人が死亡", "Thirty-five people died") == []
    assert findings("Thirty-five people died", "35人が死亡", "en", "ja") == []
    assert findings("三十五人が死亡", "Fifty-three people died") != []


def test_dates_with_month_names():
    assert findings("2026年12月6日に", "on December 6, 2026") == []
    assert findings("2026年12月6日に", "on November 6, 2026") != []
    assert findings("Am 6. Dezember 2026", "On December 6, 2026", "de") == []
    assert findings("el 23 de julio", "on June 23", "es") != []


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("詳細はhttps://example.jp/2024/12/ を参照", "See https://example.jp/2024/12/"),
        ("@user2024 が投稿", "posted by @user2024"),
        ("電話03-1234-5678", "call 03-1234-5678"),
        ("{1}重要{/1}な発表", "an {1}important{/1} announcement"),
        ("午前10時30分に", "at 10:30 a.m."),
        ("午後3時に", "at 3 p.m."),
        ("午後3時に", "at 15:00"),
        ("午後1時半ごろ", "at around 1:30 p.m."),
        ("岸田首相は6日、語った", "Kishida said Tuesday"),
        ("一部の専門家は", "some experts"),
        ("九州と四国で", "in Kyushu and Shikoku"),
        ("両首脳は", "the two leaders"),
        ("数十人が", "dozens of people"),
        ("G7首脳", "the Group of Seven leaders"),
        ("市場は2倍になった", "the market doubled"),
    ],
)
def test_no_false_alarm_on_what_is_not_a_quantity(source, target):
    assert findings(source, target) == []


def test_times_with_dot_or_colon_match():
    assert findings("um 10.30 Uhr", "at 10:30 a.m.", "de") == []
    assert findings("Sitzung um 10:30", "session at 10.30 a.m.", "de") == []


def test_placeholders_are_not_numbers_and_spans_count_them():
    source = "{1}予算{/1}は1兆5500億円"
    target = "The {1}budget{/1} is 155 billion yen"
    (finding,) = NumbersCheck().check(source, target, CheckContext("ja", "en"))
    (span,) = finding.source_spans
    assert source[span.start : span.end] == "1兆5500億"


def test_missing_and_extra_numbers_are_reported():
    assert findings("死者は35人、負傷者は120人", "35 people died") == [
        "The source says 120; the translation has no such number."
    ]
    assert findings("死者が出た", "35 people died") == [
        "The translation has 35, which is not in the source."
    ]


def test_the_check_is_registered_as_an_error():
    found = run_checks("1兆5500億円", "155 billion yen", CheckContext("ja", "en"))
    numbers = [f for f in found if f.check == "numbers"]
    assert numbers and numbers[0].severity.value == "error"
