"""Spacing: double, leading and trailing spaces, space before punctuation, ideographic spaces."""

from translate_flow.checks.base import CheckContext
from translate_flow.checks.spacing import SpacingCheck

CHECK = SpacingCheck()


def run(source: str, target: str, pair: tuple[str, str] = ("ja", "en")) -> list[str]:
    return [f.message for f in CHECK.check(source, target, CheckContext(*pair))]


def test_double_leading_and_trailing_spaces_are_flagged() -> None:
    assert run("政府は否定した。", "The  government denied it.") == ["Double space."]
    assert run("政府は否定した。", " The government denied it. ") == ["Space at the start or end."]


def test_what_the_source_does_itself_is_not_flagged() -> None:
    assert run("Dos  espacios", "Two  spaces", ("es", "en")) == []
    assert run(" Dos", " Two", ("es", "en")) == []


def test_a_space_before_punctuation_in_english() -> None:
    findings = run("政府は否定した。", "The government denied it , and left .")
    assert findings == ["A space before punctuation."]
    assert run("Dijo...", "He said ...", ("es", "en")) == []


def test_french_spacing_before_punctuation_is_not_english_spacing() -> None:
    assert run("Is it?", "Est-ce vrai ?", ("en", "fr")) == []


def test_an_ideographic_space_outside_cjk_is_flagged_but_not_in_japanese() -> None:
    assert len(run("岸田　文雄", "Fumio\u3000Kishida")) == 1
    assert run("Fumio Kishida", "岸田\u3000文雄", ("en", "ja")) == []


def test_spaces_around_placeholders_are_not_doubled() -> None:
    assert run("{1}政府{/1}は", "The {1}government{/1} denied") == []
    assert run("a{1/}b", "a {1/} b") == []
