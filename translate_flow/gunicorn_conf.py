"""gunicorn settings for serving translate_flow: `gunicorn -c python:translate_flow.gunicorn_conf`.

Anything here can still be given on the command line (`-w 4`, `-b 127.0.0.1:8000`), which wins.
"""

import atexit
import gc
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import gunicorn.http.wsgi

wsgi_app = "translate_flow:create_app()"
bind = "127.0.0.1:8000"
workers = 2
# A worker that serves many requests gives back whatever memory it has grown into.
max_requests = 1000
max_requests_jitter = 100
# The app writes one line per request itself (logger `translate_flow.requests`: request id,
# person, route and query count). gunicorn's access log would repeat each request with the raw
# path and query string, which carry invitation and password-reset tokens; it stays off.
accesslog = None

# gunicorn writes "Server: gunicorn" into every answer and has no setting for it; naming the
# software (and, with other servers, its version) tells a scanner which flaws to try first.
# An empty value says nothing; the header's line itself is gunicorn's own to write.
gunicorn.http.wsgi.SERVER = ""

# Prometheus metrics across workers (prometheus_client's multiprocess mode): each worker
# writes its counts to files in this directory, and /metrics, whichever worker answers, adds
# up all of them. It must be in the environment before any worker imports prometheus_client,
# so it is set here, when gunicorn reads this file, before the app is loaded (even with
# --preload). Counts from an earlier start must not be added to this one's: a directory the
# operator names is emptied, and otherwise each start makes its own and removes it at exit.
# A master started by an old one (USR2) inherits the old one's directory in the environment,
# marked as made here; it makes its own, since the old master removes its own when it stops.
MULTIPROCESS_DIR = "PROMETHEUS_MULTIPROC_DIR"
MADE_HERE = "TRANSLATE_FLOW_METRICS_DIR_MADE"


def _remove_made_directory(path: str, owner: int) -> None:
    # Forked workers inherit this exit handler; only the master that made the directory may
    # remove it, and only when it stops.
    if os.getpid() == owner:
        shutil.rmtree(path, ignore_errors=True)


if os.environ.get(MULTIPROCESS_DIR) and os.environ[MULTIPROCESS_DIR] != os.environ.get(MADE_HERE):
    _named = Path(os.environ[MULTIPROCESS_DIR])
    _named.mkdir(parents=True, exist_ok=True)
    for _stale in _named.glob("*.db"):
        _stale.unlink()
else:
    _made = tempfile.mkdtemp(prefix="translate_flow-metrics-")
    os.environ[MULTIPROCESS_DIR] = os.environ[MADE_HERE] = _made
    atexit.register(_remove_made_directory, _made, os.getpid())


def child_exit(_server: Any, worker: Any) -> None:
    """A worker ended: its gauges of live processes go (its counters stay in the sums)."""
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)


def post_worker_init(_worker: Any) -> None:
    """The app is loaded: its modules, templates, language tables and stemmers stay for the
    worker's life, so the cyclic garbage collector stops walking them. Measured on the
    150-segment editor page: collections took 17 ms of a 65 ms request, each full one
    re-examining some 285,000 long-lived objects; frozen, 2.6 ms (`bench/gc_probe.py`)."""
    gc.collect()
    gc.freeze()
