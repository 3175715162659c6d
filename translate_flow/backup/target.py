"""The database a restore writes into: its name, whether it holds a desk, and clearing it.

A target is empty when none of the desk's tables has a row; its schema alone (an admin ran
`db upgrade` first) holds nothing and goes. One with rows is refused unless `--force` gives
its name: a guard against restoring over the wrong database, the production one above all.
"""

from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import NullPool

from translate_flow.backup.errors import BackupError
from translate_flow.backup.inventory import desk_rows, row_counts, table_names
from translate_flow.core.db import make_engine

# Everything of the current schema's that a dump creates again: tables (with the sequences
# they own), then free-standing sequences, views and types, should a migration add any.
_OBJECTS = text(
    "SELECT 'TABLE', tablename FROM pg_tables WHERE schemaname = current_schema() "
    "UNION ALL SELECT 'VIEW', viewname FROM pg_views WHERE schemaname = current_schema() "
    "UNION ALL SELECT 'SEQUENCE', sequencename FROM pg_sequences "
    "WHERE schemaname = current_schema() "
    "UNION ALL SELECT 'TYPE', t.typname FROM pg_type t JOIN pg_namespace n "
    "ON n.oid = t.typnamespace WHERE n.nspname = current_schema() AND t.typtype IN ('e', 'd')"
)


def target_name(url: str) -> str:
    """The name `--force` must give: the PostgreSQL database's, or the SQLite file's."""
    parsed = make_url(url)
    name = parsed.database or ""
    return Path(name).name if parsed.get_backend_name() == "sqlite" else name


def names_target(url: str, given: str) -> bool:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        path = Path(parsed.database or "")
        return given in {path.name, str(path)} or Path(given).resolve() == path.resolve()
    return given == parsed.database


def rows_in(url: str) -> dict[str, int]:
    """The target's tables that hold desk rows ({} for a new SQLite file or an empty database)."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and not Path(parsed.database or "").exists():
        return {}
    engine = make_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as connection:
            return desk_rows(row_counts(connection))
    except DBAPIError as error:
        raise BackupError(
            f"The target database “{target_name(url)}” cannot be opened: {error.orig}. "
            "On PostgreSQL, create it first (createdb) and check TRANSLATE_FLOW_DATABASE_URL."
        ) from None
    finally:
        engine.dispose()


def check_target(url: str, force: str | None) -> dict[str, int]:
    """Refuse a target with rows unless `force` names it; the rows it will lose."""
    name = target_name(url)
    if force is not None and not names_target(url, force):
        raise BackupError(
            f"--force names “{force}”, but the target database is “{name}”: nothing was "
            "restored. Give the target's own name to confirm that it is the one to replace."
        )
    found = rows_in(url)
    if found and force is None:
        listed = ", ".join(f"{table} {count}" for table, count in sorted(found.items())[:6])
        more = ", …" if len(found) > 6 else ""
        raise BackupError(
            f"The target database “{name}” is not empty ({sum(found.values())} rows in "
            f"{len(found)} tables: {listed}{more}); a restore goes into an empty database. "
            f"If it is to be replaced by the backup, and all its rows lost, run again with "
            f"--force {name}."
        )
    return found


def clear_postgres(url: str) -> None:
    """Drop every table, view, sequence and type of the target's current schema, at once."""
    engine = make_engine(url, poolclass=NullPool)
    try:
        with engine.begin() as connection:
            quote = connection.dialect.identifier_preparer.quote
            objects = connection.execute(_OBJECTS).all()
            for kind in ("VIEW", "TABLE", "SEQUENCE", "TYPE"):
                names = [quote(name) for found, name in objects if found == kind]
                if names:
                    connection.exec_driver_sql(f"DROP {kind} IF EXISTS {', '.join(names)} CASCADE")
            assert not table_names(connection)
    finally:
        engine.dispose()
