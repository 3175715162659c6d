"""Hostile inputs as large as each way in accepts: what `bench.intake` times and the tests refuse.

Each builder returns name → input, every input within its path's size limit, so that "refuse or
finish within 2 s of CPU" is checked where it is hardest.
"""

import io
import zipfile

MIB = 1024 * 1024
# The article form's text field: MAX_FORM_MEMORY_SIZE in translate_flow/config.py.
PASTE_LIMIT = 4 * MIB
UPLOAD_LIMIT = 5 * MIB  # translate_flow.intake.web.articles.views.MAX_UPLOAD_BYTES
API_LIMIT = 10 * MIB  # TRANSLATE_FLOW_MAX_UPLOAD_BYTES, the largest request body
FETCH_LIMIT = 5 * MIB  # TRANSLATE_FLOW_FETCH_MAX_BYTES, for pages and feeds alike

WORD_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
PROSE = "Los embalses del sur llegan al verano con reservas mínimas, dicen los regantes. "


def _fill(unit: str, size: int, head: str = "", tail: str = "") -> str:
    """`unit` repeated to make the whole at most `size` characters (UTF-8 bytes for ASCII)."""
    room = size - len(head.encode()) - len(tail.encode())
    return head + unit * max(1, room // len(unit.encode())) + tail


def html_bodies(size: int) -> dict[str, str]:
    """Article bodies given as HTML (pasted, sent to the API, or an uploaded .html file)."""
    distinct = "".join(f'<b lang="x-{i}">' for i in range(500))
    return {
        "nested divs": _fill("<div>", size, tail="x"),
        "nested inline": _fill("<b><i>", size, tail="x"),
        "unclosed list items in lists": _fill("<ul><li>x", size),
        "nested tables": _fill("<table><tr><td>", size, tail="x"),
        "left-open formatting re-opened": _fill("<p>x</p>", size, head=f"<p>{distinct}</p>"),
        "many tiny elements": _fill("<b>x</b>", size),
        "unclosed paragraphs": _fill("<p>x", size),
        "one giant paragraph": _fill("palabra ", size, head="<p>", tail="</p>"),
        "a script as big as the file": _fill(
            "'<div>'+", size, head="<script>", tail="</script><p>x</p>"
        ),
    }


def markdown_bodies(size: int) -> dict[str, str]:
    return {
        "nested quotes": _fill(">", size, tail=" x"),
        "open brackets": _fill("[", size, tail="x"),
        "images without end": _fill("![", size, tail="x"),
        "emphasis storm": _fill("*a **b ", size),
        "nested lists": "".join(f"{'  ' * (i % 40)}- x\n" for i in range(size // 50)),
        "one item per line": _fill("- x\n", size),
        "raw HTML nesting": _fill("<div>", size, tail="x"),
        "paragraph per line": _fill("x\n\n", size),
    }


def text_bodies(size: int) -> dict[str, str]:
    return {
        "one giant paragraph": _fill(PROSE, size),
        "one line per paragraph": _fill("x\n", size),
        "one very long line": _fill("x", size),
    }


def docx(document_xml: str, *, stored: bool = False, extra: dict[str, str] | None = None) -> bytes:
    """A Word file with the parts mammoth needs and `document_xml` as its main part."""
    buffer = io.BytesIO()
    method = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    with zipfile.ZipFile(buffer, "w", method) as archive:
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
        archive.writestr("word/document.xml", document_xml)
        for name, text in (extra or {}).items():
            archive.writestr(name, text)
    return buffer.getvalue()


def word_body(paragraphs: str, doctype: str = "") -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>{doctype}<w:document xmlns:w="{WORD_NS}">'
        f"<w:body>{paragraphs}</w:body></w:document>"
    )


def _paragraph(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


LAUGHS = (
    '<!DOCTYPE w:document [<!ENTITY a0 "ja">'
    + "".join(f'<!ENTITY a{i + 1} "{f"&a{i};" * 10}">' for i in range(9))
    + "]>"
)


def docx_files() -> dict[str, bytes]:
    """Word files within the upload limit that unpack or parse into far more."""
    return {
        # 1,000 to 1 (the 61 KB file that took 60 s to preview was of this kind).
        "zip bomb": docx(word_body(_paragraph("a" * (60 * MIB)))),
        "millions of XML nodes": docx(word_body("<w:p/>" * 2_000_000)),
        # Numbered, so that it compresses as real XML does and only the count refuses it.
        "half a million XML nodes": docx(
            word_body("".join(f'<w:p w:rsidR="{i:08X}"/>' for i in range(500_000)))
        ),
        "billion laughs": docx(word_body(_paragraph("&a9;"), LAUGHS)),
        "deep XML": docx(word_body("<w:sdt><w:sdtContent>" * 20_000 + _paragraph("x"))),
        "many parts": docx(
            word_body(_paragraph("x")),
            extra={f"customXml/item{i}.xml": "<a/>" for i in range(5000)},
        ),
        "a long real-like article": docx(
            word_body(
                "".join(
                    '<w:p><w:pPr><w:spacing w:after="120"/></w:pPr>'
                    + f"<w:r><w:rPr><w:b/></w:rPr><w:t>{i}</w:t></w:r>"
                    + f'<w:r><w:t xml:space="preserve"> {PROSE * 3}</w:t></w:r></w:p>'
                    for i in range(1_000)
                )
            )
        ),
    }


def pages(size: int) -> dict[str, str]:
    """Pages a URL import may fetch: trafilatura looks for the article in them."""
    head = '<html lang="es"><head><title>Los embalses</title></head><body><article><h1>Titular</h1>'
    return {
        "nested divs": _fill("<div>", size, head=head, tail="x"),
        "many spans in one paragraph": _fill("<span>palabra</span> ", size, head=head + "<p>"),
        "many emphasised words": _fill("<em>palabra</em> ", size, head=head + "<p>"),
        "many paragraphs": _fill(f"<p>{PROSE}</p>", size, head=head),
        "many table rows": _fill("<tr><td>palabra</td></tr>", size, head=head + "<table>"),
    }


def _rss(items: str, doctype: str = "") -> bytes:
    return (
        f'<?xml version="1.0"?>\n{doctype}<rss version="2.0"><channel><title>Diario</title>'
        f"<link>https://example.org/</link>{items}</channel></rss>"
    ).encode()


def _item(i: int, description: str = "Resumen.") -> str:
    return (
        f"<item><title>Noticia {i}</title><link>https://example.org/a/{i}</link>"
        f"<description>{description}</description></item>"
    )


def feeds(size: int) -> dict[str, bytes]:
    item = _item(0)
    return {
        "billion laughs": _rss(
            _item(1, "&a9;"),
            '<!DOCTYPE rss [\n<!ENTITY a0 "ja">\n'
            + "".join(f'<!ENTITY a{i + 1} "{f"&a{i};" * 10}">\n' for i in range(9))
            + "]>\n",
        ),
        "quadratic entity": _rss(
            _item(1, "&a;" * ((size - 60_000) // 3)),
            f'<!DOCTYPE rss [\n<!ENTITY a "{"x" * 50_000}">\n]>\n',
        ),
        "a huge number of entries": _rss(
            "".join(_item(i) for i in range(size // (len(item) + 10)))
        ),
        "deep nesting": _rss(_item(1, "<x>" * ((size - 300) // 3))),
        "escaped HTML nesting": _rss(_item(1, "&lt;div&gt;" * ((size - 300) // 11))),
    }


# The costliest inputs that stay within every limit: what an intake must still finish in time.


def largest_accepted_bodies() -> dict[str, tuple[str, str]]:
    """name → (body format, body), each just under the limits in services/intake_limits.py."""
    rich = (  # 10 elements
        "<p><b>uno</b> <i>dos</i> <a href='https://a.example/'>tres</a> <em>cuatro</em> "
        "<code>5</code> <strong>seis</strong> <u>siete</u> <s>ocho</s> <small>nueve</small></p>"
    )
    marked = "* [a](b) *c* _d_ `e` \\ ! # - : [x] <y> & ~ ^ @ {z}"  # 24 marks
    return {
        "HTML: 3,000 paragraphs, 50,000 elements": (
            "html",
            "<div>" + "<b>x</b>" * 20_000 + "</div>" + rich * 2_999,
        ),
        "HTML: 500 deep, then paragraphs": ("html", "<div>" * 500 + rich * 2_900),
        "HTML: 200 left-open formatting elements": (
            "html",
            "<p>" + "".join(f'<b lang="x-{i}">' for i in range(200)) + "</p>" + "<p>x</p>" * 240,
        ),
        "Markdown: 38,400 marks in 3,200 lines": ("markdown", (marked + "\n\n") * 1_600),
        "Markdown: 19,999 list items": ("markdown", "- punto\n" * 19_999),
        "text: 3,000 paragraphs, 1,000,000 characters": (
            "text",
            "\n\n".join([PROSE * 4 + "x" * 10] * 3_000)[:999_000],
        ),
    }


def largest_accepted_docx() -> dict[str, bytes]:
    paragraph = (
        '<w:p><w:pPr><w:spacing w:after="120"/></w:pPr>'
        '<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">Los embalses </w:t></w:r>'
        "<w:r><w:t>del sur llegan al verano.</w:t></w:r></w:p>"
    )  # 9 elements
    runs = '<w:r><w:t xml:space="preserve"> y más</w:t></w:r>' * 2  # 4 more
    return {
        "Word: 2,999 paragraphs, 39,000 elements": docx(
            word_body((paragraph.replace("</w:p>", runs + "</w:p>")) * 2_999)
        )
    }


def largest_accepted_pages() -> dict[str, str]:
    head = '<html lang="es"><head><title>Los embalses</title></head><body><article><h1>Titular</h1>'
    return {
        "page: 7,990 spans in one paragraph": head + "<p>" + "<span>palabra</span> " * 7_990,
        "page: 7,990 emphasised words": head + "<p>" + "<em>palabra</em> " * 7_990,
        "page: 2,600 paragraphs with links": head
        + f"<p>{PROSE}<a href='/x'>enlace</a> <em>y</em></p>" * 2_600,
    }


def largest_accepted_feeds() -> dict[str, bytes]:
    description = "&lt;p&gt;Resumen &lt;b&gt;breve&lt;/b&gt;&lt;/p&gt;" * 12  # 48 tags
    return {
        "feed: 1,000 entries, 56,000 tags": _rss(
            "".join(_item(i, description) for i in range(1_000))
        ),
    }
