"""What a database holds: its tables, their row counts, and its schema revision."""

from sqlalchemy import Connection, text

from translate_flow.backup.errors import BackupError
from translate_flow.domain.models.search import SEARCH_TABLES

VERSION_TABLE = "alembic_version"
# Tables a migration makes with their one row in them: a new, empty desk has that row, so it
# is no sign of a desk's data. (A migration that seeds a table adds it here.)
SEEDED_TABLES = frozenset({VERSION_TABLE, "public_site_generation"})
# The tables listed, not the FTS5 virtual tables: those read their rows from the indexed
# table (`content=`), and their own storage is in shadow tables, which are listed.
SQLITE_TABLES = text(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
    "AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name"
)
POSTGRES_TABLES = text(
    "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename"
)


def table_names(connection: Connection) -> list[str]:
    query = SQLITE_TABLES if connection.dialect.name == "sqlite" else POSTGRES_TABLES
    return list(connection.execute(query).scalars())


def row_counts(connection: Connection) -> dict[str, int]:
    """Rows per table, read in the connection's transaction (a snapshot, for a backup)."""
    quote = connection.dialect.identifier_preparer.quote
    return {
        # Names read from the catalogue, quoted.
        name: int(connection.exec_driver_sql(f"SELECT count(*) FROM {quote(name)}").scalar_one())  # noqa: S608
        for name in table_names(connection)
    }


def desk_rows(counts: dict[str, int]) -> dict[str, int]:
    """The tables that hold a desk's data and have rows: not those a migration seeds, and
    not the search index's storage, which an empty database has rows in too."""
    return {
        name: count
        for name, count in counts.items()
        if count and name not in SEEDED_TABLES and not name.startswith(SEARCH_TABLES)
    }


def schema_revision(connection: Connection) -> str:
    """The Alembic revision the database is at; BackupError when it has none."""
    if VERSION_TABLE not in table_names(connection):
        raise BackupError(
            "The database has no schema revision (no alembic_version table): it was not made "
            "by `translate-flow db upgrade`, so a restore could not tell which migrations to "
            "run. Make the desk's database with `translate-flow db upgrade`."
        )
    revisions = list(
        connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalars()
    )
    if len(revisions) != 1:
        raise BackupError(
            f"The database's alembic_version holds {len(revisions)} revisions instead of one; "
            "run `translate-flow db upgrade` before backing it up."
        )
    return str(revisions[0])
