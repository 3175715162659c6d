"""Full-text search over articles: an FTS5 index on SQLite, a GIN tsvector index on PostgreSQL.

Both are kept by the database itself (FTS5 through triggers, PostgreSQL by indexing an
expression), so no write path can forget to update them.
"""

from typing import Any

from sqlalchemy import DDL, event

from translate_flow.models.articles import Article

# The 'simple' configuration: articles come in twenty languages, and stemming for one
# would mangle the others.
TSVECTOR_SQL = "to_tsvector('simple', coalesce(title, '') || ' ' || coalesce(search_text, ''))"

SQLITE_SEARCH_DDL = [
    "CREATE VIRTUAL TABLE article_search USING fts5("
    "title, search_text, content='articles', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER articles_search_insert AFTER INSERT ON articles BEGIN "
    "INSERT INTO article_search(rowid, title, search_text) "
    "VALUES (new.id, new.title, new.search_text); END",
    "CREATE TRIGGER articles_search_delete AFTER DELETE ON articles BEGIN "
    "INSERT INTO article_search(article_search, rowid, title, search_text) "
    "VALUES ('delete', old.id, old.title, old.search_text); END",
    "CREATE TRIGGER articles_search_update AFTER UPDATE OF title, search_text ON articles BEGIN "
    "INSERT INTO article_search(article_search, rowid, title, search_text) "
    "VALUES ('delete', old.id, old.title, old.search_text); "
    "INSERT INTO article_search(rowid, title, search_text) "
    "VALUES (new.id, new.title, new.search_text); END",
]

# DDL rather than an Index on the table: Alembic warns that it cannot compare
# expression indexes, and warnings are errors in the tests.
POSTGRES_SEARCH_DDL = f"CREATE INDEX ix_articles_search ON articles USING gin (({TSVECTOR_SQL}))"


def _ddl(statement: str, dialect: str) -> Any:
    return DDL(statement).execute_if(dialect=dialect)  # type: ignore[no-untyped-call]


for statement in SQLITE_SEARCH_DDL:
    event.listen(Article.__table__, "after_create", _ddl(statement, "sqlite"))
event.listen(Article.__table__, "after_create", _ddl(POSTGRES_SEARCH_DDL, "postgresql"))


def is_managed_by_migrations(
    _object: Any, name: str | None, type_: str, _reflected: bool, _compare_to: Any
) -> bool:
    """Autogenerate filter (`include_object`): the search index is written by hand.

    Alembic cannot compare FTS5 shadow tables or expression indexes, and would
    otherwise propose to drop them.
    """
    if type_ == "table" and name is not None and name.startswith("article_search"):
        return False
    return not (type_ == "index" and name == "ix_articles_search")
