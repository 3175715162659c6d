"""Brackets and quotation marks: closed as the source closes them, and in the target
language's style.

Marks are compared by kind, not by character, so 「…」 translated as “…” and （…） as (…) are
balanced alike. A mark the source leaves open (a quotation that runs over several sentences,
and so over segments) may stay open in the translation. Placeholders `{1}` are not braces.

Style: a translation into a language not written in Chinese characters should not use the
CJK marks (「」『』（）【】《》); an English one neither guillemets nor „low quotes“. A
Chinese, Japanese or Korean target is not told its marks: "" and () are common there.
"""

import re
from dataclasses import dataclass

from translate_flow.checks.base import Check, CheckContext, Finding, Severity, Span, register
from translate_flow.checks.segment_text import is_cjk, masked
from translate_flow.text.languages import base_language

# kind: (openers, closers)
_KINDS: dict[str, tuple[str, str]] = {
    "round brackets": ("(（", ")）"),
    "square brackets": ("[［【〔〖", "]］】〕〗"),
    "braces": ("{｛", "}｝"),
    "title marks": ("《〈", "》〉"),
    "quotation marks": ("“«「『„‹", "”»」』›"),
}
_STRAIGHT = '"＂'

_CJK_MARKS = {
    "「": "“",
    "」": "”",
    "『": "‘",
    "』": "’",
    "（": "(",
    "）": ")",
    "［": "[",
    "］": "]",
    "【": "[",
    "】": "]",
    "〔": "[",
    "〕": "]",
    "《": "italics or “",
    "》": "italics or ”",
    "〈": "italics or ‘",
    "〉": "italics or ’",
    "｛": "{",
    "｝": "}",
    "＂": '"',
}
_NOT_ENGLISH = {"«": "“", "»": "”", "‹": "‘", "›": "’", "„": "“"}

# Most targets have no mark of a kind at all: one scan says so for every kind together.
_ANY_MARK = re.compile(
    "[" + re.escape("".join(o + c for o, c in _KINDS.values()) + _STRAIGHT) + "]"
)
_STYLE_MARKS = {
    english: re.compile(
        "[" + re.escape("".join(_CJK_MARKS | (_NOT_ENGLISH if english else {}))) + "]"
    )
    for english in (False, True)
}


@dataclass(frozen=True, slots=True)
class _Unmatched:
    opened: tuple[int, ...]  # positions of openers never closed
    closed: tuple[int, ...]  # positions of closers with nothing open

    @property
    def signature(self) -> tuple[int, int]:
        return len(self.opened), len(self.closed)


def _unmatched(text: str, openers: str, closers: str) -> _Unmatched:
    # In German, Czech and Polish quotes „open“ with a low mark and close with “ (or ”).
    if "„" in text and "“" in openers:
        openers, closers = openers.replace("“", ""), closers + "“"
    stack: list[int] = []
    stray: list[int] = []
    for index, char in enumerate(text):
        if char in openers:
            stack.append(index)
        elif char in closers:
            if stack:
                stack.pop()
            else:
                stray.append(index)
    return _Unmatched(tuple(stack), tuple(stray))


def _straight(text: str) -> tuple[int, ...]:
    if not any(mark in text for mark in _STRAIGHT):
        return ()
    return tuple(index for index, char in enumerate(text) if char in _STRAIGHT)


@register
class BracketsCheck(Check):
    name = "brackets"
    severity = Severity.WARNING
    description = "Brackets and quotation marks closed, and in the target language's style."

    def check(self, source: str, target: str, context: CheckContext) -> list[Finding]:
        source_text, target_text = masked(source), masked(target)
        findings: list[Finding] = []
        if not _ANY_MARK.search(target_text):
            style = self._style(target_text, context)
            return [style] if style is not None else []
        for kind, (openers, closers) in _KINDS.items():
            if not any(mark in target_text for mark in openers + closers):
                continue
            mine = _unmatched(target_text, openers, closers)
            if mine.signature == (0, 0):
                continue
            theirs = _unmatched(source_text, openers, closers)
            if mine.signature == theirs.signature:
                continue
            positions = sorted(mine.opened + mine.closed)
            what = "opened and not closed" if mine.opened else "closed but never opened"
            findings.append(
                self.finding(
                    f"Some {kind} are {what}.",
                    target_spans=[Span(index, index + 1) for index in positions],
                )
            )
        straight = _straight(target_text)
        if len(straight) % 2 and not len(_straight(source_text)) % 2:
            findings.append(
                self.finding(
                    'A straight quotation mark (") is not closed.',
                    target_spans=[Span(index, index + 1) for index in straight],
                )
            )
        style = self._style(target_text, context)
        if style is not None:
            findings.append(style)
        return findings

    def _style(self, text: str, context: CheckContext) -> Finding | None:
        if is_cjk(context.target_language):
            return None
        english = base_language(context.target_language) == "en"
        spans = [Span(*match.span()) for match in _STYLE_MARKS[english].finditer(text)]
        if not spans:
            return None
        marks = _CJK_MARKS | _NOT_ENGLISH if english else _CJK_MARKS
        used = dict.fromkeys(text[span.start] for span in spans)
        advice = "; ".join(f"{mark} → {marks[mark]}" for mark in used)
        return self.finding(
            f"These marks are not this language's style: {advice}.", target_spans=spans
        )
