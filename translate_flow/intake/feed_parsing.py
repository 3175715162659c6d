"""Reading an outlet's RSS or Atom feed into the list of articles it announces."""

import io
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from html.parser import HTMLParser
from typing import Any

from translate_flow.core.errors import ValidationFailed
from translate_flow.intake.limits import check_feed
from translate_flow.text.urls import canonical_url, url_key

SUMMARY_LENGTH = 500

NOT_A_FEED = "That address did not return an RSS or Atom feed."


@dataclass(frozen=True)
class FeedEntry:
    url: str
    """Canonical (tracking parameters removed), absolute, http(s)."""
    title: str
    summary: str
    """Plain text, at most about SUMMARY_LENGTH characters."""
    published_at: datetime | None
    """UTC."""
    author: str


def parse_feed(data: bytes, base_url: str) -> list[FeedEntry]:
    """The entries of the feed fetched from `base_url`, in feed order, each address once.

    Entries without an http(s) link (live tickers, notices) are skipped. Raises
    ValidationFailed if `data` is not a feed, TooLarge if it is far larger than feeds are.
    """
    # feedparser expands the entities a feed declares and reads everything at once.
    check_feed(data)
    # feedparser weighs 10 MB; web workers need it only when a coordinator checks feeds.
    import feedparser

    parsed = feedparser.parse(
        # feedparser reads a bytes or str argument as a file name or URL if it can (its docs
        # warn of this); a stream is only ever read as the document.
        io.BytesIO(data),
        # Relative links in the feed are resolved against where it was fetched from.
        response_headers={"content-location": base_url},
    )
    raw_entries = parsed.get("entries") or []
    # Without a response Content-Type even a good feed is "bozo", so what decides is whether
    # feedparser recognised a feed format (`version`) and could read the feed's title.
    is_feed = parsed.get("version") and (parsed.feed.get("title") or not parsed.get("bozo"))
    if not raw_entries and not is_feed:
        raise ValidationFailed(NOT_A_FEED)
    entries: dict[str, FeedEntry] = {}
    for raw in raw_entries:
        entry = _entry(raw)
        # An outlet lists a story under several sections, or again after an update; each
        # copy differs only in tracking parameters and must not become a second import.
        if entry is not None:
            entries.setdefault(url_key(entry.url), entry)
    return list(entries.values())


def _entry(raw: Any) -> FeedEntry | None:
    try:
        url = canonical_url(str(raw.get("link") or ""))
    except ValueError:
        return None
    return FeedEntry(
        url=url,
        title=_text_of(raw, "title"),
        summary=_shorten(_text_of(raw, "summary"), SUMMARY_LENGTH),
        published_at=_published_at(raw),
        author=_author(raw),
    )


def _text_of(raw: Any, key: str) -> str:
    """A text field as plain text, whether the feed gave it as text or as HTML."""
    value = str(raw.get(key) or "")
    detail = raw.get(f"{key}_detail") or {}
    if detail.get("type") == "text/plain":
        return " ".join(value.split())
    return _html_to_text(value)


def _published_at(raw: Any) -> datetime | None:
    # dict.get, not raw.get: feedparser answers a missing `updated_parsed` with
    # `published_parsed` and a DeprecationWarning, which our test settings turn into an error.
    parsed = dict.get(raw, "published_parsed") or dict.get(raw, "updated_parsed")
    if not parsed:
        return None
    try:
        year, month, day, hour, minute, second = parsed[:6]
        # feedparser has already converted the feed's offset to UTC.
        return datetime(year, month, day, hour, minute, second, tzinfo=UTC)
    except (TypeError, ValueError):
        return None


_EMAIL = re.compile(r"\S+@\S+")
_RSS_AUTHOR = re.compile(r"\s*\S+@\S+\s*\((?P<name>[^)]*)\)\s*")


def _author(raw: Any) -> str:
    """Author names joined with commas; never an e-mail address."""
    names = [str(author.get("name") or "") for author in raw.get("authors") or []]
    # RSS <author> is "e-mail (Name)". feedparser splits it with a pattern that knows only
    # two- to four-letter top-level domains, so for "redaccion@diario.online (Redacción)" it
    # returns the name "ne (Redacción"; read the name from the original text instead.
    original = str(raw.get("author") or "")
    if match := _RSS_AUTHOR.fullmatch(original):
        names = [match.group("name")]
    elif _EMAIL.fullmatch(original.strip()):
        names = []
    cleaned = (" ".join(name.split()) for name in names)
    return ", ".join(dict.fromkeys(name for name in cleaned if name and not _EMAIL.search(name)))


def _shorten(text: str, limit: int) -> str:
    """At most `limit` characters, cut at a word boundary where the script has them."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    # Scripts without spaces (Japanese, Chinese, Thai) are cut at the character.
    if " " in cut[-(limit // 5) :]:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,.;:、。") + "…"


class _TextCollector(HTMLParser):
    _BREAKS = frozenset({"p", "br", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr"})
    _HIDDEN = frozenset({"script", "style", "template"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._HIDDEN:
            self._hidden += 1
        elif tag in self._BREAKS:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._HIDDEN:
            self._hidden = max(0, self._hidden - 1)
        elif tag in self._BREAKS:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def _html_to_text(html: str) -> str:
    """The text of an HTML fragment, with block boundaries as spaces and entities decoded."""
    collector = _TextCollector()
    collector.feed(html)
    collector.close()
    return " ".join("".join(collector.parts).split())
