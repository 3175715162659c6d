"""The benchmark harness keeps working: a small run on a fresh database of each engine.

The benchmark runs by hand, at scales the suite cannot afford; without this run it broke once
unseen (a column became required and its fixture never learnt of it). The figures of so short
a run mean nothing; that every case answered without an error does.
"""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.databases import POSTGRES, POSTGRES_SKIP_REASON, fresh_postgres_database
from translate_flow import PROJECT_ROOT

ROW = re.compile(
    r"^\| (?P<case>[^|]+) \| (?P<rps>[\d,.]+) \| [^|]+ \| [^|]+ \| [^|]+ \| (?P<errors>\d+) \|"
)
CASES = 18
# Long enough for each case to answer a few times, which is all this run checks, even when
# the browser tests load both cores (the editor page once took over 0.25 s then).
SECONDS_PER_CASE = 0.5


def run_bench(backend: str, url: str, results: Path) -> str:
    finished = subprocess.run(
        [
            sys.executable,
            "-m",
            "bench.run",
            "--backend",
            backend,
            "--scale",
            "200",
            "--seconds",
            str(SECONDS_PER_CASE),
            "--clients",
            "2",
            "--database-url",
            url,
            "--results",
            str(results),
        ],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert finished.returncode == 0, finished.stdout[-3000:] + finished.stderr[-3000:]
    (table,) = results.glob(f"*-{backend}-200.md")
    # bench.scaling divides one scale's figures by another's, from these.
    figures = json.loads(table.with_suffix(".json").read_text())
    assert len(figures["cases"]) == CASES, figures
    return table.read_text()


def check(table: str) -> None:
    cases, _, termbase_part = table.partition("Termbase (")
    rows = [match for line in cases.splitlines() if (match := ROW.match(line))]
    assert len(rows) == CASES, table
    for row in rows:
        assert row["errors"] == "0", f"{row['case']}: {row['errors']} errors\n{table}"
        assert float(row["rps"].replace(",", "")) > 0, table
    # The termbase's in-process figures: one row per pair, each having found terms.
    termbase = [
        line for line in termbase_part.splitlines() if line.startswith(("| ja→en", "| es→en"))
    ]
    assert len(termbase) == 2, table
    assert all(int(line.split("|")[6].replace(",", "")) > 0 for line in termbase), table


def test_a_small_benchmark_runs_on_a_fresh_sqlite_database(tmp_path: Path) -> None:
    check(run_bench("sqlite", f"sqlite:///{tmp_path / 'bench.sqlite3'}", tmp_path))


@pytest.mark.skipif(not POSTGRES, reason=POSTGRES_SKIP_REASON)
def test_a_small_benchmark_runs_on_a_fresh_postgresql_database(tmp_path: Path) -> None:
    with fresh_postgres_database("bench") as url:
        check(run_bench("postgresql", url, tmp_path))
