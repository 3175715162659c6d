"""A restore refuses what it must not do, says why, and leaves the target as it was: a
database with rows (unless --force names it), a damaged file, a schema it does not know."""

from collections.abc import Callable
from pathlib import Path

import pytest
from flask import Flask

from tests.backup.conftest import Databases, run_cli
from tests.backup.tampering import (
    edit_manifest,
    flip_a_byte,
    members,
    replace_manifest,
    write_members,
)
from tests.factories import UserFactory
from translate_flow.backup.manifest import MANIFEST_NAME, PAYLOAD_NAMES
from translate_flow.backup.target import target_name
from translate_flow.core.db import make_engine


def _emails(url: str) -> list[str]:
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            return list(
                connection.exec_driver_sql("SELECT email FROM users ORDER BY email").scalars()
            )
    finally:
        engine.dispose()


def _backup_of_a_desk(
    databases: Databases, apps: Callable[[str], Flask], tmp_path: Path, email: str
) -> Path:
    url = databases.migrated("source")
    app = apps(url)
    UserFactory(app)(email=email)
    output = tmp_path / "backups"
    output.mkdir(exist_ok=True)
    result = run_cli(app, "backup", "--output", str(output))
    assert result.exit_code == 0, result.output
    [backup] = output.glob("*.tar")
    return backup


def test_restore_refuses_a_database_with_rows_unless_force_names_it(
    databases: Databases, apps: Callable[[str], Flask], tmp_path: Path
) -> None:
    backup = _backup_of_a_desk(databases, apps, tmp_path, "from-backup@example.org")
    target_url = databases.migrated("target")
    target = apps(target_url)
    UserFactory(target)(email="already-here@example.org")
    name = target_name(target_url)

    refused = run_cli(target, "restore", str(backup))
    assert refused.exit_code == 1
    assert f"“{name}” is not empty" in refused.output
    assert f"--force {name}" in refused.output
    assert _emails(target_url) == ["already-here@example.org"]

    wrong = run_cli(target, "restore", str(backup), "--force", "production")
    assert wrong.exit_code == 1
    assert f"--force names “production”, but the target database is “{name}”" in wrong.output
    assert _emails(target_url) == ["already-here@example.org"]

    target.extensions["translate_flow.db"].dispose()
    forced = run_cli(target, "restore", str(backup), "--force", name)
    assert forced.exit_code == 0, forced.output
    assert _emails(target_url) == ["from-backup@example.org"]


def test_a_database_with_the_schema_and_no_rows_is_empty_enough(
    databases: Databases, apps: Callable[[str], Flask], tmp_path: Path
) -> None:
    backup = _backup_of_a_desk(databases, apps, tmp_path, "from-backup@example.org")
    target_url = databases.migrated("target")  # `db upgrade` run on the new machine first

    restored = run_cli(apps(target_url), "restore", str(backup))

    assert restored.exit_code == 0, restored.output
    assert _emails(target_url) == ["from-backup@example.org"]


@pytest.fixture
def sqlite_backup(
    sqlite_databases: Databases, apps: Callable[[str], Flask], tmp_path: Path
) -> Path:
    return _backup_of_a_desk(sqlite_databases, apps, tmp_path, "from-backup@example.org")


def _restore_into_a_new_file(apps: Callable[[str], Flask], tmp_path: Path, backup: Path):  # type: ignore[no-untyped-def]
    target = tmp_path / "new-machine" / "desk.sqlite3"
    result = run_cli(apps(f"sqlite:///{target}"), "restore", str(backup))
    return result, target


def _nothing_written(target: Path) -> None:
    assert not target.exists()
    assert not target.parent.exists() or list(target.parent.iterdir()) == []


def test_a_damaged_payload_is_refused_and_nothing_is_written(
    sqlite_backup: Path, apps: Callable[[str], Flask], tmp_path: Path
) -> None:
    flip_a_byte(sqlite_backup, PAYLOAD_NAMES["sqlite"])

    result, target = _restore_into_a_new_file(apps, tmp_path, sqlite_backup)

    assert result.exit_code == 1
    assert "The backup's database.sqlite3 is damaged" in result.output
    assert "Traceback" not in result.output
    _nothing_written(target)


@pytest.mark.parametrize(
    ("damage", "said"),
    [
        ("not json", "manifest is damaged: its checksum does not match SHA256SUMS"),
        ("edited", "manifest is damaged: its checksum does not match SHA256SUMS"),
        ("unreadable, with sums", "manifest is damaged: it is not readable JSON"),
        ("a count missing", "manifest is damaged: “tables” is missing"),
        ("no manifest", "it has no manifest.json"),
        ("not a tar", "it is not a tar file"),
    ],
)
def test_a_damaged_manifest_is_refused_and_nothing_is_written(
    sqlite_backup: Path, apps: Callable[[str], Flask], tmp_path: Path, damage: str, said: str
) -> None:
    damaged = tmp_path / "damaged.tar"
    files = members(sqlite_backup)
    if damage == "not json":
        write_members(damaged, {**files, MANIFEST_NAME: b'{"format": "translate_fl'})
    elif damage == "edited":
        edit_manifest(sqlite_backup, damaged, lambda m: m.update(tables={}), sums=False)
    elif damage == "unreadable, with sums":
        replace_manifest(sqlite_backup, damaged, b"\xff\xfe")
    elif damage == "a count missing":
        edit_manifest(sqlite_backup, damaged, lambda m: m.pop("tables"))
    elif damage == "no manifest":
        write_members(damaged, {k: v for k, v in files.items() if k != MANIFEST_NAME})
    else:
        damaged.write_bytes(b"hello")

    result, target = _restore_into_a_new_file(apps, tmp_path, damaged)

    assert result.exit_code == 1
    assert said in result.output
    _nothing_written(target)


def test_counts_that_do_not_match_the_payload_are_refused(
    sqlite_backup: Path, apps: Callable[[str], Flask], tmp_path: Path
) -> None:
    lying = edit_manifest(
        sqlite_backup,
        tmp_path / "lying.tar",
        lambda m: m["tables"].update(users=7),  # type: ignore[union-attr]
    )

    result, target = _restore_into_a_new_file(apps, tmp_path, lying)

    assert result.exit_code == 1
    assert "does not hold the rows the backup's manifest lists (users: 1 instead of 7)" in (
        result.output
    )
    _nothing_written(target)


def test_a_backup_from_a_newer_schema_is_refused(
    sqlite_backup: Path, apps: Callable[[str], Flask], tmp_path: Path
) -> None:
    newer = edit_manifest(
        sqlite_backup, tmp_path / "newer.tar", lambda m: m.update(schema_revision="f0a1b2c3d4e5")
    )

    result, target = _restore_into_a_new_file(apps, tmp_path, newer)

    assert result.exit_code == 1
    assert "schema revision f0a1b2c3d4e5, which this version of translate_flow does not know" in (
        result.output
    )
    assert "Upgrade translate_flow to the version that made the backup" in result.output
    _nothing_written(target)


def test_a_restore_over_a_database_in_use_is_refused(
    sqlite_backup: Path, sqlite_databases: Databases, apps: Callable[[str], Flask]
) -> None:
    url = sqlite_databases.migrated("in-use")
    app = apps(url)
    UserFactory(app)(email="at-work@example.org")
    name = target_name(url)
    db = app.extensions["translate_flow.db"]
    with db.session(write=False) as session:
        session.connection().exec_driver_sql("SELECT count(*) FROM users").scalar()
        # A desk reading as the restore starts: its write-ahead log must not be cut away.
        result = run_cli(app, "restore", str(sqlite_backup), "--force", name)
    assert result.exit_code == 1
    assert "is in use" in result.output
    assert _emails(url) == ["at-work@example.org"]
