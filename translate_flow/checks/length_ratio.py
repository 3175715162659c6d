"""Length: a translation far shorter or longer than the pair's translations usually are, which
is most often a sentence half translated or one translated twice.

Lengths are of what a reader reads (`comparison_form`: no tags, spacing collapsed), in code
points. The usual ratio and its spread come from the desk's approved work when the caller has
them (`CheckContext.length_ratio`, learnt by `desk_ratio`); otherwise from the table below, a
rough figure per pair from news translation (a Japanese character becomes about 2.7 English
ones, a Spanish word a little shorter in English). A pair in neither says nothing.

In a source in Chinese, Japanese or Korean only those characters are scaled by the ratio:
digits, Latin names and web addresses keep their length in any translation, so the length a
translation is expected to have is the dense characters × the ratio plus the rest as it is.

Short segments vary too much to judge: the expected length must be MIN_EXPECTED_CHARS or more.
"""

import re

from translate_flow.checks.base import Check, CheckContext, Finding, Severity, register
from translate_flow.checks.segment_text import is_cjk, reading_form
from translate_flow.text.languages import base_language

MIN_EXPECTED_CHARS = 35
# Han, kana and hangul, as segment_text reads the scripts.
_DENSE = re.compile(
    "[\u1100-\u11ff\u3005-\u3007\u3041-\u30ff\u3130-\u318f\u3400-\u4dbf\u4e00-\u9fff"
    "\uac00-\ud7af\uf900-\ufaff\uff66-\uff9f\U00020000-\U0002ffff]"
)
# How many spreads a ratio may stray from the mean, by factor rather than difference (a
# translation half as long is as odd as one twice as long): within mean ÷ k … mean × k, with
# k = 1 + SPREADS × spread/mean. The spread is taken as at least a quarter of the mean, so
# that a desk's very uniform approved work does not make the check nag.
SPREADS = 3.0
MIN_SPREAD = 0.25

# (source, target) base languages → (mean target/source length ratio, spread).
FALLBACK: dict[tuple[str, str], tuple[float, float]] = {
    ("ja", "en"): (2.7, 0.6),
    ("zh", "en"): (3.4, 0.8),
    ("ko", "en"): (2.4, 0.6),
    ("en", "ja"): (0.38, 0.09),
    ("en", "zh"): (0.3, 0.08),
    ("es", "en"): (0.88, 0.15),
    ("fr", "en"): (0.87, 0.15),
    ("de", "en"): (0.92, 0.15),
    ("pt", "en"): (0.9, 0.15),
    ("it", "en"): (0.9, 0.15),
    ("ru", "en"): (0.95, 0.18),
    ("ar", "en"): (1.15, 0.25),
    ("en", "es"): (1.15, 0.2),
    ("en", "de"): (1.1, 0.2),
    ("en", "fr"): (1.15, 0.2),
}


def usual_ratio(context: CheckContext) -> tuple[float, float] | None:
    if context.length_ratio is not None:
        return context.length_ratio
    pair = (base_language(context.source_language), base_language(context.target_language))
    return FALLBACK.get(pair)


def scaled_and_kept(source: str, source_language: str) -> tuple[int, int]:
    """The source's characters the ratio scales and those a translation keeps as they are
    (digits, Latin, addresses in a CJK source), of its reading form. The desk's own ratio is
    learnt by the same rule (`desk_ratio`)."""
    if not is_cjk(source_language):
        return len(source), 0
    dense = len(_DENSE.findall(source))
    return dense, len(source) - dense


def _expected_length(source: str, mean: float, context: CheckContext) -> float:
    scaled, kept = scaled_and_kept(source, context.source_language)
    return scaled * mean + kept


@register
class LengthRatioCheck(Check):
    name = "length"
    severity = Severity.WARNING
    description = "A translation far shorter or longer than the pair's usually are."

    def check(self, source: str, target: str, context: CheckContext) -> list[Finding]:
        usual = usual_ratio(context)
        if usual is None:
            return []
        mean, spread = usual
        expected = _expected_length(reading_form(source), mean, context)
        if expected < MIN_EXPECTED_CHARS:
            return []
        factor = 1 + SPREADS * max(spread / mean, MIN_SPREAD)
        share = len(reading_form(target)) / expected
        if 1 / factor <= share <= factor:
            return []
        if share < 1:
            message = (
                f"The translation is about {share:.0%} of the length usual for this pair: "
                "is part of it missing?"
            )
        else:
            message = (
                f"The translation is about {share:.1f} times the length usual for this pair: "
                "is something there twice?"
            )
        return [self.finding(message)]
