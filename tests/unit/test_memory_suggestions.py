"""Inserting a remembered translation: its tags renumbered to this segment's, and the phrase
of a concordance search marked where it stands."""

import pytest

from translate_flow.markup.renumbering import renumber
from translate_flow.markup.source_tags import tag_source
from translate_flow.memory.concordance_view import _pattern, highlighted

HERE = tag_source('Read <em>El País</em> and <a href="https://x.example/">the report</a>.<br>Now.')


def test_tags_are_paired_by_kind_and_order_with_this_segments():
    # The remembered source had its link first, then the emphasis; here the emphasis (1) comes
    # first and the link is 2. Order of appearance decides, not the number.
    source, target = renumber(
        "Lean {1}el informe{/1} y {2}El País{/2}.{3/}Ya.",
        "Read {1}the report{/1} and {2}El País{/2}.{3/}Now.",
        HERE.tags,
    )
    assert source == "Lean {1}el informe{/1} y {2}El País{/2}.{3/}Ya."
    assert target == "Read {1}the report{/1} and {2}El País{/2}.{3/}Now."

    source, target = renumber("{4}A{/4} {7}B{/7}{9/}", "{7}b{/7} {4}a{/4}{9/}", HERE.tags)
    assert source == "{1}A{/1} {2}B{/2}{3/}"
    assert target == "{2}b{/2} {1}a{/1}{3/}"


def test_a_tag_with_no_counterpart_here_is_dropped_and_its_words_stay():
    plain = tag_source("No markup at all.")
    assert renumber("{1}Uno{/1} dos", "{1}One{/1} two", plain.tags) == ("Uno dos", "One two")
    one_pair = tag_source("<em>Uno</em> dos tres")
    assert renumber("{1}a{/1} {2}b{/2}", "{2}B{/2} {1}A{/1}", one_pair.tags) == (
        "{1}a{/1} b",
        "B {1}A{/1}",
    )


def test_a_remembered_text_that_would_be_refused_loses_its_tags_not_its_words():
    # Crossing pairs in a remembered target (an old import): inserted, it could not be saved.
    _, target = renumber("{1}a{/1} {2}b{/2}", "{1}a {2}b{/1} c{/2}", HERE.tags)
    assert target == "a b c"


def test_literal_braces_stay_literal():
    assert renumber("{1}x{/1}", "\\{1} is {1}x{/1}", HERE.tags)[1] == "\\{1} is {1}x{/1}"
    assert renumber("plain", "a \\{2} b", ())[1] == "a \\{2} b"


@pytest.mark.parametrize(
    ("text", "phrase", "shown"),
    [
        ("The Defence  Budget rose.", "defence budget", "The <mark>Defence  Budget</mark> rose."),
        ("防衛予算を増やす。予算案", "予算", "防衛<mark>予算</mark>を増やす。<mark>予算</mark>案"),
        ("a < b & c", "b & c", "a &lt; <mark>b &amp; c</mark>"),
    ],
)
def test_the_phrase_is_marked_where_it_stands_with_the_text_escaped(text, phrase, shown):
    assert str(highlighted(text, _pattern(phrase))) == shown


def test_a_phrase_that_runs_into_a_tag_is_left_unmarked_and_tags_are_chips():
    shown = str(highlighted("the {1}report{/1} says", _pattern("1}rep")))
    assert "<mark>" not in shown
    assert 'data-placeholder="{1}"' in shown
