"""Placeholders shown as chips: the desk's pages (history, compare, review changes, the
no-JavaScript source column) show `{1}` as a small numbered chip that says what it stands for,
not as braces a volunteer has to read around.

A chip keeps the placeholder itself in `data-placeholder`, so that the editor's script, a copy
or a test can read the text back exactly.
"""

import re
from collections.abc import Sequence

from markupsafe import Markup, escape

from translate_flow.markup.source_tags import Tag
from translate_flow.text.placeholders import PLACEHOLDER_PATTERN

_PLACEHOLDER = re.compile(PLACEHOLDER_PATTERN)
_ROLE_WORD = {"open": "start of", "close": "end of", "single": ""}


def _chip(written: str, tags: dict[int, Tag]) -> str:
    if written.startswith("\\"):
        return written[1:]  # a literal, shown as the characters it is
    digits = written.strip("{}/")
    tag = tags.get(int(digits))
    role = "close" if written.startswith("{/") else "single" if written.endswith("/}") else "open"
    meaning = tag.meaning if tag is not None else "a tag the source segment does not have"
    label = f"{_ROLE_WORD[role]} tag {digits}: {meaning}".strip()
    shown = {"open": f"{digits}", "close": f"/{digits}", "single": f"{digits}/"}[role]
    unknown = "" if tag is not None else " tag-chip-unknown"
    return (
        f'<span class="tag-chip tag-{role}{unknown}" data-placeholder="{written}" role="img" '
        f'title="{escape(label)}" aria-label="{escape(label)}">{shown}</span>'
    )


def with_chips(rendered: Markup | str, tags: Sequence[Tag] = ()) -> Markup:
    """HTML (escaped text, or a diff's <ins>/<del>) with each placeholder made a chip.

    A plain string is escaped first. Placeholders survive escaping unchanged (braces, digits,
    a slash and a backslash), so they are found in the markup as written in the text.
    """
    markup = rendered if isinstance(rendered, Markup) else escape(rendered)
    if "{" not in markup:
        return markup
    by_id = {tag.id: tag for tag in tags}
    return Markup(  # noqa: S704 - escaped input; each chip's attributes are escaped above
        _PLACEHOLDER.sub(lambda match: _chip(match.group(0), by_id), str(markup))
    )
