"""Length ratio: a translation far shorter or longer than the pair's usual ratio."""

from translate_flow.checks.base import CheckContext
from translate_flow.checks.length_ratio import LengthRatioCheck

CHECK = LengthRatioCheck()
JA = "政府は来年度予算案で防衛費を大幅に増やす方針を固めた。"  # 27 characters
EN = "The government has decided to sharply increase defence spending in next year's budget."


def run(source: str, target: str, pair=("ja", "en"), ratio=None) -> list[str]:  # type: ignore[no-untyped-def]
    return [f.message for f in CHECK.check(source, target, CheckContext(*pair, length_ratio=ratio))]


def test_a_usual_translation_says_nothing() -> None:
    assert run(JA, EN) == []


def test_a_half_translated_sentence_is_flagged_as_short() -> None:
    [message] = run(JA, "The government decided.")
    assert "missing" in message


def test_a_sentence_translated_twice_is_flagged_as_long() -> None:
    [message] = run(JA, f"{EN} {EN} {EN}")
    assert "twice" in message


def test_the_desks_own_ratio_wins_over_the_table() -> None:
    assert run(JA, EN, ratio=(1.5, 0.1)) != []
    assert run(JA, "x" * 40, ratio=(1.5, 0.1)) == []


def test_digits_and_latin_in_a_japanese_source_keep_their_length() -> None:
    source = "詳細は https://example.jp/reports/2024/budget を参照。"
    assert run(source, "For details, see https://example.jp/reports/2024/budget.") == []


def test_short_segments_and_unknown_pairs_say_nothing() -> None:
    assert run("東京", "Tokyo, the capital of Japan, where the meeting was held") == []
    assert run(JA, "Short.", ("ja", "sw")) == []


def test_tags_do_not_count_as_length() -> None:
    tagged = "{1}The government{/1} has decided to sharply increase defence spending."
    assert run(JA, tagged) == []
