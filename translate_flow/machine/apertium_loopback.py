"""Start apertium-apy listening on a loopback address only.

APY has no bind option: its own start listens on every interface, which would hand the desk's
translation server to anyone on the network. This wrapper builds APY's tornado application as
APY does and binds it to 127.0.0.1 (or ::1) alone.

    python -m translate_flow.machine.apertium_loopback --port 2737

APY and tornado live in the system Python (Debian's apertium-apy package), not in the desk's
virtual environment, so when they are missing here this file runs itself again under the
interpreter named in /usr/bin/apertium-apy. It imports nothing from the desk for that reason.
With --port 0 it picks a free port; either way its first line on stdout is
`listening on http://HOST:PORT`.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import importlib.util
import ipaddress
import logging
import os
import signal
import sys
import time
from pathlib import Path

APY_SCRIPT = Path("/usr/bin/apertium-apy")
DEFAULT_PAIRS_PATH = "/usr/share/apertium/modes"
LOOPBACK_HOSTS = ("127.0.0.1", "::1")


def parse_arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m translate_flow.machine.apertium_loopback",
        description="Run apertium-apy reachable from this machine only.",
    )
    parser.add_argument(
        "--port", type=int, default=2737, help="port (0 picks a free one; default 2737)"
    )
    parser.add_argument(
        "--host", default="127.0.0.1", help="a loopback address (default 127.0.0.1)"
    )
    parser.add_argument("--pairs-path", default=DEFAULT_PAIRS_PATH, help="APY's modes directory")
    parser.add_argument(
        "--timeout", type=int, default=10, help="APY's per-request timeout in seconds"
    )
    parser.add_argument(
        "--exit-with-stdin",
        action="store_true",
        help="stop when standard input closes (so a test run that dies takes APY with it)",
    )
    arguments = parser.parse_args(argv)
    if not ipaddress.ip_address(arguments.host).is_loopback:
        parser.error(
            f"{arguments.host} is not a loopback address; this launcher exists to keep APY local"
        )
    return arguments


def system_interpreter() -> str | None:
    """The Python that Debian's apertium-apy script runs under, from its #! line."""
    try:
        first_line = APY_SCRIPT.read_text(encoding="utf-8").splitlines()[0]
    except (OSError, IndexError):
        return None
    if not first_line.startswith("#!"):
        return None
    interpreter = first_line[2:].strip().split()[0]
    return interpreter if os.access(interpreter, os.X_OK) else None


def apy_importable() -> bool:
    return (
        importlib.util.find_spec("apertium_apy") is not None
        and importlib.util.find_spec("tornado") is not None
    )


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    arguments = parse_arguments(argv)
    if not apy_importable():
        interpreter = system_interpreter()
        if interpreter is None or Path(interpreter).resolve() == Path(sys.executable).resolve():
            print(
                "apertium-apy is not installed (apt-get install apertium-apy apertium-eng-spa)",
                file=sys.stderr,
            )
            return 1
        # Run as a plain script there: the desk's package and its dependencies are not installed
        # in the system Python.
        os.execv(interpreter, [interpreter, str(Path(__file__).resolve()), *argv])  # noqa: S606
    os.environ.setdefault("LANG", "C.UTF-8")  # APY refuses to start without a UTF-8 locale
    asyncio.run(serve(arguments))
    return 0


async def serve(arguments: argparse.Namespace) -> None:
    from apertium_apy import apy  # only in the system Python
    from tornado.httpserver import HTTPServer
    from tornado.netutil import bind_sockets

    apy_arguments = apy.parse_args(
        [arguments.pairs_path, "--port", str(arguments.port), "--timeout", str(arguments.timeout)]
    )
    apy.check_utf8()
    logging.basicConfig(level=logging.WARNING)
    application = apy.setup_application(apy_arguments)
    sockets = bind_sockets(arguments.port, address=arguments.host)
    server = HTTPServer(application)
    server.add_sockets(sockets)
    port = sockets[0].getsockname()[1]
    shown_host = f"[{arguments.host}]" if ":" in arguments.host else arguments.host
    print(f"listening on http://{shown_host}:{port}", flush=True)

    stopped = asyncio.Event()
    loop = asyncio.get_running_loop()
    for number in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(number, stopped.set)
    if arguments.exit_with_stdin:
        loop.add_reader(sys.stdin.fileno(), _stop_on_eof, stopped)
    await stopped.wait()
    server.stop()
    await server.close_all_connections()
    _end_pipelines()


def _end_pipelines() -> None:
    """Close APY's translation pipelines (child processes reading our pipes) and reap them."""
    from apertium_apy.handlers.base import BaseHandler

    BaseHandler.pipelines.clear()  # their __del__ closes the pipes; the children read EOF
    gc.collect()
    deadline = time.monotonic() + 3
    while time.monotonic() < deadline:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            time.sleep(0.05)


def _stop_on_eof(stopped: asyncio.Event) -> None:
    if not os.read(sys.stdin.fileno(), 4096):
        stopped.set()


if __name__ == "__main__":
    sys.exit(main())
