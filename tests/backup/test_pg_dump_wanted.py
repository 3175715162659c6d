"""Backing up PostgreSQL needs pg_dump at least as new as the server: without one, the admin
is told what to install, and no file is left behind."""

import stat
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from flask import Flask

from tests.backup.conftest import run_cli
from tests.databases import POSTGRES, POSTGRES_SKIP_REASON, fresh_postgres_database

pytestmark = pytest.mark.skipif(not POSTGRES, reason=POSTGRES_SKIP_REASON)


@pytest.fixture
def postgres_app(apps: Callable[[str], Flask]) -> Iterator[Flask]:
    with fresh_postgres_database("backup_tools") as url:
        yield apps(url)


def test_without_pg_dump_the_backup_says_what_to_install(
    postgres_app: Flask, tmp_path: Path
) -> None:
    nothing = tmp_path / "bin"
    nothing.mkdir()
    output = tmp_path / "backups"
    output.mkdir()

    result = run_cli(
        postgres_app,
        "backup",
        "--output",
        str(output),
        env={"PATH": str(nothing), "TRANSLATE_FLOW_PG_BIN": None},
    )

    assert result.exit_code == 1
    assert "pg_dump was not found on PATH" in result.output
    assert "postgresql-client-15" in result.output  # the server's version, this machine's
    assert list(output.iterdir()) == []


def test_a_pg_dump_older_than_the_server_is_refused(postgres_app: Flask, tmp_path: Path) -> None:
    # No old pg_dump is installed here: a script answers `--version` as PostgreSQL 9.6's did.
    old = tmp_path / "old-bin"
    old.mkdir()
    script = old / "pg_dump"
    script.write_text("#!/bin/sh\necho 'pg_dump (PostgreSQL) 9.6.24'\n")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    output = tmp_path / "backups"
    output.mkdir()

    result = run_cli(
        postgres_app, "backup", "--output", str(output), env={"TRANSLATE_FLOW_PG_BIN": str(old)}
    )

    assert result.exit_code == 1
    assert f"{script} is version 9.6, older than the PostgreSQL server (version 15)" in (
        result.output
    )
    assert "TRANSLATE_FLOW_PG_BIN" in result.output
    assert list(output.iterdir()) == []
