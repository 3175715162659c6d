"""Properties of inline tags over generated sources and placements: the source's own
placeholder form renders back to its markup, and any well-formed placement of its tags renders
to HTML the sanitiser leaves unchanged, with each link's target once per pair placed."""

import html

from hypothesis import given, settings
from hypothesis import strategies as st

from translate_flow.intake.segmentation import segment_article
from translate_flow.markup.placement import check_placement
from translate_flow.markup.rendering import plain, to_html, tree
from translate_flow.markup.source_tags import tag_source
from translate_flow.text.placeholders import escape_literal, strip_placeholders
from translate_flow.text.sanitising import INLINE_TAGS, sanitise_html

PAIRED = sorted(INLINE_TAGS - {"br"})
ADDRESSES = ["https://example.org/a", "https://example.org/b?x=1&y=2", "mailto:desk@example.org"]
# Words of several scripts, with the characters markup and placeholders care about, but no
# backslash: one before a placeholder is the escape, which `escape_literal` covers on its own.
WORDS = st.text(
    alphabet=st.sampled_from([*"ab yz&<>\"'{}/19", "円", "安", "é", "\u0301", "ش", "\u00a0"]),
    min_size=1,
    max_size=8,
)


@st.composite
def inline_markup(draw: st.DrawFn, depth: int = 0) -> str:
    """HTML of a paragraph's inline content: words, elements (nested) and line breaks."""
    parts: list[str] = []
    for _ in range(draw(st.integers(1, 4))):
        choice = draw(st.integers(0, 5 if depth < 3 else 1))
        if choice <= 1:
            parts.append(html.escape(draw(WORDS)))
        elif choice == 2:
            parts.append("<br>")
        else:
            element = draw(st.sampled_from(PAIRED))
            attributes = f' href="{html.escape(draw(st.sampled_from(ADDRESSES)))}"' * (
                element == "a"
            )
            inner = draw(inline_markup(depth + 1))
            parts.append(f"<{element}{attributes}>{inner}</{element}>")
    return " ".join(parts)


def stored_segment(body: str) -> str | None:
    """The paragraph's markup as the segmenter stores it, or None if it holds no text."""
    drafts = segment_article("Title", "", f"<p>x {body} y</p>")
    return drafts[1].html if len(drafts) > 1 else None


@settings(max_examples=150, deadline=None)
@given(inline_markup())
def test_a_source_renders_back_from_its_own_placeholders(body: str) -> None:
    stored = stored_segment(body)
    assert stored is not None
    source = tag_source(stored)
    # The sanitiser writes a no-break space as `&nbsp;`, the segmenter as the character.
    assert to_html(source.text, source.tags).replace("&nbsp;", "\xa0") == stored
    check_placement(source.text, source.tags)


@settings(max_examples=200, deadline=None)
@given(inline_markup(), st.data())
def test_any_well_formed_placement_renders_sanitised_with_each_link_once(
    body: str, data: st.DataObject
) -> None:
    stored = stored_segment(body)
    assert stored is not None
    tags = tag_source(stored).tags
    paired = [tag for tag in tags if tag.kind == "paired"]
    singles = [tag for tag in tags if tag.kind == "single"]
    chosen = data.draw(st.permutations(paired)).copy()
    chosen = chosen[: data.draw(st.integers(0, len(chosen)))]
    placed_singles = data.draw(st.lists(st.sampled_from(singles), unique=True)) if singles else []

    # Open the chosen pairs in a random order, closing a random number of the open ones before
    # each: every result is well nested. Words and single tags fall in between.
    written: list[str] = []
    used_singles: list[int] = []
    open_ids: list[int] = []
    for tag in chosen:
        for _ in range(data.draw(st.integers(0, len(open_ids)))):
            written.append(f"{{/{open_ids.pop()}}}")
        written.append(escape_literal(data.draw(WORDS)))
        written.append(f"{{{tag.id}}}")
        open_ids.append(tag.id)
        if placed_singles and data.draw(st.booleans()):
            written.append(f"{{{placed_singles[-1].id}/}}")
            used_singles.append(placed_singles.pop().id)
        written.append(escape_literal(data.draw(WORDS)))
    written.extend(f"{{/{tag_id}}}" for tag_id in reversed(open_ids))
    written.extend(f"{{{tag.id}/}}" for tag in placed_singles)
    used_singles.extend(tag.id for tag in placed_singles)
    text = "".join(written)

    placement = check_placement(text, tags)
    assert placement.used == {tag.id for tag in chosen} | set(used_singles)
    rendered = to_html(text, tags)
    assert sanitise_html(rendered) == rendered
    for address in ADDRESSES:
        pairs = sum(1 for tag in chosen if tag.element == "a" and tag.href == address)
        assert rendered.count(f'href="{html.escape(address)}"') == pairs
    assert plain(tree(text, tags)).replace(" ", "") == strip_placeholders(text).replace(" ", "")
