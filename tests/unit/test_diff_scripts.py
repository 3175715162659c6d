"""Diffs as translators and reviewers read them, in the scripts the desk works in: whole words
where words are spaced, characters where they are not, emoji sequences and combining marks
kept whole, and markup-looking text escaped."""

import pytest

from translate_flow.text.diffing import Op, clusters, diff_text, render_inline, render_side_by_side

# (script, old, new, what the reader should see deleted, and inserted)
EDITS = [
    (
        "english",
        "The yen is weak 📉 against the dollar.",
        "The yen is very weak 📉 against the <US> dollar.",
        [],
        ["very ", "<US> "],
    ),
    (
        "spanish",
        "El precio de los alimentos subió 🍞 en otoño.",
        "El precio de los alimentos bajó 🍞 en otoño.",
        ["subió"],
        ["bajó"],
    ),
    (
        "german",
        "Die Straßenbahn fährt nicht mehr 🚋.",
        "Die Straßenbahn fährt wieder 🚋.",
        ["nicht mehr"],
        ["wieder"],
    ),
    (
        "russian",
        "Рубль ослаб, а це\u0301ны выросли 👨‍👩‍👧.",
        "Рубль укрепился, а це\u0301ны выросли 👨‍👩‍👧.",
        ["ослаб"],
        ["укрепился"],
    ),
    (
        "arabic",
        "تُتابِع العواصم العربية النقاش 🇺🇸 باهتمام.",
        "تُتابِع العواصم الأوروبية النقاش 🇺🇸 باهتمام.",
        ["العربية"],
        ["الأوروبية"],
    ),
    (
        "hebrew",
        "הממשלה הודיעה על תקציב 👍🏽 חדש.",
        "הממשלה דחתה את התקציב 👍🏽 החדש.",
        None,  # several words: checked for whole words only
        None,
    ),
    (
        "chinese",
        "美国大选牵动全球市场🌏。",
        "美国大选牵动亚洲市场🌏。",
        ["全球"],
        ["亚洲"],
    ),
    (
        "japanese",
        "円安を嘆く前に、働き方を問え👷‍♀️。",
        "円高を嘆く前に、働き方を問え👷‍♀️。",
        ["安"],
        ["高"],
    ),
    (
        "korean",
        "한국 경제는 수출에 의존한다 🚢.",
        "한국 경제는 내수에 의존한다 🚢.",
        ["수출에"],
        ["내수에"],
    ),
    (
        "thai",
        "ราคาข้าวสูงขึ้นมาก 🍚",
        "ราคาข้าวลดลงมาก 🍚",
        ["สูงขึ้น"],
        ["ลดลง"],
    ),
    (
        "hindi",
        "रुपया कमज़ोर हुआ 🙏🏾 है।",
        "रुपया मज़बूत हुआ 🙏🏾 है।",
        ["कमज़ोर"],
        ["मज़बूत"],
    ),
]
DENSE = {"chinese", "japanese", "thai"}


def boundaries(text: str) -> set[int]:
    """Where the text's clusters start and end (offsets in code points)."""
    ends = {0}
    position = 0
    for cluster in clusters(text):
        position += len(cluster)
        ends.add(position)
    return ends


@pytest.mark.parametrize(
    ("script", "old", "new", "deleted", "inserted"), EDITS, ids=[e[0] for e in EDITS]
)
def test_a_reader_sees_the_edit_in_every_script(script, old, new, deleted, inserted):
    changes = diff_text(old, new)
    assert "".join(c.text for c in changes if c.op is not Op.INSERT) == old
    assert "".join(c.text for c in changes if c.op is not Op.DELETE) == new
    if deleted is not None:
        assert [c.text.strip() for c in changes if c.op is Op.DELETE] == deleted
        assert [c.text.strip() for c in changes if c.op is Op.INSERT] == [
            i.strip() for i in inserted
        ]
    # No change starts or ends inside a cluster: an emoji sequence, a flag, a skin tone, a
    # combining mark stays with what it belongs to, on both sides.
    for side, keep in ((old, Op.INSERT), (new, Op.DELETE)):
        edges = boundaries(side)
        position = 0
        for change in changes:
            if change.op is keep:
                continue
            assert position in edges
            position += len(change.text)
            assert position in edges
    # Spaced scripts change by whole words; CJK and Thai by characters.
    for change in changes:
        if change.op is Op.EQUAL or script in DENSE:
            continue
        start = old.find(change.text) if change.op is Op.DELETE else new.find(change.text)
        text = old if change.op is Op.DELETE else new
        before = text[start - 1] if start > 0 else " "
        after = text[start + len(change.text)] if start + len(change.text) < len(text) else " "
        assert not (before.isalnum() and change.text[0].isalnum()), (script, change)
        assert not (after.isalnum() and change.text[-1].isalnum()), (script, change)


@pytest.mark.parametrize(("script", "old", "new", "_d", "_i"), EDITS, ids=[e[0] for e in EDITS])
def test_rendered_diffs_are_escaped_and_rebuild_each_side(script, old, new, _d, _i):
    old, new = old + " <b>&", new + " <b>&"
    changes = diff_text(old, new)
    inline = str(render_inline(changes))
    assert "<b>" not in inline
    assert "&lt;b&gt;&amp;" in inline
    before, after = render_side_by_side(changes)
    assert "<ins>" not in str(before) and "<del>" not in str(after)
