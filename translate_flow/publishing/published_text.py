"""A published text: a snapshot row's words with its source's inline tags placed in them.

Every output reads a row through here, so that the page, the preview, the feeds and the
exports render a link or an emphasis alike (`to_html`, through the one sanitiser), and so that
search, summaries and word counts read the same words without the placeholders.
"""

from dataclasses import dataclass
from functools import cached_property
from typing import Any

from markupsafe import Markup

from translate_flow.markup.rendering import Node, plain, to_html, tree
from translate_flow.markup.source_tags import Tag, tag_source
from translate_flow.text.placeholders import escape_literal


@dataclass(frozen=True)
class Words:
    """Text in placeholder form (`{1}the report{/1}`) and the source tags its numbers mean."""

    text: str
    tags: tuple[Tag, ...] = ()

    @classmethod
    def plain_text(cls, text: str) -> "Words":
        """Text with no tags, shown as the characters it is (an article's own title)."""
        return cls(escape_literal(text))

    def __bool__(self) -> bool:
        return bool(self.text)

    @cached_property
    def nodes(self) -> list[Node]:
        return tree(self.text, self.tags)

    @cached_property
    def plain(self) -> str:
        """The words a reader reads: for titles of feeds, search, summaries and counts."""
        return plain(self.nodes)

    @cached_property
    def html(self) -> Markup:
        """The source's elements around the translated words, sanitised; "\\n" is <br>."""
        return to_html(self.text, self.tags)


def row_words(row: dict[str, Any]) -> Words:
    """What the public reads for a snapshot row: the translation, or the source kept as is.

    Rows frozen before snapshots kept the source's markup (no `source_html`) have no tags,
    and read as the plain text they always did.
    """
    source_html: str | None = row.get("source_html")
    if row.get("leave_untranslated"):
        if source_html is None:
            return Words.plain_text(str(row["source"]).strip())
        tagged = tag_source(source_html)
        return Words(tagged.text.strip(), tagged.tags)
    tags = tag_source(source_html).tags if source_html is not None else ()
    return Words(str(row["text"]).strip(), tags)
