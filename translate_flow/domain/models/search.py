"""Full-text search over articles (the desk) and publications (the public site): an FTS5
index on SQLite, a GIN tsvector index on PostgreSQL.

Both are kept by the database itself (FTS5 through triggers, PostgreSQL by indexing an
expression), so no write path can forget to update them.
"""

from typing import Any

from sqlalchemy import DDL, event

from translate_flow.domain.models.articles import Article
from translate_flow.domain.models.publishing import Publication

SEARCH_TABLES = ("article_search", "publication_search")

# The 'simple' configuration: articles come in twenty languages, and stemming for one
# would mangle the others.
TSVECTOR_SQL = "to_tsvector('simple', coalesce(title, '') || ' ' || coalesce(search_text, ''))"


def fts5_ddl(table: str, source: str) -> list[str]:
    """An external-content FTS5 table over `source`'s title and search_text, kept by triggers.

    The names are this module's constants, never input: the f-strings build DDL, not queries.
    """
    return [
        f"CREATE VIRTUAL TABLE {table} USING fts5("
        f"title, search_text, content='{source}', content_rowid='id', "
        "tokenize='unicode61 remove_diacritics 2')",
        f"CREATE TRIGGER {source}_search_insert AFTER INSERT ON {source} BEGIN "  # noqa: S608
        f"INSERT INTO {table}(rowid, title, search_text) "
        "VALUES (new.id, new.title, new.search_text); END",
        f"CREATE TRIGGER {source}_search_delete AFTER DELETE ON {source} BEGIN "  # noqa: S608
        f"INSERT INTO {table}({table}, rowid, title, search_text) "
        "VALUES ('delete', old.id, old.title, old.search_text); END",
        f"CREATE TRIGGER {source}_search_update AFTER UPDATE OF title, search_text ON {source} "  # noqa: S608
        f"BEGIN INSERT INTO {table}({table}, rowid, title, search_text) "
        "VALUES ('delete', old.id, old.title, old.search_text); "
        f"INSERT INTO {table}(rowid, title, search_text) "
        "VALUES (new.id, new.title, new.search_text); END",
    ]


SQLITE_SEARCH_DDL = fts5_ddl("article_search", "articles")

# DDL rather than an Index on the table: Alembic warns that it cannot compare
# expression indexes, and warnings are errors in the tests.
POSTGRES_SEARCH_DDL = f"CREATE INDEX ix_articles_search ON articles USING gin (({TSVECTOR_SQL}))"


PUBLICATION_SEARCH_DDL = fts5_ddl("publication_search", "publications")
POSTGRES_PUBLICATION_SEARCH_DDL = (
    f"CREATE INDEX ix_publications_search ON publications USING gin (({TSVECTOR_SQL}))"
)


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


def is_managed_by_migrations(
    _object: Any, name: str | None, type_: str, _reflected: bool, _compare_to: Any
) -> bool:
    """Autogenerate filter (`include_object`): the search index is written by hand.

    Alembic cannot compare FTS5 shadow tables or expression indexes, and would
    otherwise propose to drop them.
    """
    if type_ == "table" and name is not None and name.startswith(SEARCH_TABLES):
        return False
    return not (type_ == "index" and name in ("ix_articles_search", "ix_publications_search"))
