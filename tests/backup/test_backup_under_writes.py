"""A backup taken while translators save, reviewers approve and coordinators publish holds
every row committed before it began, restores into a new database, and that desk serves
its pages and finds its publications."""

import re
from collections.abc import Callable
from pathlib import Path

from flask import Flask
from sqlalchemy import Connection

from tests.backup.conftest import Databases, run_cli
from tests.backup.writing_desk import WORD, busy_desk
from tests.conftest import sign_in
from translate_flow.backup.archive import open_backup
from translate_flow.backup.revisions import head
from translate_flow.core.db import make_engine

WRITERS = 3
# Written once and never changed: a restored row must equal the row as it was committed.
APPEND_ONLY = ("events", "segment_revisions", "snapshots")
# Changed in place: a restored row is there, perhaps at a later version.
CHANGING = ("users", "articles", "translations", "publications")
# Each save adds a segment revision, each move an event: they count the writes.
WRITTEN = ("events", "segment_revisions")


def _rows(connection: Connection, table: str) -> dict[int, tuple[object, ...]]:
    # Table names from the lists above.
    result = connection.exec_driver_sql(f"SELECT * FROM {table} ORDER BY id")  # noqa: S608
    return {row.id: tuple(row) for row in result}


def _read(url: str, tables: tuple[str, ...]) -> dict[str, dict[int, tuple[object, ...]]]:
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            return {table: _rows(connection, table) for table in tables}
    finally:
        engine.dispose()


def _segment_versions(url: str) -> dict[int, tuple[int, str]]:
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            return {
                row.id: (row.version, row.text)
                for row in connection.exec_driver_sql(
                    "SELECT id, version, text FROM translation_segments"
                )
            }
    finally:
        engine.dispose()


def test_a_backup_of_a_busy_desk_restores_every_row_committed_before_it_began(
    databases: Databases, apps: Callable[[str], Flask], tmp_path: Path
) -> None:
    source_url = databases.migrated("source")
    desk = busy_desk(apps(source_url), WRITERS)
    with desk.running():
        # A round each (three saves and five moves, publishing included).
        desk.wait_for(8)
        committed = desk.committed()
        before = _read(source_url, APPEND_ONLY + CHANGING)
        versions_before = _segment_versions(source_url)
        # Rows written after those records and before the backup: it must hold them too.
        desk.wait_for_more()
        backing_up = run_cli(apps(source_url), "backup", "--output", str(tmp_path))
        assert backing_up.exit_code == 0, backing_up.output
        during = desk.committed()
        # Rows the backup must not hold: the desk goes on writing.
        desk.wait_for_more()
        after = _read(source_url, WRITTEN)
    [backup] = tmp_path.glob("translate_flow-*.tar")

    target_url = databases.new("restored")
    restoring = run_cli(apps(target_url), "restore", str(backup))
    assert restoring.exit_code == 0, restoring.output
    assert "every table's count matches the manifest" in restoring.output

    restored = _read(target_url, APPEND_ONLY + CHANGING)
    versions = _segment_versions(target_url)
    # Every write the writers had committed when the backup began is there.
    for log in committed:
        for kind, row_id, value, detail in log:
            if kind == "segment":
                version, text = versions[row_id]
                assert version >= value  # type: ignore[operator]
                if version == value:
                    assert text == detail
            else:
                assert restored["events"][row_id] == before["events"][row_id]
    # And every row that was in the database then: unchanged where rows never change.
    for table in APPEND_ONLY:
        assert before[table].items() <= restored[table].items(), table
    for table in CHANGING:
        assert set(before[table]) <= set(restored[table]), table
    for row_id, (version, text) in versions_before.items():
        assert versions[row_id][0] >= version
        if versions[row_id][0] == version:
            assert versions[row_id][1] == text

    # The backup was taken in the midst of the writes: it holds some made after the records
    # above, and the desk went on writing after it.
    def written(rows: dict[str, dict[int, tuple[object, ...]]]) -> int:
        return sum(len(rows[table]) for table in WRITTEN)

    assert written(before) < written(restored) < written(after)
    assert sum(map(len, during)) > sum(map(len, committed))
    manifest = open_backup(backup).manifest
    assert manifest.tables["events"] == len(restored["events"])
    assert manifest.schema_revision == head(target_url)

    _restored_desk_serves_pages(apps(target_url), desk)


def _restored_desk_serves_pages(app: Flask, desk) -> None:  # type: ignore[no-untyped-def]
    translator = desk.writers[0]
    client = app.test_client()
    assert sign_in(client, translator.translator.email).status_code == 302
    assert client.get("/desk/").status_code == 200
    editor = client.get(f"/translations/{translator.translation_id}/edit")
    assert editor.status_code == 200
    assert f"The {WORD} report 0" in editor.get_data(as_text=True)

    reader = app.test_client()
    found = reader.get(f"/?q={WORD}").get_data(as_text=True)
    slugs = set(re.findall(r'href="/read/([^"/.]+)"', found))
    assert len(slugs) == WRITERS, found
    page = reader.get(f"/read/{sorted(slugs)[0]}")
    assert page.status_code == 200
    assert WORD in page.get_data(as_text=True)

    coordinator = app.test_client()
    assert sign_in(coordinator, desk.coordinator.email).status_code == 302
    assert coordinator.get("/statistics/").status_code == 200
    assert coordinator.get("/board/").status_code == 200
