"""The numbers check: every number of the source is in the translation, as a value.

Both texts are read into values (`numerals.numbers_in`) and matched as sets, so a number said
twice in the source and once in the translation is not a finding. A value matches when it is
equal, when the coarser of the two rounds the other (1兆551億 and "1.06 trillion"), or, next
to "about"/約 and their kin, when it lies within 6 %; and, where both texts say what it
counts (`number_measures`), only when it counts the same thing: 5社 is not "five countries".
Two fiscal years match by the year they start in (2024年度 is "the fiscal year ended March
2025"). A percentage point never matches a percent (5ポイント is not "5%"), except a
Japanese %, which newspapers write for either. What stays unmatched is reported: paired as
"different" when both sides have one, else as missing or extra.
"""

from dataclasses import replace

from translate_flow.checks import number_measures as measures
from translate_flow.checks.base import Check, CheckContext, Finding, Severity, Span, register
from translate_flow.checks.number_format import describe
from translate_flow.checks.number_words import has_weekday
from translate_flow.checks.numerals import PERCENT, POINT, Number, language_of, numbers_in

# Next to "about" and its kin, a translation may round this much.
APPROX_TOLERANCE = 0.06
_APART = frozenset({PERCENT, POINT})
# Weak numbers that are still reported when both texts have one and they disagree: a month
# for a month is a wrong date, a fraction for a fraction a wrong share.
_PAIRED_WEAK = frozenset({"month", "fraction"})


def close(a: Number, b: Number) -> bool:
    """Whether two written numbers may stand for the same quantity."""
    if a.measure and b.measure and a.measure != b.measure:
        return False
    if a.fiscal_start is not None and b.fiscal_start is not None:
        return a.fiscal_start == b.fiscal_start
    if a.kind != b.kind and a.kind in _APART and b.kind in _APART:
        return False
    for x in a.values:
        for y in b.values:
            if _close_values(x, y, a, b):
                return True
    return False


def _close_values(x: float, y: float, a: Number, b: Number) -> bool:
    difference = abs(x - y)
    if difference <= 1e-9 * max(abs(x), abs(y), 1.0):
        return True
    coarse = a if a.unit >= b.unit else b
    unit = coarse.unit
    # Rounding is only read into a number that keeps two significant digits: "2 trillion"
    # for 1兆5500億 is a different number unless "about" says otherwise.
    if (
        unit > 0
        and difference <= unit / 2 * (1 + 1e-9)
        and (abs(coarse.value) / unit >= 10 - 1e-9 or a.approx or b.approx)
    ):
        return True
    if a.approx or b.approx:
        return difference <= max(unit / 2, APPROX_TOLERANCE * max(abs(x), abs(y)))
    return False


_COUNTS = {
    measures.YEARS: "counts years",
    measures.COMPANIES: "counts companies",
    measures.COUNTRIES: "counts countries",
    measures.PEOPLE: "counts people",
    measures.TIMES: "is a multiple",
    measures.SHARE: "is a percentage",
}


def _counts_otherwise(a: Number, b: Number) -> bool:
    """Whether two numbers would match but count different things (5社 against "5 countries")."""
    return bool(a.measure and b.measure and a.measure != b.measure) and close(
        replace(a, measure=""), b
    )


def unmatched(source: list[Number], target: list[Number]) -> tuple[list[Number], list[Number]]:
    """The numbers of each side that no number of the other side matches."""
    lonely_source = [s for s in source if not any(close(s, t) for t in target)]
    lonely_target = [t for t in target if not any(close(s, t) for s in source)]
    return lonely_source, lonely_target


def _said(number: Number) -> str:
    shown = describe(number.value)
    if number.kind == "year" and len(number.values) > 1 and number.values[0] >= 1800:
        shown = str(int(number.value))
    if shown.replace(",", "") == number.text.replace(",", "").strip():
        return number.text.strip()
    return f"{number.text.strip()} ({shown})"


def _partner(number: Number, others: list[Number], used: set[int]) -> Number | None:
    """The unmatched number of the other side most likely meant as this one."""
    candidates = [o for o in others if id(o) not in used]
    # Best the same value counting something else (5社 and "five countries"), then a strong
    # number of the same kind (a year for a year), then any strong one, then a weak one of the
    # same kind (a month name for a month).
    ranked = (
        [o for o in candidates if _counts_otherwise(number, o)]
        + [o for o in candidates if o.kind == number.kind and o.strong]
        + [o for o in candidates if o.strong]
        + [o for o in candidates if o.kind == number.kind and number.kind != "plain"]
    )
    return ranked[0] if ranked else None


@register
class NumbersCheck(Check):
    name = "numbers"
    severity = Severity.ERROR
    description = "Every number of the source is in the translation with the same value."

    def check(self, source: str, target: str, context: CheckContext) -> list[Finding]:
        source_numbers = numbers_in(source, context.source_language)
        target_numbers = numbers_in(target, context.target_language)
        if not source_numbers and not target_numbers:
            return []
        lonely_source, lonely_target = unmatched(source_numbers, target_numbers)
        if language_of(context.target_language) == "en" and has_weekday(target):
            # "岸田首相は6日…" is "Kishida said Tuesday": the day of the month may go.
            lonely_source = [n for n in lonely_source if n.kind != "day"]
        findings: list[Finding] = []
        used: set[int] = set()
        for number in lonely_source:
            if not number.strong:
                continue
            other = _partner(number, lonely_target, used)
            if other is None:
                findings.append(
                    self.finding(
                        f"The source says {_said(number)}; the translation has no such number.",
                        [Span(number.start, number.end)],
                    )
                )
                continue
            used.add(id(other))
            findings.append(self._different(number, other))
        for number in lonely_source:
            # Month names and fractions are weak (a translation may add or drop one), but two
            # that disagree are a wrong date or share.
            if number.strong or number.kind not in _PAIRED_WEAK:
                continue
            other = next(
                (o for o in lonely_target if o.kind == number.kind and id(o) not in used), None
            )
            if other is not None:
                used.add(id(other))
                findings.append(self._different(number, other))
        for number in lonely_target:
            if not number.strong or id(number) in used:
                continue
            findings.append(
                self.finding(
                    f"The translation has {_said(number)}, which is not in the source.",
                    target_spans=[Span(number.start, number.end)],
                )
            )
        return findings

    def _different(self, number: Number, other: Number) -> Finding:
        message = f"The source says {_said(number)}; the translation has {other.text.strip()}."
        if _counts_otherwise(number, other):
            message = (
                f"The source's {number.text.strip()} {_COUNTS[number.measure]}; the "
                f"translation's {other.text.strip()} {_COUNTS[other.measure]}."
            )
        elif (
            number.fiscal_start is not None
            and other.fiscal_start is not None
            and number.fiscal_start != other.fiscal_start
        ):
            message = (
                f"The source's fiscal year {number.text.strip()} starts in "
                f"{int(number.fiscal_start)}; the translation's {other.text.strip()} starts in "
                f"{int(other.fiscal_start)}."
            )
        return self.finding(
            message,
            [Span(number.start, number.end)],
            [Span(other.start, other.end)],
        )
