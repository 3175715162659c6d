"""What one article may cost to read, checked before any parser sees it.

Every way in (paste, API, upload, URL import, feeds) must refuse or finish within 2 s of CPU
for anything that fits the request and fetch size limits; these bounds are what makes that so.
Each sits far above what real articles measure, so only hostile or broken input meets them.
`bench/intake.py` builds the worst input at each limit and shows the time it takes.
"""

import re
import zipfile
from typing import IO
from xml.parsers import expat

from translate_flow.core.errors import TooLarge, ValidationFailed
from translate_flow.text.html_shape import TooDeep, TooManyElements, measure_html

# Chromium's HTML parser stops nesting at 512 (deeper elements become siblings); real pages
# nest 10–40 deep. The tree builder walks its stack for many tags, so depth is cost.
MAX_HTML_DEPTH = 512
# Elements of an article body once parsed, re-opened formatting included. A 10,000-word
# article is 1,000–3,000; whole saved news pages (scripts are one element each) 2,000–8,000.
MAX_BODY_ELEMENTS = 50_000
# Segments of one article. A long read has 100–400 paragraphs; a 3,000-row "article" is a
# data dump, and each segment costs rows (its own and one per translation), a word count and a
# line in the editor: saving 3,000 takes about 1 s.
MAX_SEGMENTS = 3_000
# Characters of the body once sanitised: 1,000,000 is some 150,000 words, five times the
# longest long reads (about 30,000 words, 250 KB of HTML).
MAX_BODY_CHARACTERS = 1_000_000
# markdown-it is pure Python: ~10 µs for each character it may read as markup and for each
# line, against 0.06 µs a word of prose. A 20,000-word article in Markdown has 2,000–5,000 of
# those characters and 200–2,000 lines.
MAX_MARKDOWN_LINES = 20_000
MAX_MARKDOWN_MARKS = 40_000
# Elements of a fetched page before trafilatura looks for the article in it: trafilatura needs
# 60–190 µs an element, more for long runs of inline elements. News article pages measure
# 1,500–5,000 elements.
MAX_PAGE_ELEMENTS = 8_000

# A Word document's XML parts, unpacked (images are never read): a 10,000-word article is
# 1–3 MB. mammoth builds a DOM of everything, ~30 µs an element.
MAX_DOCX_UNPACKED = 20 * 1024 * 1024
MAX_DOCX_ELEMENTS = 40_000  # a 10,000-word article: 10,000–20,000, styles included
MAX_DOCX_DEPTH = 100  # tables in tables in text boxes reach 20–30
MAX_DOCX_PARTS = 1_000  # Word writes 10–20 parts, plus one per image
# Word's XML compresses 5–20 times; a file that unpacks 100 times its size was made to.
MAX_DOCX_RATIO = 100
_RATIO_FROM = 1024 * 1024  # tiny files compress well without harm

# A feed lists 10–100 entries (a few big sites: 500); each costs feedparser ~0.2 ms and the
# desk two look-ups. Tags count raw and escaped (`&lt;p&gt;`), since feedparser sanitises both;
# a feed with whole articles in it has 10,000–30,000.
MAX_FEED_ENTRIES = 1_000
MAX_FEED_MARKUP = 60_000

# What markdown-it's inline parser stops at (markdown_it.rules_inline.text), newlines aside.
_MARKDOWN_MARKS = re.compile(r"[!#$%&*+\-:<=>@\[\\\]^_`{}~]")
_FEED_ITEMS = re.compile(rb"<(?:[\w.-]+:)?(?:item|entry)[\s>/]")
_ENTITY_DECLARATIONS = tuple(
    "<!ENTITY".encode(codec)
    for codec in ("utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")
)


def _thousands(number: int) -> str:
    return f"{number:,}"


def check_markdown(body: str) -> None:
    """Refuse Markdown that would take markdown-it too long to convert."""
    if body.count("\n") > MAX_MARKDOWN_LINES:
        raise TooLarge(
            f"The Markdown text has more than {_thousands(MAX_MARKDOWN_LINES)} lines, more than "
            "any article. Split it into several articles."
        )
    if len(_MARKDOWN_MARKS.findall(body)) > MAX_MARKDOWN_MARKS:
        raise TooLarge(
            f"The Markdown text has more than {_thousands(MAX_MARKDOWN_MARKS)} markup characters "
            "(such as * _ [ ] # - and <), more than any article. Paste it as plain text, or "
            "split it into several articles."
        )


def check_body_html(html: str) -> None:
    """Refuse article HTML too deep or too large to sanitise quickly."""
    try:
        measure_html(html, max_depth=MAX_HTML_DEPTH, max_elements=MAX_BODY_ELEMENTS)
    except TooDeep as error:
        raise ValidationFailed(
            f"The HTML nests elements more than {MAX_HTML_DEPTH} deep, which no article does "
            "(and browsers do not show). Paste the article's text instead, or save it again "
            "from its editor."
        ) from error
    except TooManyElements as error:
        raise TooLarge(
            f"The HTML has more than {_thousands(MAX_BODY_ELEMENTS)} elements; an article has a "
            "few thousand. Copy only the article (not the whole page), or paste it as plain text."
        ) from error


def check_body_length(cleaned: str) -> None:
    if len(cleaned) > MAX_BODY_CHARACTERS:
        raise TooLarge(
            f"The article is longer than {_thousands(MAX_BODY_CHARACTERS)} characters (about "
            "150,000 words), more than the desk takes at once. Split it into several articles."
        )


def too_many_segments() -> TooLarge:
    return TooLarge(
        f"The text would make more than {_thousands(MAX_SEGMENTS)} segments; a long article has "
        "a few hundred. Split it into several articles."
    )


def check_page(html: str) -> None:
    """Refuse a fetched page too deep or too large to look for the article in."""
    try:
        measure_html(html, max_depth=MAX_HTML_DEPTH, max_elements=MAX_PAGE_ELEMENTS)
    except TooDeep as error:
        raise ValidationFailed(
            f"That page nests elements more than {MAX_HTML_DEPTH} deep, which no article page "
            "does. Paste the article's text instead."
        ) from error
    except TooManyElements as error:
        raise TooLarge(
            f"That page has more than {_thousands(MAX_PAGE_ELEMENTS)} HTML elements, too many to "
            "look for the article in. Paste the article's text instead."
        ) from error


# Word documents


class _XmlLimit(Exception):
    pass


def check_docx(
    name: str,
    archive: zipfile.ZipFile,
    *,
    max_elements: int = MAX_DOCX_ELEMENTS,
    max_unpacked: int = MAX_DOCX_UNPACKED,
) -> None:
    """Refuse a .docx that would unpack or parse into far more than an article.

    `max_elements` and `max_unpacked` are for readers of other documents than articles: the
    offline bilingual table, whose rows LibreOffice writes out at about 225 elements each.

    Raises TooLarge (zip bomb, too much XML), ValidationFailed (entity declarations, depth),
    and lets zipfile.BadZipFile and expat.ExpatError through for a damaged file.
    """
    entries = archive.infolist()
    if len(entries) > MAX_DOCX_PARTS:
        raise TooLarge(
            f"“{name}” holds more than {_thousands(MAX_DOCX_PARTS)} files inside, which a Word "
            "document does not. Save the article again from Word, or paste its text."
        )
    parts = [e for e in entries if not e.filename.startswith("word/media/") and not e.is_dir()]
    unpacked = sum(entry.file_size for entry in parts)
    packed = sum(entry.compress_size for entry in parts)
    if unpacked > _RATIO_FROM and unpacked > MAX_DOCX_RATIO * max(packed, 1):
        raise TooLarge(
            f"“{name}” unpacks to {unpacked // max(packed, 1):,} times its size, which Word "
            "documents never do (they unpack 5 to 20 times). Save the document again from "
            "Word, or paste the article's text."
        )
    if unpacked > max_unpacked:
        raise TooLarge(
            f"“{name}” unpacks to more than {max_unpacked // (1024 * 1024)} MB of text and "
            "layout (images not counted), far more than an article. Save the article alone in "
            "a new document, or paste its text."
        )
    elements = 0
    for entry in parts:
        if entry.filename.endswith((".xml", ".rels")):
            with archive.open(entry) as stream:
                elements += _count_elements(name, stream, max_elements - elements, max_elements)


def _count_elements(name: str, stream: IO[bytes], budget: int, limit: int) -> int:
    """Elements in one XML part, read in pieces; stops as soon as a limit is passed."""
    parser = expat.ParserCreate()
    counts = {"elements": 0, "depth": 0}

    def start(_name: str, _attributes: object) -> None:
        counts["elements"] += 1
        counts["depth"] += 1
        if counts["elements"] > budget or counts["depth"] > MAX_DOCX_DEPTH:
            raise _XmlLimit

    def end(_name: str) -> None:
        counts["depth"] -= 1

    def declaration(*_arguments: object) -> None:
        raise _XmlLimit  # a document type, where entities are declared: Word never writes one

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.StartDoctypeDeclHandler = declaration
    parser.EntityDeclHandler = declaration
    try:
        while chunk := stream.read(64 * 1024):
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except _XmlLimit as error:
        if counts["elements"] > budget:
            raise TooLarge(
                f"“{name}” holds more than {_thousands(limit)} XML elements, several "
                "times a long article. Save the article alone in a new document, or paste its "
                "text."
            ) from error
        if counts["depth"] > MAX_DOCX_DEPTH:
            raise ValidationFailed(
                f"“{name}” nests its XML more than {MAX_DOCX_DEPTH} deep, which Word never "
                "does. Save the document again from Word, or paste the article's text."
            ) from error
        raise ValidationFailed(
            f"“{name}” declares XML entities, which Word never writes and which can make a "
            "small file expand without end. Save the document again from Word, or paste the "
            "article's text."
        ) from error
    return counts["elements"]


# Feeds


def check_feed(data: bytes) -> None:
    """Refuse a feed that declares entities, or that is far larger than feeds are."""
    if any(declaration in data for declaration in _ENTITY_DECLARATIONS):
        raise ValidationFailed(
            "The feed declares its own XML entities, which feeds do not need and which can make "
            "a small file expand into gigabytes, so it was not read. Ask the outlet for a plain "
            "RSS or Atom feed."
        )
    if len(_FEED_ITEMS.findall(data)) > MAX_FEED_ENTRIES:
        raise TooLarge(
            f"The feed lists more than {_thousands(MAX_FEED_ENTRIES)} entries, so it was not "
            "read. Use a feed of the outlet's latest articles (most list 10 to 100)."
        )
    markup = sum(data.count(tag) for tag in (b"<", b"&lt;", b"&#60;", b"&#x3c;", b"&#x3C;"))
    if markup > MAX_FEED_MARKUP:
        raise TooLarge(
            f"The feed has more than {_thousands(MAX_FEED_MARKUP)} tags, so it was not read. Use "
            "a feed of headlines and summaries rather than whole articles."
        )
