"""A remembered translation's tags, renumbered to the segment it is inserted into.

A memory unit (or, later, a machine translation) carries the placeholders of the source it
was made for: `{1}` there is that source's first tag, which need not be this segment's first.
Tags are paired by kind and order, as OmegaT pairs them: the remembered source's n-th pair
becomes this segment's n-th pair, its n-th single tag this segment's n-th single tag. A
placeholder with no counterpart here is dropped (its words stay), and if the result would
still be refused on save (`check_placement`), every placeholder is dropped: an insertion
must never produce a text the editor cannot save.
"""

from collections.abc import Sequence

from translate_flow.markup.placement import PlaceholderError, check_placement
from translate_flow.markup.source_tags import Tag
from translate_flow.text.placeholders import Placeholder, escape_literal, pieces


def _order(text: str) -> tuple[list[int], list[int]]:
    """The ids of a text's pairs and single tags, in the order they open."""
    pairs: list[int] = []
    singles: list[int] = []
    for piece in pieces(text):
        if isinstance(piece, Placeholder):
            if piece.role == "open" and piece.id not in pairs:
                pairs.append(piece.id)
            elif piece.role == "single" and piece.id not in singles:
                singles.append(piece.id)
    return pairs, singles


def _rewrite(text: str, pair_map: dict[int, int], single_map: dict[int, int]) -> str:
    out: list[str] = []
    for piece in pieces(text):
        if isinstance(piece, str):
            out.append(escape_literal(piece))
            continue
        mapping = single_map if piece.role == "single" else pair_map
        number = mapping.get(piece.id)
        if number is not None:
            out.append(Placeholder(piece.role, number, 0, 0).written)
    return "".join(out)


def renumber(
    remembered_source: str, remembered_target: str, tags: Sequence[Tag]
) -> tuple[str, str]:
    """The remembered source and target with their placeholders in `tags`' numbering."""
    if "{" not in remembered_source and "{" not in remembered_target:
        return remembered_source, remembered_target
    source_pairs, source_singles = _order(remembered_source)
    here_pairs = [tag.id for tag in tags if tag.kind == "paired"]
    here_singles = [tag.id for tag in tags if tag.kind == "single"]
    pair_map = dict(zip(source_pairs, here_pairs, strict=False))
    single_map = dict(zip(source_singles, here_singles, strict=False))
    source = _rewrite(remembered_source, pair_map, single_map)
    target = _rewrite(remembered_target, pair_map, single_map)
    try:
        check_placement(target, tags)
    except PlaceholderError:
        target = _rewrite(remembered_target, {}, {})
    return source, target
