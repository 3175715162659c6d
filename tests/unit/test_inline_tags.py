"""Inline tags: a source segment's markup as numbered placeholders, the rules for placing them
in a translation, and their rendering back into the source's elements."""

import re

import pytest
from markupsafe import Markup

from translate_flow.intake.segmentation import segment_article
from translate_flow.markup.chips import with_chips
from translate_flow.markup.placement import PlaceholderError, check_placement, missing_tags
from translate_flow.markup.rendering import plain, to_html, tree
from translate_flow.markup.source_tags import Tag, tag_source
from translate_flow.text.diffing import Op, diff_text, merge3, render_inline
from translate_flow.text.placeholders import (
    escape_literal,
    has_placeholders,
    pieces,
    strip_placeholders,
)
from translate_flow.text.sanitising import INLINE_TAGS, sanitise_html
from translate_flow.text.wordcount import count_words

WHOLE_PLACEHOLDERS = re.compile(r"(?:[^{}]|\{/?\d+/?\})*")
LINK = "https://example.org/report?year=2026&amp;part=2"
REPORT = (
    f'Read <a href="{LINK}" rel="noopener noreferrer nofollow">the <em>full</em> report</a>'
    "<br>in <cite>Nikkei Asia</cite>."
)


def segment_html(body: str) -> str:
    """A body paragraph as the segmenter stores it (sanitised inline markup)."""
    drafts = segment_article("Title", "", f"<p>{body}</p>")
    return drafts[1].html


def test_the_source_reads_as_numbered_placeholders_in_document_order():
    source = tag_source(segment_html(REPORT))
    assert source.text == "Read {1}the {2}full{/2} report{/1}{3/}in {4}Nikkei Asia{/4}."
    assert [(tag.id, tag.element, tag.kind) for tag in source.tags] == [
        (1, "a", "paired"),
        (2, "em", "paired"),
        (3, "br", "single"),
        (4, "cite", "paired"),
    ]
    assert source.tags[0].href == "https://example.org/report?year=2026&part=2"
    assert source.tags[0].as_json() == {
        "id": 1,
        "kind": "paired",
        "element": "a",
        "href": "https://example.org/report?year=2026&part=2",
        "title": "link to https://example.org/report?year=2026&part=2",
    }
    assert source.tag(4) == source.tags[3]
    assert source.tag(5) is None


def test_plain_segments_have_no_tags_and_keep_their_text():
    source = tag_source(segment_html("No markup at all &amp; no braces"))
    assert source == tag_source("No markup at all &amp; no braces")
    assert source.text == "No markup at all & no braces"
    assert source.tags == ()


def test_source_text_that_looks_like_a_placeholder_stays_text():
    source = tag_source(segment_html("Templates write {1} and {/2}, sets {a}"))
    assert source.text == "Templates write \\{1} and \\{/2}, sets {a}"
    assert not has_placeholders(source.text)
    assert strip_placeholders(source.text) == "Templates write {1} and {/2}, sets {a}"
    assert to_html(source.text, source.tags) == "Templates write {1} and {/2}, sets {a}"


@pytest.mark.parametrize("element", sorted(INLINE_TAGS - {"br"}))
def test_every_inline_element_the_sanitiser_keeps_round_trips(element):
    attributes = {"a": f' href="{LINK}"', "abbr": ' title="Bank of Japan"'}.get(element, "")
    stored = segment_html(f'The <{element}{attributes} lang="en">yen</{element}> fell')
    source = tag_source(stored)
    assert source.text == "The {1}yen{/1} fell"
    assert source.tags[0].element == element
    # The source's own placement renders back to the source's own markup, sanitised.
    assert to_html(source.text, source.tags) == stored == sanitise_html(stored)


def test_a_line_break_round_trips_as_a_single_tag():
    stored = segment_html("first line<br>second line")
    source = tag_source(stored)
    assert source.text == "first line{1/}second line"
    assert to_html(source.text, source.tags) == stored


@pytest.mark.parametrize(
    ("text", "culprit", "says"),
    [
        ("{9}the report{/9}", "{9}", "not a tag of the source segment"),
        ("{1}the {2}full{/1} report{/2}", "{/1}", "crosses {2}"),
        ("the report{/1}", "{/1}", "closes a tag that is not open"),
        ("{1}the report", "{1}", "never closed"),
        ("{1}a{/1} and {1}b{/1}", "{1}", "used twice"),
        ("{1/} the report", "{1/}", "is not how tag 1 is written"),
        ("the{3}line{/3}", "{3}", "{3/}"),
    ],
)
def test_placements_a_save_refuses_name_the_placeholder(text, culprit, says):
    tags = tag_source(segment_html(REPORT)).tags
    with pytest.raises(PlaceholderError) as refused:
        check_placement(text, tags)
    assert refused.value.placeholder == culprit
    assert culprit in refused.value.message
    assert says in refused.value.message


def test_a_segment_without_tags_tells_how_to_write_braces():
    with pytest.raises(PlaceholderError, match=r"Write \\\{1\} for the characters"):
        check_placement("see {1}", ())
    assert check_placement("see \\{1}", ()).complete


def test_any_order_and_nesting_is_allowed_and_missing_tags_are_reported():
    tags = tag_source(segment_html(REPORT)).tags
    placement = check_placement("In {4}Nikkei Asia{/4}, {2}{1}the report{/1}{/2}.", tags)
    assert placement.used == {1, 2, 4}
    assert [tag.id for tag in placement.missing] == [3]
    assert not placement.complete
    assert check_placement("no tags placed yet", tags).missing == tags
    assert missing_tags("{1}x{/2}", tags) == (tags[2], tags[3])


def test_rendering_puts_the_source_elements_around_the_translated_words():
    tags = tag_source(segment_html(REPORT)).tags
    rendered = to_html("Lisez {1}le rapport {2}complet{/2}{/1}{3/}dans {4}Nikkei Asia{/4}.", tags)
    assert rendered == (
        'Lisez <a href="https://example.org/report?year=2026&amp;part=2" '
        'rel="noopener noreferrer nofollow">le rapport <em>complet</em></a><br>'
        "dans <cite>Nikkei Asia</cite>."
    )
    assert isinstance(rendered, Markup)


def test_rendering_never_fails_and_shows_what_does_not_fit_as_text():
    tags = tag_source(segment_html(REPORT)).tags
    assert to_html("{9}x{/9} <b>{1}a{2}b{/1}{/2}", tags) == ("{9}x{/9} &lt;b&gt;{1}a<em>b{/1}</em>")
    assert to_html("{1}unclosed", tags) == "{1}unclosed"
    assert to_html("line one\nline two", ()) == "line one<br>\nline two"


def test_words_alone_for_search_summaries_and_counts():
    tags = tag_source(segment_html(REPORT)).tags
    text = "Read {1}the {2}full{/2} report{/1}{3/}in {4}Nikkei{/4}"
    assert plain(tree(text, tags)) == "Read the full report in Nikkei"
    assert strip_placeholders(text) == "Read the full report in Nikkei"
    assert count_words(text) == count_words("Read the full report in Nikkei") == 6
    assert count_words("円{1}安{/1}") == 2


def test_a_tag_is_one_token_in_diffs_and_merges():
    changes = diff_text("Read {1}the report{/1} now", "Read the {1}report{/1} now")
    assert [(c.op, c.text) for c in changes if c.op is not Op.EQUAL] == [
        (Op.DELETE, "{1}"),
        (Op.INSERT, "{1}"),
    ]
    japanese = diff_text("円{1}安{/1}が続く", "{1}円安{/1}が続く", granularity="char")
    assert "".join(c.text for c in japanese if c.op is not Op.INSERT) == "円{1}安{/1}が続く"
    for changes in (japanese, diff_text("a {12}b{/12} c", "a b c {12}d{/12}")):
        # Every change holds whole placeholders or none: never a brace without its tag.
        assert all(WHOLE_PLACEHOLDERS.fullmatch(change.text) for change in changes), changes
    assert (
        merge3(
            "Read {1}the report{/1} now",
            "Read the {1}report{/1} now",
            "Read {1}the report{/1} today",
        )
        == "Read the {1}report{/1} today"
    )


def test_pieces_resolve_escapes_and_keep_positions():
    parts = pieces("a\\{1}b{2}c{/2}{3/}")
    assert parts[0] == "a{1}b"
    assert [(p.role, p.id, p.start, p.end) for p in parts[1:] if not isinstance(p, str)] == [
        ("open", 2, 6, 9),
        ("close", 2, 10, 14),
        ("single", 3, 14, 18),
    ]
    assert escape_literal("{1} {x} {/22} {3/}") == "\\{1} {x} \\{/22} \\{3/}"


def test_chips_replace_placeholders_in_escaped_html_and_in_diffs():
    tags = (Tag(1, "a", (("href", 'https://example.org/?q="x"'),)), Tag(2, "br"))
    chips = with_chips("<i>{1}words{/1}{2/} \\{1}", tags)
    assert "&lt;i&gt;" in chips
    assert chips.count('class="tag-chip') == 3
    assert 'data-placeholder="{1}"' in chips and 'data-placeholder="{/1}"' in chips
    assert 'title="start of tag 1: link to https://example.org/?q=&#34;x&#34;"' in chips
    assert "tag 2: line break" in chips
    assert chips.endswith(" {1}")  # the escaped literal is shown as its characters
    diffed = with_chips(render_inline(diff_text("a {1}b{/1}", "a b")), tags)
    assert "<del>" in diffed and 'data-placeholder="{/1}"' in diffed
    assert "tag-chip-unknown" in with_chips("{7}", tags)
