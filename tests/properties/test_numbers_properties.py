"""A translation that says the source's numbers, written the target's way, is never flagged."""

from hypothesis import given, settings
from hypothesis import strategies as st

from translate_flow.checks.base import CheckContext
from translate_flow.checks.number_format import render
from translate_flow.checks.numbers_check import NumbersCheck

# What stands between numbers: words of each language that hold no number.
_JOINERS = {
    "ja": "、そして",
    "zh": "，以及",
    "en": " and then ",
    "de": " und dann ",
    "es": " y luego ",
    "ru": " и затем ",
    "ar": " ثم ",
}
_PAIRS = [("ja", "en"), ("zh", "en"), ("de", "en"), ("es", "en"), ("ru", "en"), ("ar", "en"),
          ("en", "ja"), ("en", "de"), ("ja", "zh")]  # fmt: skip

_WHOLE = st.integers(min_value=0, max_value=10**13).map(float)
# Scaled amounts as a newspaper writes them: a few significant digits times a power of ten.
_AMOUNT = st.builds(
    lambda digits, power: float(digits * 10**power),
    st.integers(min_value=1, max_value=9999),
    st.integers(min_value=0, max_value=9),
)
_DECIMAL = st.builds(
    lambda whole, hundredths: whole + hundredths / 100,
    st.integers(min_value=0, max_value=9999),
    st.integers(min_value=1, max_value=99),
)
_VALUE = st.one_of(_WHOLE, _AMOUNT, _DECIMAL)


@given(
    st.sampled_from(_PAIRS),
    st.lists(st.tuples(_VALUE, st.sampled_from(["digits", "scale"])), min_size=1, max_size=5),
    st.sampled_from(["digits", "scale"]),
)
@settings(max_examples=300, deadline=None)
def test_numbers_rendered_in_the_targets_convention_are_never_flagged(pair, numbers, style):
    source_language, target_language = pair
    source = _JOINERS[source_language].join(
        render(value, source_language, written) for value, written in numbers
    )
    target = _JOINERS[target_language].join(
        render(value, target_language, style) for value, _ in numbers
    )
    context = CheckContext(source_language, target_language)
    assert NumbersCheck().check(source, target, context) == [], (source, target)
