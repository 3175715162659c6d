"""Published translations out of the desk: one as HTML, Markdown or JSON, all of them as a
WordPress export (WXR) that a WordPress site imports with the translators as authors."""

import html
import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from email.utils import format_datetime
from typing import Any
from xml.etree import ElementTree as ET
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from markupsafe import Markup
from sqlalchemy.orm import Session

from translate_flow.core.errors import ValidationFailed
from translate_flow.domain.models import Publication, User
from translate_flow.markup.rendering import Node
from translate_flow.publishing import public_site
from translate_flow.publishing.public_site import (
    Laid,
    block_html,
    body_html,
    lay_out,
    publication_path,
    published_counts,
    translator_path,
)
from translate_flow.publishing.published_text import Words
from translate_flow.text.languages import get_language
from translate_flow.text.slugs import encoded_length, fit
from translate_flow.text.urls import web_address


def article_count(count: int) -> str:
    """A translator's published work as credits word it: "1 Article", "52 Articles"."""
    return f"{count} Article" if count == 1 else f"{count} Articles"


@dataclass(frozen=True)
class Credit:
    name: str
    count: int
    url: str


def credit(publication: Publication, counts: dict[int, int], site_url: str) -> Credit | None:
    user: User | None = publication.translator
    if user is None:
        return None
    return Credit(user.display_name, counts.get(user.id, 0), site_url + translator_path(user.id))


def item_json(
    publication: Publication,
    counts: dict[int, int],
    site_url: str,
    *,
    credit_reviewers: bool,
    laid: Laid | None = None,
) -> dict[str, Any]:
    """A publication as the API and the JSON export give it; with `laid`, its text too."""
    article = publication.article
    outlet = article.outlet
    translator = credit(publication, counts, site_url)
    body: dict[str, Any] = {
        "slug": publication.slug,
        "url": site_url + publication_path(publication.slug),
        "title": publication.title,
        "summary": publication.summary,
        "language": publication.target_language,
        "published_at": publication.first_published_at.isoformat(),
        "updated_at": publication.published_at.isoformat() if publication.was_updated else None,
        "word_count": publication.word_count,
        "source": {
            "title": article.title,
            "author": article.author,
            "language": article.source_language,
            "outlet": {"name": outlet.name, "country": outlet.country, "homepage": outlet.homepage}
            if outlet is not None
            else None,
            "published_on": article.published_on.isoformat() if article.published_on else None,
            "url": article.source_url or None,
            "tags": article.tags,
        },
        "translator": {
            "name": translator.name,
            "published_count": translator.count,
            "url": translator.url,
        }
        if translator is not None
        else None,
    }
    if credit_reviewers:
        body["reviewer"] = (
            {"name": publication.reviewer.display_name} if publication.reviewer else None
        )
    if laid is not None:
        # Texts stay plain words; each `html` beside one is the same text with the source's
        # links and emphasis, as the page shows it.
        body["title_html"] = str(laid.title.html)
        body["standfirst"] = laid.standfirst.plain
        body["standfirst_html"] = str(laid.standfirst.html)
        body["blocks"] = [
            {
                "kind": block.kind,
                "texts": [text.plain for text in block.texts],
                "lang": block.lang,
                "html": str(block_html(block)),
            }
            for block in laid.blocks
        ]
        body["html"] = str(body_html(laid))
    return body


def as_json(publication: Publication, counts: dict[int, int], site_url: str, **kw: Any) -> str:
    laid = lay_out(publication)
    return json.dumps(
        item_json(publication, counts, site_url, laid=laid, **kw), ensure_ascii=False, indent=2
    )


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|])")
_LINE_START = re.compile(r"^(\s*)([-+]|\d+\.)(\s)", re.MULTILINE)


def md_escape(text: str) -> str:
    """Plain text that Markdown shows as it is: no emphasis, links or headings of its own."""
    return _LINE_START.sub(r"\1\\\2\3", _MARKDOWN_SPECIAL.sub(r"\\\1", text))


def _md_address(url: str) -> str:
    """An http(s) address for a Markdown link, with nothing that could end the `<…>` early."""
    return web_address(url).replace("<", "%3C").replace(">", "%3E").replace(" ", "%20")


# The source's elements that Markdown writes itself; other elements stay inline HTML.
_MD_EMPHASIS = {"em": "*", "i": "*", "cite": "*", "strong": "**", "b": "**"}
_MD_LINK_SCHEMES = ("http://", "https://", "mailto:")
_MD_HARD_BREAK = "  \n"


def _md_link_target(href: str | None) -> str:
    """A link's address for `[words](…)`, with nothing that could end it early; "" for an
    address of another scheme (the sanitiser kept none, but older data might hold one)."""
    if not href or not href.lower().startswith(_MD_LINK_SCHEMES):
        return ""
    for character, code in (("\\", "%5C"), (" ", "%20"), ("<", "%3C"), (">", "%3E")):
        href = href.replace(character, code)
    return href.replace("(", "%28").replace(")", "%29")


def _md_nodes(nodes: list[Node]) -> str:
    out: list[str] = []
    for node in nodes:
        if isinstance(node, str):
            out.append(md_escape(node))
            continue
        tag = node.tag
        if tag.kind == "single":
            out.append(_MD_HARD_BREAK if tag.element == "br" else tag.opening_html())
            continue
        inner = _md_nodes(node.children)
        words = inner.strip()
        if not words:
            out.append(inner)
            continue
        # Emphasis next to a space is no emphasis in Markdown: spaces go outside the marks.
        before, after = inner[: len(inner) - len(inner.lstrip())], inner[len(inner.rstrip()) :]
        if tag.element == "a":
            target = _md_link_target(tag.href)
            wrapped = f"[{words}]({target})" if target else words
        elif tag.element in _MD_EMPHASIS:
            wrapped = f"{_MD_EMPHASIS[tag.element]}{words}{_MD_EMPHASIS[tag.element]}"
        else:
            wrapped = f"{tag.opening_html()}{words}{tag.closing_html()}"
        out.append(before + wrapped + after)
    return "".join(out)


def md_inline(words: Words) -> str:
    """A published text as Markdown: links as `[words](address)`, emphasis as `*…*` and
    `**…**`, other elements as inline HTML, the text itself escaped."""
    return _md_nodes(words.nodes)


def as_markdown(publication: Publication, counts: dict[int, int], site_url: str) -> str:
    laid = lay_out(publication)
    article = publication.article
    lines = [f"# {' '.join(md_inline(laid.title).split())}", ""]
    if laid.standfirst:
        lines += [f"*{md_inline(laid.standfirst)}*", ""]
    translator = credit(publication, counts, site_url)
    origin = article.outlet.name if article.outlet else get_language(article.source_language).name
    by = f"Translated by {md_escape(translator.name)}" if translator else "Translated"
    original = _md_address(article.source_url)
    lines.append(
        f"{by} from {get_language(article.source_language).name}; "
        f"the original appeared in {md_escape(origin)}"
        + (f" on {article.published_on:%d %B %Y}" if article.published_on else "")
        + (f" ([original](<{original}>))" if original else "")
        + "."
    )
    lines.append("")
    for block in laid.blocks:
        texts = [md_inline(text) for text in block.texts]
        if block.kind == "heading":
            lines.append(f"## {' '.join(texts[0].split())}")
        elif block.kind == "quote":
            lines.append("\n".join(f"> {line}" for line in texts[0].splitlines()))
        elif block.kind == "list":
            lines.extend(f"- {text}" for text in texts)
        elif block.kind == "caption":
            lines.append(f"*{texts[0]}*")
        else:
            lines.append(texts[0])
        lines.append("")
    lines.append(f"<{site_url}{publication_path(publication.slug)}>")
    return "\n".join(lines) + "\n"


# --- WordPress (WXR 1.2) ---------------------------------------------------------------------
#
# What the WordPress Importer does with each field decides how it is written. It hands the
# title, excerpt and content to wp_insert_post() as they are, and WordPress keeps all three as
# HTML (the_title() prints the title unescaped): so every text is escaped once, here. It passes
# each custom field through maybe_unserialize(), and reads post_date in the site's own time.

WXR = {
    "excerpt": "http://wordpress.org/export/1.2/excerpt/",
    "content": "http://purl.org/rss/1.0/modules/content/",
    "wfw": "http://wellformedweb.org/CommentAPI/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "wp": "http://wordpress.org/export/1.2/",
}
for _prefix, _uri in WXR.items():
    ET.register_namespace(_prefix, _uri)

# WordPress keeps post_name in 200 bytes and cuts its percent-encoded form there
# (sanitize_title → utf8_uri_encode($title, 200)): 22 Japanese characters, 33 Cyrillic ones.
# Slugs made now fit with room to spare; older ones, up to 120 characters, may not.
WP_SLUG_BYTES = 200
# Characters XML 1.0 cannot carry: one of them anywhere and the importer rejects the file.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
# What PHP's trim() removes; is_serialized() looks at the value trimmed.
_PHP_TRIM = " \t\n\r\0\x0b"
_SERIALIZED_START = re.compile(r"N;\Z|[asOE]:[0-9]+:|[bid]:[0-9.E+-]+;")


class UnknownTimeZone(ValidationFailed):
    """The site's time zone setting names no zone, so posts cannot be dated in it."""

    code = "unknown_time_zone"


def site_zone(name: str) -> ZoneInfo:
    """The zone of an IANA name such as Asia/Tokyo; raises UnknownTimeZone for anything else."""
    try:
        return ZoneInfo(name.strip())
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise UnknownTimeZone(
            f"The site's time zone {name!r} is not a time zone name: set "
            "TRANSLATE_FLOW_SITE_TIME_ZONE to an IANA name such as Asia/Tokyo, Europe/Berlin "
            "or UTC."
        ) from error


def _xml_text(text: str) -> str:
    """Text as an XML reader will hand it back: line ends normalised, no forbidden characters."""
    return _NOT_XML.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def _el(parent: ET.Element, tag: str, text: str | None = None) -> ET.Element:
    prefix, _, name = tag.rpartition(":")
    element = ET.SubElement(parent, f"{{{WXR[prefix]}}}{name}" if prefix else name)
    if text is not None:
        element.text = _xml_text(text)
    return element


def _wp_html(text: str) -> str:
    """Plain text for a field WordPress keeps as HTML: a title, an excerpt, a name."""
    return html.escape(text, quote=False)


def _no_shortcodes(markup: str) -> str:
    """Square brackets as character references, so that do_shortcode() finds no `[embed]` or
    `[gallery]` a translator typed; readers still see the brackets."""
    return markup.replace("[", "&#91;").replace("]", "&#93;")


def _looks_serialized(value: str) -> bool:
    """Whether WordPress's is_serialized() may take the value for serialized PHP data: its test
    of how the value starts (`N;`, `s:5:`, `a:1:`, `b:1;`, `i:42;`, …), not of how it ends."""
    return _SERIALIZED_START.match(value.strip(_PHP_TRIM)) is not None


def wordpress_meta_value(value: str) -> str:
    """A custom field's value as the export writes it: what maybe_unserialize() gives back as
    this very string. One that looks serialized (an outlet named `a:1:{i:0;s:3:"pwn";}`) is
    written as a serialized PHP string, which unserializes to the value itself."""
    value = _xml_text(value)
    if not _looks_serialized(value):
        return value
    return f's:{len(value.encode())}:"{value}";'


def wordpress_names(slugs: list[str]) -> list[str]:
    """A post_name for each (distinct) slug that WordPress keeps whole, none the same as another.

    Slugs that fit are kept; a longer one is cut, and when that meets another name it gets `-2`,
    `-3`, … within the limit.
    """
    taken = {slug for slug in slugs if encoded_length(slug) <= WP_SLUG_BYTES}
    last_number: dict[str, int] = {}  # per cut name: a run of slugs alike in their first 200 bytes
    names = []
    for slug in slugs:
        if slug in taken:
            names.append(slug)
            continue
        name = cut = fit(slug, WP_SLUG_BYTES)
        number = last_number.get(cut, 1)
        while name in taken:
            number += 1
            suffix = f"-{number}"
            name = fit(slug, WP_SLUG_BYTES - len(suffix)) + suffix
        last_number[cut] = number
        taken.add(name)
        names.append(name)
    return names


def author_login(user: User) -> str:
    """A WordPress user name for the translator: stable, ASCII, unique by the id."""
    words = re.sub(r"[^a-z0-9]+", "-", user.display_name.casefold()).strip("-")
    return f"{words or 'translator'}-{user.id}"


def _wp_time(moment: datetime, zone: tzinfo) -> str:
    return moment.astimezone(zone).strftime("%Y-%m-%d %H:%M:%S")


def _credit_html(publication: Publication, translator: Credit | None) -> Markup:
    """The credits a reader of the WordPress post sees (themes show no custom fields): who
    translated it, with their count, and the original's title, outlet, author, date and link."""
    article = publication.article
    source = get_language(article.source_language)
    if translator is not None:
        line = Markup(
            '<p class="translator-credit">Translated by {name} from {language}. '
            '<a href="{url}">About {name} — {count}</a></p>'
        ).format(
            name=translator.name,
            language=source.name,
            url=translator.url,
            count=article_count(translator.count),
        )
    else:
        line = Markup('<p class="translator-credit">Translated from {}.</p>').format(source.name)
    original = Markup('The original: <cite lang="{}" dir="{}">{}</cite>').format(
        source.code, source.direction, article.title
    )
    if article.outlet is not None:
        original += Markup(", {}").format(article.outlet.name)
    if article.author:
        original += Markup(", by {}").format(article.author)
    if article.published_on:
        original += Markup(", {}").format(f"{article.published_on:%d %B %Y}")
    link = web_address(article.source_url)
    if link:
        original += Markup(' — <a href="{}" rel="nofollow noopener">read it</a>').format(link)
    return Markup(
        '<div class="translate-flow-credit" lang="en" dir="ltr">\n{}\n<p class="original">{}.</p>'
        "\n</div>"
    ).format(line, original)


def _post_content(publication: Publication, laid: Laid, translator: Credit | None) -> str:
    """The post's HTML: the standfirst as a lead paragraph, the body, the credits."""
    parts = []
    if laid.standfirst:
        parts.append(Markup('<p class="standfirst"><em>{}</em></p>').format(laid.standfirst.html))
    parts += [body_html(laid), _credit_html(publication, translator)]
    return _no_shortcodes(str(Markup("\n").join(parts)))


def wxr(
    session: Session,
    publications: list[Publication],
    *,
    site_url: str,
    site_name: str,
    now: datetime,
    time_zone: str,
) -> bytes:
    """Every given publication as a WordPress post by its translator, with an author entry
    per translator, tags and the source language as categories.

    `time_zone` is the WordPress site's (an IANA name): post_date is written in it, since
    WordPress reads post_date as the site's local time, and post_date_gmt in UTC.
    """
    zone = site_zone(time_zone)
    rss = ET.Element("rss", {"version": "2.0"})
    channel = ET.SubElement(rss, "channel")
    _el(channel, "title", site_name)
    _el(channel, "link", site_url + "/")
    _el(channel, "description", f"Translations published by {site_name}")
    _el(channel, "pubDate", format_datetime(now))
    _el(channel, "language", "en")
    _el(channel, "wp:wxr_version", "1.2")
    _el(channel, "wp:base_site_url", site_url)
    _el(channel, "wp:base_blog_url", site_url)
    translators = {p.translator.id: p.translator for p in publications if p.translator}
    counts = published_counts(session, set(translators))
    for number, user in enumerate(sorted(translators.values(), key=lambda u: u.id), start=1):
        author = _el(channel, "wp:author")
        _el(author, "wp:author_id", str(number))
        _el(author, "wp:author_login", author_login(user))
        _el(author, "wp:author_email", "")
        _el(author, "wp:author_display_name", _wp_html(user.display_name))
        _el(author, "wp:author_first_name", "")
        _el(author, "wp:author_last_name", "")
    names = wordpress_names([publication.slug for publication in publications])
    for publication, post_name in zip(publications, names, strict=True):
        laid = lay_out(publication)
        item = _el(channel, "item")
        # Plain: a theme prints the title in <title> and in feeds as well as in its heading.
        _el(item, "title", _no_shortcodes(_wp_html(laid.title.plain)))
        link = site_url + publication_path(publication.slug)
        _el(item, "link", link)
        _el(item, "pubDate", format_datetime(publication.first_published_at))
        translator = publication.translator
        _el(item, "dc:creator", author_login(translator) if translator else "")
        guid = _el(item, "guid", link)
        guid.set("isPermaLink", "true")
        _el(item, "description", "")
        article = publication.article
        content = _post_content(publication, laid, credit(publication, counts, site_url))
        _el(item, "content:encoded", content)
        _el(item, "excerpt:encoded", _no_shortcodes(_wp_html(publication.summary)))
        _el(item, "wp:post_id", str(publication.id))
        _el(item, "wp:post_date", _wp_time(publication.first_published_at, zone))
        _el(item, "wp:post_date_gmt", _wp_time(publication.first_published_at, UTC))
        _el(item, "wp:post_modified", _wp_time(publication.published_at, zone))
        _el(item, "wp:post_modified_gmt", _wp_time(publication.published_at, UTC))
        _el(item, "wp:comment_status", "closed")
        _el(item, "wp:ping_status", "closed")
        _el(item, "wp:post_name", post_name)
        _el(item, "wp:status", "publish")
        _el(item, "wp:post_parent", "0")
        _el(item, "wp:menu_order", "0")
        _el(item, "wp:post_type", "post")
        _el(item, "wp:post_password", "")
        _el(item, "wp:is_sticky", "0")
        language = get_language(publication.source_language)
        category = _el(item, "category", _wp_html(f"From {language.name}"))
        category.set("domain", "category")
        category.set("nicename", f"from-{language.code.lower()}")
        for tag in article.tags:
            element = _el(item, "category", _wp_html(tag))
            element.set("domain", "post_tag")
            nicename = re.sub(r"[^\w]+", "-", tag.casefold()).strip("-") or "tag"
            element.set("nicename", _xml_text(fit(nicename, WP_SLUG_BYTES)))
        for key, value in (
            ("translate_flow_translator", translator.display_name if translator else ""),
            ("translate_flow_source_url", web_address(article.source_url)),
            ("translate_flow_source_title", article.title),
            ("translate_flow_outlet", article.outlet.name if article.outlet else ""),
        ):
            meta = _el(item, "wp:postmeta")
            _el(meta, "wp:meta_key", key)
            _el(meta, "wp:meta_value", wordpress_meta_value(value))
    ET.indent(rss)
    document: bytes = ET.tostring(rss, encoding="utf-8", xml_declaration=True)
    return document


def live_publications(session: Session) -> list[Publication]:
    """Every live publication, oldest first, with what an export needs loaded."""
    query = public_site.live().order_by(Publication.first_published_at, Publication.id)
    return list(session.scalars(query).unique())


def wordpress_export(
    session: Session, *, site_url: str, site_name: str, now: datetime, time_zone: str
) -> bytes:
    """Every live publication as a WordPress export, dated in the site's `time_zone`."""
    return wxr(
        session,
        live_publications(session),
        site_url=site_url,
        site_name=site_name,
        now=now,
        time_zone=time_zone,
    )
