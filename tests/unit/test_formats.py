"""Article bodies: text, Markdown, HTML and uploaded files become clean, NFC HTML."""

import codecs
import io
import unicodedata
import zipfile

import pytest
from hypothesis import given
from hypothesis import strategies as st

from translate_flow.core.errors import ValidationFailed
from translate_flow.intake.formats import BodyFormat, body_to_html, decode_upload
from translate_flow.text.sanitising import sanitise_html

REL = 'rel="noopener noreferrer nofollow"'
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"
WORD_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def make_docx(body_xml: str | None) -> bytes:
    """A minimal Word file: the three parts a .docx needs, built with the standard library."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
            "</Types>",
        )
        archive.writestr(
            "_rels/.rels",
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Target="word/document.xml" Type="http://schemas.'
            'openxmlformats.org/officeDocument/2006/relationships/officeDocument"/>'
            "</Relationships>",
        )
        if body_xml is not None:
            archive.writestr(
                "word/document.xml",
                f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{WORD_NS}">'
                f"<w:body>{body_xml}</w:body></w:document>",
            )
    return buffer.getvalue()


WORD_ARTICLE = make_docx(
    '<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>La réforme</w:t></w:r></w:p>'
    "<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>Paris</w:t></w:r>"
    '<w:r><w:t xml:space="preserve"> — Le gouvernement a présenté son projet.</w:t></w:r></w:p>'
)


# Sanitising


@pytest.mark.parametrize(
    ("dirty", "clean"),
    [
        pytest.param("<p>Hi<script>alert(1)</script></p>", "<p>Hi</p>", id="script-and-content"),
        pytest.param("<style>p{}</style><p>Hi</p>", "<p>Hi</p>", id="style-and-content"),
        pytest.param('<iframe src="https://x.org">x</iframe><p>Hi</p>', "<p>Hi</p>", id="iframe"),
        pytest.param('<p>Hi<img src="x" onerror="alert(1)"></p>', "<p>Hi</p>", id="img"),
        pytest.param('<p onclick="steal()" class="lead">Hi</p>', "<p>Hi</p>", id="handlers"),
        pytest.param('<a href="javascript:alert(1)">x</a>', f"<a {REL}>x</a>", id="javascript-url"),
        pytest.param('<a href="/local">x</a>', f"<a {REL}>x</a>", id="relative-url"),
        pytest.param(
            '<a href="https://example.org/a" title="T" target="_blank">x</a>',
            f'<a href="https://example.org/a" title="T" {REL}>x</a>',
            id="https-link",
        ),
        pytest.param(
            '<a href="mailto:desk@example.org">x</a>',
            f'<a href="mailto:desk@example.org" {REL}>x</a>',
            id="mailto-link",
        ),
        pytest.param(
            '<abbr title="Organisation des Nations unies" class="x">ONU</abbr>',
            '<abbr title="Organisation des Nations unies">ONU</abbr>',
            id="abbr-title",
        ),
        pytest.param(
            '<p title="x" style="color:red">Hi <em lang="ar" dir="rtl">مرحبا</em></p>',
            '<p>Hi <em lang="ar" dir="rtl">مرحبا</em></p>',
            id="lang-and-dir-kept-elsewhere-nothing",
        ),
        pytest.param("<span>in</span><font>line</font>", "inline", id="unknown-tags-unwrapped"),
        pytest.param(
            "<p>Unclosed <em>emphasis", "<p>Unclosed <em>emphasis</em></p>", id="unclosed"
        ),
        pytest.param("<p>a</p></div></span>", "<p>a</p>", id="stray-end-tags"),
        pytest.param("<div>a</div><div>b</div>", "<div>a</div><div>b</div>", id="divs-kept-apart"),
    ],
)
def test_sanitiser_keeps_prose_and_removes_everything_else(dirty, clean):
    assert sanitise_html(dirty) == clean


def test_sanitiser_keeps_the_article_structure():
    article = (
        "<h2>Sub</h2><p><strong>S</strong> <i>i</i> <b>b</b> <u>u</u> <s>s</s> <mark>m</mark> "
        "<small>sm</small> x<sup>2</sup> H<sub>2</sub>O <q>q</q> <cite>c</cite> <code>c</code>"
        "<br></p><blockquote><p>q</p></blockquote><ul><li>a</li></ul><ol><li>b</li></ol>"
        "<figure><figcaption>Photo</figcaption></figure>"
    )
    assert sanitise_html(article) == article


def test_sanitised_output_is_nfc():
    decomposed = "<p>Ame\u0301lie a\u0300 Mu\u0308nchen</p>"
    assert sanitise_html(decomposed) == "<p>Amélie à München</p>"
    assert unicodedata.is_normalized("NFC", sanitise_html("<p>e&#x301;</p>"))


def test_nfc_cannot_fuse_a_mark_into_the_markup():
    # ">" + U+0338 composes to "≯"; written literally after a tag it would break the tag.
    cleaned = sanitise_html("<p>\u0338x</p>")
    assert cleaned == "<p>&#x338;x</p>"
    assert sanitise_html(cleaned) == cleaned


@pytest.mark.parametrize(
    "garbage",
    ["<", "</", "<<<>>>", "<p <a href=>", "<!--", "<![CDATA[x", "&#xD800;", "\x00<p>\ufffe"],
)
def test_sanitiser_never_raises(garbage):
    assert isinstance(sanitise_html(garbage), str)


_MARKUP = st.sampled_from(
    [
        *("<p>", "</p>", "<a href='javascript:x()'>", "<a href='https://x.org'>", "</a>", "<"),
        *("<em>", "<script>", "</script>", "<img src=x onerror=y()>", "<div onclick=z()>"),
        *("<table><td>", "<iframe>", "&nbsp;", "&amp", "e\u0301", "\u0338", "\ufeff", "\x00"),
        *("word", " ", "\n", "مرحبا", "<!--", "-->", "<![CDATA[", "<svg><text>"),
    ]
)


@given(st.lists(_MARKUP, max_size=40).map("".join))
def test_any_markup_comes_out_inert_and_nfc(markup):
    cleaned = sanitise_html(markup)
    assert unicodedata.is_normalized("NFC", cleaned)
    for forbidden in ("<script", "<img", "<iframe", "<svg", "javascript:", "onclick", "onerror"):
        assert forbidden not in cleaned


def test_stray_byte_order_marks_are_dropped():
    assert sanitise_html("\ufeff<p>a\ufeffb</p>") == "<p>ab</p>"


# Plain text and Markdown


@pytest.mark.parametrize(
    ("text", "html"),
    [
        pytest.param(
            "First paragraph,\nhard-wrapped here.\n\nSecond paragraph.\n",
            "<p>First paragraph, hard-wrapped here.</p>\n<p>Second paragraph.</p>",
            id="blank-lines-separate-paragraphs",
        ),
        pytest.param(
            "One line.\nAnother line.\r\nA third.",
            "<p>One line.</p>\n<p>Another line.</p>\n<p>A third.</p>",
            id="no-blank-line-each-line-a-paragraph",
        ),
        pytest.param(
            "\n\n  Leading and trailing blank lines  \n  do not count  \n\n",
            "<p>Leading and trailing blank lines</p>\n<p>do not count</p>",
            id="outer-blank-lines-ignored",
        ),
        pytest.param(
            "A\n   \n\n\nB",
            "<p>A</p>\n<p>B</p>",
            id="several-blank-lines-one-break",
        ),
        pytest.param(
            "Fish & chips <b>not bold</b>",
            "<p>Fish &amp; chips &lt;b&gt;not bold&lt;/b&gt;</p>",
            id="text-is-escaped",
        ),
        pytest.param("Cafe\u0301", "<p>Café</p>", id="nfc"),
    ],
)
def test_plain_text_becomes_paragraphs(text, html):
    assert body_to_html(text, BodyFormat.TEXT) == html


def test_markdown_becomes_sanitised_html():
    markdown = (
        "## Background\n\n"
        "The *minister* spoke to [Le Monde](https://www.lemonde.fr/).\n\n"
        "> We will not give in.\n\n"
        "- first\n- second\n\n"
        "<script>alert(1)</script>\n\n"
        "<a href='javascript:alert(2)' onclick='x()'>raw</a>\n"
    )
    html = body_to_html(markdown, BodyFormat.MARKDOWN)
    assert "<h2>Background</h2>" in html
    assert f'<a href="https://www.lemonde.fr/" {REL}>Le Monde</a>' in html
    assert "<em>minister</em>" in html
    assert "<blockquote>\n<p>We will not give in.</p>\n</blockquote>" in html
    assert "<li>first</li>" in html
    assert f"<a {REL}>raw</a>" in html
    assert "script" not in html
    assert "onclick" not in html


def test_html_body_is_sanitised():
    assert body_to_html('<p onclick="x()">Hi</p>', BodyFormat.HTML) == "<p>Hi</p>"


@pytest.mark.parametrize("body_format", list(BodyFormat))
@pytest.mark.parametrize("body", ["", "   \n\t"])
def test_empty_body_is_refused(body, body_format):
    with pytest.raises(ValidationFailed, match="body is empty"):
        body_to_html(body, body_format)


@pytest.mark.parametrize(
    ("body", "body_format"),
    [
        ("<script>alert(1)</script>", BodyFormat.HTML),
        ('<img src="https://x.org/a.png"><p> </p>', BodyFormat.HTML),
        ("<p>&nbsp;</p>", BodyFormat.HTML),
        ("![photo](https://x.org/a.png)", BodyFormat.MARKDOWN),
    ],
)
def test_body_without_text_after_cleaning_is_refused(body, body_format):
    with pytest.raises(ValidationFailed, match="no text"):
        body_to_html(body, body_format)


# Uploads


@pytest.mark.parametrize(
    ("filename", "data", "body", "body_format"),
    [
        pytest.param(
            "note.txt", "Olá, mundo\n".encode(), "Olá, mundo\n", BodyFormat.TEXT, id="txt"
        ),
        pytest.param("a.md", b"# Title\n", "# Title\n", BodyFormat.MARKDOWN, id="md"),
        pytest.param("a.markdown", b"*x*", "*x*", BodyFormat.MARKDOWN, id="markdown"),
        pytest.param("a.html", b"<p>x</p>", "<p>x</p>", BodyFormat.HTML, id="html"),
        pytest.param("A.HTM", b"<p>x</p>", "<p>x</p>", BodyFormat.HTML, id="htm-upper-case"),
        pytest.param(
            "bom.txt", codecs.BOM_UTF8 + "Ça va".encode(), "Ça va", BodyFormat.TEXT, id="utf8-bom"
        ),
        pytest.param(
            "le.txt", "Привет мир".encode("utf-16"), "Привет мир", BodyFormat.TEXT, id="utf16"
        ),
        pytest.param(
            "be.md",
            codecs.BOM_UTF16_BE + "日本語".encode("utf-16-be"),
            "日本語",
            BodyFormat.MARKDOWN,
            id="utf16-big-endian",
        ),
        pytest.param(
            "latin.html",
            b'<meta charset="windows-1252"><p>Caf\xe9 \x93cr\xe8me\x94</p>',
            '<meta charset="windows-1252"><p>Café “crème”</p>',
            BodyFormat.HTML,
            id="html-meta-charset",
        ),
        pytest.param(
            "old.htm",
            b'<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">\xe0',
            '<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">à',
            BodyFormat.HTML,
            id="html-http-equiv-charset",
        ),
        pytest.param(
            r"C:\Users\ana\Desktop\story.txt", b"x", "x", BodyFormat.TEXT, id="windows-path"
        ),
    ],
)
def test_accepted_uploads_are_decoded(filename, data, body, body_format):
    assert decode_upload(filename, data) == (body, body_format)


def test_word_document_becomes_html():
    body, body_format = decode_upload("story.docx", WORD_ARTICLE)
    assert body_format is BodyFormat.HTML
    assert body == (
        "<h1>La réforme</h1><p><strong>Paris</strong> — Le gouvernement a présenté son projet.</p>"
    )
    assert body_to_html(body, body_format) == body


@pytest.mark.parametrize(
    ("filename", "data", "message"),
    [
        pytest.param("setup.exe", b"MZ\x90\x00", "not a file type", id="exe"),
        pytest.param("article", b"text", "not a file type", id="no-extension"),
        pytest.param(
            "article.pdf", b"%PDF-1.7", ".txt, .md, .markdown, .html, .htm, .docx", id="pdf"
        ),
        pytest.param("empty.txt", b"", "is empty", id="empty"),
        pytest.param("empty.docx", b"", "is empty", id="empty-docx"),
        pytest.param("photo.txt", PNG, "does not look like a text file", id="png-renamed-txt"),
        pytest.param("photo.md", PNG, "does not look like a text file", id="png-renamed-md"),
        pytest.param("story.html", WORD_ARTICLE, "does not look like a text", id="docx-renamed"),
        pytest.param("latin1.txt", "Café".encode("latin-1"), "UTF-8", id="not-utf8"),
        pytest.param(
            "utf32.txt", "hi".encode("utf-32"), "does not look like a text", id="utf32-nul-bytes"
        ),
        pytest.param("story.docx", b"just some text", "not a Word document", id="docx-not-zip"),
        pytest.param(
            "story.docx", WORD_ARTICLE[: len(WORD_ARTICLE) // 2], "not a Word", id="docx-truncated"
        ),
        pytest.param("story.docx", make_docx(None), "not a Word", id="docx-without-document"),
        pytest.param("story.docx", make_docx("<w:p><w:r>"), "not a Word", id="docx-broken-xml"),
    ],
)
def test_unreadable_uploads_are_refused_with_a_reason(filename, data, message):
    with pytest.raises(ValidationFailed, match=message) as refused:
        decode_upload(filename, data)
    assert filename.rsplit("\\", 1)[-1] in refused.value.message or filename == "article"


def test_oversize_upload_is_refused_with_the_limit_in_megabytes():
    data = b"x" * (2 * 1024 * 1024 + 1)
    with pytest.raises(ValidationFailed, match="larger than 2 MB"):
        decode_upload("long.txt", data, max_bytes=2 * 1024 * 1024)
    assert decode_upload("long.txt", data[:-1], max_bytes=2 * 1024 * 1024)[0] == data[:-1].decode()


def test_default_upload_limit_is_five_megabytes():
    with pytest.raises(ValidationFailed, match="larger than 5 MB"):
        decode_upload("huge.md", b"x" * (5 * 1024 * 1024 + 1))
