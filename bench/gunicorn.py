"""gunicorn as the benchmark and the two-process tests run it: a free port, the workers a
master forked, and waiting until they serve."""

import http.client
import socket
import subprocess
import sys
import time
from pathlib import Path

GUNICORN = Path(sys.executable).parent / "gunicorn"


def desk_command(port: int, workers: int = 2) -> list[str]:
    """The desk as deployed (translate_flow.gunicorn_conf: its worker hooks, metrics across
    workers), except that workers are not recycled after ~1,000 requests: at the ceiling's
    1,000 and more a second they would restart every second, and a case would measure the
    app's import."""
    return [
        str(GUNICORN),
        "-c",
        "python:translate_flow.gunicorn_conf",
        "--max-requests",
        "0",
        "-w",
        str(workers),
        "-b",
        f"127.0.0.1:{port}",
    ]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def workers_of(master: int) -> list[int]:
    """The worker processes gunicorn forked (their parent is the master)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == master:
                found.append(int(stat.parent.name))
        except (OSError, IndexError, ValueError):
            continue  # a process that ended while being read
    return found


def _answers(port: int) -> bool:
    """Whether /healthz answers 200. The connection is closed whatever happens: a probe that
    times out while the workers are still importing must not leave its socket to the garbage
    collector (a ResourceWarning, an error under the suite's filterwarnings)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        connection.request("GET", "/healthz")
        with connection.getresponse() as response:
            response.read()
            return response.status == 200
    except OSError:
        return False
    finally:
        connection.close()


def wait_until_serving(
    port: int, server: subprocess.Popen[bytes], *, workers: int = 2, timeout: float = 60.0
) -> None:
    """Until all `workers` are forked and /healthz answers 200; RuntimeError if gunicorn stops
    or does not get there in `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn stopped (exit code {server.returncode})")
        if len(workers_of(server.pid)) == workers and _answers(port):
            return
        time.sleep(0.1)  # the poll interval: gunicorn signals readiness in no other way
    raise RuntimeError(f"gunicorn did not serve within {timeout:.0f} s")
