"""Full-text matching of a query, over a table indexed as `models.search` indexes it.

The query goes through the same analyser as the documents (`text.search_tokens`), and its
groups become an FTS5 MATCH expression on SQLite and a tsquery on PostgreSQL that say the
same thing about the same tokens: every group, any of its alternatives, all of an
alternative's tokens, the last as a prefix where it may still be being typed.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import (
    CompoundSelect,
    Integer,
    Select,
    String,
    cast,
    column,
    false,
    intersect,
    literal,
    literal_column,
    select,
    table,
    text,
    union,
)
from sqlalchemy.dialects.postgresql import TSQUERY
from sqlalchemy.orm import InstrumentedAttribute, Session

from translate_flow.domain.models.search import SEARCH_TABLES, TSVECTOR_SQL
from translate_flow.text.search_tokens import Alternative, Group, query_groups

T = TypeVar("T")

NOTHING_TO_SEARCH = (
    "The search has no letters or digits to look for (only punctuation, symbols or emoji), "
    "so nothing was found. Type a word or a number."
)


@dataclass(frozen=True)
class SearchQuery:
    """What a reader typed, and what it asks the index for."""

    text: str
    groups: list[Group]

    @property
    def asked(self) -> bool:
        return bool(self.text.strip())

    @property
    def nothing_to_search(self) -> bool:
        """Something was typed, but nothing in it is a word: it finds nothing (and says why)."""
        return self.asked and not self.groups

    @property
    def problem(self) -> str:
        return NOTHING_TO_SEARCH if self.nothing_to_search else ""


def search_query(typed: str, languages: Iterable[str] | None = None) -> SearchQuery:
    """`typed` analysed; `languages` narrows the stemmers tried (None: all of the script)."""
    return SearchQuery(typed, query_groups(typed, languages) if typed.strip() else [])


def _fts5_term(token: str, prefix: bool) -> str:
    return f'"{token}"' + ("*" if prefix else "")


def _tsquery_term(token: str, prefix: bool) -> str:
    return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'" + (":*" if prefix else "")


def _expression(groups: list[Group], term: Any, both: str, either: str) -> str:
    def alternative(alt: Alternative) -> str:
        last = len(alt.tokens) - 1
        terms = [term(token, alt.prefix and i == last) for i, token in enumerate(alt.tokens)]
        return "(" + f" {both} ".join(terms) + ")"

    return f" {both} ".join(
        "(" + f" {either} ".join(alternative(alt) for alt in group) + ")" for group in groups
    )


def fts5_match(groups: list[Group]) -> str:
    """An FTS5 MATCH expression; every token quoted, so no operator comes from the reader."""
    return _expression(groups, _fts5_term, "AND", "OR")


def tsquery(groups: list[Group]) -> str:
    """The same as a tsquery's text: quoted lexemes, taken as they are (no parser splits them)."""
    return _expression(groups, _tsquery_term, "&", "|")


@dataclass(frozen=True)
class Linked:
    """Another table's index that also finds a row: a publication is found by its article's
    words (the original a reader types a name from), through `column` (its `article_id`),
    which points at `id_column` of the table `fts_table` indexes."""

    column: InstrumentedAttribute[int]
    fts_table: str
    id_column: InstrumentedAttribute[int]


def _vector(table: str) -> Any:
    # The expression must read exactly as the index's for PostgreSQL to use it.
    return literal_column(TSVECTOR_SQL.replace("(search_tokens", f"({table}.search_tokens"))


def _ids_matching(
    sqlite: bool, fts_table: str, id_column: InstrumentedAttribute[int], groups: list[Group]
) -> Select[Any]:
    """The ids of `id_column`'s table whose tokens match every group, from its index."""
    if sqlite:
        assert fts_table in SEARCH_TABLES  # a name of ours, never input
        index = table(fts_table, column("rowid", Integer))
        return select(index.c.rowid).where(literal_column(fts_table).match(fts5_match(groups)))
    name = id_column.class_.__tablename__
    wanted = cast(literal(tsquery(groups), String), TSQUERY)
    return select(id_column).where(_vector(name).op("@@")(wanted))


def matching(
    session: Session,
    query: Select[T],
    search: SearchQuery,
    *,
    fts_table: str,
    id_column: InstrumentedAttribute[int],
    materialise: bool = True,
    linked: Linked | None = None,
) -> Select[T]:
    """`query` narrowed to the rows whose tokens match; unchanged when nothing was typed.

    With `linked`, each word may be found in the row's own tokens or in its linked row's
    (a publication's translation or its original): "Kishida 岸田" finds the English translation
    of the Japanese article, one word in each.
    """
    if not search.asked:
        return query
    if search.nothing_to_search:
        return query.where(false())
    sqlite = session.get_bind().dialect.name == "sqlite"
    if not sqlite:
        # The planner prices rebuilding a row's tsvector (15 KB of tokens an article) like any
        # cheap function: for a word with many stems (an accented Latin word is tried in 25
        # languages) it chose to read the whole table and rebuild every row's vector instead
        # of asking the GIN index, 19 s a search at 10,000 articles. The rest of this
        # transaction (the request's) reads by index. Nor does it start parallel workers: a
        # search's few thousand index entries cost less than starting one (a worker added
        # 2-5 ms to a public search at 100,000 articles), and under load the cores are busy
        # with other requests.
        session.execute(
            text(
                "SELECT set_config('enable_seqscan', 'off', true), "
                "set_config('max_parallel_workers_per_gather', '0', true)"
            )
        )
    if linked is None:
        ids: Any = _ids_matching(sqlite, fts_table, id_column, search.groups)
    else:
        each_word: list[CompoundSelect[Any]] = [
            union(
                _ids_matching(sqlite, fts_table, id_column, [group]),
                select(id_column).where(
                    linked.column.in_(
                        _ids_matching(sqlite, linked.fts_table, linked.id_column, [group])
                    )
                ),
            )
            for group in search.groups
        ]
        if sqlite:  # which takes no parenthesised compound inside another
            return query.where(*(id_column.in_(ids) for ids in each_word))
        ids = intersect(*each_word) if len(each_word) > 1 else each_word[0]
    if sqlite or not materialise:
        return query.where(id_column.in_(ids))
    # The matches first, through the GIN index, then the list's own order over them. Left to
    # itself the planner walked a list's ordering index and tested each row's tokens, rebuilding
    # its tsvector (about 20 µs a row): 0.7 s for a word in 1,500 of 100,000 articles. The CTE
    # is materialised, so the planner cannot fold it back into that walk.
    matches = ids.cte(f"{id_column.class_.__tablename__}_matches").prefix_with("MATERIALIZED")
    return query.where(id_column.in_(select(matches.c[0])))
