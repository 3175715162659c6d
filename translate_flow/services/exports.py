"""Published translations out of the desk: one as HTML, Markdown or JSON, all of them as a
WordPress export (WXR) that a WordPress site imports with the translators as authors."""

import json
import re
from dataclasses import dataclass
from datetime import datetime
from email.utils import format_datetime
from typing import Any
from xml.etree import ElementTree as ET

from markupsafe import escape
from sqlalchemy.orm import Session

from translate_flow.languages import get_language
from translate_flow.models import Publication, User
from translate_flow.services import public_site
from translate_flow.services.public_site import (
    Laid,
    body_html,
    lay_out,
    publication_path,
    published_counts,
    translator_path,
)


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
        body["standfirst"] = laid.standfirst
        body["blocks"] = [
            {"kind": block.kind, "texts": block.texts, "lang": block.lang} for block in laid.blocks
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


def as_markdown(publication: Publication, counts: dict[int, int], site_url: str) -> str:
    laid = lay_out(publication)
    article = publication.article
    lines = [f"# {md_escape(laid.title)}", ""]
    if laid.standfirst:
        lines += [f"*{md_escape(laid.standfirst)}*", ""]
    translator = credit(publication, counts, site_url)
    origin = article.outlet.name if article.outlet else get_language(article.source_language).name
    by = f"Translated by {md_escape(translator.name)}" if translator else "Translated"
    lines.append(
        f"{by} from {get_language(article.source_language).name}; "
        f"the original appeared in {md_escape(origin)}"
        + (f" on {article.published_on:%d %B %Y}" if article.published_on else "")
        + (f" ([original](<{article.source_url}>))" if article.source_url else "")
        + "."
    )
    lines.append("")
    for block in laid.blocks:
        texts = [md_escape(text) for text in block.texts]
        if block.kind == "heading":
            lines.append(f"## {texts[0]}")
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

WXR = {
    "excerpt": "http://wordpress.org/export/1.2/excerpt/",
    "content": "http://purl.org/rss/1.0/modules/content/",
    "wfw": "http://wellformedweb.org/CommentAPI/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "wp": "http://wordpress.org/export/1.2/",
}
for _prefix, _uri in WXR.items():
    ET.register_namespace(_prefix, _uri)


def _el(parent: ET.Element, tag: str, text: str | None = None) -> ET.Element:
    prefix, _, name = tag.rpartition(":")
    element = ET.SubElement(parent, f"{{{WXR[prefix]}}}{name}" if prefix else name)
    if text is not None:
        element.text = text
    return element


def author_login(user: User) -> str:
    """A WordPress user name for the translator: stable, ASCII, unique by the id."""
    words = re.sub(r"[^a-z0-9]+", "-", user.display_name.casefold()).strip("-")
    return f"{words or 'translator'}-{user.id}"


def _wp_time(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S")


def wxr(
    session: Session,
    publications: list[Publication],
    *,
    site_url: str,
    site_name: str,
    now: datetime,
) -> bytes:
    """Every given publication as a WordPress post by its translator, with an author entry
    per translator (display name and bio), tags and the source language as categories."""
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
        _el(author, "wp:author_display_name", user.display_name)
        _el(author, "wp:author_first_name", "")
        _el(author, "wp:author_last_name", "")
    for publication in publications:
        laid = lay_out(publication)
        item = _el(channel, "item")
        _el(item, "title", laid.title)
        link = site_url + publication_path(publication.slug)
        _el(item, "link", link)
        _el(item, "pubDate", format_datetime(publication.first_published_at))
        translator = publication.translator
        _el(item, "dc:creator", author_login(translator) if translator else "")
        guid = _el(item, "guid", link)
        guid.set("isPermaLink", "true")
        _el(item, "description", "")
        article = publication.article
        byline = ""
        if translator is not None:
            byline = (
                f'<p class="translator-credit">Translated by {escape(translator.display_name)}'
                f" — {counts.get(translator.id, 0)} Articles</p>\n"
            )
        _el(item, "content:encoded", str(body_html(laid)) + "\n" + byline)
        _el(item, "excerpt:encoded", publication.summary)
        _el(item, "wp:post_id", str(publication.id))
        _el(item, "wp:post_date", _wp_time(publication.first_published_at))
        _el(item, "wp:post_date_gmt", _wp_time(publication.first_published_at))
        _el(item, "wp:post_modified", _wp_time(publication.published_at))
        _el(item, "wp:post_modified_gmt", _wp_time(publication.published_at))
        _el(item, "wp:comment_status", "closed")
        _el(item, "wp:ping_status", "closed")
        _el(item, "wp:post_name", publication.slug)
        _el(item, "wp:status", "publish")
        _el(item, "wp:post_parent", "0")
        _el(item, "wp:menu_order", "0")
        _el(item, "wp:post_type", "post")
        _el(item, "wp:post_password", "")
        _el(item, "wp:is_sticky", "0")
        language = get_language(publication.source_language)
        category = _el(item, "category", f"From {language.name}")
        category.set("domain", "category")
        category.set("nicename", f"from-{language.code.lower()}")
        for tag in article.tags:
            element = _el(item, "category", tag)
            element.set("domain", "post_tag")
            element.set("nicename", re.sub(r"[^\w]+", "-", tag.casefold()).strip("-") or "tag")
        for key, value in (
            ("translate_flow_translator", translator.display_name if translator else ""),
            ("translate_flow_source_url", article.source_url),
            ("translate_flow_source_title", article.title),
            ("translate_flow_outlet", article.outlet.name if article.outlet else ""),
        ):
            meta = _el(item, "wp:postmeta")
            _el(meta, "wp:meta_key", key)
            _el(meta, "wp:meta_value", value)
    ET.indent(rss)
    document: bytes = ET.tostring(rss, encoding="utf-8", xml_declaration=True)
    return document


def live_publications(session: Session) -> list[Publication]:
    """Every live publication, oldest first, with what an export needs loaded."""
    query = public_site.live().order_by(Publication.first_published_at, Publication.id)
    return list(session.scalars(query).unique())


def wordpress_export(session: Session, *, site_url: str, site_name: str, now: datetime) -> bytes:
    return wxr(session, live_publications(session), site_url=site_url, site_name=site_name, now=now)
