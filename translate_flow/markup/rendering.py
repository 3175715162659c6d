"""A translation's placeholders back into the source's elements, for every output.

`tree` reads a text into nested runs; `to_html` writes them as the source's elements around
the translated words, through the one sanitiser. Rendering never fails: a text saved before
the rules, or a snapshot whose source changed since, may hold a placeholder that no longer
fits, and that placeholder is shown as the characters it is rather than breaking a page.
"""

import html
from collections.abc import Sequence
from dataclasses import dataclass, field

from markupsafe import Markup

from translate_flow.markup.source_tags import Tag
from translate_flow.text.placeholders import Placeholder, pieces
from translate_flow.text.sanitising import sanitise_html


@dataclass(slots=True)
class Element:
    """A tag placed in the translation, with what it wraps (nothing, for a single tag)."""

    tag: Tag
    children: list["Node"] = field(default_factory=list)


Node = str | Element


def tree(text: str, tags: Sequence[Tag]) -> list[Node]:
    """The text as runs and elements; placeholders that do not fit stay as literal text."""
    by_id = {tag.id: tag for tag in tags}
    runs = pieces(text)
    usable = _usable(runs, by_id)
    root: list[Node] = []
    stack: list[list[Node]] = [root]
    for index, piece in enumerate(runs):
        if isinstance(piece, str):
            _add_text(stack[-1], piece)
        elif index not in usable:
            _add_text(stack[-1], piece.written)
        elif piece.role == "single":
            stack[-1].append(Element(by_id[piece.id]))
        elif piece.role == "open":
            element = Element(by_id[piece.id])
            stack[-1].append(element)
            stack.append(element.children)
        else:
            stack.pop()
    return root


def _usable(runs: list[str | Placeholder], by_id: dict[int, Tag]) -> set[int]:
    """The placeholders (by index) that form well-nested, known, first-use tags."""
    usable: set[int] = set()
    seen: set[int] = set()
    open_pairs: list[tuple[int, Placeholder]] = []
    for index, piece in enumerate(runs):
        if isinstance(piece, str):
            continue
        tag = by_id.get(piece.id)
        if tag is None:
            continue
        if piece.role == "close":
            if open_pairs and open_pairs[-1][1].id == piece.id:
                usable.add(open_pairs.pop()[0])
                usable.add(index)
            continue
        if (piece.role == "single") != (tag.kind == "single") or piece.id in seen:
            continue
        seen.add(piece.id)
        if piece.role == "single":
            usable.add(index)
        else:
            open_pairs.append((index, piece))
    return usable


def _add_text(nodes: list[Node], text: str) -> None:
    if nodes and isinstance(nodes[-1], str):
        nodes[-1] += text
    else:
        nodes.append(text)


def _html(nodes: Sequence[Node]) -> str:
    out: list[str] = []
    for node in nodes:
        if isinstance(node, str):
            out.append(html.escape(node, quote=False))
        else:
            out.append(node.tag.opening_html())
            out.append(_html(node.children))
            out.append(node.tag.closing_html())
    return "".join(out)


def to_html(text: str, tags: Sequence[Tag]) -> Markup:
    """The text as HTML: tags as the source's elements, text escaped, line breaks as <br>."""
    nodes = tree(text, tags)
    if all(isinstance(node, str) for node in nodes):
        # Nothing but text: escaping is all the sanitiser would do (quotes stay as they are in
        # a text node, as the sanitiser writes them).
        text_only = html.escape("".join(map(str, nodes)), quote=False).replace("\n", "<br>\n")
        return Markup(text_only)  # noqa: S704 - escaped just above
    written = _html(nodes).replace("\n", "<br>\n")
    return Markup(sanitise_html(written))  # noqa: S704 - the sanitiser's output


def plain(nodes: Sequence[Node]) -> str:
    """The words alone, as a search index or a summary wants them; a line break is a space."""
    return "".join(
        node
        if isinstance(node, str)
        else (plain(node.children) if node.tag.kind == "paired" else " ")
        for node in nodes
    )
