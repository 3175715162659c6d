"""Brackets and quotation marks: balanced as in the source, in the target language's style."""

from translate_flow.checks.base import CheckContext
from translate_flow.checks.brackets import BracketsCheck

CHECK = BracketsCheck()


def run(source: str, target: str, pair: tuple[str, str] = ("ja", "en")) -> list[str]:
    return [f.message for f in CHECK.check(source, target, CheckContext(*pair))]


def test_an_unclosed_bracket_is_flagged_at_its_place() -> None:
    target = "The party (LDP won."
    [finding] = CHECK.check("自民党（LDP）が勝った。", target, CheckContext("ja", "en"))
    assert "round brackets" in finding.message
    assert [target[s.start] for s in finding.target_spans] == ["("]


def test_a_closing_mark_never_opened_is_flagged() -> None:
    assert any("never opened" in m for m in run("彼は言った。", "He said) no."))


def test_corner_brackets_translated_as_curly_quotes_are_balanced() -> None:
    assert run("「増税しない」と述べた。", "He said “no tax rise”.") == []
    assert run("「『悪い』と思う」と述べた。", "He said “I think it ‘bad’”.") == []


def test_a_quotation_left_open_by_the_source_may_stay_open() -> None:
    # A quotation over several sentences is cut into segments: the first opens, the last closes.
    assert run("「今日は晴れだ。", "“It is sunny today.") == []
    assert run("明日は雨だ」と述べた。", "Tomorrow it rains,” he said.") == []


def test_placeholders_are_not_braces() -> None:
    assert run("{1}東京{/1}で", "in {1}Tokyo{/1}") == []
    assert any("braces" in m for m in run("東京で", "in {Tokyo"))


def test_german_low_quotes_close_with_a_high_one() -> None:
    assert run("He said “no”.", "Er sagte „nein“.", ("en", "de")) == []


def test_straight_quotes_left_open_are_flagged() -> None:
    assert any("straight" in m for m in run("彼は言った。", 'He said "no.'))
    assert run("彼は言った。", 'He said "no."') == []


def test_japanese_marks_in_an_english_target_are_not_its_style() -> None:
    [message] = run("「はい」と述べた。", "He said 「yes」.")
    assert "「 → “" in message and "」 → ”" in message
    assert len(run("（注）", "（Note）")) == 1


def test_guillemets_are_not_english_but_are_french_and_russian() -> None:
    assert len(run("Dijo «sí».", "He said «yes».", ("es", "en"))) == 1
    assert run("He said “yes”.", "Il a dit «oui».", ("en", "fr")) == []
    assert run("He said “yes”.", "Он сказал «да».", ("en", "ru")) == []


def test_a_japanese_or_chinese_target_is_not_told_its_marks() -> None:
    assert run("He said “yes”.", "彼は“はい”と言った。", ("en", "ja")) == []
    assert run("He said (yes).", "彼は（はい）と言った。", ("en", "ja")) == []
    assert run("He read “Jane Eyre”.", "他读了《简·爱》。", ("en", "zh")) == []
