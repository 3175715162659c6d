"""Full-text matching of a query, over a table indexed as `models.search` indexes it.

The query goes through the same analyser as the documents (`text.search_tokens`), and its
groups become an FTS5 MATCH expression on SQLite and a tsquery on PostgreSQL that say the
same thing about the same tokens: every group, any of its alternatives, all of an
alternative's tokens, the last as a prefix where it may still be being typed.
"""

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import (
    ColumnElement,
    CompoundSelect,
    Integer,
    Select,
    String,
    and_,
    any_,
    bindparam,
    cast,
    column,
    false,
    func,
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


def search_problem(typed: str) -> str:
    """Why `typed` finds nothing before anything is looked up (NOTHING_TO_SEARCH), or "".
    Whether a query has words does not depend on their stems: analysed without stemmers, this
    took 0.02 ms where `search_query(typed).problem` stemmed each word for every language of
    its script (0.5 ms of a desk search, for a page that ran the search already)."""
    return search_query(typed, ()).problem


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


def _vector_matches(id_column: InstrumentedAttribute[int], searched: Any) -> Any:
    """PostgreSQL: the row's own tokens match `searched`, a tsquery's text."""
    return _vector(id_column.class_.__tablename__).op("@@")(cast(searched, TSQUERY))


def _ids_matching(
    sqlite: bool, fts_table: str, id_column: InstrumentedAttribute[int], groups: list[Group]
) -> Select[Any]:
    """The ids of `id_column`'s table whose tokens match every group, from its index."""
    if sqlite:
        return _fts5_rowids(fts_table, groups)
    return select(id_column).where(_vector_matches(id_column, literal(tsquery(groups), String)))


def _fts5_rowids(fts_table: str, groups: list[Group]) -> Select[Any]:
    return fts5_rowids(fts_table, fts5_match(groups))


def fts5_rowids(fts_table: str, searched: Any) -> Select[Any]:
    """SQLite: the rowids an FTS5 table matches for `searched`, a MATCH expression."""
    assert fts_table in SEARCH_TABLES  # a name of ours, never input
    index = table(fts_table, column("rowid", Integer))
    return select(index.c.rowid).where(literal_column(fts_table).match(searched))


# The bind parameter of `row_matches`: the search as its database's query text.
SEARCH_PARAMETER = "search"


def row_matches(
    sqlite: bool, fts_table: str, id_column: InstrumentedAttribute[int]
) -> ColumnElement[bool]:
    """What `matching` asks of a row of `id_column`'s table (without `by_id`),
    the search left as the bind parameter `SEARCH_PARAMETER`, whose value `search_value`
    gives: for a statement built once and run with each search (building one anew took
    1.3 ms of a desk search on PostgreSQL). There the statement also needs
    `plan_for_search`."""
    searched = bindparam(SEARCH_PARAMETER, type_=String)
    if sqlite:
        return id_column.in_(fts5_rowids(fts_table, searched))
    matches: ColumnElement[bool] = _vector_matches(id_column, searched)
    return matches


@functools.cache
def fts5_counted(fts_table: str) -> Select[Any]:
    """SQLite: how many rowids an FTS5 table matches for the bind parameter
    `SEARCH_PARAMETER` (`fts5_match`'s expression), which FTS5 answers from its index alone (a
    word in 31,000 of 100,000 articles: 1.4 ms); built once per table."""
    matches = fts5_rowids(fts_table, bindparam(SEARCH_PARAMETER, type_=String))
    return matches.with_only_columns(func.count(), maintain_column_froms=True)


def search_value(sqlite: bool, search: SearchQuery) -> str:
    """`row_matches`' parameter for `search` (which has something to search)."""
    return fts5_match(search.groups) if sqlite else tsquery(search.groups)


# The planner prices rebuilding a row's tsvector (15 KB of tokens an article) like any cheap
# function: for a word with many stems (an accented Latin word is tried in 25 languages) it
# chose to read the whole table and rebuild every row's vector instead of asking the GIN
# index, 19 s a search at 10,000 articles. The rest of the transaction (the request's) reads
# by index. Nor does it start parallel workers: a search's few thousand index entries cost
# less than starting one (a worker added 2-5 ms to a public search at 100,000 articles), and
# under load the cores are busy with other requests.
#
# Nor does it compile the plan (JIT): the prices below put a common word's search over
# `jit_above_cost`, and compiling took 6.3 ms of a 33 ms search (for a word in 17,000 of
# 100,000 articles) that reads each row once anyway.
_SETTINGS = [
    ("enable_seqscan", "off"),
    ("max_parallel_workers_per_gather", "0"),
    ("jit", "off"),
]
# Where the row's own tokens are tested, an index on another condition (the status, the
# language) was also cheaper by its prices than the GIN index from a few thousand articles on:
# each row it passes costs the tsvector's rebuild, ~20 µs, which three operators' default
# price (3 × 0.0025, a cost unit being about a page read) puts at a hundredth of that. A
# builtin's own price cannot be raised without owning it, so the operators' price is, for the
# transaction.
_TESTING_ROWS = ("cpu_operator_cost", "0.25")


def _planned(settings: list[tuple[str, str]]) -> Any:
    return text(
        "SELECT " + ", ".join(f"set_config('{name}', '{value}', true)" for name, value in settings)
    )


_PLANNED = _planned(_SETTINGS)
_PLANNED_TESTING_ROWS = _planned([*_SETTINGS, _TESTING_ROWS])


def plan_for_search(session: Session, *, tests_rows: bool) -> None:
    """PostgreSQL: the planner settings a search's statement needs, for the transaction;
    `tests_rows` when the statement tests each row's own tokens."""
    session.execute(_PLANNED_TESTING_ROWS if tests_rows else _PLANNED)


def matching(
    session: Session,
    query: Select[T],
    search: SearchQuery,
    *,
    fts_table: str,
    id_column: InstrumentedAttribute[int],
    by_id: bool = False,
) -> Select[T]:
    """`query` narrowed to the rows whose tokens match; unchanged when nothing was typed.

    To be ordered and paged by `paging.paginate(..., count_in_page=True)`, which on PostgreSQL
    gathers the matches before ordering them. There the row's own tokens are tested
    (`vector @@ query`, which the GIN index answers), unless `by_id` asks for `id IN (the
    matching ids)`, as the memory's concordance pages itself. (A search that also looks in
    linked rows' tokens is `linked_matches`.)
    """
    if not search.asked:
        return query
    if search.nothing_to_search:
        return query.where(false())
    sqlite = session.get_bind().dialect.name == "sqlite"
    tests_rows = not sqlite and not by_id
    if not sqlite:
        plan_for_search(session, tests_rows=tests_rows)
    if tests_rows:
        return query.where(_vector_matches(id_column, literal(tsquery(search.groups), String)))
    return query.where(id_column.in_(_ids_matching(sqlite, fts_table, id_column, search.groups)))


def linked_matches(
    sqlite: bool,
    fts_table: str,
    id_column: InstrumentedAttribute[int],
    linked: Linked,
    words: int,
) -> ColumnElement[bool]:
    """The rows of `id_column`'s table (in `fts_table`'s index) that a search of `words` words
    finds, each word in the row's own tokens or in its linked row's (a publication's
    translation or its original): "Kishida 岸田" finds the English translation of the Japanese
    article, one word in each. Each word is a bind parameter (`linked_values` gives them), so
    that the statement is built once for each number of words. On PostgreSQL the statement
    also needs `plan_for_search` (not testing rows)."""

    def among(column: InstrumentedAttribute[int], ids: Any) -> Any:
        # PostgreSQL: one probe of `column`'s index per id, from the ids gathered first; as a
        # join, the planner read every publication's entry in two indexes (35,000 each, 6 ms)
        # to meet a rare word's few hundred.
        if sqlite:
            return column.in_(ids)
        return column == any_(func.array(ids.scalar_subquery()))

    def found_by(table: str, ids: InstrumentedAttribute[int], word: int) -> Select[Any]:
        searched = bindparam(_word_parameter(word), type_=String)
        if sqlite:
            return fts5_rowids(table, searched)
        return select(ids).where(_vector_matches(ids, searched))

    each_word: list[CompoundSelect[Any]] = [
        union(
            found_by(fts_table, id_column, word),
            select(id_column).where(
                among(linked.column, found_by(linked.fts_table, linked.id_column, word))
            ),
        )
        for word in range(words)
    ]
    if sqlite:  # which takes no parenthesised compound inside another
        return and_(*(id_column.in_(ids) for ids in each_word))
    matches: ColumnElement[bool] = among(
        id_column, intersect(*each_word) if len(each_word) > 1 else each_word[0]
    )
    return matches


def _word_parameter(word: int) -> str:
    return f"{SEARCH_PARAMETER}_{word}"


def linked_values(sqlite: bool, search: SearchQuery) -> dict[str, str]:
    """`linked_matches`' parameters for `search`: each word (group) as its database's query."""
    return {
        _word_parameter(word): search_value(sqlite, SearchQuery(search.text, [group]))
        for word, group in enumerate(search.groups)
    }
