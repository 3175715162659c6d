"""Cost that does not grow with the desk: each case's p50 at the large scale divided by its p50
at the small one, per database, from the newest full runs of bench.run (their .json beside the
.md tables). Writes bench/results/<date>-scaling.md.

    python -m bench.scaling                      # 100,000 ÷ 10,000, both databases
    python -m bench.scaling --small 10000 --large 100000 --results bench/results

Latencies are compared, not throughput: each run's ceiling is in the table too, so a run on a
busier machine shows as a ceiling that moved. Compare runs of one sitting.
"""

import argparse
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).resolve().parent / "results"
BACKENDS = ("sqlite", "postgresql")
# The pages a person opens, whose p50 may grow at most this much from the small scale to the
# large one (issue 26.7): lists, board, editor, suggestions, search, statistics, public pages.
GOAL = 1.3
PERSON_PAGES = (
    "editor page",
    "coordinator board",
    "article list",
    "public article page",
    "Atom feed",
    "memory suggestions",
    "memory concordance",
    "article search",
    "public search",
    "statistics page",
)


def newest_run(results: Path, backend: str, scale: int) -> tuple[str, dict[str, Any]] | None:
    """The newest full run's figures (a `-only` re-measure is not a whole run), and its date."""
    runs = sorted(results.glob(f"*-{backend}-{scale}.json"))
    if not runs:
        return None
    newest = runs[-1]
    figures: dict[str, Any] = json.loads(newest.read_text())
    return newest.name.split("-", 1)[0], figures


def is_person_page(name: str) -> bool:
    return any(name.startswith(page) for page in PERSON_PAGES)


def ratios(small: dict[str, Any], large: dict[str, Any]) -> dict[str, tuple[float, float]]:
    """Case name → (p50 at the small scale, p50 at the large one), for cases in both runs."""
    at_small = {case["name"]: case["p50_ms"] for case in small["cases"]}
    return {
        case["name"]: (at_small[case["name"]], case["p50_ms"])
        for case in large["cases"]
        if case["name"] in at_small
    }


def table(results: Path, small: int, large: int) -> list[str]:
    lines = [
        f"# Cost against the desk's size: p50 at {large:,} ÷ p50 at {small:,} articles",
        "",
        f"Goal: at most {GOAL:g} for every page a person opens. "
        "Each backend's two runs are named with their dates; compare runs of one sitting.",
    ]
    for backend in BACKENDS:
        first, second = newest_run(results, backend, small), newest_run(results, backend, large)
        lines += ["", f"## {backend}", ""]
        if first is None or second is None:
            missing = [f"{scale:,}" for scale, run in ((small, first), (large, second)) if not run]
            lines.append(f"Not measured at {' and '.join(missing)} articles.")
            continue
        lines += [
            f"Runs: {first[0]} at {small:,}, {second[0]} at {large:,}.",
            "",
            f"| case | p50 ms at {small:,} | p50 ms at {large:,} | ratio | goal |",
            "|---|---:|---:|---:|---|",
        ]
        for name, (before, after) in ratios(first[1], second[1]).items():
            ratio = after / before if before else float("nan")
            verdict = ""
            if is_person_page(name):
                verdict = f"≤ {GOAL:g}: {'met' if ratio <= GOAL else 'missed'}"
            lines.append(f"| {name} | {before:g} | {after:g} | {ratio:.2f} | {verdict} |")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=10_000)
    parser.add_argument("--large", type=int, default=100_000)
    parser.add_argument("--results", type=Path, default=RESULTS)
    arguments = parser.parse_args()
    lines = table(arguments.results, arguments.small, arguments.large)
    path = arguments.results / f"{datetime.now(UTC):%Y%m%d}-scaling.md"
    path.write_text("\n".join(lines) + "\n")
    print("\n".join(lines))
    print(f"written: {path}")


if __name__ == "__main__":
    main()
