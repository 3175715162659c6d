"""End punctuation: questions, exclamations and full stops across scripts."""

from translate_flow.checks.base import CheckContext
from translate_flow.checks.punctuation import PunctuationCheck

CHECK = PunctuationCheck()


def run(source: str, target: str, pair: tuple[str, str] = ("ja", "en")) -> list[str]:
    context = CheckContext(*pair)
    if not CHECK.applies(source, target, context):
        return []
    return [f.message for f in CHECK.check(source, target, context)]


def test_fullwidth_and_arabic_marks_match_their_ascii_ones() -> None:
    assert run("本当ですか？", "Is that true?") == []
    assert run("政府は否定した。", "The government denied it.") == []
    assert run("止めろ！", "Stop it!") == []
    assert run("هل هذا صحيح؟", "Is that true?", ("ar", "en")) == []
    assert run("他说了什么？", "What did he say?", ("zh", "en")) == []


def test_a_question_that_lost_its_question_mark_is_flagged() -> None:
    [message] = run("本当ですか？", "Is that true.")
    assert "question mark" in message


def test_a_sentence_that_lost_its_end_is_flagged_and_a_headline_that_gained_one() -> None:
    assert len(run("政府は否定した。", "The government denied it")) == 1
    assert len(run("Los embalses del sur", "The reservoirs of the south.", ("es", "en"))) == 1


def test_closing_quotes_brackets_and_tags_are_looked_past() -> None:
    assert run("「はい」と述べた。", "“Yes,” he said.") == []
    assert run("{1}政府は否定した。{/1}", "{1}The government denied it.{/1}") == []
    assert run("Dijo: «Sí».", "He said: “Yes.”", ("es", "en")) == []


def test_japanese_questions_ending_in_ka_maru_may_become_questions() -> None:
    assert run("本当に必要なのか。", "Is it really needed?") == []


def test_cjk_exclamations_may_be_toned_down_but_spanish_ones_not() -> None:
    assert run("大勝利だ！", "It is a great victory.") == []
    assert len(run("¡Qué victoria!", "What a victory.", ("es", "en"))) == 1


def test_an_abbreviation_ending_a_headline_is_not_a_full_stop() -> None:
    assert run("Las cuentas de Apple", "The accounts of Apple Inc.", ("es", "en")) == []
    assert run("Elecciones en EE. UU", "Elections in the U.S.", ("es", "en")) == []


def test_ellipsis_and_colon_count_as_an_end() -> None:
    assert run("そして…", "And then...") == []
    assert run("理由は次の通り：", "The reasons are as follows.") == []


def test_segments_without_letters_say_nothing() -> None:
    assert run("2024", "2024.") == []
