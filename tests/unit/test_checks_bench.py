"""The quality checks' benchmark keeps working: its article has something for every check to
find, and its table sits among bench/run.py's without being taken for one of its cases.

The figures of so short a run mean nothing; the harness test (tests/web/test_bench_harness.py)
runs it through bench/run.py at a small scale.
"""

from bench import checks_bench
from tests.web.test_bench_harness import ROW
from translate_flow.checks.base import CheckContext
from translate_flow.checks.numbers_check import NumbersCheck
from translate_flow.checks.segment_text import key_form
from translate_flow.text.analysis import match_key


def test_each_pair_is_checked_and_the_mistakes_are_found() -> None:
    figures = checks_bench.run(runs=1)
    for source_language, _target in checks_bench.PAIRS:
        pair = figures[f"{source_language}→en"]
        # One in ten a lost tag and term, one in ten a changed number, and the repeats.
        assert pair["findings"] >= 30, pair
        assert set(pair["median_ms_by_check"]) == set(figures["checks"])
    lines = checks_bench.markdown(figures)
    rows = [line for line in lines if line.startswith("| ") and "→en |" in line[:10]]
    assert len(rows) == len(checks_bench.PAIRS)
    assert not [line for line in lines if ROW.match(line)]


def test_a_correct_translation_in_the_article_raises_no_number_finding() -> None:
    for source_language, _target in checks_bench.PAIRS:
        for index, (source, target, _terms) in enumerate(checks_bench.article(source_language)):
            if index % 10 == 8:  # the changed numbers
                continue
            context = CheckContext(source_language, "en")
            assert NumbersCheck().check(source, target, context) == [], (source, target)


def test_the_checks_key_form_is_match_key() -> None:
    # segment_text builds it on the kept reading form rather than calling match_key.
    texts = [
        text
        for pair in checks_bench.PAIRS
        for row in checks_bench.article(pair[0])
        for text in row[:2]
    ]
    texts += ["ＡＢＣ　ﬁ ß İstanbul {1}Straße{/1}", "\u1e9e Σ ΣΑΣ", "㍻ ㈱ ①"]
    assert [key_form(text) for text in texts] == [match_key(text) for text in texts]
