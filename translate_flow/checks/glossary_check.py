"""The glossary check: the desk's terms found in the source, and what the translation made of
them.

A term is kept when one of its allowed forms appears in the target, compared as the termbase
compares (NFKC, case-folded unless the term is case-sensitive) and, in a target language
written with spaces, as a whole word; an English plural or possessive ending ("banks",
"Nikkei's") still counts as the word. A forbidden form found in the target is reported with
the reason the desk gave, unless it only stands inside an allowed form ("Party" inside
"Liberal Democratic Party").
"""

import re
from collections.abc import Iterator
from functools import lru_cache

from translate_flow.checks.base import Check, CheckContext, Finding, Severity, Span, register
from translate_flow.checks.segment_text import PlainText, is_unspaced, plain_text
from translate_flow.terms.finding import FoundTerm
from translate_flow.terms.folding import FoldedText, fold, term_key

# What may follow a whole word and still leave it the word: an English plural or possessive.
_ENDINGS = re.compile(r"(?:e?s|['’]s?)?")


class _Target:
    """The target as terms are looked for in it: plain, folded, with the way back to spans."""

    def __init__(self, target: str) -> None:
        self.plain: PlainText = plain_text(target)
        self._folded: dict[bool, FoldedText] = {}

    def folded(self, case_sensitive: bool) -> FoldedText:
        if case_sensitive not in self._folded:
            self._folded[case_sensitive] = fold(self.plain.plain, case_sensitive=case_sensitive)
        return self._folded[case_sensitive]

    def find(self, form: str, *, case_sensitive: bool, whole_word: bool) -> Iterator[Span]:
        """Where `form` stands in the target, as spans of the saved text."""
        needle = _needle(form, case_sensitive)
        if not needle:
            return
        folded = self.folded(case_sensitive)
        text = folded.folded
        start = text.find(needle)
        while start != -1:
            end = start + len(needle)
            if not whole_word or _is_word(text, start, end):
                plain_start, plain_end = folded.span(start, end)
                yield Span(*self.plain.span(plain_start, plain_end))
            start = text.find(needle, start + 1)


@lru_cache(maxsize=8192)
def _needle(form: str, case_sensitive: bool) -> str:
    # A pair's few hundred forms come back in every segment that has their term.
    return term_key(form, case_sensitive=case_sensitive)


def _is_word(text: str, start: int, end: int) -> bool:
    if start > 0 and text[start - 1].isalnum():
        return False
    ending = _ENDINGS.match(text, end)
    after = ending.end() if ending else end
    return after >= len(text) or not text[after].isalnum()


def _source_plain(source: str, context: CheckContext) -> PlainText | None:
    """The saved source as plain text, when it is the plain source the terms were found in
    (so that their spans can be mapped back); else None."""
    plain = plain_text(source)
    expected = context.plain_source if context.plain_source is not None else plain.plain
    return plain if plain.plain == expected else None


def _source_span(term: FoundTerm, plain: PlainText | None) -> tuple[Span, ...]:
    """The term's place in the saved source."""
    if plain is None or term.end > len(plain.plain):
        return ()
    return (Span(*plain.span(term.start, term.end)),)


def _quoted(forms: tuple[str, ...]) -> str:
    return ", ".join(f"“{form}”" for form in forms)


@register
class GlossaryCheck(Check):
    name = "glossary"
    severity = Severity.ERROR
    description = "The desk's terms translated as its glossary says."

    def applies(self, source: str, target: str, context: CheckContext) -> bool:
        return bool(context.terms) and bool(target.strip())

    def check(self, source: str, target: str, context: CheckContext) -> list[Finding]:
        findings: list[Finding] = []
        where = _Target(target)
        whole_word = not is_unspaced(context.target_language)
        plain = _source_plain(source, context)
        seen: set[int] = set()
        for term in context.terms or ():
            if term.term_id in seen:
                continue
            seen.add(term.term_id)
            findings.extend(self._term(term, where, whole_word, plain))
        return findings

    def _term(
        self,
        term: FoundTerm,
        where: _Target,
        whole_word: bool,
        plain: PlainText | None,
    ) -> Iterator[Finding]:
        source_spans = _source_span(term, plain)
        allowed_spans = [
            span
            for form in term.allowed
            for span in where.find(form, case_sensitive=term.case_sensitive, whole_word=whole_word)
        ]
        if term.allowed and not allowed_spans:
            if term.do_not_translate:
                message = f"“{term.found}” is not to be translated: keep it as “{term.source}”."
            elif len(term.allowed) == 1:
                message = f"The glossary translates “{term.found}” as “{term.preferred}”."
            else:
                message = (
                    f"The glossary translates “{term.found}” as “{term.preferred}” "
                    f"(or {_quoted(term.allowed[1:])}); the translation uses none of these."
                )
            if term.note:
                message += f" Note: {term.note}"
            yield self.finding(message, source_spans)
        for form, reason in term.forbidden:
            spans = [
                span
                for span in where.find(
                    form, case_sensitive=term.case_sensitive, whole_word=whole_word
                )
                if not any(a.start <= span.start and span.end <= a.end for a in allowed_spans)
            ]
            if spans:
                why = f" ({reason})" if reason else ""
                yield self.finding(
                    f"“{form}” is not to be used for “{term.found}”{why}; "
                    f"the glossary says “{term.preferred}”.",
                    source_spans,
                    spans,
                )
