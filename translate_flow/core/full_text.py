"""Full-text matching for a query's words, over any table indexed as `models.search` does it:
FTS5 on SQLite, a tsvector GIN index on PostgreSQL, substring for unspaced scripts."""

import unicodedata
from typing import Any, TypeVar

from sqlalchemy import Integer, Select, column, func, literal_column, text
from sqlalchemy.orm import InstrumentedAttribute, Session

from translate_flow.domain.models.search import SEARCH_TABLES, TSVECTOR_SQL

T = TypeVar("T")


def search_words(query: str) -> list[str]:
    """The words of a query: letters, digits and the marks that belong to them (NFC)."""
    query = unicodedata.normalize("NFC", query)
    kept = "".join(
        char if char.isalnum() or char == "_" or unicodedata.category(char).startswith("M") else " "
        for char in query
    )
    return kept.split()[:20]


def unspaced(word: str) -> bool:
    """Words of scripts written without spaces, which neither full-text index splits."""
    return any(
        "\u3040" <= char <= "\u30ff"  # kana
        or "\u3400" <= char <= "\u9fff"  # Han
        or "\uf900" <= char <= "\ufaff"
        or "\u0e00" <= char <= "\u0eff"  # Thai, Lao
        or "\u1000" <= char <= "\u109f"  # Myanmar
        or "\u1780" <= char <= "\u17ff"  # Khmer
        for char in word
    )


def matching(
    session: Session,
    query: Select[T],
    words: list[str],
    *,
    fts_table: str,
    id_column: InstrumentedAttribute[int],
    title: InstrumentedAttribute[Any],
    body: InstrumentedAttribute[Any],
) -> Select[T]:
    """`query` narrowed to the rows whose title and body hold every word (the last as a prefix)."""
    # An index token there is a whole run of characters (米大統領選が映す分断), so a word
    # inside it is found by substring instead: slower, but such queries are the exception.
    for word in [w for w in words if unspaced(w)]:
        query = query.where(
            title.contains(word, autoescape=True) | body.contains(word, autoescape=True)
        )
    words = [w for w in words if not unspaced(w)]
    if not words:
        return query
    if session.get_bind().dialect.name == "sqlite":
        # Each word quoted (no FTS5 operators from user input), the last one as a prefix
        # so results appear while a word is still being typed.
        terms = [f'"{word}"' for word in words]
        terms[-1] += "*"
        assert fts_table in SEARCH_TABLES  # a name of ours, never input
        statement = f"SELECT rowid FROM {fts_table} WHERE {fts_table} MATCH :q"  # noqa: S608
        rows = text(statement).bindparams(q=" ".join(terms))
        return query.where(id_column.in_(rows.columns(column("rowid", Integer))))
    tsquery = func.to_tsquery(text("'simple'"), " & ".join(f"{word}:*" for word in words))
    # The expression must read exactly as the index's for PostgreSQL to use it.
    table = id_column.class_.__tablename__
    return query.where(
        literal_column(TSVECTOR_SQL.replace("coalesce(", f"coalesce({table}.")).op("@@")(tsquery)
    )
