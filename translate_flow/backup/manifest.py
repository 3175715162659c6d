"""The manifest a backup carries: what it holds (schema revision, rows per table) and the
checksum of its payload, read back and checked field by field before a restore."""

import json
from dataclasses import asdict, dataclass
from datetime import datetime
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from translate_flow.backup.errors import BackupError
from translate_flow.backup.naming import BACKENDS

FORMAT = "translate_flow-backup"
FORMAT_VERSION = 1
MANIFEST_NAME = "manifest.json"
SUMS_NAME = "SHA256SUMS"
# The payload's name inside the archive, per backend.
PAYLOAD_NAMES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}


def app_version() -> str | None:
    try:
        return version("translate_flow")
    except PackageNotFoundError:
        return None


@dataclass(frozen=True)
class Payload:
    name: str
    bytes: int
    sha256: str


@dataclass(frozen=True)
class Manifest:
    created_at: datetime
    backend: str
    database: str
    schema_revision: str
    app_version: str | None
    # The server that was backed up (SQLite's library version, or PostgreSQL's), and the
    # pg_dump that wrote the payload: pg_restore must be as new as it.
    server_version: str
    dump_version: str | None
    payload: Payload
    tables: dict[str, int]
    format: str = FORMAT
    format_version: int = FORMAT_VERSION

    def to_json(self) -> bytes:
        fields = asdict(self)
        # The format first, for a person reading the file.
        data = {"format": self.format, "format_version": self.format_version, **fields}
        data["created_at"] = self.created_at.isoformat()
        data["tables"] = dict(sorted(self.tables.items()))
        return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode()

    @property
    def rows(self) -> int:
        return sum(self.tables.values())


def _damaged(what: str) -> BackupError:
    return BackupError(f"The backup's manifest is damaged: {what}. Nothing was restored.")


def _field(data: dict[str, Any], name: str, kind: type | tuple[type, ...]) -> Any:
    value = data.get(name)
    if not isinstance(value, kind) or isinstance(value, bool):
        raise _damaged(f"“{name}” is missing or not what it should be")
    return value


def read_manifest(raw: bytes) -> Manifest:
    """The manifest in `raw`, every field checked; BackupError says which is wrong."""
    try:
        data = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise _damaged("it is not readable JSON") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise _damaged("it does not say it is a translate_flow backup")
    format_version = _field(data, "format_version", int)
    if format_version > FORMAT_VERSION:
        raise BackupError(
            f"This backup is in format {format_version}, newer than this version of "
            f"translate_flow reads ({FORMAT_VERSION}). Upgrade translate_flow, then restore."
        )
    backend = _field(data, "backend", str)
    if backend not in BACKENDS:
        raise _damaged(f"the backend “{backend}” is not one of {', '.join(BACKENDS)}")
    try:
        created_at = datetime.fromisoformat(_field(data, "created_at", str))
    except ValueError:
        raise _damaged("“created_at” is not a time") from None
    payload = _field(data, "payload", dict)
    tables = _field(data, "tables", dict)
    if not all(isinstance(n, int) and not isinstance(n, bool) and n >= 0 for n in tables.values()):
        raise _damaged("a table's row count is not a number")
    dump_version = data.get("dump_version")
    app = data.get("app_version")
    return Manifest(
        created_at=created_at,
        backend=backend,
        database=_field(data, "database", str),
        schema_revision=_field(data, "schema_revision", str),
        app_version=app if isinstance(app, str) else None,
        server_version=_field(data, "server_version", str),
        dump_version=dump_version if isinstance(dump_version, str) else None,
        payload=Payload(
            name=_field(payload, "name", str),
            bytes=_field(payload, "bytes", int),
            sha256=_field(payload, "sha256", str),
        ),
        tables=dict(tables),
    )
