"""How units are written into the inverted index (`memory_terms`) and found in it.

Each distinct term (`text.analysis.terms`) of a unit's source and of its target becomes one
row holding a 64-bit hash of (language pair, side, term). Folding the pair and the side into
the hash keeps the index to two integer columns, one B-tree that works alike on SQLite and
PostgreSQL, and a lookup of one pair's source words never reads another pair's rows.

Characters of unspaced scripts are indexed as bigrams (and alone only where a character
stands alone): a match of two or more characters needs no more, and indexing every
character as well doubled a Japanese unit's rows. (The concordance searches the analyser's
tokens instead, `models.search`; fuzzy matching reads the source side only.)
"""

from collections.abc import Iterable
from functools import lru_cache
from hashlib import blake2b
from typing import Literal

from translate_flow.text.analysis import terms

Side = Literal["source", "target"]


def text_hash(value: str) -> int:
    """A signed 64-bit hash (BIGINT in both databases) that is the same in every process."""
    return int.from_bytes(blake2b(value.encode(), digest_size=8).digest(), "big", signed=True)


def term_hashes(
    source_language: str, target_language: str, side: Side, found: Iterable[str]
) -> list[int]:
    prefix = f"{source_language}\x1f{target_language}\x1f{side[0]}\x1f"
    return [_term_hash(prefix + term) for term in found]


# Words recur (Zipf's law): a filled collection hashes the same few hundred thousand terms
# over and over. 2^18 entries cost about 40 MB at most.
_term_hash = lru_cache(maxsize=1 << 18)(text_hash)


def unit_term_hashes(
    source_language: str, target_language: str, source_key: str, target_key: str
) -> set[int]:
    """The index rows of one unit: the terms of its source and of its target."""
    return set(
        term_hashes(
            source_language, target_language, "source", terms(source_key, every_character=False)
        )
    ) | set(
        term_hashes(
            source_language, target_language, "target", terms(target_key, every_character=False)
        )
    )
