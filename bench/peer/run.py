"""`make bench-peer`: Weblate measured beside the desk, in one run, back to back, by the desk's
own load generator (bench.load): each app's trivial endpoint, Weblate's translate page (one
unit), zen page and zen batch loader against the desk's editor page, Weblate's unit save
against the desk's autosave, and Weblate's translation-memory suggestions against the desk's
suggestions. Weblate is measured twice: its tasks run in the request (Celery eager), then
deferred to the broker. Writes bench/results/<date>-weblate.md.

    python -m bench.peer.run --weblate-venv bench/peer/.venv --seconds 10

The desk side is the shared benchmark desk of 10,000 articles on PostgreSQL (the database
`make bench` built; this never builds it): read-only cases, plus the autosave on the
translation `make bench` autosaves, and one API token for the run.
"""

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy.engine import make_url

from bench import synthetic
from bench.gunicorn import desk_command, free_port, wait_until_serving, workers_of
from bench.peer import configure
from bench.run import POSTGRES_ADMIN, SECRET, fixtures

ROOT = Path(__file__).resolve().parent.parent.parent
RESULTS = ROOT / "bench" / "results"
DESK_DATABASE = "translate_flow_bench_10000"
WSGI = "weblate.wsgi:application"
VERSION = "from importlib.metadata import version; print(version('weblate'))"
# Each row: the desk's case, the peer's case, what the pair compares.
PAIRS = [
    ("ceiling", "ceiling", "trivial endpoint (/healthz vs /healthz/)"),
    ("editor", "translate", "desk editor page (whole article) vs Weblate translate page (1 unit)"),
    ("editor", "zen", "desk editor page vs Weblate zen page (first 20 units)"),
    ("editor", "zen batch", "desk editor page vs Weblate zen batch loader (20 units)"),
    ("autosave", "save", "desk autosave (PUT segment) vs Weblate unit save (zen save)"),
    ("suggestions", "machinery", "desk suggestions vs Weblate translation-memory suggestions"),
]


def _load(plan: dict[str, Any], scratch: str, clients: int, seconds: float) -> list[dict[str, Any]]:
    path = Path(scratch, f"plan-{time.monotonic_ns()}.json")
    path.write_text(json.dumps(plan))
    finished = subprocess.run(
        [sys.executable, "-m", "bench.load", "--plan", str(path), *_sizes(clients, seconds)],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    figures: list[dict[str, Any]] = json.loads(finished.stdout)
    return figures


def _sizes(clients: int, seconds: float) -> list[str]:
    return ["--clients", str(clients), "--seconds", str(seconds)]


def _wait_for_others() -> None:
    """Wait (up to 10 minutes) while another helper's `bench.run` measures on this machine."""
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline:
        busy = False
        for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
            try:
                words = cmdline.read_bytes().split(b"\0")
            except OSError:
                continue
            if b"bench.run" in words:
                busy = True
                break
        if not busy:
            return
        print("another bench.run is measuring: waiting", flush=True)
        time.sleep(15)


def desk(scratch: str, clients: int, seconds: float) -> list[dict[str, Any]]:
    url = make_url(POSTGRES_ADMIN).set(database=DESK_DATABASE).render_as_string(False)
    fix = fixtures(url)
    port = free_port()
    env = os.environ | {
        "TRANSLATE_FLOW_DATABASE_URL": url,
        "TRANSLATE_FLOW_SECRET_KEY": SECRET,
        "TRANSLATE_FLOW_RATELIMIT_ENABLED": "0",
        "TRANSLATE_FLOW_PASSWORD_TIME_COST": "1",
        "TRANSLATE_FLOW_PASSWORD_MEMORY_KIB": "64",
    }
    with Path(scratch, "desk.log").open("wb") as log:
        server = subprocess.Popen(
            desk_command(port),
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=log,
        )
        try:
            wait_until_serving(port, server)
            cases = [
                {"name": "ceiling", "kind": "get", "path": "/healthz"},
                {
                    "name": "editor",
                    "kind": "get",
                    "path": f"/translations/{fix['editor']}/edit",
                    "auth": "session",
                },
                {
                    "name": "autosave",
                    "kind": "save",
                    "path": f"/api/v1/translations/{fix['save']}/segments/SEGMENT",
                    "segments": fix["save_segments"],
                    "auth": "token",
                },
                {
                    "name": "suggestions",
                    "kind": "get_each",
                    "path": f"/api/v1/translations/{fix['editor']}/segments/SEGMENT/suggestions",
                    "segments": fix["editor_segment_ids"],
                    "auth": "token",
                },
            ]
            plan = {
                "host": "127.0.0.1",
                "port": port,
                "email": fix["email"],
                "password": synthetic.PASSWORD,
                "token": fix["token"],
                "cpu_pids": workers_of(server.pid),
                "cases": cases,
            }
            figures = _load(plan, scratch, clients, seconds)
        finally:
            server.terminate()
            server.wait(timeout=30)
    figures[1]["note"] = f"{fix['editor_segments']} segments"
    return figures


def _weblate_env(state: Path, tasks: str) -> dict[str, str]:
    return os.environ | {
        "PYTHONPATH": str(state),
        "DJANGO_SETTINGS_MODULE": configure.MODULE,
        "WEBLATE_PEER_TASKS": tasks,
    }


def seed(venv: Path, state: Path, scratch: str) -> dict[str, Any]:
    texts = Path(scratch, "texts.json")
    subprocess.run([sys.executable, "-m", "bench.peer.texts", str(texts)], cwd=ROOT, check=True)
    seeded = subprocess.run(
        [str(venv / "bin" / "python"), str(ROOT / "bench" / "peer" / "seed.py"), str(texts)],
        cwd=state,
        env=_weblate_env(state, "eager"),
        check=True,
        capture_output=True,
        text=True,
    )
    units: dict[str, Any] = json.loads(seeded.stdout)
    return units


def _wait_for_weblate(port: int, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"Weblate's gunicorn stopped (exit code {server.returncode})")
        if len(workers_of(server.pid)) == 2:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz/", timeout=5) as r:
                    if r.status == 200:
                        return
            except OSError:
                pass
        time.sleep(0.2)  # gunicorn signals readiness in no other way
    raise RuntimeError("Weblate did not serve within 120 s")


def weblate(
    venv: Path, state: Path, scratch: str, tasks: str, clients: int, seconds: float
) -> list[dict[str, Any]]:
    units = seed(venv, state, scratch)  # the units' checksums as they are now
    path = units["path"]
    port = free_port()
    with Path(scratch, f"weblate-{tasks}.log").open("wb") as log:
        server = subprocess.Popen(
            [str(venv / "bin" / "gunicorn"), "-w", "2", "-b", f"127.0.0.1:{port}", WSGI],
            cwd=state,
            env=_weblate_env(state, tasks),
            stdout=log,
            stderr=log,
        )
        try:
            _wait_for_weblate(port, server)
            ids = [unit["id"] for unit in units["units"]]
            cases = [
                {"name": "ceiling", "kind": "get", "path": "/healthz/"},
                {
                    "name": "translate",
                    "kind": "get_each",
                    "path": f"/translate/{path}/?offset=SEGMENT",
                    "segments": list(range(1, len(ids) + 1)),
                    "auth": "django_session",
                },
                {"name": "zen", "kind": "get", "path": f"/zen/{path}/", "auth": "django_session"},
                {
                    "name": "zen batch",
                    "kind": "get_each",
                    "path": f"/js/zen/{path}/?offset=SEGMENT",
                    "segments": list(range(21, len(ids) + 1, 20)),
                    "auth": "django_session",
                },
                {
                    "name": "save",
                    "kind": "zen_save",
                    "path": f"/js/save-zen/{path}/",
                    "segments": units["units"],
                    "auth": "django_session",
                },
                {
                    "name": "machinery",
                    "kind": "post_each",
                    "path": f"/js/translate/{units['memory_service']}/SEGMENT/",
                    "segments": ids,
                    "auth": "django_session",
                },
            ]
            plan = {
                "host": "127.0.0.1",
                "port": port,
                "username": units["username"],
                "password": units["password"],
                "csrf_from": f"/zen/{path}/",
                "cpu_pids": workers_of(server.pid),
                "cases": cases,
            }
            figures = _load(plan, scratch, clients, seconds)
        finally:
            server.terminate()
            server.wait(timeout=30)
    # Weblate's saves add to its memory (in the request when eager), so it grows run to run.
    figures[-1]["note"] = f"{units['memory_units']:,} memory units es→en before the {tasks} run"
    return figures


def _queued(state: Path, venv: Path) -> int:
    """Tasks left in the broker by the deferred run (then dropped: no worker will run them)."""
    script = (
        f"import redis; r = redis.Redis(db={configure.REDIS_DB}); "
        "keys = [k for k in r.keys('*') if r.type(k) == b'list']; "
        "print(sum(r.llen(k) for k in keys)); [r.delete(k) for k in keys]"
    )
    done = subprocess.run(
        [str(venv / "bin" / "python"), "-c", script],
        cwd=state,
        check=True,
        capture_output=True,
        text=True,
    )
    return int(done.stdout.strip() or 0)


def _cell(figure: dict[str, Any]) -> list[str]:
    return [
        f"{figure['rps']:,.1f}",
        str(figure["p50_ms"]),
        str(figure["p95_ms"]),
        str(figure.get("worker_ms_per_request", "")),
    ]


def table(
    desk_figures: list[dict[str, Any]],
    eager: list[dict[str, Any]],
    deferred: list[dict[str, Any]],
    *,
    seconds: float,
    clients: int,
    loads: list[str],
    queued: int,
    version: str,
) -> list[str]:
    by_name = {
        "desk": {f["name"]: f for f in desk_figures},
        "eager": {f["name"]: f for f in eager},
        "deferred": {f["name"]: f for f in deferred},
    }
    lines = [
        "# The peer, side by side: Weblate and the desk",
        "",
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC · {platform.machine()}, {os.cpu_count()} cores"
        f" · load average {', '.join(loads)} · each app under gunicorn, 2 sync workers · "
        f"{clients} clients for {seconds:g} s per case, back to back in one run",
        "",
        f"Weblate {version} on PostgreSQL (database `{configure.DATABASE}`), Redis cache and "
        "sessions, one component of 150 paragraph units (PO, no remote repository). The desk: "
        f"its benchmark desk of 10,000 articles on PostgreSQL (`{DESK_DATABASE}`), memory, "
        "terms and checks on.",
        "",
        "Worker-ms/req: CPU time (user + system) of the two gunicorn workers from the end of "
        "the warm-up to the end of the case, over the requests counted.",
        "",
        "| pair | desk req/s | p50 ms | p95 ms | worker-ms/req "
        "| Weblate, tasks in request: req/s | p50 ms | p95 ms | worker-ms/req "
        "| Weblate, tasks deferred: req/s | p50 ms | p95 ms | worker-ms/req "
        "| desk ÷ Weblate (deferred), req/s | worker-ms ratio | 10× goal |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for desk_case, peer_case, label in PAIRS:
        d = by_name["desk"][desk_case]
        e = by_name["eager"][peer_case]
        w = by_name["deferred"][peer_case]
        ratio = d["rps"] / w["rps"] if w["rps"] else float("inf")
        cpu = ""
        if d.get("worker_ms_per_request") and w.get("worker_ms_per_request"):
            cpu = f"{w['worker_ms_per_request'] / d['worker_ms_per_request']:.1f}×"
        goal = "" if desk_case == "ceiling" else ("met" if ratio >= 10 else "missed")
        errors = sum(f["errors"] for f in (d, e, w))
        if errors:
            label += f" ({errors} errors)"
        lines.append(
            f"| {label} | "
            + " | ".join(_cell(d) + _cell(e) + _cell(w))
            + f" | {ratio:.1f}× | {cpu} | {goal} |"
        )
    notes = [f for f in (*desk_figures, *eager, *deferred) if f.get("note")]
    lines += [
        "",
        "Notes: "
        + "; ".join(f"{f['name']}: {f['note']}" for f in notes)
        + f". Tasks left queued by the deferred run (dropped afterwards): {queued}.",
        "",
        "Weblate's settings: its settings_example.py with DEBUG off; DATABASES on local "
        "PostgreSQL; CACHES (and so sessions) on Redis; static files unhashed (no "
        "collectstatic; pages only link to them); rate limits raised (eight clients of one "
        "account would otherwise be refused); logging at WARNING. Tasks in the request: "
        "CELERY_TASK_ALWAYS_EAGER = True. Tasks deferred: eager off, the broker on Redis, and "
        "no worker while measuring, so a request pays only for queueing its tasks (Weblate's "
        "best case: the work it defers is never done on the machine during the case).",
    ]
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--weblate-venv", type=Path, default=ROOT / "bench" / "peer" / ".venv")
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--results", type=Path, default=RESULTS)
    arguments = parser.parse_args()
    venv = arguments.weblate_venv.resolve()
    state = venv / "peer"
    configure.write(state)
    version = subprocess.run(
        [
            str(venv / "bin" / "python"),
            "-c",
            "from importlib.metadata import version; print(version('weblate'))",
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    with tempfile.TemporaryDirectory() as scratch:
        seed(venv, state, scratch)  # before the clock: the memory import takes minutes once
        _wait_for_others()
        loads = [f"{value:.2f}" for value in os.getloadavg()]
        print("desk", flush=True)
        desk_figures = desk(scratch, arguments.clients, arguments.seconds)
        print("Weblate, tasks in the request", flush=True)
        eager = weblate(venv, state, scratch, "eager", arguments.clients, arguments.seconds)
        print("Weblate, tasks deferred", flush=True)
        _queued(state, venv)
        deferred = weblate(venv, state, scratch, "deferred", arguments.clients, arguments.seconds)
        queued = _queued(state, venv)
        loads += [f"{value:.2f} after" for value in os.getloadavg()[:1]]
    lines = table(
        desk_figures,
        eager,
        deferred,
        seconds=arguments.seconds,
        clients=arguments.clients,
        loads=loads,
        queued=queued,
        version=version,
    )
    arguments.results.mkdir(parents=True, exist_ok=True)
    path = arguments.results / f"{datetime.now(UTC):%Y%m%d}-weblate.md"
    path.write_text("\n".join(lines) + "\n")
    print("\n".join(lines))
    print(f"written: {path}")
    for figures in (desk_figures, eager, deferred):
        print(json.dumps(figures), file=sys.stderr)


if __name__ == "__main__":
    main()
