"""The glossary check: a term's allowed forms, forbidden forms and do-not-translate terms."""

from dataclasses import replace

from translate_flow.checks.base import CheckContext, Severity
from translate_flow.checks.glossary_check import GlossaryCheck
from translate_flow.terms.finding import FoundTerm

CHECK = GlossaryCheck()


def found(
    source: str,
    text: str,
    targets: tuple[str, ...] = (),
    *,
    forbidden: tuple[tuple[str, str], ...] = (),
    do_not_translate: bool = False,
    case_sensitive: bool = False,
    term_id: int = 1,
) -> FoundTerm:
    start = text.index(source)
    return FoundTerm(
        term_id=term_id,
        source=source,
        found=source,
        start=start,
        end=start + len(source),
        targets=targets,
        forbidden=forbidden,
        note="",
        category="term",
        case_sensitive=case_sensitive,
        whole_word=True,
        do_not_translate=do_not_translate,
    )


def run(source: str, target: str, terms: list[FoundTerm], pair: tuple[str, str] = ("ja", "en")):  # type: ignore[no-untyped-def]
    context = CheckContext(*pair, terms=terms, plain_source=source)
    if not CHECK.applies(source, target, context):
        return []
    return CHECK.check(source, target, context)


BUDGET_SOURCE = "思いやり予算の増額を求めた。"


def budget(**fields) -> FoundTerm:  # type: ignore[no-untyped-def]
    return found("思いやり予算", BUDGET_SOURCE, ("host-nation support", "HNS"), **fields)


def test_a_term_translated_as_the_glossary_says_is_fine() -> None:
    assert run(BUDGET_SOURCE, "They asked for more host-nation support.", [budget()]) == []


def test_any_allowed_form_counts_case_and_width_aside() -> None:
    assert run(BUDGET_SOURCE, "They asked for more ＨＮＳ.", [budget()]) == []
    assert run(BUDGET_SOURCE, "Host-Nation Support should grow.", [budget()]) == []


def test_a_term_with_none_of_its_forms_is_reported_with_the_desks_form() -> None:
    [finding] = run(BUDGET_SOURCE, "They asked for a larger budget.", [budget()])
    assert finding.check == "glossary" and finding.severity is Severity.ERROR
    assert "“host-nation support”" in finding.message and "“HNS”" in finding.message
    assert [(s.start, s.end) for s in finding.source_spans] == [(0, 6)]


def test_a_term_spans_map_through_the_sources_placeholders() -> None:
    source = "{1}思いやり予算{/1}の増額を求めた。"
    context = CheckContext("ja", "en", terms=[budget()], plain_source=BUDGET_SOURCE)
    [finding] = CHECK.check(source, "A larger budget.", context)
    assert [(s.start, s.end) for s in finding.source_spans] == [(3, 9)]


def test_a_form_is_a_whole_word_in_english_but_plurals_and_possessives_count() -> None:
    bank = found("日銀", "日銀が決めた。", ("Bank of Japan", "BOJ"))
    assert run("日銀が決めた。", "The BOJ's board decided.", [bank]) == []
    assert len(run("日銀が決めた。", "The BOJX board decided.", [bank])) == 1
    banks = found("銀行", "銀行が決めた。", ("bank",))
    assert run("銀行が決めた。", "The banks decided.", [banks]) == []


def test_in_a_japanese_target_a_form_is_found_inside_words() -> None:
    term = found("Bank of Japan", "The Bank of Japan decided.", ("日本銀行",))
    assert run("The Bank of Japan decided.", "日本銀行は決めた。", [term], ("en", "ja")) == []


def test_a_forbidden_form_is_reported_with_its_reason() -> None:
    term = budget(forbidden=(("sympathy budget", "a press nickname"),))
    findings = run(BUDGET_SOURCE, "They asked for a bigger sympathy budget.", [term])
    forbidden = [f for f in findings if "not to be used" in f.message]
    assert len(forbidden) == 1 and "a press nickname" in forbidden[0].message
    target = "They asked for a bigger sympathy budget."
    [span] = forbidden[0].target_spans
    assert target[span.start : span.end] == "sympathy budget"


def test_a_forbidden_form_inside_an_allowed_one_is_not_reported() -> None:
    ldp = found(
        "自民党", "自民党は勝った。", ("Liberal Democratic Party",), forbidden=(("Party", ""),)
    )
    assert run("自民党は勝った。", "The Liberal Democratic Party won.", [ldp]) == []


def test_a_do_not_translate_term_changed_is_reported() -> None:
    source = "El diario El País informó."
    term = found("El País", source, do_not_translate=True)
    [finding] = run(source, "The newspaper The Country reported.", [term], ("es", "en"))
    assert "not to be translated" in finding.message and "“El País”" in finding.message
    assert run(source, "The newspaper El País reported.", [term], ("es", "en")) == []


def test_a_case_sensitive_term_must_keep_its_case() -> None:
    term = found("NHK", "NHKが報じた。", ("NHK",), case_sensitive=True)
    assert len(run("NHKが報じた。", "Nhk reported.", [term])) == 1
    assert run("NHKが報じた。", "NHK reported.", [term]) == []


def test_no_terms_no_findings() -> None:
    assert run(BUDGET_SOURCE, "Anything at all.", []) == []
    context = CheckContext("ja", "en", terms=None)
    assert not CHECK.applies(BUDGET_SOURCE, "Anything.", context)


def test_a_term_found_twice_is_reported_once() -> None:
    source = "日銀と日銀"
    first = found("日銀", source, ("BOJ",))
    second = replace(first, start=3, end=5)
    assert len(run(source, "The bank and the bank.", [first, second])) == 1
