"""Backup file names: `translate_flow-<database>-<UTC time>-<backend>.tar`.

The name says which desk's database it holds, when, and of what kind, so that `--keep`
can prune a desk's own backups in a shared directory and never touch anything else.
"""

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.engine import make_url

from translate_flow.backup.errors import BackupError

PREFIX = "translate_flow"
SUFFIX = ".tar"
STAMP = "%Y%m%dT%H%M%SZ"
BACKENDS = ("sqlite", "postgresql")
_UNSAFE = re.compile(r"[^A-Za-z0-9_.]+")
_NAME = re.compile(
    rf"^{PREFIX}-(?P<database>[A-Za-z0-9_.]+)-(?P<stamp>\d{{8}}T\d{{6}}Z)"
    rf"-(?P<backend>{'|'.join(BACKENDS)}){re.escape(SUFFIX)}$"
)


def backend_of(url: str) -> str:
    """`sqlite` or `postgresql`; any other database is refused."""
    backend = make_url(url).get_backend_name()
    if backend not in BACKENDS:
        raise BackupError(f"Backups know SQLite and PostgreSQL, not {backend}.")
    return backend


def database_label(url: str) -> str:
    """The database's name as a file name allows it (a SQLite file's name without suffix)."""
    parsed = make_url(url)
    name = parsed.database or "database"
    if parsed.get_backend_name() == "sqlite":
        name = Path(name).stem
    return _UNSAFE.sub("_", name).strip("_.") or "database"


def backup_name(url: str, when: datetime) -> str:
    stamp = when.astimezone(UTC).strftime(STAMP)
    return f"{PREFIX}-{database_label(url)}-{stamp}-{backend_of(url)}{SUFFIX}"


@dataclass(frozen=True)
class BackupName:
    database: str
    made_at: datetime
    backend: str


def parse_name(name: str) -> BackupName | None:
    """What a backup's own file name says; None for any other name."""
    match = _NAME.match(name)
    if match is None:
        return None
    try:
        made_at = datetime.strptime(match["stamp"], STAMP).replace(tzinfo=UTC)
    except ValueError:
        return None
    return BackupName(match["database"], made_at, match["backend"])
