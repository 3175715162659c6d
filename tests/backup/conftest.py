"""Databases made as an admin makes them (`db upgrade`), apps on them, and their CLI."""

import shutil
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest
from click.testing import Result
from flask import Flask
from sqlalchemy.engine import make_url

from tests.conftest import BACKENDS, FAST_PASSWORDS
from tests.databases import fresh_postgres_database
from translate_flow import create_app
from translate_flow.core import migrate

SECRET = "test-secret-key-that-is-long-enough-0123456789"


def make_app(url: str, instance: Path, **settings: object) -> Flask:
    return create_app(
        {
            "DATABASE_URL": url,
            "TESTING": True,
            "SECRET_KEY": SECRET,
            "INSTANCE_PATH": str(instance),
            "BACKUP_DIR": str(instance / "backups"),
            "SERVER_NAME": None,
            "SMTP_URL": "console://",
            **FAST_PASSWORDS,
            **settings,
        }
    )


def run_cli(app: Flask, *arguments: str, env: dict[str, str | None] | None = None) -> Result:
    """`translate-flow ARGUMENTS` on the app's database, as an admin types it."""
    return app.test_cli_runner().invoke(args=list(arguments), env=env)


class Migrated:
    """Per backend, a database at the newest revision, made once per test process."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.templates: dict[str, str] = {}
        self.dropped = ExitStack()

    def template(self, backend: str) -> str:
        if backend not in self.templates:
            if backend == "sqlite":
                url = f"sqlite:///{self.directory / 'template.sqlite3'}"
            else:
                url = self.dropped.enter_context(fresh_postgres_database("backup_template"))
            migrate.upgrade(url)
            self.templates[backend] = url
        return self.templates[backend]


@pytest.fixture(scope="session")
def migrated_templates(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Migrated]:
    made = Migrated(tmp_path_factory.mktemp("migrated"))
    yield made
    made.dropped.close()


class Databases:
    """New databases of one backend for a test: `new()` empty, `migrated()` at the newest
    revision, as `translate-flow db upgrade` leaves a new desk."""

    def __init__(self, backend: str, tmp_path: Path, templates: Migrated) -> None:
        self.backend = backend
        self.tmp_path = tmp_path
        self.templates = templates
        self._dropped = ExitStack()
        self._count = 0

    def _path(self, label: str) -> Path:
        self._count += 1
        return self.tmp_path / f"{label}{self._count}" / "desk.sqlite3"

    def new(self, label: str = "db") -> str:
        if self.backend == "sqlite":
            return f"sqlite:///{self._path(label)}"
        return self._dropped.enter_context(fresh_postgres_database(f"backup_{label}"))

    def migrated(self, label: str = "db") -> str:
        template = self.templates.template(self.backend)
        if self.backend == "sqlite":
            path = self._path(label)
            path.parent.mkdir(parents=True)
            shutil.copyfile(str(make_url(template).database), path)
            return f"sqlite:///{path}"
        return self._dropped.enter_context(
            fresh_postgres_database("backup", str(make_url(template).database))
        )

    def close(self) -> None:
        self._dropped.close()


@pytest.fixture(params=BACKENDS)
def databases(
    request: pytest.FixtureRequest, tmp_path: Path, migrated_templates: Migrated
) -> Iterator[Databases]:
    made = Databases(request.param, tmp_path, migrated_templates)
    yield made
    made.close()


@pytest.fixture
def sqlite_databases(tmp_path: Path, migrated_templates: Migrated) -> Iterator[Databases]:
    made = Databases("sqlite", tmp_path, migrated_templates)
    yield made
    made.close()


@pytest.fixture
def apps(tmp_path: Path) -> Iterator[Callable[[str], Flask]]:
    """`apps(url)`: an app on that database; its connections closed after the test."""
    made: list[Flask] = []

    def _app(url: str) -> Flask:
        app = make_app(url, tmp_path / f"instance{len(made)}")
        made.append(app)
        return app

    yield _app
    for app in made:
        app.extensions["translate_flow.db"].dispose()
