"""A TMX export of the whole memory, timed, in a process of its own so that its peak memory
says what the export holds at once.

    python -m bench.memory_export --database-url sqlite:///bench/data/bench-10000.sqlite3

Prints one JSON object: units, bytes, seconds, the process's RSS before the export and its peak
RSS during it (the peak is reset first; the growth is what a streamed export must keep flat: a
few batches, not the file).
"""

import argparse
import json
import time
from pathlib import Path

from sqlalchemy import func, select

from translate_flow.core.db import Database
from translate_flow.domain.models.memory import MemoryUnit


def _status_mb(field: str) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _reset_peak() -> None:
    """Start the peak RSS (VmHWM) afresh from the present RSS (Linux: clear_refs, 5)."""
    Path("/proc/self/clear_refs").write_text("5")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    arguments = parser.parse_args()
    try:
        from translate_flow.memory.tmx_writing import export_chunks
    except ImportError:
        print(json.dumps({"error": "translate_flow.memory.tmx_writing.export_chunks is missing"}))
        return
    database = Database(arguments.database_url)
    with database.session(write=False) as session:
        units = session.scalar(select(func.count()).select_from(MemoryUnit)) or 0
        # Warm up what the export imports and caches, so that the growth is the export's own.
        for _chunk in export_chunks(session, source_language="none", target_language="none"):
            pass
        _reset_peak()
        before = _status_mb("VmRSS")
        started = time.perf_counter()
        written = 0
        for chunk in export_chunks(session):
            written += len(chunk)
        seconds = time.perf_counter() - started
    print(
        json.dumps(
            {
                "units": units,
                "bytes": written,
                "seconds": round(seconds, 1),
                "peak_rss_before_mb": round(before, 1),
                "peak_rss_after_mb": round(_status_mb("VmHWM"), 1),
            }
        )
    )
    database.dispose()


if __name__ == "__main__":
    main()
