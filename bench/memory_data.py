"""A synthetic translation memory, filled fast: texts as a desk's memory has them, and a fresh
load that builds the index once at the end instead of row by row.

Texts are Japanese→English, Spanish→English and English→Spanish (or any of the desk's pairs)
written with the synthetic desk's alphabets, but with words (or, for Japanese, characters)
drawn by Zipf's law from a larger vocabulary, as real text is: a few words (the, de, の) in
nearly every unit and a long tail of rare ones. That is what makes an inverted index hard;
uniform random words would flatter it. Lengths vary (headings of a few words, paragraphs of
up to 80), and one unit in six repeats a stock sentence of the desk with a word changed, as
datelines, credits and recurring phrasings do.
"""

import random
import time
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import accumulate
from typing import cast

from sqlalchemy import Engine, Table, func, select
from sqlalchemy.schema import AddConstraint, CreateIndex, CreateTable, DropIndex

from bench.synthetic import LANGUAGES, Writer, _letters, analyze
from translate_flow.core import search_index
from translate_flow.core.db import Database
from translate_flow.domain.models import Segment, Translation
from translate_flow.domain.models.memory import MemoryCollection, MemoryTerm, MemoryUnit
from translate_flow.memory.operations import UnitText, add_to_collection, create_collection

VOCABULARY = 60_000
STOCK_SENTENCES = 5_000
# Units per transaction while filling.
TRANSACTION_UNITS = 50_000


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
        self.stock = [self.text(self._length()) for _ in range(STOCK_SENTENCES)]

    def _length(self) -> int:
        roll = self.rnd.random()
        if roll < 0.1:
            return self.rnd.randint(2, 7)  # headings, credits
        if roll < 0.8:
            return self.rnd.randint(8, 40)
        return self.rnd.randint(40, 80)

    def text(self, words: int) -> str:
        if self.dense:
            chars = self.rnd.choices(self.tokens, cum_weights=self.cumulative, k=words * 2)
            return "".join(chars) + "。"
        chosen = self.rnd.choices(self.tokens, cum_weights=self.cumulative, k=words)
        chosen[0] = chosen[0].capitalize()
        return " ".join(chosen) + "."

    def unit_text(self) -> str:
        """A text for the memory: mostly new, sometimes a stock sentence with a word changed."""
        if self.rnd.random() < 1 / 6:
            return self.change_one(self.rnd.choice(self.stock))
        return self.text(self._length())

    def change_one(self, sentence: str) -> str:
        """The sentence with one word (two characters) replaced by others."""
        if self.dense:
            at = self.rnd.randrange(0, max(1, len(sentence) - 3))
            return sentence[:at] + "".join(self.rnd.choices(self.tokens, k=2)) + sentence[at + 2 :]
        words = sentence.split(" ")
        if len(words) < 3:
            return sentence + " " + self.rnd.choice(self.tokens[1000:])
        at = self.rnd.randrange(1, len(words) - 1)
        words[at] = self.rnd.choice(self.tokens[1000:])
        return " ".join(words)


def writers(codes: set[str], seed: int) -> dict[str, ZipfWriter]:
    rnd = random.Random(seed)
    return {code: ZipfWriter(code, random.Random(rnd.random())) for code in sorted(codes)}


def _texts(source: ZipfWriter, target: ZipfWriter, count: int) -> Iterator[UnitText]:
    for _ in range(count):
        text = source.unit_text()
        yield UnitText(text, target.text(max(2, len(text.split()))))


# --- A fresh load: the index built once -----------------------------------------------------

_TERMS = cast(Table, MemoryTerm.__table__)


@contextmanager
def index_built_at_the_end(engine: Engine) -> Iterator[None]:
    """Fill an empty memory with `memory_terms` stripped of its keys, then build them once.

    Keeping a B-tree of tens of millions of hashed terms up to date row by row is random I/O
    all the way (half an hour for 1,000,000 units); writing the rows as they come and sorting
    them once is minutes. On PostgreSQL the primary key, the foreign key and the index are
    dropped and added back; on SQLite, whose WITHOUT ROWID table is its primary key, the rows
    go to a plain table and are copied over in key order.

    The concordance's search index (`core.search_index`) is taken away for the load too and
    built once after it: the import writes each unit's search tokens, the index reads them.
    """
    index = next(iter(_TERMS.indexes))
    foreign_key = next(iter(_TERMS.foreign_key_constraints))
    postgres = engine.dialect.name == "postgresql"
    search_index.drop_index(engine, ["memory_units"])
    with engine.begin() as connection:
        if postgres:
            connection.exec_driver_sql(
                f"ALTER TABLE memory_terms DROP CONSTRAINT {foreign_key.name}, "
                f"DROP CONSTRAINT {_TERMS.primary_key.name}"
            )
            connection.execute(DropIndex(index))
        else:
            connection.execute(DropIndex(index))
            connection.exec_driver_sql("DROP TABLE memory_terms")
            connection.exec_driver_sql(
                "CREATE TABLE memory_terms (term INTEGER NOT NULL, unit_id INTEGER NOT NULL)"
            )
    yield
    started = time.perf_counter()
    with engine.connect() as connection:
        driver = connection.connection.driver_connection
        if not postgres:
            # Every row's unit exists by construction; checking 70 million of them one by one
            # would take longer than the copy. (Outside a transaction, or SQLite ignores it.)
            driver.execute("PRAGMA foreign_keys = OFF")  # type: ignore[union-attr]
        with connection.begin():
            if postgres:
                connection.exec_driver_sql("SET LOCAL maintenance_work_mem = '1GB'")
                connection.execute(AddConstraint(_TERMS.primary_key))
                connection.execute(CreateIndex(index))
                connection.execute(AddConstraint(foreign_key))
            else:
                connection.exec_driver_sql("ALTER TABLE memory_terms RENAME TO memory_terms_load")
                connection.execute(CreateTable(_TERMS))
                connection.exec_driver_sql(
                    "INSERT INTO memory_terms (term, unit_id) "
                    "SELECT term, unit_id FROM memory_terms_load ORDER BY term, unit_id"
                )
                connection.exec_driver_sql("DROP TABLE memory_terms_load")
                connection.execute(CreateIndex(index))
        if not postgres:
            driver.execute("PRAGMA foreign_keys = ON")  # type: ignore[union-attr]
    terms_built = time.perf_counter()
    search_index.restore_index(engine)
    print(
        f"  index built in {terms_built - started:,.0f} s, "
        f"search index in {time.perf_counter() - terms_built:,.0f} s",
        flush=True,
    )


def fill(
    database: Database,
    units: int,
    pairs: list[tuple[str, str, float]],
    texts: dict[str, ZipfWriter],
    *,
    quiet: bool = False,
) -> float:
    """Add `units` units in one collection per pair (each pair its share); seconds taken."""
    started = time.perf_counter()
    done = 0
    for source, target, share in pairs:
        count = int(units * share)
        with database.transaction() as session:
            collection_id = create_collection(
                session,
                name=f"Synthetic {source}→{target}",
                source_language=source,
                target_language=target,
                created_by=None,
            ).id
        left = count
        while left > 0:
            size = min(TRANSACTION_UNITS, left)
            with database.transaction() as session:
                collection = session.get_one(MemoryCollection, collection_id)
                add_to_collection(session, collection, _texts(texts[source], texts[target], size))
            left -= size
            done += size
            if not quiet:
                rate = done / (time.perf_counter() - started)
                print(f"  {done:,} of {units:,} units ({rate:,.0f}/s)", flush=True)
    return time.perf_counter() - started


# --- The benchmark desk's memory --------------------------------------------------------------


def desk_memory(url: str, units: int, translation_id: int, *, seed: int = 13) -> str:
    """Give the benchmark desk a memory of `units` units across its pairs (each source
    language into English), unless it has one; plus, for the translation whose segments the
    suggestions case asks about, each of its source segments with a word changed, so that
    every request finds and renders real fuzzy matches."""
    database = Database(url)
    try:
        with database.session(write=False) as session:
            have = session.scalar(select(func.count()).select_from(MemoryUnit)) or 0
        if have >= units:
            return f"reused ({have:,} units)"
        started = time.perf_counter()
        codes = sorted(LANGUAGES)
        texts = writers({*codes, "en"}, seed)
        pairs = [(code, "en", 1 / len(codes)) for code in codes]
        if have == 0:
            with index_built_at_the_end(database.engine):
                fill(database, units, pairs, texts, quiet=True)
        else:
            fill(database, units - have, pairs, texts, quiet=True)
        _near_matches(database, translation_id, texts)
        analyze(database.engine)
        return f"built in {time.perf_counter() - started:,.0f} s"
    finally:
        database.dispose()


def _near_matches(database: Database, translation_id: int, texts: dict[str, ZipfWriter]) -> None:
    with database.transaction() as session:
        translation = session.get_one(Translation, translation_id)
        sources = session.scalars(
            select(Segment.text)
            .where(Segment.revision_id == translation.source_revision_id)
            .order_by(Segment.position)
        ).all()
        english = texts["en"]
        collection = create_collection(
            session,
            name="Near matches of the editor's article",
            source_language=translation.source_language,
            target_language=translation.target_language,
            created_by=None,
        )
        add_to_collection(
            session,
            collection,
            [UnitText(_changed(source), english.text(30)) for source in sources],
        )


def _changed(text: str) -> str:
    """The text with one word (one character, in unspaced scripts) replaced."""
    words = text.split(" ")
    if len(words) > 3:
        words[len(words) // 2] = "replaced"
        return " ".join(words)
    middle = len(text) // 2
    return text[:middle] + "変" + text[middle + 1 :]
