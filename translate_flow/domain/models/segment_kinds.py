"""The kinds of segment an article is split into; shared by the models and the segmenter."""

from enum import StrEnum


class SegmentKind(StrEnum):
    """What a source segment is; the editor and the public page render each kind its own way."""

    TITLE = "title"
    STANDFIRST = "standfirst"  # the summary under the headline
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    QUOTE = "quote"  # a paragraph of a block quotation
    LIST_ITEM = "list_item"
    CAPTION = "caption"  # of a figure or a table

    @property
    def label(self) -> str:
        """How pages name the kind: "list item"."""
        return self.value.replace("_", " ")
