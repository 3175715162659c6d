"""Signed-out readers' pages as last rendered, per app: a page is rendered again only when the
public site changed (its ETag) or the copy is older than its lifetime."""

from collections import OrderedDict
from dataclasses import dataclass, field
from threading import Lock
from time import monotonic

from flask import current_app

# The most read pages of a worker; a page is 10–60 kB, so a few megabytes at most.
PAGE_CACHE_SIZE = 256


@dataclass(frozen=True)
class CachedPage:
    etag: str
    body: bytes
    headers: tuple[tuple[str, str], ...]  # the view's own: its type, its disposition
    stored_at: float


@dataclass
class PageCache:
    """Per app, not per module, as `FeedCache`: two apps in one process (tests, a CLI beside a
    server) have different databases, and one must never serve the other's page."""

    lifetime: float
    pages: OrderedDict[str, CachedPage] = field(default_factory=OrderedDict)
    lock: Lock = field(default_factory=Lock)  # threaded workers share it

    def get(self, key: str, etag: str) -> CachedPage | None:
        with self.lock:
            page = self.pages.get(key)
            if page is None:
                return None
            if page.etag != etag or monotonic() - page.stored_at >= self.lifetime:
                del self.pages[key]
                return None
            self.pages.move_to_end(key)
            return page

    def put(self, key: str, etag: str, body: bytes, headers: tuple[tuple[str, str], ...]) -> None:
        with self.lock:
            self.pages[key] = CachedPage(etag, body, headers, monotonic())
            self.pages.move_to_end(key)
            while len(self.pages) > PAGE_CACHE_SIZE:
                self.pages.popitem(last=False)


def page_cache(lifetime: float) -> PageCache:
    cache: PageCache = current_app.extensions.setdefault(
        "translate_flow.public_pages", PageCache(lifetime)
    )
    return cache
