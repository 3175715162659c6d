"""gunicorn serving the app in a child process, as production does: for what only a real
server shows (header encoding, several worker processes, its own headers)."""

import os
import subprocess
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from bench.gunicorn import free_port, wait_until_serving
from translate_flow import PROJECT_ROOT

GUNICORN = Path(sys.executable).parent / "gunicorn"
SECRET = "gunicorn-test-secret-key-that-is-long-enough-0123456789"
# Importing the app takes a worker seconds on a busy machine (load average 15 was seen in CI).
START_TIMEOUT_SECONDS = 120


@dataclass(frozen=True)
class Served:
    host: str
    port: int
    pid: int

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"


@contextmanager
def gunicorn(
    database_url: str,
    log_dir: Path,
    *,
    workers: int = 2,
    env: Mapping[str, str] | None = None,
) -> Iterator[Served]:
    """gunicorn with the project's own settings (translate_flow.gunicorn_conf) on the database;
    its log is shown if it fails to start."""
    port = free_port()
    environment = os.environ | {
        "TRANSLATE_FLOW_DATABASE_URL": database_url,
        "TRANSLATE_FLOW_SECRET_KEY": SECRET,
        "TRANSLATE_FLOW_PASSWORD_TIME_COST": "1",
        "TRANSLATE_FLOW_PASSWORD_MEMORY_KIB": "64",
        **(env or {}),
    }
    log_path = log_dir / f"gunicorn-{port}.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [
                str(GUNICORN),
                "-c",
                "python:translate_flow.gunicorn_conf",
                "-w",
                str(workers),
                "-b",
                f"127.0.0.1:{port}",
            ],
            cwd=PROJECT_ROOT,
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=log,
        )
        try:
            try:
                wait_until_serving(port, process, workers=workers, timeout=START_TIMEOUT_SECONDS)
            except RuntimeError as error:
                raise AssertionError(log_path.read_text()) from error
            yield Served("127.0.0.1", port, process.pid)
        finally:
            process.terminate()
            process.wait(timeout=60)
