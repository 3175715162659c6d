"""The key of kept findings, and which checks may be kept at all."""

from typing import ClassVar

import pytest

from translate_flow.checks.base import (
    CHECKS,
    Check,
    CheckContext,
    Finding,
    Severity,
    Span,
    run_checks,
)
from translate_flow.checks.stored import (
    ARTICLE_CHECKS,
    checks_version,
    findings_key,
    from_json,
    per_segment,
    terms_fingerprint,
)
from translate_flow.terms.finding import FoundTerm

BASE = {
    "version": "v",
    "source_language": "ja",
    "target_language": "en",
    "source": "{1}円相場{/1}が一ドル百五十円を超えた。",
    "plain_source": "円相場が一ドル百五十円を超えた。",
    "text": "{1}The yen{/1} passed 150 to the dollar.",
    "terms": "t",
    "ratio": (2.7, 0.6),
}


@pytest.mark.parametrize(
    "change",
    [
        {"version": "w"},
        {"source_language": "zh"},
        {"target_language": "en-GB"},
        {"source": "円相場が一ドル百五十円を超えた。"},
        {"plain_source": "円相場が一ドル百六十円を超えた。"},
        {"text": "{1}The yen{/1} passed 160 to the dollar."},
        {"terms": "u"},
        {"ratio": (2.8, 0.6)},
        {"ratio": None},
    ],
)
def test_everything_the_checks_read_is_in_the_key(change: dict[str, object]) -> None:
    assert findings_key(**BASE) != findings_key(**(BASE | change))  # type: ignore[arg-type]
    assert findings_key(**BASE) == findings_key(**dict(BASE))  # type: ignore[arg-type]


def _term(**change: object) -> FoundTerm:
    fields: dict[str, object] = {
        "term_id": 1,
        "source": "円相場",
        "found": "円相場",
        "start": 0,
        "end": 3,
        "targets": ("exchange rate",),
        "forbidden": (),
        "note": "",
        "category": "term",
        "case_sensitive": False,
        "whole_word": True,
        "do_not_translate": False,
    }
    return FoundTerm(**(fields | change))  # type: ignore[arg-type]


def test_a_terms_fingerprint_changes_with_any_of_its_forms_or_flags() -> None:
    same = terms_fingerprint([_term()])
    assert terms_fingerprint([_term()]) == same
    for change in (
        {"targets": ("yen rate",)},
        {"forbidden": (("forex", "jargon"),)},
        {"do_not_translate": True},
        {"start": 1, "end": 4},
    ):
        assert terms_fingerprint([_term(**change)]) != same
    assert terms_fingerprint([]) != same


def test_registering_a_check_changes_the_checks_version() -> None:
    class Late(Check):
        name: ClassVar[str] = "late"

        def check(self, source: str, target: str, context: CheckContext) -> list[Finding]:
            return []

    before = checks_version()
    CHECKS[Late.name] = Late()
    try:
        assert checks_version() != before
    finally:
        del CHECKS[Late.name]
    assert checks_version() == before


def test_a_finding_reads_back_as_it_was_kept() -> None:
    finding = Finding(
        "numbers",
        Severity.ERROR,
        "The source says 百五十 (150); the translation has 160.",
        (Span(8, 11),),
        (Span(23, 26), Span(30, 31)),
    )
    assert from_json(finding.as_json()) == finding


SIBLINGS = [
    ("円相場が一ドル百五十円を超えて久しい。", "The yen has long been above 150 to the dollar."),
    ("円相場が一ドル百五十円を超えて久しい。", "For long the dollar has bought over 160 yen."),
    ("だが、通貨の弱さは原因ではなく結果である。", "But a weak currency is a result, not a cause"),
]


@pytest.mark.parametrize("index", range(len(SIBLINGS)))
def test_only_the_article_checks_read_the_other_segments(index: int) -> None:
    """A check that reads `siblings` must be in ARTICLE_CHECKS, or kept findings go stale."""
    source, target = SIBLINGS[index]
    alone = run_checks(source, target, CheckContext("ja", "en"), only=per_segment)
    among = run_checks(
        source, target, CheckContext("ja", "en", siblings=SIBLINGS), only=per_segment
    )
    assert alone == among
    assert set(CHECKS) >= ARTICLE_CHECKS
