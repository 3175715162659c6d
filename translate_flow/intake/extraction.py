"""Reading the article out of a fetched news page: its text with its structure, and its metadata."""

import codecs
import re
from dataclasses import dataclass
from datetime import date, timedelta
from html import escape
from urllib.parse import urljoin, urlsplit

from lxml import etree
from lxml.html import HtmlElement

from translate_flow.core.errors import ValidationFailed
from translate_flow.intake.limits import check_page
from translate_flow.text.languages import is_known
from translate_flow.text.urls import canonical_url as normal_url

# Fewer characters than this outside links is a menu, a form or a teaser, not an article.
MIN_ARTICLE_CHARS = 30

NO_ARTICLE = (
    "We found no article text on that page. Check that the address opens the article itself "
    "(not a section front, a login or a consent page), or paste the text instead."
)


@dataclass(frozen=True)
class ExtractedArticle:
    title: str
    standfirst: str
    author: str
    published_on: date | None
    body_html: str
    """Blocks (p, h1–h6, blockquote, ul/ol, table, pre) with inline em, strong, a, br…;
    not sanitised: the caller sanitises it before storing."""
    canonical_url: str | None
    language: str | None
    """Primary language subtag only, e.g. "zh" for zh-Hant-TW (see _primary_language)."""


def extract_article(html: bytes | str, url: str) -> ExtractedArticle:
    """The article on the page fetched from `url`; raises ValidationFailed if there is none.

    Bytes are decoded by the page's own charset declaration; a caller that knows the HTTP
    Content-Type charset, which takes precedence over it, should decode and pass a str.
    """
    # trafilatura (with dateparser and its data) adds about 27 MB to a process; only URL
    # imports need it, so web workers that never import a page never load it.
    import trafilatura
    from trafilatura.settings import Document

    page = _decode(html) if isinstance(html, bytes) else html
    # trafilatura needs ~0.1 ms an element and more for long inline runs: measure first.
    check_page(page if isinstance(page, str) else page.decode("latin-1"))
    tree = trafilatura.load_html(page)
    if tree is None:
        raise ValidationFailed(NO_ARTICLE)
    document = trafilatura.bare_extraction(
        tree,  # bare_extraction works on a copy, so the tree stays readable below
        url=url,
        with_metadata=True,
        # Precision mode leaves menus, teasers and forms out instead of falling back to the
        # whole page's text, which is what lets a section front or login page be refused.
        favor_precision=True,
        include_comments=False,
        include_formatting=True,
        include_links=True,
        include_tables=True,
        include_images=False,
        prune_xpath=_FOREIGN_COMMENT_SECTIONS,
        # A missing date is filled in by the coordinator; a guessed one (from a link in the
        # sidebar or a copyright line) would be believed. The limit is tomorrow: an outlet
        # east of us has already printed tomorrow's date on this morning's paper.
        date_extraction_params={
            "original_date": True,
            "extensive_search": False,
            "max_date": (date.today() + timedelta(days=1)).isoformat(),
        },
    )
    if not isinstance(document, Document):
        raise ValidationFailed(NO_ARTICLE)
    title = _squash(document.title or "")
    standfirst = _meta(tree, "og:description") or _meta(tree, "description")
    body = _to_html(document.body)
    _drop_repeated_lead(body, {title.casefold(), standfirst.casefold()} - {""})
    if _prose_length(body) < MIN_ARTICLE_CHARS:
        raise ValidationFailed(NO_ARTICLE)
    return ExtractedArticle(
        title=title,
        standfirst=standfirst,
        author=_squash(document.author or ""),
        published_on=_parse_date(document.date),
        body_html=_serialise(body),
        canonical_url=_declared_canonical(tree, url),
        language=_page_language(tree, document.language),
    )


# trafilatura recognises reader comments by English names ("comments", "comment-list"). An
# outlet abroad names them in its own language, and its readers' comments then end up in
# the body. Only plural, section-level names: the singular "Kommentar" is also an op-ed.
_COMMENT_SECTION_NAMES = (
    "kommentare",
    "leserkommentare",
    "comentarios",
    "commentaires",
    "commenti",
    "komentarze",
    "reacties",
    "yorumlar",
)
_FOREIGN_COMMENT_SECTIONS = [
    f"//*[self::div or self::section or self::aside][starts-with(@id, '{name}') "
    f"or starts-with(@class, '{name}')]"
    for name in _COMMENT_SECTION_NAMES
]

# The Encoding Standard decodes these labels as the Windows supersets, because pages that
# declare them are really written in those (e.g. „“ and € in "iso-8859-1" pages, ① in
# "Shift_JIS" ones); Python's codecs of the same names would drop or garble such characters.
_WHATWG_ENCODINGS = {
    **dict.fromkeys(("iso-8859-1", "iso8859-1", "latin1", "l1", "us-ascii", "ascii"), "cp1252"),
    **dict.fromkeys(("iso-8859-9", "latin5"), "cp1254"),
    **dict.fromkeys(("iso-8859-11", "tis-620"), "cp874"),
    **dict.fromkeys(
        ("shift_jis", "shift-jis", "sjis", "x-sjis", "ms_kanji", "csshiftjis", "windows-31j"),
        "cp932",
    ),
    **dict.fromkeys(("gb2312", "gbk", "x-gbk", "csgb2312", "chinese"), "gb18030"),
    **dict.fromkeys(("euc-kr", "ks_c_5601-1987", "korean"), "cp949"),
    "big5": "big5hkscs",
    # A page that can be read far enough to find its meta tag is not UTF-16.
    **dict.fromkeys(("utf-16", "utf-16le", "utf-16be"), "utf-8"),
}
_BYTE_ORDER_MARKS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_DECLARED_CHARSET = re.compile(
    rb"""(?:<meta[^>]+charset|<\?xml[^>]+encoding)\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE
)


def _decode(data: bytes) -> str | bytes:
    """The page as text by its byte-order mark or declared charset; bytes if it has neither."""
    for bom, encoding in _BYTE_ORDER_MARKS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    # Valid UTF-8 is UTF-8 whatever the page claims: legacy text almost never is, while pages
    # re-encoded by a newer CMS often keep the old template's "iso-8859-1".
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = _DECLARED_CHARSET.search(data[:4096])
    if declared:
        label = declared.group(1).decode("ascii").lower()
        try:
            return data.decode(codecs.lookup(_WHATWG_ENCODINGS.get(label, label)).name, "replace")
        except LookupError:
            pass
    return data  # trafilatura guesses (charset_normalizer)


def _meta(tree: HtmlElement, key: str) -> str:
    # Sites mix up `property` and `name` for Open Graph tags; readers accept both.
    values = tree.xpath("//meta[@property=$key or @name=$key]/@content", key=key)
    return next((text for value in values if (text := _squash(str(value)))), "")


def _declared_canonical(tree: HtmlElement, url: str) -> str | None:
    """The address the page names as its own, normalised; None if it names none we can use."""
    links = tree.xpath(
        "//link[contains(concat(' ', translate(@rel, 'CANONIL', 'canonil'), ' '), ' canonical ')]"
        "/@href"
    )
    for href in [*(str(link) for link in links), _meta(tree, "og:url")]:
        if not href.strip():
            continue
        try:
            declared = normal_url(urljoin(url, href.strip()))
        except ValueError:
            continue
        # Misconfigured templates point every article's canonical at the home page; taking
        # that would make every later article from the outlet look like a duplicate.
        if urlsplit(declared).path == "/" and urlsplit(url).path not in ("", "/"):
            continue
        return declared
    return None


# Legacy codes that Java-based CMSes still write.
_RENAMED_LANGUAGES = {"iw": "he", "in": "id", "ji": "yi"}
_PRIMARY_SUBTAG = re.compile(r"\s*([A-Za-z]{2,3})(?:[-_]|\s*$)")


def _page_language(tree: HtmlElement, guessed: str | None) -> str | None:
    declared = [
        tree.get("lang"),
        tree.get("xml:lang"),
        _meta(tree, "og:locale"),
        guessed,
    ]
    return next((code for value in declared if (code := _primary_language(value))), None)


def _primary_language(value: str | None) -> str | None:
    """The primary subtag, lower-case: "zh-Hant-TW" → "zh", "ja_JP" → "ja".

    Only the primary subtag is kept: the rest is set once in a site's template and is often
    wrong for the page (zh-CN on Traditional text, en-US on a British outlet), and language
    pairs, volunteers' skills and the language menus are all keyed by the base language.
    The coordinator can refine it on the article.
    """
    match = _PRIMARY_SUBTAG.match(value or "")
    if not match:
        return None
    code = match.group(1).lower()
    code = _RENAMED_LANGUAGES.get(code, code)
    # "und" (undetermined) is a valid tag but says nothing.
    return code if code != "und" and is_known(code) else None


def _parse_date(value: str | None) -> date | None:
    # trafilatura gives the date as the page states it (YYYY-MM-DD), i.e. the outlet's local
    # date, which is the one printed on the article.
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


# trafilatura's own XML vocabulary (its "xml" output format) and the HTML each element becomes.
_BLOCK_TAGS = {"p": "p", "quote": "blockquote", "item": "li", "lb": "br", "del": "del"}
_TABLE_TAGS = {"table": "table", "row": "tr"}
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_BLOCKS = ("p", "blockquote", "ul", "ol", "li", "pre", "table", "tr", "th", "td", *_HEADINGS)
_INLINE_TAGS = {"#b": "strong", "#i": "em", "#u": "u", "#t": "code", "#sub": "sub", "#sup": "sup"}


def _to_html(body: etree._Element) -> etree._Element:
    """trafilatura's body tree renamed to plain HTML in place; unknown elements are unwrapped."""
    unwrap = []
    for element in body.iterdescendants():
        tag, rend = str(element.tag), element.get("rend", "")
        target = element.get("target")
        element.attrib.clear()
        if tag in _BLOCK_TAGS:
            element.tag = _BLOCK_TAGS[tag]
        elif tag in _TABLE_TAGS:
            element.tag = _TABLE_TAGS[tag]
        elif tag == "cell":
            element.tag = "th" if rend == "head" else "td"
        elif tag == "head":
            level = int(rend[1:]) if re.fullmatch(r"h[1-6]", rend) else 3
            element.tag = f"h{level}"
        elif tag == "list":
            element.tag = "ol" if rend == "ol" else "ul"
        elif tag == "code":
            element.tag = "pre" if element.getparent() is body else "code"
        elif tag == "hi" and rend in _INLINE_TAGS:
            element.tag = _INLINE_TAGS[rend]
        elif tag == "ref" and target:
            element.tag = "a"
            element.set("href", target)
        else:
            unwrap.append(tag)
    if unwrap:
        etree.strip_tags(body, *set(unwrap))
    # Source indentation left around blocks; between inline elements a space is a word break.
    for block in body.iter(*_BLOCKS):
        if block.tail and not block.tail.strip():
            block.tail = None
        parent = block.getparent()
        if parent is not None and block.getprevious() is None and not (parent.text or "").strip():
            parent.text = None
    return body


def _drop_repeated_lead(body: etree._Element, repeated: set[str]) -> None:
    """Remove leading blocks that repeat the title or standfirst (kept in their own fields).

    Many templates put the headline and the standfirst inside the article element, where the
    extractor takes them as the first heading and paragraph; kept, they would be translated
    twice.
    """
    for element in list(body):
        if _squash(_text(element)).casefold() not in repeated:
            return
        body.remove(element)


def _prose_length(body: etree._Element) -> int:
    """Characters of text outside links: menus and lists of headlines are almost all links."""
    linked = sum(len(_squash(_text(link))) for link in body.iter("a"))
    return len(_squash(_text(body))) - linked


def _serialise(body: etree._Element) -> str:
    """One block per line; text left between blocks becomes a paragraph of its own."""
    blocks = [_stray_paragraph(body.text)]
    for element in body:
        html = etree.tostring(element, encoding="unicode", method="html", with_tail=False)
        blocks += [str(html).strip(), _stray_paragraph(element.tail)]
    return "\n".join(block for block in blocks if block)


def _stray_paragraph(text: str | None) -> str:
    squashed = _squash(text or "")
    return f"<p>{escape(squashed)}</p>" if squashed else ""


def _text(element: etree._Element) -> str:
    return "".join(str(text) for text in element.itertext())


def _squash(text: str) -> str:
    """Whitespace runs (including the ideographic space) collapsed to one space, trimmed."""
    return " ".join(text.split())
