"""Full-text search over articles (the desk), publications (the public site) and the
memory's units (the concordance).

Each row's `search_tokens` holds the search analyser's tokens (`text.search_tokens`),
space-separated, set by a mapper event whenever its text changes, so that every writer keeps
it. Both databases index that column without splitting it again: FTS5 with the `ascii`
tokenizer (it splits on ASCII spaces and punctuation only, and tokens have none but the
stem's colon, kept as a token character), and on PostgreSQL a GIN index on the tsvector of
the same tokens (`array_to_tsvector`, which takes each as a lexeme as it is). The same tokens
in, the same answers out.
"""

from typing import Any

from sqlalchemy import DDL, event, select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Mapper, attributes

from translate_flow.domain.models.articles import Article
from translate_flow.domain.models.memory import MemoryUnit
from translate_flow.domain.models.publishing import Publication
from translate_flow.text.search_tokens import document_tokens

SEARCH_TABLES = ("article_search", "publication_search", "memory_search")

SEARCH_INDEXES = ("ix_articles_search", "ix_publications_search", "ix_memory_units_search")

TSVECTOR_SQL = "array_to_tsvector(string_to_array(search_tokens, ' '))"
FTS5_TOKENIZER = "ascii tokenchars ':'"


def fts5_ddl(table: str, source: str) -> list[str]:
    """An external-content FTS5 table over `source`'s search_tokens, kept by triggers.

    The names are this module's constants, never input: the f-strings build DDL, not queries.
    """
    return [
        f"CREATE VIRTUAL TABLE {table} USING fts5("
        f"search_tokens, content='{source}', content_rowid='id', "
        f'tokenize="{FTS5_TOKENIZER}")',
        f"CREATE TRIGGER {source}_search_insert AFTER INSERT ON {source} BEGIN "  # noqa: S608
        f"INSERT INTO {table}(rowid, search_tokens) VALUES (new.id, new.search_tokens); END",
        f"CREATE TRIGGER {source}_search_delete AFTER DELETE ON {source} BEGIN "  # noqa: S608
        f"INSERT INTO {table}({table}, rowid, search_tokens) "
        "VALUES ('delete', old.id, old.search_tokens); END",
        f"CREATE TRIGGER {source}_search_update AFTER UPDATE OF search_tokens ON {source} "  # noqa: S608
        f"BEGIN INSERT INTO {table}({table}, rowid, search_tokens) "
        "VALUES ('delete', old.id, old.search_tokens); "
        f"INSERT INTO {table}(rowid, search_tokens) VALUES (new.id, new.search_tokens); END",
    ]


def postgres_ddl(table: str) -> str:
    # DDL rather than an Index on the table: Alembic warns that it cannot compare
    # expression indexes, and warnings are errors in the tests.
    return f"CREATE INDEX ix_{table}_search ON {table} USING gin (({TSVECTOR_SQL}))"


SQLITE_SEARCH_DDL = fts5_ddl("article_search", "articles")
POSTGRES_SEARCH_DDL = postgres_ddl("articles")
PUBLICATION_SEARCH_DDL = fts5_ddl("publication_search", "publications")
POSTGRES_PUBLICATION_SEARCH_DDL = postgres_ddl("publications")
MEMORY_SEARCH_DDL = fts5_ddl("memory_search", "memory_units")
POSTGRES_MEMORY_SEARCH_DDL = postgres_ddl("memory_units")


def _ddl(statement: str, dialect: str) -> Any:
    return DDL(statement).execute_if(dialect=dialect)  # type: ignore[no-untyped-call]


for statement in SQLITE_SEARCH_DDL:
    event.listen(Article.__table__, "after_create", _ddl(statement, "sqlite"))
event.listen(Article.__table__, "after_create", _ddl(POSTGRES_SEARCH_DDL, "postgresql"))
for statement in PUBLICATION_SEARCH_DDL:
    event.listen(Publication.__table__, "after_create", _ddl(statement, "sqlite"))
event.listen(
    Publication.__table__, "after_create", _ddl(POSTGRES_PUBLICATION_SEARCH_DDL, "postgresql")
)
for statement in MEMORY_SEARCH_DDL:
    event.listen(MemoryUnit.__table__, "after_create", _ddl(statement, "sqlite"))
event.listen(MemoryUnit.__table__, "after_create", _ddl(POSTGRES_MEMORY_SEARCH_DDL, "postgresql"))


def is_managed_by_migrations(
    _object: Any, name: str | None, type_: str, _reflected: bool, _compare_to: Any
) -> bool:
    """Autogenerate filter (`include_object`): the search index is written by hand.

    Alembic cannot compare FTS5 shadow tables or expression indexes, and would
    otherwise propose to drop them.
    """
    if type_ == "table" and name is not None and name.startswith(SEARCH_TABLES):
        return False
    return not (type_ == "index" and name in SEARCH_INDEXES)


# --- The tokens, kept by every write -------------------------------------------------------------


def tokens_text(*texts_and_languages: tuple[str, str]) -> str:
    """The column's value: each text's tokens in its own language, space-separated, once each."""
    found: dict[str, None] = {}
    for text, language in texts_and_languages:
        found.update(dict.fromkeys(document_tokens(text, language)))
    return " ".join(found)


def article_tokens(title: str, search_text: str, language: str) -> str:
    return tokens_text((f"{title}\n{search_text}", language))


def publication_tokens(title: str, search_text: str, target_language: str) -> str:
    """A publication's own words. A reader who types a name as the original writes it (岸田)
    finds the translation through its article's tokens (`full_text.Linked`): carrying the
    original's tokens here too doubled the publications' index and its reindex."""
    return tokens_text((f"{title}\n{search_text}", target_language))


def pair_token(source_language: str, target_language: str) -> str:
    """The token every memory unit of a language pair carries (`pair:ptbr:en`), so that the
    concordance narrows a word to one pair inside the index: without it, a word common in
    another pair's newer units was read unit by unit before the pair's own were reached."""

    def code(language: str) -> str:
        return "".join(char for char in language.lower() if char.isascii() and char.isalnum())

    return f"pair:{code(source_language)}:{code(target_language)}"


def memory_unit_tokens(source: str, source_language: str, target: str, target_language: str) -> str:
    """A unit is found by the words of either side, each analysed in its own language, and
    within its pair (`pair_token`)."""
    words = tokens_text((source, source_language), (target, target_language))
    return " ".join(filter(None, (pair_token(source_language, target_language), words)))


def _changed(target: object, *names: str) -> bool:
    state = attributes.instance_state(target)
    return any(state.attrs[name].history.has_changes() for name in names)


def _loaded(connection: Connection, target: Article | Publication, name: str) -> Any:
    """An attribute's value without loading it through the session inside a flush."""
    state = attributes.instance_state(target)
    if name in state.unloaded:
        table = type(target).__table__
        return connection.scalar(select(table.c[name]).where(table.c.id == target.id))
    return getattr(target, name)


@event.listens_for(Article, "before_insert")
@event.listens_for(Article, "before_update")
def _keep_article_tokens(_mapper: Mapper[Any], connection: Connection, article: Article) -> None:
    if article.id is not None and not _changed(article, "title", "search_text", "source_language"):
        return
    article.search_tokens = article_tokens(
        article.title or "",
        _loaded(connection, article, "search_text") or "",
        article.source_language or "",
    )


@event.listens_for(Publication, "before_insert")
@event.listens_for(Publication, "before_update")
def _keep_publication_tokens(
    _mapper: Mapper[Any], connection: Connection, publication: Publication
) -> None:
    names = ("title", "search_text", "target_language")
    if publication.id is not None and not _changed(publication, *names):
        return
    publication.search_tokens = publication_tokens(
        publication.title or "",
        _loaded(connection, publication, "search_text") or "",
        publication.target_language or "",
    )


@event.listens_for(MemoryUnit, "before_insert")
@event.listens_for(MemoryUnit, "before_update")
def _keep_memory_unit_tokens(
    _mapper: Mapper[Any], _connection: Connection, unit: MemoryUnit
) -> None:
    names = ("source", "target", "source_language", "target_language")
    if unit.id is not None and not _changed(unit, *names):
        return
    unit.search_tokens = memory_unit_tokens(
        unit.source or "", unit.source_language or "", unit.target or "", unit.target_language or ""
    )
