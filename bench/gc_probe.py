"""How much of a page's time goes to Python's cyclic garbage collector, with the worker's
long-lived objects walked by every full collection (as loaded) and frozen out of it (as
`translate_flow.gunicorn_conf.post_worker_init` leaves a worker).

    python -m bench.gc_probe --database-url sqlite:///bench/data/bench-10000.sqlite3 /board/

Signed in as the first coordinator (`--anonymous`: a reader); both halves in one process, the
page warmed up first. Prints, for each: median and fastest request, the collector's
milliseconds per request, collections per generation and the objects it tracks.
"""

import gc
import statistics
import time
from typing import Any

from flask.testing import FlaskClient

from bench.clients import page_arguments, warmed_client


class CollectorClock:
    """Wall time spent in collections while installed, and how many of each generation."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self.collections = [0, 0, 0]
        self._began = 0.0

    def __call__(self, phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            self._began = time.perf_counter()
        else:
            self.seconds += time.perf_counter() - self._began
            self.collections[info["generation"]] += 1


def measure(client: FlaskClient, path: str, repeat: int) -> str:
    clock = CollectorClock()
    gc.callbacks.append(clock)
    timings = []
    try:
        for _ in range(repeat):
            started = time.perf_counter()
            assert client.get(path).status_code == 200
            timings.append((time.perf_counter() - started) * 1000)
    finally:
        gc.callbacks.remove(clock)
    return (
        f"median {statistics.median(timings):.1f} ms, fastest {min(timings):.1f} ms, "
        f"collector {clock.seconds * 1000 / repeat:.2f} ms a request, "
        f"collections by generation {clock.collections}, tracked objects {len(gc.get_objects()):,}"
    )


def main() -> None:
    arguments = page_arguments(__doc__.splitlines()[0], repeat=30)
    client = warmed_client(arguments)
    print(f"as loaded: {measure(client, arguments.path, arguments.repeat)}")
    gc.collect()
    gc.freeze()
    print(f"frozen:    {measure(client, arguments.path, arguments.repeat)}")


if __name__ == "__main__":
    main()
