"""Properties of memory scores: a text matches itself at 100, and replacing more of its words
with words found in neither text never raises the score."""

from hypothesis import given, settings
from hypothesis import strategies as st

from translate_flow.memory.matching import score

_WORDS = st.sampled_from(
    ["alliance", "budget", "tokyo", "defence", "years", "signal", "región", "acuerdo", "東京"]
)
# Words no generated text contains: digits and letters the vocabulary above never uses.
_STRANGERS = [f"zq{number}x" for number in range(60)]
# Kana the characters' texts never use; repeated, still in neither text.
_KANA_STRANGERS = "ぁぃぅぇぉゃゅょゎゐゑをんゔゕゖ"
_TEXT = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Co", "Cn")), max_size=80
)


@given(_TEXT)
@settings(max_examples=300)
def test_any_text_matches_itself_at_100(text):
    assert score(text, text) == 100


@given(st.lists(_WORDS, min_size=1, max_size=40), st.data())
def test_replacing_more_words_never_raises_the_score(words, data):
    original = " ".join(words)
    order = data.draw(st.permutations(range(len(words))))
    previous = 100
    changed = list(words)
    for replaced, position in enumerate(order):
        changed[position] = _STRANGERS[replaced]
        current = score(original, " ".join(changed))
        assert current <= previous
        assert current < 100
        previous = current


@given(st.lists(st.sampled_from("日米同盟予算東京会議の将来"), min_size=1, max_size=40), st.data())
def test_replacing_more_characters_never_raises_the_score(characters, data):
    original = "".join(characters)
    order = data.draw(st.permutations(range(len(characters))))
    previous = 100
    changed = list(characters)
    for replaced, position in enumerate(order):
        changed[position] = (
            "ぁぃぅぇぉゃゅょゎゐゑをんゔゕゖ"[replaced % 16] if replaced < 16 else "ゟ"
        )
        current = score(original, "".join(changed))
        assert current <= previous
        previous = current
