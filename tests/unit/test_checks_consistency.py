"""Consistency: one source sentence translated two ways in one article."""

from translate_flow.checks.base import CheckContext
from translate_flow.checks.consistency import ConsistencyCheck

CHECK = ConsistencyCheck()


def run(source: str, target: str, siblings: list[tuple[str, str]]):  # type: ignore[no-untyped-def]
    context = CheckContext("ja", "en", siblings=siblings)
    if not CHECK.applies(source, target, context):
        return []
    return CHECK.check(source, target, context)


def test_the_same_sentence_translated_two_ways_is_flagged_with_the_other_form() -> None:
    siblings = [("政府は否定した。", "The government denied it."), ("他の文。", "Another.")]
    [finding] = run("政府は否定した。", "The government rejected it.", siblings)
    assert "“The government denied it.”" in finding.message


def test_width_case_tags_and_spacing_do_not_make_a_difference() -> None:
    siblings = [("{1}ＮＨＫ{/1}によると", "According to {1}NHK{/1}")]
    assert run("NHKによると", "according to  NHK", siblings) == []


def test_untranslated_siblings_and_sentences_without_letters_say_nothing() -> None:
    assert run("政府は否定した。", "It was denied.", [("政府は否定した。", "")]) == []
    assert run("――", "—", [("――", "--")]) == []
    assert run("政府は否定した。", "It was denied.", []) == []


def test_other_sentences_are_not_compared() -> None:
    assert run("政府は否定した。", "It was denied.", [("首相は否定した。", "He denied it.")]) == []
