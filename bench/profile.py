"""Profile one page of the benchmark's database in process, with pyinstrument.

    python -m bench.profile --database-url sqlite:///bench/data/bench-10000.sqlite3 /board/

Signs in as the first coordinator (or not, with `--anonymous`), requests the path a few times
to warm up, times `--repeat` requests without the profiler (median and fastest), then profiles
as many and prints where the time went.
"""

import argparse
import logging
import statistics
import time

from pyinstrument import Profiler

from bench.clients import coordinator_client
from translate_flow import create_app


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path")
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--anonymous", action="store_true", help="a reader, not signed in")
    arguments = parser.parse_args()
    app = create_app(
        {
            "DATABASE_URL": arguments.database_url,
            "SECRET_KEY": "profile-secret-key-that-is-long-enough-0123456789",
            "RATELIMIT_ENABLED": False,
        }
    )
    logging.disable(logging.CRITICAL)  # one request line each would bury the profile
    client = app.test_client() if arguments.anonymous else coordinator_client(app)
    for _ in range(3):
        assert client.get(arguments.path).status_code == 200
    timings = []
    for _ in range(arguments.repeat):
        started = time.perf_counter()
        client.get(arguments.path)
        timings.append((time.perf_counter() - started) * 1000)
    print(f"median {statistics.median(timings):.1f} ms, fastest {min(timings):.1f} ms")
    profiler = Profiler(interval=0.0005)
    profiler.start()
    for _ in range(arguments.repeat):
        client.get(arguments.path)
    profiler.stop()
    print(profiler.output_text(unicode=True, color=False, show_all=False))


if __name__ == "__main__":
    main()
