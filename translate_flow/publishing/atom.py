"""Atom feeds (RFC 4287) of published translations: the whole site, a source language, a
translator. Each entry carries its text, its translator as author, and its tags."""

from datetime import datetime
from xml.etree import ElementTree as ET

from translate_flow.domain.models import Publication
from translate_flow.publishing.public_site import (
    body_html,
    lay_out,
    publication_path,
    translator_path,
)

ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ET.register_namespace("", ATOM)
FEED_ENTRIES = 50


def _el(parent: ET.Element, name: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{name}", attributes)
    if text is not None:
        element.text = text
    return element


def feed(
    publications: list[Publication],
    *,
    title: str,
    feed_url: str,
    page_url: str,
    site_url: str,
    site_name: str,
    language: str,
    now: datetime,
) -> bytes:
    root = ET.Element(f"{{{ATOM}}}feed", {XML_LANG: language})
    _el(root, "id", feed_url)
    _el(root, "title", title)
    updated = max((p.published_at for p in publications), default=now)
    _el(root, "updated", updated.isoformat())
    _el(root, "link", rel="self", type="application/atom+xml", href=feed_url)
    _el(root, "link", rel="alternate", type="text/html", href=page_url)
    author = _el(root, "author")
    _el(author, "name", site_name)
    _el(root, "generator", "translate_flow")
    for publication in publications:
        laid = lay_out(publication)
        # Each entry says its own language: a feed of one source language may mix targets, and
        # a reader picks fonts, hyphenation and direction (Arabic, Hebrew) from it.
        entry = _el(root, "entry", **{XML_LANG: publication.target_language})
        url = site_url + publication_path(publication.slug)
        _el(entry, "id", url)
        _el(entry, "title", laid.title.plain)
        _el(entry, "link", rel="alternate", type="text/html", href=url)
        _el(entry, "published", publication.first_published_at.isoformat())
        _el(entry, "updated", publication.published_at.isoformat())
        if publication.translator is not None:
            person = _el(entry, "author")
            _el(person, "name", publication.translator.display_name)
            _el(person, "uri", site_url + translator_path(publication.translator.id))
        if publication.summary:
            _el(entry, "summary", publication.summary)
        _el(entry, "content", str(body_html(laid)), type="html")
        for tag in publication.article.tags:
            _el(entry, "category", term=tag)
    ET.indent(root)
    document: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return document
