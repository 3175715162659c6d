"""Feeds as last built, per app, so that a feed is rebuilt only when what it lists changed."""

from collections import OrderedDict
from dataclasses import dataclass, field
from threading import Lock
from time import monotonic

from flask import current_app

# Feeds are polled far more often than they change: each app keeps the last few it built,
# keyed by the public site's version (`site_generation`: what they list, and the names in
# their entries), and readers get 304 meanwhile.
FEED_CACHE_SIZE = 32
FEED_CACHE_SECONDS = 300


@dataclass
class FeedCache:
    """Per app, not per module: two apps in one process (tests, a CLI beside a server) have
    different databases, and one must never serve the other's feed."""

    documents: OrderedDict[str, tuple[str, float, bytes]] = field(default_factory=OrderedDict)
    lock: Lock = field(default_factory=Lock)  # threaded workers share it

    def get(self, path: str, etag: str) -> bytes | None:
        with self.lock:
            cached = self.documents.get(path)
        if cached is None or cached[0] != etag or monotonic() - cached[1] >= FEED_CACHE_SECONDS:
            return None
        return cached[2]

    def put(self, path: str, etag: str, document: bytes) -> None:
        with self.lock:
            self.documents[path] = (etag, monotonic(), document)
            self.documents.move_to_end(path)
            while len(self.documents) > FEED_CACHE_SIZE:
                self.documents.popitem(last=False)


def feed_cache() -> FeedCache:
    cache: FeedCache = current_app.extensions.setdefault("translate_flow.feeds", FeedCache())
    return cache
