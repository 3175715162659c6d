"""The translation box's height without JavaScript: wide characters count twice."""

import math
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from translate_flow.editing.workspace import LINE_WIDTH, MIN_BOX_ROWS, box_rows


def lines_by_definition(text: str) -> int:
    return sum(
        max(
            1,
            math.ceil(
                sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in p) / LINE_WIDTH
            ),
        )
        for p in text.split("\n")
    )


@given(
    st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=400), st.text(max_size=80)
)
def test_the_box_is_as_tall_as_the_longer_text_measured_character_by_character(source, target):
    expected = max(MIN_BOX_ROWS, lines_by_definition(source), lines_by_definition(target) + 1)
    assert box_rows(source, target) == expected


def test_a_japanese_paragraph_takes_twice_the_lines_of_as_many_latin_letters():
    assert box_rows("東" * 60, "") == 3  # 120 places: two lines, and the minimum is three
    assert box_rows("東" * 150, "") == 5
    assert box_rows("a" * 150, "") == 3
