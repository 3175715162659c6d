"""The translation memory at scale: fill N synthetic units, then time matching and concordance.

    python -m bench.memory_scale --backend sqlite --units 100000
    python -m bench.memory_scale --backend postgresql --units 100000 300000

Units are Japanese→English, Spanish→English and English→Spanish pairs written with the
synthetic desk's writers (bench.synthetic), but with words drawn by Zipf's law from a larger
vocabulary, as real text is: a few words (the, de, の) in nearly every unit and a long tail of
rare ones. That is what makes an inverted index hard; uniform random words would flatter it.
Each query is a stored 40-word source with one word (or two characters) changed, so the unit
it came from should come back first at 95–98.

The fill goes through `memory.operations.add_to_collection`, the import path, and reports its
rate. Each size gets its own database (bench/data/memory-N.sqlite3,
translate_flow_memory_N), made afresh.
"""

import argparse
import json
import random
import statistics
import time
from collections.abc import Iterator
from itertools import accumulate
from pathlib import Path

from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import make_url

from bench.run import POSTGRES_ADMIN
from bench.synthetic import LANGUAGES, Writer, _letters, analyze
from translate_flow.core.db import Database
from translate_flow.core.migrate import upgrade
from translate_flow.memory.matching import concordance, find_matches
from translate_flow.memory.operations import UnitText, add_to_collection, create_collection

DATA = Path(__file__).resolve().parent / "data"
PAIRS = [("ja", "en", 0.4), ("es", "en", 0.4), ("en", "es", 0.2)]
VOCABULARY = 60_000
BATCH = 5_000


class ZipfWriter:
    """Sentences of one language whose words (or characters) follow Zipf's law."""

    def __init__(self, code: str, rnd: random.Random) -> None:
        kind, letters = ("spaced", "abcdefghijklmnopqrstuvwxyz")
        if code in LANGUAGES:
            kind, letters, _country = LANGUAGES[code]
        base = Writer(code, kind, _letters(letters), rnd)
        self.dense, self.rnd = base.dense, rnd
        if self.dense:
            self.tokens = list(base.chars)
            rnd.shuffle(self.tokens)
        else:
            alphabet = _letters(letters)
            self.tokens = list(
                dict.fromkeys(
                    "".join(rnd.choices(alphabet, k=rnd.randint(2, 10))) for _ in range(VOCABULARY)
                )
            )
        self.cumulative = list(accumulate(1 / rank for rank in range(1, len(self.tokens) + 1)))

    def text(self, words: int) -> str:
        if self.dense:
            chars = self.rnd.choices(self.tokens, cum_weights=self.cumulative, k=words * 2)
            return "".join(chars) + "。"
        chosen = self.rnd.choices(self.tokens, cum_weights=self.cumulative, k=words)
        chosen[0] = chosen[0].capitalize()
        return " ".join(chosen) + "."

    def change_one(self, sentence: str) -> str:
        """The sentence with one word (two characters) replaced by others."""
        if self.dense:
            at = self.rnd.randrange(0, max(1, len(sentence) - 3))
            return sentence[:at] + "".join(self.rnd.choices(self.tokens, k=2)) + sentence[at + 2 :]
        words = sentence.split(" ")
        at = self.rnd.randrange(1, len(words) - 1)
        words[at] = self.rnd.choice(self.tokens[1000:])
        return " ".join(words)


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


def _texts(writer: ZipfWriter, english: ZipfWriter, count: int) -> Iterator[UnitText]:
    for _ in range(count):
        words = writer.rnd.randint(8, 60)
        yield UnitText(writer.text(words), english.text(words))


def fill(database: Database, units: int, writers: dict[str, ZipfWriter]) -> float:
    started = time.perf_counter()
    done = 0
    for source, target, share in PAIRS:
        count = int(units * share)
        with database.transaction() as session:
            collection = create_collection(
                session,
                name=f"Synthetic {source}→{target}",
                source_language=source,
                target_language=target,
                created_by=None,
            )
            collection_id = collection.id
        left = count
        while left > 0:
            size = min(BATCH, left)
            with database.transaction() as session:
                collection = session.get_one(type(collection), collection_id)
                add_to_collection(
                    session, collection, _texts(writers[source], writers[target], size)
                )
            left -= size
            done += size
            rate = done / (time.perf_counter() - started)
            print(f"  {done:,} of {units:,} units ({rate:,.0f}/s)", flush=True)
    return time.perf_counter() - started


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
        ("ja", "en", writers["ja"].text(1)[:2]),
        ("es", "en", writers["es"].tokens[300]),
        ("es", "en", writers["en"].tokens[5]),  # a very common English word, target side
    ):
        timings = []
        for page in (1, 2, 3, 1, 2, 3, 1):
            with database.session(write=False) as session:
                started = time.perf_counter()
                concordance(session, source, target, phrase, page)
                timings.append((time.perf_counter() - started) * 1000)
        results[f"concordance {source}→{target} {phrase!r} median ms"] = round(
            statistics.median(timings), 2
        )
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
        writers = {
            code: ZipfWriter(code, random.Random(rnd.random())) for code in ("ja", "es", "en")
        }
        url = database_url(arguments.backend, units)
        upgrade(url)
        database = Database(url)
        if arguments.backend == "sqlite":
            # A page cache that holds the index's hot pages: terms hash to random places in
            # the B-tree, and SQLite's default 2 MB made each batch of inserts disk-bound.
            event.listen(
                database.engine,
                "connect",
                lambda connection, _record: connection.execute("PRAGMA cache_size = -524288"),
            )
        print(f"{arguments.backend}, {units:,} units: filling", flush=True)
        seconds = fill(database, units, writers)
        analyze(database.engine)
        if arguments.backend == "postgresql":
            with database.engine.connect() as connection:
                connection.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql(
                    "VACUUM ANALYZE memory_terms"
                )
        report = {"backend": arguments.backend, "units": units, "fill seconds": round(seconds, 1)}
        report |= measure(database, writers, rnd, arguments.queries)
        with database.engine.connect() as connection:
            report["index rows"] = connection.exec_driver_sql(
                "SELECT count(*) FROM memory_terms"
            ).scalar()
        database.dispose()
        print(json.dumps(report, ensure_ascii=False, indent=1), flush=True)


if __name__ == "__main__":
    main()
