"""End punctuation: a question stays a question, an exclamation an exclamation, a sentence keeps
its end and a headline does not gain one.

The marks of every script count as theirs: 。．｡ ۔ । are full stops, ？ and ؟ question marks,
！ an exclamation mark; an ellipsis, colon or semicolon ends like a full stop. (The Greek
question mark is a semicolon once NFC has been applied, so Greek is not told apart.)
Closing quotes, brackets and trailing tags are looked past (`“Yes.”` ends with a full stop).

Deliberately not flagged: a question added to a Japanese or Korean source that ends in 。
(questions there often end in か。/까.), an exclamation turned into a full stop from Chinese,
Japanese or Korean (news translation tones them down), and a full stop that ends an
abbreviation ("Inc.", "U.S.") where the source has none.
"""

import re

from translate_flow.checks.base import Check, CheckContext, Finding, Severity, Span, register
from translate_flow.checks.segment_text import MASK, has_letters, is_cjk, masked
from translate_flow.text.languages import base_language

QUESTION, EXCLAMATION, STOP, NONE = "question", "exclamation", "stop", "none"
_ENDS = {
    **dict.fromkeys("?？؟⸮", QUESTION),
    **dict.fromkeys("!！", EXCLAMATION),
    **dict.fromkeys(".。．｡۔।…:：;；", STOP),
}
# Looked past at the end: closing quotes and brackets, spaces, placeholders.
_TRAILING = set(")]}）］｝」』】〕》〉”’»›\"'＂") | {MASK} | set(" \t\u3000\u00a0")
_ABBREVIATION = re.compile(r"(?:\b[A-Za-z]\.)+$|\b(?:Inc|Ltd|Co|Corp|Jr|Sr|St|etc|No|vs)\.$")


def _end(text: str) -> tuple[str, int]:
    """The kind of the text's last mark and its position (-1 when the text has none)."""
    index = len(text) - 1
    while index >= 0 and text[index] in _TRAILING:
        index -= 1
    if index < 0:
        return NONE, -1
    # "?!" and "!?" end as a question: the question is what must not be lost.
    if text[index] in _ENDS and index > 0 and text[index - 1] in _ENDS:
        pair = {_ENDS[text[index]], _ENDS[text[index - 1]]}
        if QUESTION in pair:
            return QUESTION, index
    kind = _ENDS.get(text[index], NONE)
    return kind, index if kind != NONE else -1


_NAMES = {QUESTION: "a question mark", EXCLAMATION: "an exclamation mark", STOP: "a full stop"}


@register
class PunctuationCheck(Check):
    name = "punctuation"
    severity = Severity.WARNING
    description = "The sentence ends as the source ends: question, exclamation, full stop."

    def applies(self, source: str, target: str, context: CheckContext) -> bool:
        return bool(target.strip()) and has_letters(source)

    def check(self, source: str, target: str, context: CheckContext) -> list[Finding]:
        source_text, target_text = masked(source), masked(target)
        theirs, source_at = _end(source_text)
        mine, target_at = _end(target_text)
        if theirs == mine or self._tolerated(theirs, mine, target_text, target_at, context):
            return []
        source_spans = [Span(source_at, source_at + 1)] if source_at >= 0 else []
        target_spans = [Span(target_at, target_at + 1)] if target_at >= 0 else []
        if theirs == NONE:
            message = f"The source has no end punctuation; the translation adds {_NAMES[mine]}."
        elif mine == NONE:
            message = f"The source ends with {_NAMES[theirs]}; the translation has none."
        else:
            message = f"The source ends with {_NAMES[theirs]}, the translation with {_NAMES[mine]}."
        return [self.finding(message, source_spans, target_spans)]

    @staticmethod
    def _tolerated(
        theirs: str, mine: str, target: str, target_at: int, context: CheckContext
    ) -> bool:
        source_language = base_language(context.source_language)
        if theirs == STOP and mine == QUESTION and source_language in {"ja", "ko"}:
            return True
        if theirs == EXCLAMATION and mine == STOP and is_cjk(source_language):
            return True
        return (
            theirs == NONE and mine == STOP and bool(_ABBREVIATION.search(target[: target_at + 1]))
        )
