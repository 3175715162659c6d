"""bench.scaling: each case's p50 at the large scale over its p50 at the small one, from the
newest full run of each, with the goal judged only for the pages a person opens."""

import json
from pathlib import Path

from bench import scaling


def write_run(results: Path, date: str, backend: str, scale: str, p50: dict[str, float]) -> None:
    cases = [{"name": name, "p50_ms": value} for name, value in p50.items()]
    (results / f"{date}-{backend}-{scale}.json").write_text(
        json.dumps({"backend": backend, "scale": int(scale.split("-")[0]), "cases": cases})
    )


def test_ratios_come_from_the_newest_full_runs_of_each_scale(tmp_path: Path) -> None:
    write_run(tmp_path, "20261201", "sqlite", "10000", {"editor page (150 segments)": 1.0})
    write_run(
        tmp_path,
        "20261207",
        "sqlite",
        "10000",
        {"ceiling: /healthz": 3.0, "editor page (150 segments)": 100.0, "coordinator board": 50},
    )
    # A re-measure of some pages is not a run of the whole scale.
    write_run(tmp_path, "20261208", "sqlite", "10000-only", {"coordinator board": 1.0})
    write_run(
        tmp_path,
        "20261207",
        "sqlite",
        "100000",
        {"ceiling: /healthz": 3.3, "editor page (150 segments)": 120.0, "coordinator board": 90},
    )

    lines = scaling.table(tmp_path, 10_000, 100_000)

    assert "Runs: 20261207 at 10,000, 20261207 at 100,000." in lines
    assert "| ceiling: /healthz | 3 | 3.3 | 1.10 |  |" in lines
    assert "| editor page (150 segments) | 100 | 120 | 1.20 | ≤ 1.3: met |" in lines
    assert "| coordinator board | 50 | 90 | 1.80 | ≤ 1.3: missed |" in lines


def test_a_backend_without_both_scales_says_which_is_missing(tmp_path: Path) -> None:
    write_run(tmp_path, "20261207", "postgresql", "100000", {"coordinator board": 90})

    lines = scaling.table(tmp_path, 10_000, 100_000)

    assert "Not measured at 10,000 articles." in lines
    assert "Not measured at 10,000 and 100,000 articles." in lines
