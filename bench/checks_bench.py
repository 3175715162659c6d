"""The quality checks at article scale: every registered check over a 150-segment article.

    python -m bench.checks_bench                 # ja→en and es→en, 30 runs each
    python -m bench.checks_bench --runs 50

In process, no database: the article's segments are synthetic sentences of the pair with
inline tags, quotation marks, a web address or handle now and then, numbers, and three to six
terms each (found terms built directly, as `terms.finding.terms_in` returns them); one in
ten translations carries a mistake (a lost tag, a changed number, a term not used), and one
in fifteen repeats an earlier source sentence, so that consistency compares something. Each
run checks all 150 segments with the others as siblings, as the editor does when it lists
a translation's findings; the per-text caches (masking, keys) are emptied before each run, so
that a run pays for what a fresh article costs. Median and p95 over the runs; the issue's
target is under 50 ms.

`run()` returns the figures as a dict and `markdown(figures)` the lines of a table, for
bench/run.py.
"""

import argparse
import json
import random
import statistics
import time
from typing import Any

from translate_flow.checks import consistency, segment_text
from translate_flow.checks.base import CHECKS, CheckContext, run_checks
from translate_flow.terms.finding import FoundTerm
from translate_flow.text.placeholders import strip_placeholders

TARGET_MS = 50.0
SEGMENTS = 150
PAIRS = (("ja", "en"), ("es", "en"))

_JA_TERMS = [
    ("岸田文雄", "Fumio Kishida"),
    ("自民党", "Liberal Democratic Party"),
    ("日本銀行", "Bank of Japan"),
    ("防衛費", "defence spending"),
    ("思いやり予算", "host-nation support"),
    ("財務省", "Ministry of Finance"),
    ("東京証券取引所", "Tokyo Stock Exchange"),
    ("国会", "Diet"),
]
_ES_TERMS = [
    ("Pedro Sánchez", "Pedro Sánchez"),
    ("Banco de España", "Bank of Spain"),
    ("presupuesto", "budget"),
    ("Congreso", "Congress"),
    ("embalses", "reservoirs"),
    ("sequía", "drought"),
    ("Ministerio de Hacienda", "Ministry of Finance"),
    ("El País", "El País"),
]
_JA_FILLER = ["は", "が", "について", "の方針を", "と", "で", "を巡り"]
_JA_ENDS = ["と述べた。", "を決めた。", "と発表した。", "か？", "と強調した。"]
_ES_FILLER = [" y ", " según ", " del ", " con ", " sobre "]
_ES_ENDS = [" anunció.", " decidió hoy.", " informó.", "?", " subrayó."]


def _segment(rnd: random.Random, source_language: str, index: int) -> tuple[str, str, list]:  # type: ignore[type-arg]
    """(source, target, terms) of one segment, the source in placeholder form."""
    ja = source_language == "ja"
    pool = _JA_TERMS if ja else _ES_TERMS
    chosen = rnd.sample(pool, rnd.randint(3, 6))
    filler = _JA_FILLER if ja else _ES_FILLER
    source_parts: list[str] = []
    target_parts: list[str] = []
    for number, (term_source, term_target) in enumerate(chosen):
        source_parts.append(term_source + rnd.choice(filler))
        target_parts.append(term_target + (" and " if number < len(chosen) - 1 else ""))
    amount = rnd.randint(2, 9999)
    source_parts.append(f"{amount}億円" if ja else f"{amount:,} millones".replace(",", "."))
    target_parts.append(f" {amount / 10:g} billion yen" if ja else f" {amount:,} million")
    if index % 3 == 0:
        source_parts.insert(0, "{1}")
        source_parts.insert(2, "{/1}")
        target_parts.insert(0, "{1}")
        target_parts.insert(2, "{/1}")
    if index % 7 == 0:
        quote = "「増税しない」" if ja else "«no subiremos impuestos»"
        source_parts.append(quote)
        target_parts.append(" “no tax rise”")
    if index % 11 == 0:
        source_parts.append(" https://example.jp/news/2024 " if ja else " @sanchezcastejon ")
        target_parts.append(" https://example.jp/news/2024" if ja else " @sanchezcastejon")
    ending = rnd.randrange(len(_JA_ENDS))
    source_parts.append((_JA_ENDS if ja else _ES_ENDS)[ending])
    target_parts.append(" said." if ending != 3 else "?")
    source, target = "".join(source_parts), "".join(target_parts)
    if index % 10 == 5:  # a mistake: a lost tag, a term not used
        target = target.replace("{1}", "").replace("{/1}", "").replace(chosen[0][1], "it")
    plain = strip_placeholders(source)
    terms = [_found(plain, index, term_source, term_target) for term_source, term_target in chosen]
    return source, target, terms


def _found(plain: str, index: int, source: str, target: str) -> FoundTerm:
    start = plain.index(source)
    return FoundTerm(
        term_id=hash(source) & 0xFFFF,
        source=source,
        found=source,
        start=start,
        end=start + len(source),
        targets=(target,),
        forbidden=(("it", "too vague"),) if index % 4 == 0 else (),
        note="",
        category="term",
        case_sensitive=False,
        whole_word=True,
        do_not_translate=source == target,
    )


def article(source_language: str, seed: int = 20) -> list[tuple[str, str, list]]:  # type: ignore[type-arg]
    rnd = random.Random(f"{seed}-{source_language}")
    segments = [_segment(rnd, source_language, index) for index in range(SEGMENTS)]
    for index in range(15, SEGMENTS, 15):  # repeated sentences, one translated otherwise
        source, target, terms = segments[index - 10]
        segments[index] = (source, target + " again" if index % 30 else target, terms)
    return segments


def _empty_caches() -> None:
    segment_text.masked.cache_clear()
    segment_text.plain_text.cache_clear()
    segment_text.key_form.cache_clear()
    segment_text.reading_form.cache_clear()
    consistency._index.cache_clear()


def _check_article(
    source_language: str,
    segments: list[tuple[str, str, list]],  # type: ignore[type-arg]
) -> int:
    siblings = [(source, target) for source, target, _terms in segments]
    found = 0
    for source, target, terms in segments:
        context = CheckContext(
            source_language,
            "en",
            terms=terms,
            plain_source=strip_placeholders(source),
            siblings=siblings,
        )
        found += len(run_checks(source, target, context))
    return found


def _by_check(
    source_language: str,
    segments: list[tuple[str, str, list]],
    runs: int,  # type: ignore[type-arg]
) -> dict[str, float]:
    """Each check's median over the article alone, caches emptied as for the whole."""
    siblings = [(source, target) for source, target, _terms in segments]
    contexts = [
        CheckContext(
            source_language,
            "en",
            terms=terms,
            plain_source=strip_placeholders(source),
            siblings=siblings,
        )
        for source, _target, terms in segments
    ]
    medians: dict[str, float] = {}
    for name, check in sorted(CHECKS.items()):
        timings: list[float] = []
        for _ in range(runs):
            _empty_caches()
            started = time.perf_counter()
            for (source, target, _terms), context in zip(segments, contexts, strict=True):
                if check.applies(source, target, context):
                    check.check(source, target, context)
            timings.append((time.perf_counter() - started) * 1000)
        medians[name] = round(statistics.median(timings), 2)
    return medians


def measure(source_language: str, runs: int, seed: int = 20) -> dict[str, Any]:
    segments = article(source_language, seed)
    timings: list[float] = []
    findings = 0
    for _ in range(runs):
        _empty_caches()
        started = time.perf_counter()
        findings = _check_article(source_language, segments)
        timings.append((time.perf_counter() - started) * 1000)
    ordered = sorted(timings)
    median = statistics.median(ordered)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {
        "pair": f"{source_language}→en",
        "segments": SEGMENTS,
        "findings": findings,
        "median_ms": round(median, 2),
        "p95_ms": round(p95, 2),
        "target": f"< {TARGET_MS:g} ms: {'met' if p95 < TARGET_MS else 'MISSED'}",
        "median_ms_by_check": _by_check(source_language, segments, runs),
    }


def run(*, runs: int = 30, seed: int = 20) -> dict[str, Any]:
    """Measure each pair; the figures as a dict."""
    run_checks("", "", CheckContext("ja", "en"))  # registers every check
    figures: dict[str, Any] = {"runs": runs, "checks": sorted(CHECKS)}
    for source_language, _target in PAIRS:
        figures[f"{source_language}→en"] = measure(source_language, runs, seed)
    return figures


def markdown(figures: dict[str, Any]) -> list[str]:
    """The figures as a Markdown table, one row per pair."""
    lines = [
        f"Quality checks ({len(figures['checks'])} checks: {', '.join(figures['checks'])}; "
        f"{SEGMENTS}-segment article, {figures['runs']} runs), in process:",
        "",
        "| pair | median ms | p95 ms | findings | target |",
        "|---|---:|---:|---:|---|",
    ]
    for source_language, _target in PAIRS:
        pair = figures[f"{source_language}→en"]
        lines.append(
            f"| {pair['pair']} | {pair['median_ms']} | {pair['p95_ms']} | {pair['findings']} "
            f"| {pair['target']} |"
        )
    lines += ["", "Median ms by check (each alone over the article):", ""]
    names = figures["checks"]
    lines.append("| pair | " + " | ".join(names) + " |")
    lines.append("|---|" + "---:|" * len(names))
    for source_language, _target in PAIRS:
        by_check = figures[f"{source_language}→en"]["median_ms_by_check"]
        lines.append(
            f"| {source_language}→en | " + " | ".join(str(by_check[n]) for n in names) + " |"
        )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    arguments = parser.parse_args()
    figures = run(runs=arguments.runs)
    if arguments.json:
        print(json.dumps(figures, ensure_ascii=False, indent=2))
    else:
        print("\n".join(markdown(figures)))


if __name__ == "__main__":
    main()
