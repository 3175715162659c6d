"""A snapshot row as the public reads it: the source's tags around the translated words in HTML
and Markdown, the words alone for titles, search and counts, and rows frozen before snapshots
kept the source's markup read as they always did."""

from typing import Any

import pytest

from translate_flow.markup.source_tags import tag_source
from translate_flow.publishing.exports import md_inline
from translate_flow.publishing.public_site import body_html, lay_out_rows
from translate_flow.publishing.published_text import Words, row_words

SOURCE = (
    '<a href="https://example.org/report" rel="noopener noreferrer nofollow">報告書</a>は'
    "<em>日経アジア</em>を引く。"
)


def row(kind: str, text: str, source_html: str | None = SOURCE, **more: Any) -> dict[str, Any]:
    found: dict[str, Any] = {"kind": kind, "source": "報告書は日経アジアを引く。", "text": text}
    if source_html is not None:
        found["source_html"] = source_html
    return found | more


def words(text: str, source: str = SOURCE) -> Words:
    return Words(text, tag_source(source).tags)


def test_a_row_renders_its_sources_elements_around_the_translated_words():
    laid = lay_out_rows(
        [row("paragraph", "{1}The report{/1} cites {2}Nikkei Asia{/2}.")], "ja", "Fallback"
    )
    assert str(body_html(laid)) == (
        '<p><a href="https://example.org/report" rel="noopener noreferrer nofollow">'
        "The report</a> cites <em>Nikkei Asia</em>.</p>"
    )
    assert laid.blocks[0].texts[0].plain == "The report cites Nikkei Asia."


def test_a_title_with_emphasis_is_html_in_the_heading_and_plain_words_elsewhere():
    title = row("title", "On {1}Nikkei Asia{/1}", source_html="<em>日経アジア</em>について")
    laid = lay_out_rows([title, row("paragraph", "Text.")], "ja", "Fallback")
    assert str(laid.title.html) == "On <em>Nikkei Asia</em>"
    assert laid.title.plain == "On Nikkei Asia"
    assert md_inline(laid.title) == "On *Nikkei Asia*"


def test_an_article_without_a_translated_title_falls_back_to_its_own_title_as_text():
    laid = lay_out_rows([row("paragraph", "Text.")], "ja", "Budget {1} & <b>")
    assert laid.title.plain == "Budget {1} & <b>"
    assert str(laid.title.html) == "Budget {1} &amp; &lt;b&gt;"


def test_rows_frozen_before_snapshots_kept_the_markup_read_as_plain_text_as_before():
    old = row("paragraph", "Braces {1} stay & <text>\nsecond line", source_html=None)
    assert str(body_html(lay_out_rows([old], "ja", "T"))) == (
        "<p>Braces {1} stay &amp; &lt;text&gt;<br>\nsecond line</p>"
    )
    left = row("paragraph", "", source_html=None, leave_untranslated=True)
    assert row_words(left).plain == "報告書は日経アジアを引く。"


def test_a_segment_left_untranslated_is_the_sources_own_markup():
    laid = lay_out_rows([row("paragraph", "", leave_untranslated=True)], "ja", "T")
    assert str(body_html(laid)) == f'<p lang="ja">{SOURCE}</p>'


def test_a_placeholder_that_does_not_fit_stays_text_and_never_breaks_the_page():
    laid = lay_out_rows([row("paragraph", "{1}open never closed and {7/}")], "ja", "T")
    assert str(body_html(laid)) == "<p>{1}open never closed and {7/}</p>"


@pytest.mark.parametrize(
    ("source", "text", "markdown"),
    [
        (SOURCE, "{1}The report{/1} cites {2}Nikkei Asia{/2}.", None),
        ("<strong>強く</strong>", "{1}strongly{/1}", "**strongly**"),
        ("<cite>日経</cite>", "in {1}Nikkei{/1}", "in *Nikkei*"),
        # Emphasis beside a space is no emphasis in Markdown: the space goes outside.
        ("<em>強調</em>", "a{1} word {/1}b", "a *word* b"),
        ("<sup>2</sup>", "m{1}2{/1} *star*", "m<sup>2</sup> \\*star\\*"),
        ("一<br>二", "one{1/}two", "one  \ntwo"),
        (
            '<a href="mailto:desk@example.org">連絡</a>',
            "{1}write{/1}",
            "[write](mailto:desk@example.org)",
        ),
        (
            '<a href="https://example.org/a (b)">x</a>',
            "{1}x{/1}",
            "[x](https://example.org/a%20%28b%29)",
        ),
    ],
)
def test_markdown_writes_links_and_emphasis_and_escapes_the_words(source, text, markdown):
    expected = markdown or "[The report](https://example.org/report) cites *Nikkei Asia*."
    assert md_inline(words(text, source)) == expected
