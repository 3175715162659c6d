"""A backup made by the previous version of the schema restores with today's code, is
upgraded to the newest revision, and its desk gets what the upgrade adds (the statistics'
rollups, filled from the history)."""

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from flask import Flask

from tests.backup.conftest import SECRET, Databases, run_cli
from tests.backup.writing_desk import busy_desk
from tests.conftest import sign_in
from translate_flow.backup.revisions import head
from translate_flow.core import migrate
from translate_flow.core.db import make_engine

PREVIOUS = "d8e9f0a1b2c3"


def _scalar(url: str, sql: str) -> object:
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            return connection.exec_driver_sql(sql).scalar_one()
    finally:
        engine.dispose()


def _backup_with_the_command(url: str, tmp_path: Path) -> Path:
    """`translate-flow backup`, the installed command, as cron runs it."""
    output = tmp_path / "backups"
    environment = {
        **os.environ,
        "TRANSLATE_FLOW_DATABASE_URL": url,
        "TRANSLATE_FLOW_INSTANCE_PATH": str(tmp_path / "cron"),
        "TRANSLATE_FLOW_SECRET_KEY": SECRET,
        "TRANSLATE_FLOW_BACKUP_DIR": str(output),
    }
    command = [str(Path(sys.executable).with_name("translate-flow")), "backup"]
    done = subprocess.run(command, env=environment, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    [written] = output.iterdir()
    return written


def test_a_backup_of_the_previous_schema_restores_and_is_upgraded(
    databases: Databases, apps: Callable[[str], Flask], tmp_path: Path
) -> None:
    # A desk with published work, then taken back to the previous revision: the rows as
    # the previous version kept them, without the rollup tables the newest one adds.
    source_url = databases.migrated("previous")
    source = apps(source_url)
    desk = busy_desk(source, 1)
    with desk.running():
        desk.wait_for(8)
    source.extensions["translate_flow.db"].dispose()
    migrate.downgrade(source_url, PREVIOUS)
    assert _scalar(source_url, "SELECT version_num FROM alembic_version") == PREVIOUS
    events = _scalar(source_url, "SELECT count(*) FROM events")
    backup = _backup_with_the_command(source_url, tmp_path)

    target_url = databases.new("upgraded")
    restoring = run_cli(apps(target_url), "restore", str(backup))

    assert restoring.exit_code == 0, restoring.output
    assert f"Upgraded the schema from {PREVIOUS} to {head(target_url)}" in restoring.output
    assert _scalar(target_url, "SELECT version_num FROM alembic_version") == head(target_url)
    assert _scalar(target_url, "SELECT count(*) FROM events") == events
    # The rollups the upgrade added were filled from the restored history.
    assert _scalar(target_url, "SELECT count(*) FROM statistics_translations") == 1
    assert _scalar(target_url, "SELECT count(*) FROM statistics_moves") > 0
    coordinator = apps(target_url).test_client()
    assert sign_in(coordinator, desk.coordinator.email).status_code == 302
    assert coordinator.get("/statistics/").status_code == 200
