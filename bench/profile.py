"""Profile one page of the benchmark's database in process, with pyinstrument.

    python -m bench.profile --database-url sqlite:///bench/data/bench-10000.sqlite3 /board/

Signs in as the first coordinator (or not, with `--anonymous`), requests the path a few times
to warm up, times `--repeat` requests without the profiler (median and fastest), then profiles
as many and prints where the time went.
"""

import statistics
import time

from pyinstrument import Profiler

from bench.clients import page_arguments, warmed_client


def main() -> None:
    arguments = page_arguments(__doc__.splitlines()[0], repeat=20)
    client = warmed_client(arguments)
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
