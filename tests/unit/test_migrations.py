"""The migrations build exactly the schema the models describe, and can be undone."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from tests.conftest import FAST_PASSWORDS
from tests.databases import POSTGRES, POSTGRES_SKIP_REASON, fresh_postgres_database
from tests.factories import ArticleFactory, UserFactory
from translate_flow import create_app
from translate_flow.core import migrate
from translate_flow.core.db import make_engine
from translate_flow.domain.models import Base, Role, is_managed_by_migrations
from translate_flow.domain.models.search import SEARCH_TABLES


@pytest.fixture(
    params=[
        "sqlite",
        pytest.param(
            "postgresql", marks=pytest.mark.skipif(not POSTGRES, reason=POSTGRES_SKIP_REASON)
        ),
    ]
)
def empty_database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'migrations.sqlite3'}"
        return
    with fresh_postgres_database("migrations") as url:
        yield url


def _differences(url: str) -> list[object]:
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(
                connection, opts={"compare_type": True, "include_object": is_managed_by_migrations}
            )
            return list(compare_metadata(context, Base.metadata))
    finally:
        engine.dispose()


def _tables(url: str, *, with_search_index: bool = False) -> set[str]:
    engine = make_engine(url)
    try:
        names = set(inspect(engine).get_table_names()) - {"alembic_version"}
        if with_search_index:
            return names
        # FTS5 keeps its index in shadow tables of its own.
        return {name for name in names if not name.startswith(SEARCH_TABLES)}
    finally:
        engine.dispose()


def test_upgraded_schema_matches_the_models(empty_database):
    migrate.upgrade(empty_database)
    assert _differences(empty_database) == []


def test_upgrade_downgrade_upgrade(empty_database):
    migrate.upgrade(empty_database)
    assert _tables(empty_database) == set(Base.metadata.tables)
    migrate.downgrade(empty_database, "base")
    assert _tables(empty_database, with_search_index=True) == set()
    migrate.upgrade(empty_database)
    assert _differences(empty_database) == []


def test_migration_files_are_date_prefixed_and_import_no_app_code():
    versions = Path(migrate.PROJECT_ROOT, "migrations", "versions")
    files = sorted(versions.glob("*.py"))
    assert files
    for path in files:
        assert path.name[:8].isdigit(), f"{path.name} should start with YYYYMMDD"
        assert "translate_flow" not in path.read_text(), f"{path.name} imports app code"


def test_upgrading_a_database_with_people_keeps_their_rows(tmp_path):
    # SQLite batch mode rebuilds tables; with foreign keys on, rebuilding `users` would
    # cascade-delete roles and pairs. The data must come through every migration.
    url = f"sqlite:///{tmp_path / 'data.sqlite3'}"
    migrate.upgrade(url, "67f763cbc4e4")
    engine = make_engine(url)
    with engine.begin() as connection:
        connection.exec_driver_sql(
            "INSERT INTO users (id, email, email_key, display_name, capacity, bio, is_active,"
            " created_at) VALUES (1, 'a@x.org', 'a@x.org', 'A', 3, '', 1, '2026-01-01')"
        )
        connection.exec_driver_sql(
            "INSERT INTO user_roles (user_id, role) VALUES (1, 'translator')"
        )
    engine.dispose()
    migrate.upgrade(url)
    engine = make_engine(url)
    with engine.connect() as connection:
        roles = connection.exec_driver_sql("SELECT user_id, role FROM user_roles").all()
        preference = connection.exec_driver_sql("SELECT email_notifications FROM users").scalar()
    engine.dispose()
    assert roles == [(1, "translator")]
    assert preference == "immediate"


def test_translations_get_their_articles_language_when_the_column_is_added(
    empty_database, tmp_path
):
    migrate.upgrade(empty_database)
    app = create_app(
        {
            "DATABASE_URL": empty_database,
            "TESTING": True,
            "SECRET_KEY": "test-secret-key-that-is-long-enough-0123456789",
            "INSTANCE_PATH": str(tmp_path / "instance"),
            **FAST_PASSWORDS,
        }
    )
    coordinator = UserFactory(app)(Role.COORDINATOR)
    for language in ("ja", "es-AR"):
        ArticleFactory(app)(coordinator, source_language=language)
    app.extensions["translate_flow.db"].dispose()
    migrate.downgrade(empty_database, "c81d3f5a2e67")
    migrate.upgrade(empty_database)
    engine = make_engine(empty_database)
    try:
        with engine.connect() as connection:
            rows = connection.exec_driver_sql(
                "SELECT t.source_language, a.source_language FROM translations t"
                " JOIN articles a ON a.id = t.article_id ORDER BY t.id"
            ).all()
    finally:
        engine.dispose()
    assert rows == [("ja", "ja"), ("es-AR", "es-AR")]
