"""Inline tags: the source's placeholders kept, and nested as the source nests them.

A draft may lack tags (`markup.placement` lets it save), so a missing tag is a warning; so is a
pair that sits inside another pair in the source and outside it here (a link that left its
emphasis), since languages reorder words but rarely unnest formatting. Any order of pairs
side by side is allowed. What a save refuses (a tag the source has not, written twice, pairs
that cross, left open) can still reach the stateless API, and is an error there.
"""

from dataclasses import dataclass

from translate_flow.checks.base import Check, CheckContext, Finding, Severity, Span, register
from translate_flow.checks.segment_text import placeholders_of
from translate_flow.text.placeholders import Placeholder


@dataclass(frozen=True, slots=True)
class _Layout:
    """The placeholders of a text by what they are, and each pair's enclosing pair."""

    written: dict[str, list[Placeholder]]  # "{1}" → where it is written
    parents: dict[int, int | None]  # pair id → the innermost pair around it
    broken: tuple[Placeholder, ...]  # closers without their opener, crossing, never closed


def _layout(text: str) -> _Layout:
    written: dict[str, list[Placeholder]] = {}
    parents: dict[int, int | None] = {}
    broken: list[Placeholder] = []
    stack: list[Placeholder] = []
    for piece in placeholders_of(text):
        written.setdefault(piece.written, []).append(piece)
        if piece.role == "open":
            parents[piece.id] = stack[-1].id if stack else None
            stack.append(piece)
        elif piece.role == "close":
            if stack and stack[-1].id == piece.id:
                stack.pop()
            else:
                broken.append(piece)
    broken.extend(stack)
    return _Layout(written, parents, tuple(broken))


def _shown(placeholder: Placeholder) -> str:
    if placeholder.role == "open":
        return f"{{{placeholder.id}}}…{{/{placeholder.id}}}"
    return placeholder.written


def _span(placeholder: Placeholder) -> Span:
    return Span(placeholder.start, placeholder.end)


@register
class TagsCheck(Check):
    name = "tags"
    severity = Severity.WARNING
    description = "The source's inline tags kept, and nested as in the source."

    def applies(self, source: str, target: str, context: CheckContext) -> bool:
        return bool(target.strip()) and ("{" in source or "{" in target)

    def check(self, source: str, target: str, context: CheckContext) -> list[Finding]:
        theirs, mine = _layout(source), _layout(target)
        findings: list[Finding] = []
        # A pair with one half written is broken, not missing: reported below.
        used = {place.id for places in mine.written.values() for place in places}
        missing = [
            place
            for places in theirs.written.values()
            for place in places[:1]
            if place.id not in used
        ]
        if missing:
            opened = {place.id for place in missing if place.role == "open"}
            names = [
                _shown(place)
                for place in missing
                if not (place.role == "close" and place.id in opened)
            ]
            findings.append(
                self.finding(
                    f"Tags of the source are missing: {' '.join(names)}.",
                    [_span(place) for place in missing],
                )
            )
        extra = [written for written in mine.written if written not in theirs.written]
        if extra:
            findings.append(
                self.finding(
                    f"The source has no tag {' '.join(extra)}.",
                    target_spans=[_span(mine.written[written][0]) for written in extra],
                    severity=Severity.ERROR,
                )
            )
        twice = [
            places[1]
            for written, places in mine.written.items()
            if len(places) > 1 and written in theirs.written
        ]
        if twice:
            findings.append(
                self.finding(
                    f"A tag is written twice: {' '.join(p.written for p in twice)}.",
                    target_spans=[_span(p) for p in twice],
                    severity=Severity.ERROR,
                )
            )
        if mine.broken:
            findings.append(
                self.finding(
                    "Tags are not closed in order (each {n} needs its {/n} after it, "
                    "pairs inside one another): " + " ".join(p.written for p in mine.broken) + ".",
                    target_spans=[_span(p) for p in mine.broken],
                    severity=Severity.ERROR,
                )
            )
        elif not theirs.broken:
            findings.extend(self._nesting(theirs, mine))
        return findings

    def _nesting(self, theirs: _Layout, mine: _Layout) -> list[Finding]:
        findings: list[Finding] = []
        for pair, parent in mine.parents.items():
            if pair not in theirs.parents or theirs.parents[pair] == parent:
                continue
            expected = theirs.parents[pair]
            # Only a parent that is in both texts can be compared; a missing one is reported.
            if expected is not None and expected not in mine.parents:
                continue
            if expected is None:
                message = (
                    f"{{{pair}}}…{{/{pair}}} is inside {{{parent}}}…{{/{parent}}} here, "
                    "not in the source."
                )
            else:
                message = (
                    f"In the source {{{pair}}}…{{/{pair}}} is inside "
                    f"{{{expected}}}…{{/{expected}}}; here it is not."
                )
            findings.append(
                self.finding(
                    message,
                    [_span(theirs.written[f"{{{pair}}}"][0])],
                    [_span(mine.written[f"{{{pair}}}"][0])],
                )
            )
        return findings
