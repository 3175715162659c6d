"""Consistency within an article: one source sentence translated two ways.

Sentences are the same when their `match_key` is (tags, width, case and spacing aside), as the
memory compares them; so are the translations. Segments without letters ("—", "1.") and
siblings not yet translated say nothing. The siblings may include the segment itself (its own
translation agrees with itself), so that a caller can pass one list for the whole article.
"""

from collections.abc import Sequence
from functools import lru_cache

from translate_flow.checks.base import Check, CheckContext, Finding, Severity, Span, register
from translate_flow.checks.segment_text import has_letters, key_form
from translate_flow.text.placeholders import strip_placeholders

# How many of the other translations a message quotes.
SHOWN = 2


# The editor checks every segment against all its siblings: keying each text once per process
# (`key_form`) and indexing the siblings once per article keeps 150 segments at 150 keys, not
# 150². Finding the index again by value hashes the whole article per segment, which costs
# about what the check does; siblings given as a tuple (which cannot change) are known by
# identity instead, for as long as they are the last seen.
_key = key_form
_last: tuple[tuple[tuple[str, str], ...], dict[str, list[str]]] | None = None


@lru_cache(maxsize=16)
def _indexed(siblings: tuple[tuple[str, str], ...]) -> dict[str, list[str]]:
    """Translated siblings by their source's key."""
    index: dict[str, list[str]] = {}
    for source, target in siblings:
        if target.strip():
            index.setdefault(_key(source), []).append(target)
    return index


def _index(siblings: Sequence[tuple[str, str]]) -> dict[str, list[str]]:
    global _last
    frozen = tuple(siblings)  # a tuple is itself, not a copy
    kept = _last
    if kept is not None and kept[0] is frozen:
        return kept[1]
    index = _indexed(frozen)
    _last = (frozen, index)
    return index


def forget() -> None:
    """Drop the kept indexes, as for a new process (a benchmark's cold run)."""
    global _last
    _last = None
    _indexed.cache_clear()


@register
class ConsistencyCheck(Check):
    name = "consistency"
    severity = Severity.WARNING
    description = "The same source sentence translated the same way throughout the article."

    def applies(self, source: str, target: str, context: CheckContext) -> bool:
        return bool(context.siblings) and bool(target.strip())

    def check(self, source: str, target: str, context: CheckContext) -> list[Finding]:
        key = _key(source)
        if not has_letters(key):
            return []
        mine = _key(target)
        others: list[str] = []
        seen = {mine}
        for their in _index(context.siblings).get(key, ()):
            their_key = _key(their)
            if their_key not in seen:
                seen.add(their_key)
                others.append(their)
        if not others:
            return []
        quoted = " / ".join(f"“{strip_placeholders(other)}”" for other in others[:SHOWN])
        return [
            self.finding(
                f"The same sentence is translated differently elsewhere in this article: {quoted}.",
                (Span(0, len(source)),),
                (Span(0, len(target)),),
            )
        ]
