"""Segmentation: an article becomes the ordered segments translators work through."""

import re
import time
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from translate_flow.core.errors import ValidationFailed
from translate_flow.domain.models.segment_kinds import SegmentKind
from translate_flow.intake.formats import BodyFormat, body_to_html
from translate_flow.intake.segmentation import SegmentDraft, segment_article
from translate_flow.text.sanitising import BLOCK_TAGS, sanitise_html

REL = 'rel="noopener noreferrer nofollow"'
TITLE, STANDFIRST, HEADING, PARAGRAPH, QUOTE, LIST_ITEM, CAPTION = (
    SegmentKind.TITLE,
    SegmentKind.STANDFIRST,
    SegmentKind.HEADING,
    SegmentKind.PARAGRAPH,
    SegmentKind.QUOTE,
    SegmentKind.LIST_ITEM,
    SegmentKind.CAPTION,
)


def body(body_html: str) -> list[tuple[SegmentKind, str]]:
    """The body's segments as (kind, text), without the title."""
    return [(draft.kind, draft.text) for draft in segment_article("T", "", body_html)[1:]]


def test_article_is_split_into_blocks_in_document_order():
    article = """
      <p>Le gouvernement a présenté mardi son projet de réforme.</p>
      <h2>Ce qui change</h2>
      <p>Trois mesures principales :</p>
      <ul>
        <li>l’âge légal passe à 64 ans ;</li>
        <li>la durée de cotisation augmente
          <ul><li>dès 2027,</li><li>pour tous.</li></ul>
        </li>
      </ul>
      <blockquote><p>« Nous irons jusqu’au bout. »</p><p>Sans recours au 49.3.</p></blockquote>
      <figure><img src="https://x.org/a.jpg"><figcaption>La Première ministre, mardi.</figcaption>
      </figure>
      <h3>Réactions</h3>
      <p>Les syndicats appellent à manifester.</p>
    """
    drafts = segment_article("Retraites : le projet", "Ce que contient le texte.", article)
    assert [(draft.kind, draft.text) for draft in drafts] == [
        (TITLE, "Retraites : le projet"),
        (STANDFIRST, "Ce que contient le texte."),
        (PARAGRAPH, "Le gouvernement a présenté mardi son projet de réforme."),
        (HEADING, "Ce qui change"),
        (PARAGRAPH, "Trois mesures principales :"),
        (LIST_ITEM, "l’âge légal passe à 64 ans ;"),
        # The nested list's items are their own segments, not repeated in their parent's.
        (LIST_ITEM, "la durée de cotisation augmente"),
        (LIST_ITEM, "dès 2027,"),
        (LIST_ITEM, "pour tous."),
        (QUOTE, "« Nous irons jusqu’au bout. »"),
        (QUOTE, "Sans recours au 49.3."),
        (CAPTION, "La Première ministre, mardi."),
        (HEADING, "Réactions"),
        (PARAGRAPH, "Les syndicats appellent à manifester."),
    ]


@pytest.mark.parametrize(
    ("body_html", "expected"),
    [
        pytest.param(
            "<h1>One</h1><h4>Four</h4><h6>Six</h6>",
            [(HEADING, "One"), (HEADING, "Four"), (HEADING, "Six")],
            id="headings",
        ),
        pytest.param(
            "<blockquote>Bare quoted text<p>and a quoted paragraph</p></blockquote>",
            [(QUOTE, "Bare quoted text"), (QUOTE, "and a quoted paragraph")],
            id="quote-paragraphs",
        ),
        pytest.param(
            "<ol><li><p>Loose item</p></li><li>Tight item</li></ol>",
            [(LIST_ITEM, "Loose item"), (LIST_ITEM, "Tight item")],
            id="paragraph-inside-list-item",
        ),
        pytest.param(
            "<ul><li>Outer<ul><li>Inner</li></ul>and its tail</li></ul>",
            [(LIST_ITEM, "Outer"), (LIST_ITEM, "Inner"), (LIST_ITEM, "and its tail")],
            id="text-after-nested-list",
        ),
        pytest.param(
            "<figure><blockquote>Quoted</blockquote><figcaption>Who said it</figcaption></figure>",
            [(QUOTE, "Quoted"), (CAPTION, "Who said it")],
            id="figure-with-quote",
        ),
        pytest.param(
            "<table><caption>Results</caption><tr><th>Party</th><td>31%</td></tr></table>",
            [(CAPTION, "Results"), (PARAGRAPH, "Party"), (PARAGRAPH, "31%")],
            id="table-caption-and-cells",
        ),
        pytest.param(
            "Bare text<div>in a div</div>after it<hr>past the rule",
            [
                (PARAGRAPH, "Bare text"),
                (PARAGRAPH, "in a div"),
                (PARAGRAPH, "after it"),
                (PARAGRAPH, "past the rule"),
            ],
            id="bare-text-runs",
        ),
        pytest.param(
            "<p></p><p> \n </p><p><br></p><li></li><p>Kept</p><h2>  </h2>",
            [(PARAGRAPH, "Kept")],
            id="empty-blocks-skipped",
        ),
    ],
)
def test_each_block_becomes_a_segment_of_its_kind(body_html, expected):
    assert body(body_html) == expected


def test_inline_markup_and_links_are_kept_with_rel():
    drafts = segment_article(
        "T",
        "",
        '<p>Read <a href="https://www.elpais.com/x">the <em>full</em> report</a> and '
        "<strong>act</strong>, x<sup>2</sup>.</p>",
    )
    assert drafts[1] == SegmentDraft(
        PARAGRAPH,
        f'Read <a href="https://www.elpais.com/x" {REL}>the <em>full</em> report</a> and '
        "<strong>act</strong>, x<sup>2</sup>.",
        "Read the full report and act, x2.",
    )


def test_link_addresses_keep_their_query_strings():
    [_, draft] = segment_article(
        "T", "", "<p><a href='https://x.org/?q=l&apos;été&amp;page=2' title='A &quot;B&quot;'>x</a>"
    )
    assert draft.html == (
        f'<a href="https://x.org/?q=l\'été&amp;page=2" title="A &quot;B&quot;" {REL}>x</a>'
    )


def test_line_breaks_stay_inside_one_paragraph():
    [_, draft] = segment_article("T", "", "<p><br>Line one<br><br>\nLine two<br></p>")
    assert draft == SegmentDraft(PARAGRAPH, "Line one<br><br>Line two", "Line one Line two")


def test_whitespace_is_collapsed_but_no_break_spaces_are_text():
    [_, draft] = segment_article("T", "", "<p>\n  Il a dit :&nbsp;« <em> non </em> »  \n</p>")
    assert draft.text == "Il a dit :\xa0« non »"
    assert draft.html == "Il a dit :\xa0« <em>non </em>»"


def test_title_and_standfirst_are_plain_text():
    drafts = segment_article("  Fish &  <chips>\n", " A <b>bold</b> claim ", "<p>Body</p>")
    assert drafts[0] == SegmentDraft(TITLE, "Fish &amp; &lt;chips&gt;", "Fish & <chips>")
    assert drafts[1] == SegmentDraft(
        STANDFIRST, "A &lt;b&gt;bold&lt;/b&gt; claim", "A <b>bold</b> claim"
    )


@pytest.mark.parametrize("standfirst", ["", "  \n "])
def test_blank_standfirst_is_left_out(standfirst):
    kinds = [draft.kind for draft in segment_article("T", standfirst, "<p>Body</p>")]
    assert kinds == [TITLE, PARAGRAPH]


def test_decomposed_text_comes_out_composed():
    drafts = segment_article("Ame\u0301lie", "", "<p>Cafe\u0301 a\u0300 <em>Mu\u0308nchen</em></p>")
    assert drafts[0].text == "Amélie"
    assert drafts[1].text == "Café à München"
    assert drafts[1].html == "Café à <em>München</em>"
    assert all(unicodedata.is_normalized("NFC", draft.html + draft.text) for draft in drafts)


@pytest.mark.parametrize(
    ("body_html", "html", "text"),
    [
        pytest.param(
            "<p>Safe<script>alert('x')</script> text</p>", "Safe text", "Safe text", id="script"
        ),
        pytest.param(
            '<p onclick="steal()" onmouseover="x()">Click <b onclick="y()">me</b></p>',
            "Click <b>me</b>",
            "Click me",
            id="event-handlers",
        ),
        pytest.param(
            '<p><a href="javascript:alert(document.cookie)">Win</a></p>',
            f"<a {REL}>Win</a>",
            "Win",
            id="javascript-url",
        ),
        pytest.param(
            '<p><a href="JaVaScRiPt&#58;alert(1)" target="_top">Win</a></p>',
            f"<a {REL}>Win</a>",
            "Win",
            id="obfuscated-javascript-url",
        ),
    ],
)
def test_active_content_never_reaches_a_segment(body_html, html, text):
    [_, draft] = segment_article("T", "", body_html)
    assert (draft.html, draft.text) == (html, text)


@pytest.mark.parametrize(
    ("body_html", "expected"),
    [
        pytest.param(
            "<p>First <em>unclosed<p>Second paragraph",
            [(PARAGRAPH, "First unclosed"), (PARAGRAPH, "Second paragraph")],
            id="unclosed-tags",
        ),
        pytest.param(
            "<div><p>Inside</p></div></div></div><p>Outside</p>",
            [(PARAGRAPH, "Inside"), (PARAGRAPH, "Outside")],
            id="stray-closing-divs",
        ),
        pytest.param(
            "<ul><li>One<li>Two</ul><p>After",
            [(LIST_ITEM, "One"), (LIST_ITEM, "Two"), (PARAGRAPH, "After")],
            id="unclosed-list-items",
        ),
        pytest.param(
            "<b><p>Bold across</b> blocks</p>",
            [(PARAGRAPH, "Bold across blocks")],
            id="misnested-inline",
        ),
    ],
)
def test_malformed_html_is_segmented_sensibly(body_html, expected):
    assert body(body_html) == expected


def test_inline_element_around_blocks_leaves_each_segment_balanced():
    drafts = segment_article("T", "", "<em><p>One</p>and a tail</em>")
    assert [draft.html for draft in drafts[1:]] == ["One", "and a tail"]


def test_right_to_left_text_is_untouched():
    arabic = "قال الرئيس\u200f إن «الإصلاح» سيستمر."
    hebrew = "הממשלה אישרה את התקציב"
    drafts = segment_article(
        "عنوان",
        "",
        f'<p dir="rtl">{arabic} <a href="https://www.aljazeera.net/">الجزيرة</a></p>'
        f"<blockquote>{hebrew}</blockquote>",
    )
    assert drafts[1].text == f"{arabic} الجزيرة"
    assert drafts[1].html == f'{arabic} <a href="https://www.aljazeera.net/" {REL}>الجزيرة</a>'
    assert drafts[2] == SegmentDraft(QUOTE, hebrew, hebrew)


@pytest.mark.parametrize(
    "body_html",
    ["", "   ", "<p></p><div> </div>", "<script>alert(1)</script>", '<img src="a.png">'],
)
def test_body_without_text_is_refused(body_html):
    with pytest.raises(ValidationFailed, match="no text to translate"):
        segment_article("A title", "A standfirst", body_html)


@pytest.mark.parametrize("title", ["", "  \n\t "])
def test_article_without_title_is_refused(title):
    with pytest.raises(ValidationFailed, match="needs a title"):
        segment_article(title, "", "<p>Body</p>")


def test_markdown_article_segments_end_to_end():
    markdown = (
        "Intro with a [link](https://example.org).\n\n"
        "## Heading\n\n"
        "> A quote\n\n"
        "* item one\n\n"
        "* item two\n"
    )
    drafts = segment_article("T", "", body_to_html(markdown, BodyFormat.MARKDOWN))
    assert [(draft.kind, draft.html) for draft in drafts[1:]] == [
        (PARAGRAPH, f'Intro with a <a href="https://example.org" {REL}>link</a>.'),
        (HEADING, "Heading"),
        (QUOTE, "A quote"),
        (LIST_ITEM, "item one"),
        (LIST_ITEM, "item two"),
    ]


def test_long_article_segments_quickly():
    paragraph = (
        "<p>El presidente anunció el lunes, en una <a href='https://example.org/x'>rueda de "
        "prensa</a>, que la <em>reforma</em> de las pensiones se aprobará «sin demora», pese a "
        "la oposición de los sindicatos y de parte de su mayoría parlamentaria.</p>\n"
    )
    article = sanitise_html(paragraph * 200)
    timings = []
    for _ in range(5):
        started = time.perf_counter()
        drafts = segment_article("T", "", article)
        timings.append(time.perf_counter() - started)
    assert len(drafts) == 201
    # About 5 ms here; the bound is loose for busy CI machines but catches quadratic work.
    assert min(timings) < 0.05


_FRAGMENTS = st.sampled_from(
    [
        *("<p>", "</p>", "<li>", "<ul>", "</ul>", "<blockquote>", "</blockquote>", "<h2>"),
        *("<div>", "</div>", "<em>", "</em>", "<a href='https://x.org'>", "</a>", "<br>"),
        *("<figcaption>", "<table><td>", "<script>", "<hr>", "<", "&amp;", "&nbsp;"),
        *("word", " ", "\n", "é", "e\u0301", "\u0338", "东京", "مرحبا", "👍🏽"),
    ]
)
_TAG = re.compile(r"</?([a-z0-9]+)")


@given(st.lists(_FRAGMENTS, max_size=40))
def test_any_markup_gives_clean_inline_segments_or_a_clear_refusal(fragments):
    try:
        drafts = segment_article("T", "", "".join(fragments))
    except ValidationFailed:
        return
    for draft in drafts:
        assert draft.text
        assert draft.text == draft.text.strip()
        assert unicodedata.is_normalized("NFC", draft.text)
        assert unicodedata.is_normalized("NFC", draft.html)
        assert not set(_TAG.findall(draft.html)) & BLOCK_TAGS
        # Put in a paragraph, already what the sanitiser makes of it (which spells a no-break
        # space &nbsp;).
        wrapped = f"<p>{draft.html}</p>"
        assert sanitise_html(wrapped).replace("&nbsp;", "\xa0") == wrapped
