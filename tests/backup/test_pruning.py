"""`backup --keep N` keeps the N newest backups of the desk's database in the directory and
deletes older ones: never another database's, never a file named otherwise."""

from collections.abc import Callable
from pathlib import Path

from flask import Flask

from tests.backup.conftest import Databases, run_cli


def test_keep_prunes_only_the_oldest_of_the_desks_own_backups(
    sqlite_databases: Databases, apps: Callable[[str], Flask], tmp_path: Path
) -> None:
    app = apps(sqlite_databases.migrated("desk"))  # the file desk.sqlite3: backups "desk"
    directory = tmp_path / "backups"
    directory.mkdir()
    own_old = [f"translate_flow-desk-2026010{day}T030000Z-sqlite.tar" for day in (1, 2, 3)]
    others = [
        "translate_flow-other-20260101T030000Z-sqlite.tar",  # another desk's database
        "translate_flow-desk-20260101T030000Z-postgresql.tar",  # the desk before it moved
        "translate_flow-desk-20260101T030000Z-sqlite.tar.bak",
        "translate_flow-desk-latest-sqlite.tar",
        "notes.txt",
    ]
    for name in own_old + others:
        (directory / name).write_bytes(b"kept?")

    result = run_cli(app, "backup", "--output", str(directory), "--keep", "2")

    assert result.exit_code == 0, result.output
    [new] = set(directory.glob("translate_flow-desk-2*-sqlite.tar")) - {
        directory / name for name in own_old
    }
    remaining = {path.name for path in directory.iterdir()}
    assert remaining == {new.name, own_old[-1], *others}
    assert "Removed 2 older backup(s), keeping the newest 2" in result.output


def test_the_backup_goes_to_the_backup_directory_by_default(
    sqlite_databases: Databases, apps: Callable[[str], Flask]
) -> None:
    app = apps(sqlite_databases.migrated("desk"))

    result = run_cli(app, "backup")

    assert result.exit_code == 0, result.output
    [written] = Path(app.config["BACKUP_DIR"]).iterdir()
    assert written.name.startswith("translate_flow-desk-")
    assert written.name.endswith("-sqlite.tar")
    assert written.stat().st_mode & 0o077 == 0  # only its owner may read it
