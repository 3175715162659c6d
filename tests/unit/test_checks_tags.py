"""Inline tags: missing, extra, twice, broken, and nested otherwise than in the source."""

from translate_flow.checks.base import CheckContext, Severity
from translate_flow.checks.tags_check import TagsCheck

CHECK = TagsCheck()
CONTEXT = CheckContext("es", "en")
SOURCE = "Lean el {1}informe {2}anual{/2}{/1} de {3}El País{/3},{4/}sin prisa."


def run(source: str, target: str):  # type: ignore[no-untyped-def]
    if not CHECK.applies(source, target, CONTEXT):
        return []
    return CHECK.check(source, target, CONTEXT)


def test_all_tags_kept_in_another_order_is_fine() -> None:
    target = "Read {3}El País{/3}'s {1}{2}annual{/2} report{/1},{4/}slowly."
    assert run(SOURCE, target) == []


def test_a_missing_tag_is_a_warning_naming_it() -> None:
    [finding] = run(SOURCE, "Read the {1}{2}annual{/2} report{/1} of El País,{4/}slowly.")
    assert finding.severity is Severity.WARNING
    assert "{3}…{/3}" in finding.message and "{/3}" not in finding.message.replace("{3}…{/3}", "")
    assert [(s.start, s.end) for s in finding.source_spans] == [(39, 42), (49, 53)]


def test_a_missing_line_break_is_named() -> None:
    [finding] = run("a{1/}b", "a b")
    assert "{1/}" in finding.message


def test_a_pair_taken_out_of_its_parent_is_a_nesting_warning() -> None:
    target = "Read the {2}annual{/2} {1}report{/1} of {3}El País{/3},{4/}slowly."
    [finding] = run(SOURCE, target)
    assert finding.severity is Severity.WARNING and "inside {1}" in finding.message


def test_a_pair_put_inside_another_is_a_nesting_warning() -> None:
    [finding] = run("{1}a{/1} {2}b{/2}", "{1}a {2}b{/2}{/1}")
    assert "is inside {1}" in finding.message


def test_tags_the_source_has_not_or_written_twice_or_crossing_are_errors() -> None:
    assert [f.severity for f in run("{1}a{/1}", "{1}a{/1} {5/}")] == [Severity.ERROR]
    assert Severity.ERROR in {f.severity for f in run("{1}a{/1}", "{1}a{/1} {1}b{/1}")}
    crossing = run("{1}a{/1}{2}b{/2}", "{1}a{2}b{/1}c{/2}")
    assert any("not closed in order" in f.message for f in crossing)


def test_escaped_braces_are_text() -> None:
    assert run("precio \\{1}", "price \\{1}") == []
