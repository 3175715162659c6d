"""PostgreSQL's own tools, pg_dump and pg_restore: found, their version checked, and given
the desk's connection without its password on the command line."""

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from psycopg.conninfo import make_conninfo
from sqlalchemy.engine import make_url

from translate_flow.backup.errors import BackupError

_VERSION = re.compile(r"\)\s*(\d+)(?:\.(\d+))?")
INSTALL = (
    "Install the PostgreSQL client tools of the server's major version or newer (on Debian "
    "and Ubuntu: the postgresql-client-{major} package from apt.postgresql.org), or set "
    "TRANSLATE_FLOW_PG_BIN to the directory that holds them."
)


@dataclass(frozen=True)
class Tool:
    path: Path
    major: int
    version: str  # as the tool says it, e.g. "15.20"


def find_tool(
    name: str,
    bin_dir: str | None,
    *,
    at_least: int,
    newer_than: str = "the PostgreSQL server",
) -> Tool:
    """`name` from `bin_dir` (TRANSLATE_FLOW_PG_BIN) or PATH, of major version `at_least` or
    newer: pg_dump cannot read a newer server's catalogue, pg_restore a newer pg_dump's file."""
    found = shutil.which(name, path=bin_dir) if bin_dir else shutil.which(name)
    where = f"in {bin_dir} (TRANSLATE_FLOW_PG_BIN)" if bin_dir else "on PATH"
    if found is None:
        raise BackupError(
            f"{name} was not found {where}; it is needed to back up and restore PostgreSQL. "
            + INSTALL.format(major=at_least)
        )
    try:
        answer = subprocess.run(  # noqa: S603 (a tool found on PATH, no shell)
            [found, "--version"], capture_output=True, text=True, timeout=30, check=True
        ).stdout
    except (OSError, subprocess.SubprocessError) as error:
        raise BackupError(
            f"{found} --version failed ({error}). " + INSTALL.format(major=at_least)
        ) from None
    match = _VERSION.search(answer)
    if match is None:
        raise BackupError(f"{found} did not say its version (“{answer.strip()}”).")
    major = int(match[1])
    tool = Tool(Path(found), major, f"{match[1]}.{match[2] or 0}")
    if major < at_least:
        raise BackupError(
            f"{found} is version {tool.version}, older than {newer_than} (version {at_least}), "
            f"and cannot {'dump' if name == 'pg_dump' else 'restore'} it. "
            + INSTALL.format(major=at_least)
        )
    return tool


def server_major(version_num: int) -> int:
    """The major version in `server_version_num` (150004 → 15; 90624 → 9)."""
    return version_num // 10000


@dataclass(frozen=True)
class Connection:
    """How a client tool reaches the database: a libpq connection string without the
    password, and the environment that carries the password (PGPASSWORD)."""

    conninfo: str
    environment: dict[str, str]
    database: str


def connection_of(url: str) -> Connection:
    parsed = make_url(url)
    # Options in the URL's query (sslmode, a socket directory as `host`) are libpq's own.
    options = {key: str(value) for key, value in parsed.query.items() if isinstance(value, str)}
    for key, value in (
        ("host", parsed.host),
        ("port", parsed.port),
        ("user", parsed.username),
        ("dbname", parsed.database),
    ):
        if value is not None:
            options[key] = str(value)
    environment = dict(os.environ)
    if parsed.password is not None:
        environment["PGPASSWORD"] = str(parsed.password)
    return Connection(make_conninfo(**options), environment, parsed.database or "")


def run_tool(arguments: list[str], connection: Connection, what: str) -> None:
    """Run a client tool; its own error message, in a sentence, when it fails."""
    result = subprocess.run(  # noqa: S603 (the tool's path and our own arguments, no shell)
        arguments, env=connection.environment, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        said = (
            " ".join(result.stderr.strip().splitlines()[-5:]) or f"exit status {result.returncode}"
        )
        raise BackupError(f"{what} failed: {said}")
