"""Where a translation puts its source's tags: the rules a save enforces, and what is missing.

Refused (the save fails, the message names the placeholder): a number the source segment does
not have, a pair written as a single tag or the other way round, a tag used twice, a closing
placeholder without its opening, pairs that cross (`{1}a{2}b{/1}c{/2}`), and an opening never
closed. Allowed: any order and any nesting that stays well formed, and tags left out — those
are reported, for the quality checks to turn into a finding, but a draft may lack them.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from translate_flow.markup.source_tags import Tag
from translate_flow.text.placeholders import Placeholder, pieces


class PlaceholderError(ValueError):
    """A translation's tags do not fit its source segment; `placeholder` is the culprit."""

    def __init__(self, message: str, placeholder: str) -> None:
        super().__init__(message)
        self.message = message
        self.placeholder = placeholder


@dataclass(frozen=True, slots=True)
class Placement:
    """How a well-formed translation uses its source's tags."""

    used: frozenset[int]
    missing: tuple[Tag, ...]

    @property
    def complete(self) -> bool:
        return not self.missing


def check_placement(text: str, tags: Sequence[Tag]) -> Placement:
    """Raises PlaceholderError for a placement a save must refuse; else what is missing."""
    by_id = {tag.id: tag for tag in tags}
    used: set[int] = set()
    open_pairs: list[Placeholder] = []
    for piece in pieces(text):
        if isinstance(piece, str):
            continue
        written = piece.written
        tag = by_id.get(piece.id)
        if tag is None:
            raise PlaceholderError(_unknown(written, tags), written)
        if piece.role == "close":
            _close(piece, open_pairs)
            continue
        if (piece.role == "single") != (tag.kind == "single"):
            expected = " and ".join(tag.placeholders())
            raise PlaceholderError(
                f"{written} is not how tag {tag.id} is written: it is {expected} ({tag.meaning}).",
                written,
            )
        if tag.id in used:
            raise PlaceholderError(
                f"{written} is used twice: each tag of the source goes in once.", written
            )
        used.add(tag.id)
        if piece.role == "open":
            open_pairs.append(piece)
    if open_pairs:
        unclosed = open_pairs[-1]
        raise PlaceholderError(
            f"{unclosed.written} is opened but never closed: add {{/{unclosed.id}}} after "
            "the words it wraps.",
            unclosed.written,
        )
    return Placement(frozenset(used), tuple(tag for tag in tags if tag.id not in used))


def _close(piece: Placeholder, open_pairs: list[Placeholder]) -> None:
    written = piece.written
    if not any(opened.id == piece.id for opened in open_pairs):
        raise PlaceholderError(
            f"{written} closes a tag that is not open: put {{{piece.id}}} before it.", written
        )
    if open_pairs[-1].id != piece.id:
        inner = open_pairs[-1]
        raise PlaceholderError(
            f"{written} crosses {inner.written}: close {{/{inner.id}}} first, so that one "
            "pair sits inside the other.",
            written,
        )
    open_pairs.pop()


def _unknown(written: str, tags: Sequence[Tag]) -> str:
    if not tags:
        return (
            f"{written} is not a tag of the source segment, which has none. "
            f"Write \\{written} for the characters themselves."
        )
    known = ", ".join(" ".join(tag.placeholders()) for tag in tags)
    return f"{written} is not a tag of the source segment; its tags are {known}."


def missing_tags(text: str, tags: Sequence[Tag]) -> tuple[Tag, ...]:
    """The source's tags a text leaves out, whether or not the text is well formed."""
    placed = {piece.id for piece in pieces(text) if not isinstance(piece, str)}
    return tuple(tag for tag in tags if tag.id not in placed)
