"""Spacing: double spaces, spaces at the start or end, a space before punctuation in English,
and the ideographic space (U+3000) outside Chinese, Japanese and Korean.

What the source does itself is not flagged (a source with a double space has a reason or a
typo of its own), nor a space before an ellipsis ("and so on ..."), nor spacing around a
placeholder that HTML collapses when the page is shown.
"""

import re

from translate_flow.checks.base import Check, CheckContext, Finding, Severity, Span, register
from translate_flow.checks.segment_text import MASK, is_cjk, masked
from translate_flow.text.languages import base_language

_DOUBLE = re.compile(r"(?<=\S) {2,}(?=\S)")
_BEFORE_PUNCTUATION = re.compile(r"(?<=\w) +(?=[,.;:!?](?!\.\.)(?:\s|$|[\"”’)\]]))")
_IDEOGRAPHIC = re.compile("\u3000+")


@register
class SpacingCheck(Check):
    name = "spacing"
    severity = Severity.WARNING
    description = "No double, leading or trailing spaces, nor a space before punctuation."

    def check(self, source: str, target: str, context: CheckContext) -> list[Finding]:
        # A placeholder reads as nothing here, so "a {1}b" and "a{1} b" both have one space.
        source_text = masked(source).replace(MASK, "")
        text = masked(target)
        findings: list[Finding] = []
        # Each pattern only where its characters are: most targets have none of them.
        doubles = [Span(*m.span()) for m in _DOUBLE.finditer(text)] if "  " in text else []
        if doubles and not _DOUBLE.search(source_text):
            findings.append(self.finding("Double space.", target_spans=doubles))
        edges = []
        if text[:1].isspace() and not source_text[:1].isspace():
            edges.append(Span(0, len(text) - len(text.lstrip())))
        if text[-1:].isspace() and not source_text[-1:].isspace():
            edges.append(Span(len(text.rstrip()), len(text)))
        if edges:
            findings.append(self.finding("Space at the start or end.", target_spans=edges))
        if base_language(context.target_language) == "en" and any(
            " " + mark in text for mark in ",.;:!?"
        ):
            before = [Span(*m.span()) for m in _BEFORE_PUNCTUATION.finditer(text)]
            if before:
                findings.append(self.finding("A space before punctuation.", target_spans=before))
        if "\u3000" in text and not is_cjk(context.target_language):
            wide = [Span(*m.span()) for m in _IDEOGRAPHIC.finditer(text)]
            if wide:
                findings.append(
                    self.finding(
                        "A full-width (ideographic) space: use an ordinary one.",
                        target_spans=wide,
                    )
                )
        return findings
