"""The order names are listed in: the Unicode Collation Algorithm's root order, as bytes.

Python's own `sorted` orders code points, which puts "Ärzte" after "Zebra", "Ёлка" after
"Жук" and "émile" after every plain letter; `str.casefold` fixes case only. The UCA's default
table (DUCET, through pyuca) orders letters as readers expect across scripts: accents, case and
width are later levels, so "Ärzte" sorts with "Arzte", "Łódź" just after "Lodz", "Ё" with "Е",
"ﬁ" as "fi", hiragana with katakana; scripts follow each other (Latin, Greek, Cyrillic, Hebrew,
Arabic, …, kana, then Han by code point).

The key is bytes, each weight 16-bit big-endian, because bytes compare the same way in Python,
in SQLite (BLOB, memcmp) and in PostgreSQL (bytea): a column holding the key pages a list in
SQL in the same order that `sorted(…, key=collation_key)` gives in Python.

`language` is accepted so callers say what the text is, but only the root order is applied:
pyuca has no tailorings (Swedish Ö after Z, German phonebook Ä as AE, Polish Ł after L as a
letter of its own), and a desk that lists names from many languages reads the root order best.
"""

import struct
from functools import lru_cache

import pyuca


@lru_cache(maxsize=1)
def _collator() -> pyuca.Collator:
    # Loading DUCET takes about a second; once per process.
    return pyuca.Collator()


def collation_key(text: str, language: str | None = None) -> bytes:
    """The text's root UCA sort key as bytes; runs of white space count as one space."""
    del language  # root order for every language; see the module's note
    weights = _collator().sort_key(" ".join(text.split()))
    return struct.pack(f">{len(weights)}H", *weights)
