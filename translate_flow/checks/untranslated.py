"""Untranslated text: a target that is its source again, or that keeps a run of the source's
script (kana, hangul, han, Arabic, Cyrillic…) in a language not written in it.

Deliberately not flagged, since a desk writes them on purpose:
- a copy of the source in the same script that is under three words (a name, "Twitter",
  "Buenos Aires") or that do-not-translate terms cover;
- a run of the source's script that is a do-not-translate term, or that stands in brackets
  or quotation marks and is short (eight characters or fewer): a gloss such as
  "Reiwa (令和)" or the word “kawaii” (可愛い) explained.
"""

import re

from translate_flow.checks.base import Check, CheckContext, Finding, Severity, Span, register
from translate_flow.checks.segment_text import (
    has_letters,
    key_form,
    masked,
    script_runs_pattern,
    scripts_in,
    scripts_of_language,
)
from translate_flow.text.analysis import match_key, match_tokens
from translate_flow.text.languages import base_language

# The longest run a gloss in brackets or quotes may be.
GLOSS_CHARS = 8
# A copy in the target's own script shorter than this many words is most likely a name.
SAME_SCRIPT_WORDS = 3

_OPENERS = "([（「『“‘«\"'【"
_CLOSERS = ")]）」』”’»\"'】"


@register
class UntranslatedCheck(Check):
    name = "untranslated"
    severity = Severity.WARNING
    description = "Text left in the source language."

    def applies(self, source: str, target: str, context: CheckContext) -> bool:
        return bool(target.strip()) and base_language(context.source_language) != base_language(
            context.target_language
        )

    def check(self, source: str, target: str, context: CheckContext) -> list[Finding]:
        copy = self._copy(source, target, context)
        if copy is not None:
            return [copy]
        return self._runs(source, target, context)

    def _copy(self, source: str, target: str, context: CheckContext) -> Finding | None:
        key = key_form(source)
        if key != key_form(target) or not has_letters(key):
            return None
        foreign = scripts_in(key) - scripts_of_language(context.target_language)
        if not foreign and (
            len(match_tokens(key)) < SAME_SCRIPT_WORDS or _all_kept_terms(key, context)
        ):
            return None
        return self.finding(
            "The translation is the source again: is this segment translated?",
            (Span(0, len(source)),),
            (Span(0, len(target)),),
            severity=Severity.ERROR if foreign else Severity.WARNING,
        )

    def _runs(self, source: str, target: str, context: CheckContext) -> list[Finding]:
        # Latin letters are everywhere (names, brands, units), in any target: never a run.
        foreign = scripts_in(masked(source)) - scripts_of_language(context.target_language)
        foreign.discard("latin")
        if not foreign:
            return []
        text = masked(target)
        kept = _kept_forms(context)
        spans: list[Span] = []
        for start, end in _script_runs(text, foreign):
            run = text[start:end]
            if any(run in form for form in kept):
                continue
            if end - start <= GLOSS_CHARS and _enclosed(text, start, end):
                continue
            spans.append(Span(start, end))
        if not spans:
            return []
        shown = "”, “".join(target[span.start : span.end] for span in spans[:3])
        return [
            self.finding(
                f"Text in the source's script is left in the translation: “{shown}”.",
                target_spans=spans,
            )
        ]


def _script_runs(text: str, scripts: set[str]) -> list[tuple[int, int]]:
    """Runs of characters of `scripts`, joined across the spaces and marks between them
    (a katakana name with its ・, a Cyrillic phrase)."""
    return [match.span() for match in script_runs_pattern(frozenset(scripts)).finditer(text)]


def _enclosed(text: str, start: int, end: int) -> bool:
    before = re.search(r"\S(?=\s*$)", text[:start])
    after = re.match(r"\s*(\S)", text[end:])
    return bool(before and after and before.group() in _OPENERS and after.group(1) in _CLOSERS)


def _kept_forms(context: CheckContext) -> list[str]:
    return [term.source for term in context.terms or () if term.do_not_translate]


def _all_kept_terms(key: str, context: CheckContext) -> bool:
    rest = key
    for form in _kept_forms(context):
        rest = rest.replace(match_key(form), " ")
    return not has_letters(rest)
