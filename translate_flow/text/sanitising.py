"""The one sanitiser: the tags and attributes an article may keep, for what comes in (imports,
uploads, pasted HTML) and for what goes out (a translation's placeholders rendered back into
the source's elements)."""

import unicodedata

import nh3

INLINE_TAGS = frozenset(
    {"a", "em", "strong", "i", "b", "u", "s", "mark", "small", "sup", "sub", "q", "cite"}
    | {"abbr", "code", "br"}
)
# div, section and article stay as containers and hr as a separator, and tables and definition
# lists keep their cells: nh3 unwraps a tag it drops, so `<div>a</div><div>b</div>` would
# otherwise become the one word "ab". The segmenter splits at exactly these.
BLOCK_TAGS = frozenset(
    {"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "figure"}
    | {"figcaption", "div", "section", "article", "hr", "dl", "dt", "dd"}
    | {"table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td"}
)
# Their content is code, styling, a fallback or a widget, never the article's prose.
_DROPPED_WITH_CONTENT = frozenset(
    {"script", "style", "iframe", "noscript", "template", "title", "object", "svg", "math"}
    | {"textarea", "select", "button", "video", "audio"}
)
_CLEANER = nh3.Cleaner(
    tags=INLINE_TAGS | BLOCK_TAGS,
    clean_content_tags=_DROPPED_WITH_CONTENT,
    # lang and dir everywhere: a quotation in another language or script keeps both.
    attributes={"*": {"lang", "dir"}, "a": {"href", "title"}, "abbr": {"title"}},
    url_schemes={"http", "https", "mailto"},
    # A relative link points into the outlet's site, which this desk is not: drop the href.
    url_relative="deny",
    link_rel="noopener noreferrer nofollow",
)
TEXT_ONLY = nh3.Cleaner(tags=set(), clean_content_tags=_DROPPED_WITH_CONTENT, attributes={})


def sanitise_html(html: str) -> str:
    """Only the tags and links an article needs, scripts and handlers gone, NFC; never raises."""
    # U+FEFF is a byte-order mark that lost its way (html5ever drops it only at the very start,
    # so a second pass would differ); as a word joiner it gave way to U+2060 long ago.
    cleaned = _CLEANER.clean(html.replace("\ufeff", ""))
    # NFC would fuse a tag's closing ">" with a U+0338 that starts the next text into "≯" and
    # break the markup, so that one mark is written as a character reference first.
    cleaned = cleaned.replace(">\u0338", ">&#x338;")
    return unicodedata.normalize("NFC", cleaned)
