"""The translation memory at scale: fill N synthetic units, then time matching and concordance.

    python -m bench.memory_scale --backend sqlite --units 1000000
    python -m bench.memory_scale --backend postgresql --units 100000 1000000

Units are Japanese→English, Spanish→English and English→Spanish pairs (bench.memory_data:
words by Zipf's law from a 60,000-word vocabulary, varying lengths, stock phrasing repeated).
Each query is a stored 40-word source with one word (or two characters) changed, so the unit
it came from should come back first at 95–98.

The fill goes through `memory.operations.add_to_collection`, the import path (COPY on
PostgreSQL), into an empty memory whose index is built once at the end
(`memory_data.index_built_at_the_end`), and reports its rate. Each size gets its own
database (bench/data/memory-N.sqlite3, translate_flow_memory_N), made afresh.
"""

import argparse
import json
import random
import statistics
import time
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from bench.memory_data import ZipfWriter, fill, index_built_at_the_end, writers
from bench.run import POSTGRES_ADMIN
from bench.synthetic import analyze
from translate_flow.core.db import Database
from translate_flow.core.migrate import upgrade
from translate_flow.memory.matching import concordance, find_matches
from translate_flow.memory.operations import UnitText, add_to_collection, create_collection

DATA = Path(__file__).resolve().parent / "data"
PAIRS = [("ja", "en", 0.4), ("es", "en", 0.4), ("en", "es", 0.2)]


def database_url(backend: str, units: int) -> str:
    if backend == "sqlite":
        DATA.mkdir(parents=True, exist_ok=True)
        path = DATA / f"memory-{units}.sqlite3"
        for leftover in DATA.glob(f"memory-{units}.sqlite3*"):
            leftover.unlink()
        return f"sqlite:///{path}"
    name = f"translate_flow_memory_{units}"
    admin = create_engine(POSTGRES_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return make_url(POSTGRES_ADMIN).set(database=name).render_as_string(hide_password=False)


def measure(
    database: Database, writers: dict[str, ZipfWriter], rnd: random.Random, queries: int
) -> dict[str, object]:
    results: dict[str, object] = {}
    for source, target, _share in PAIRS:
        writer = writers[source]
        timings, found = [], 0
        for _ in range(queries):
            original = writer.text(40)
            with database.transaction() as session:
                collection = create_collection(
                    session,
                    name=f"probe {rnd.random()}",
                    source_language=source,
                    target_language=target,
                    created_by=None,
                )
                add_to_collection(session, collection, [UnitText(original, "the remembered one")])
            query = writer.change_one(original)
            with database.session(write=False) as session:
                started = time.perf_counter()
                matches = find_matches(session, source, target, query)
                timings.append((time.perf_counter() - started) * 1000)
            found += bool(matches and matches[0].target == "the remembered one")
        results[f"find_matches {source}→{target} median ms"] = round(statistics.median(timings), 2)
        results[f"find_matches {source}→{target} p95 ms"] = round(
            statistics.quantiles(timings, n=20)[-1], 2
        )
        results[f"find_matches {source}→{target} top-1 recall"] = f"{found}/{queries}"
    for source, target, phrase in (
        ("ja", "en", writers["ja"].text(1)[:2]),  # a 2-character Japanese word
        ("ja", "en", writers["ja"].tokens[3] + writers["ja"].tokens[5]),  # a common one
        ("ja", "en", writers["ja"].tokens[200] + writers["ja"].tokens[250]),  # a rare one
        ("es", "en", writers["es"].tokens[300]),
        ("es", "en", writers["es"].tokens[40_000]),  # a rare Spanish word
        ("es", "en", writers["en"].tokens[5]),  # a very common English word, target side
        ("es", "en", writers["en"].tokens[0]),  # the commonest ("the"), in most targets
        ("ja", "en", writers["ja"].tokens[0] + writers["ja"].tokens[1]),  # the commonest pair
        ("es", "en", " ".join(writers["es"].stock[7].split()[1:4])),  # a stock phrase
    ):
        timings = []
        for page in (1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2):
            with database.session(write=False) as session:
                started = time.perf_counter()
                concordance(session, source, target, phrase, page)
                timings.append((time.perf_counter() - started) * 1000)
        results[f"concordance {source}→{target} {phrase!r} median ms"] = round(
            statistics.median(timings), 2
        )
        results[f"concordance {source}→{target} {phrase!r} max ms"] = round(max(timings), 2)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--units", type=int, nargs="+", default=[100_000])
    parser.add_argument("--queries", type=int, default=40)
    parser.add_argument("--seed", type=int, default=11)
    arguments = parser.parse_args()
    for units in arguments.units:
        rnd = random.Random(arguments.seed)
        texts = writers({"ja", "es", "en"}, arguments.seed)
        url = database_url(arguments.backend, units)
        upgrade(url)
        database = Database(url)
        print(f"{arguments.backend}, {units:,} units: filling", flush=True)
        started = time.perf_counter()
        with index_built_at_the_end(database.engine):
            seconds = fill(database, units, PAIRS, texts)
        analyze(database.engine)
        if arguments.backend == "postgresql":
            with database.engine.connect() as connection:
                connection.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql(
                    "VACUUM ANALYZE"
                )
        report: dict[str, object] = {
            "backend": arguments.backend,
            "units": units,
            "fill seconds": round(seconds, 1),
            "build seconds (fill, index, statistics)": round(time.perf_counter() - started, 1),
        }
        report |= measure(database, texts, rnd, arguments.queries)
        with database.engine.connect() as connection:
            report["index rows"] = connection.exec_driver_sql(
                "SELECT count(*) FROM memory_terms"
            ).scalar()
        database.dispose()
        print(json.dumps(report, ensure_ascii=False, indent=1), flush=True)


if __name__ == "__main__":
    main()
