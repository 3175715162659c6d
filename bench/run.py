"""The benchmark: one database, gunicorn with two workers, a load generator in another process
with 8 clients, each case for a fixed time; figures as ratios to a trivial endpoint of the same
app measured in the same run. Writes a Markdown table under bench/results/.

    python -m bench.run --backend sqlite --scale 10000
    python -m bench.run --backend postgresql --scale 100000 --seconds 15

The database is built once per backend and scale (bench/data/ for SQLite, a database named
translate_flow_bench_<scale> on the local PostgreSQL) and reused by later runs.
"""

import argparse
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from contextlib import suppress
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sqlalchemy import Connection, Select, create_engine, func, insert, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from bench import checks_bench, hostile, synthetic, terms_bench
from bench.gunicorn import desk_command, free_port, wait_until_serving, workers_of
from bench.intake import UPLOAD_PREVIEW
from bench.memory_data import desk_memory
from bench.terms_data import DESK_TERMS, desk_terms
from translate_flow.checks import keeping
from translate_flow.core.db import Database, make_engine
from translate_flow.core.migrate import upgrade
from translate_flow.domain.models import (
    Article,
    Publication,
    Segment,
    Snapshot,
    SourceRevision,
    Translation,
    TranslationSegment,
    TranslationState,
    User,
    UserRole,
)
from translate_flow.domain.models.memory import MemoryUnit
from translate_flow.editing.comparing import compare_rows
from translate_flow.people.signin import create_api_token
from translate_flow.statistics import rollup

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / "data"
RESULTS = ROOT / "bench" / "results"
POSTGRES_ADMIN = os.environ.get(
    "TRANSLATE_FLOW_BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
SECRET = "benchmark-secret-key-that-is-long-enough-0123456789"  # noqa: S105 -- a throwaway server
DIFF_WORDS = 5_000
DIFF_TITLE = "Benchmark: a 5,000-word article"
TARGETS = {  # share of the ceiling's throughput each case should reach (issue 7)
    "editor page (150 segments)": 0.15,
    "autosave (PUT segment)": 0.40,
    "coordinator board": 0.25,
    "article list, filtered, page 1": 0.25,
    "article list, deep page": 0.25,
    "public article page": 0.25,
    "Atom feed": 0.25,
}
# Cases whose target is a latency: p95 in ms at the run's clients (issue 18: 8 clients).
P95_TARGETS = {
    "memory suggestions (per segment)": 100.0,
    "article search (desk)": 50.0,
    "public search, a word of the original": 50.0,
    "statistics page, last quarter": 300.0,
}
# The statistics case's period: the synthetic desk's last quarter (its clock stops at
# synthetic.NOW), as a coordinator's report would ask for it.
STATISTICS_PERIOD = "from=2026-09-01&to=2026-11-30"
# The intake's slowest accepted input (bench.intake's worst upload), a case of its own.
HOSTILE_UPLOAD = "Word: 2,999 paragraphs, 39,000 elements"
# The desk's memory: ten units per article (a desk of 100,000 articles has 1,000,000), built
# once with the database. bench.memory_scale measures 1,000,000 units on its own.
MEMORY_PER_ARTICLE = 10
MEMORY_MAX = 1_000_000


def database_url(backend: str, scale: int) -> str:
    if backend == "sqlite":
        DATA.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{DATA / f'bench-{scale}.sqlite3'}"
    name = f"translate_flow_bench_{scale}"
    admin = create_engine(POSTGRES_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        exists = connection.scalar(
            text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}
        )
        if not exists:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return make_url(POSTGRES_ADMIN).set(database=name).render_as_string(hide_password=False)


def ensure_data(url: str, scale: int) -> str:
    """Build the synthetic desk unless this database already has it (and bring its schema up
    to date either way)."""
    with suppress(Exception):  # a database this code never built: build() upgrades it
        upgrade(url)
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            have = connection.scalar(select(func.count()).select_from(Article))
    except Exception:  # no schema yet
        have = 0
    finally:
        engine.dispose()
    if have and have >= scale:
        reused = make_engine(url)
        synthetic.fix_sequences(reused)  # a desk built before they were fixed
        synthetic.analyze(reused)  # and after a migration added indexes
        synthetic.index_for_search(reused, quiet=False)  # a desk built before the tokens
        with Session(reused) as session:
            empty = rollup.needs_filling(session)
        if empty:  # a desk built before the statistics' rollups
            synthetic.rollup_statistics(reused, quiet=False)
        reused.dispose()
        return f"reused ({have:,} articles)"
    started = time.perf_counter()
    synthetic.build(url, scale - (have or 0))
    return f"built in {time.perf_counter() - started:,.0f} s"


def _paragraphs(rnd: random.Random, words: int, per: int = 62) -> list[str]:
    vocabulary = synthetic.ENGLISH
    out = []
    while words > 0:
        size = min(per, words)
        out.append(" ".join(rnd.choices(vocabulary, k=size)) + ".")
        words -= size
    return out


def _edited(rnd: random.Random, paragraphs: list[str], share: float) -> list[str]:
    words = [p.split(" ") for p in paragraphs]
    flat = [(i, j) for i, ws in enumerate(words) for j in range(len(ws))]
    for i, j in rnd.sample(flat, int(len(flat) * share)):
        words[i][j] = rnd.choice(synthetic.ENGLISH) + "x"
    return [" ".join(ws) for ws in words]


def diff_fixture(url: str) -> dict[str, Any]:
    """A 5,000-word translation with three snapshots: as written, 2% edited, 30% rewritten."""
    engine = make_engine(url)
    rnd = random.Random(5000)
    with engine.begin() as connection:
        existing = connection.scalar(
            select(Translation.id)
            .join(Article, Article.id == Translation.article_id)
            .where(Article.title == DIFF_TITLE)
        )
        if existing is None:
            base = _paragraphs(rnd, DIFF_WORDS)
            versions = {
                "base": base,
                "2%": _edited(rnd, base, 0.02),
                "30%": _edited(rnd, base, 0.30),
            }
            ids = {
                name: (connection.scalar(select(func.max(table.c.id))) or 0) + 1
                for name, table in (
                    ("article", Article.__table__),
                    ("revision", SourceRevision.__table__),
                    ("segment", Segment.__table__),
                    ("translation", Translation.__table__),
                    ("row", TranslationSegment.__table__),
                )
            }
            now = datetime.now(UTC)
            connection.execute(
                insert(Article.__table__),
                {
                    "id": ids["article"],
                    "title": DIFF_TITLE,
                    "standfirst": "",
                    "author": "",
                    "source_url": "",
                    "source_language": "de",
                    "priority": 2,
                    "notes": "",
                    "status": "archived",
                    "created_at": now,
                    "updated_at": now,
                    "segment_count": len(base),
                    "word_count": DIFF_WORDS,
                    "search_text": "",
                },
            )
            connection.execute(
                insert(SourceRevision.__table__),
                {
                    "id": ids["revision"],
                    "article_id": ids["article"],
                    "number": 1,
                    "title": "Benchmark",
                    "standfirst": "",
                    "body_html": "",
                    "note": "",
                    "created_at": now,
                    "segment_count": len(base),
                    "word_count": DIFF_WORDS,
                },
            )
            connection.execute(
                insert(Segment.__table__),
                [
                    {
                        "id": ids["segment"] + n,
                        "revision_id": ids["revision"],
                        "position": n,
                        "kind": "paragraph",
                        "html": "Quelle.",
                        "text": "Quelle.",
                        "word_count": 62,
                    }
                    for n in range(len(base))
                ],
            )
            connection.execute(
                insert(Translation.__table__),
                {
                    "id": ids["translation"],
                    "article_id": ids["article"],
                    "source_language": "de",
                    "target_language": "en",
                    "state": "withdrawn",
                    "source_revision_id": ids["revision"],
                    "created_at": now,
                    "updated_at": now,
                },
            )
            # Snapshots as submitted, as approved (2% edited) and as published (30% rewritten).
            actions = dict(zip(versions, ("submit", "approve", "publish"), strict=True))
            for name, paragraphs in versions.items():
                connection.execute(
                    insert(Snapshot.__table__),
                    {
                        "translation_id": ids["translation"],
                        "action": actions[name],
                        "state": "withdrawn",
                        "source_revision_id": ids["revision"],
                        "segments": [
                            {
                                "row_id": ids["row"] + n,
                                "segment_id": ids["segment"] + n,
                                "position": n,
                                "kind": "paragraph",
                                "source": "Quelle.",
                                "text": text_,
                                "leave_untranslated": False,
                            }
                            for n, text_ in enumerate(paragraphs)
                        ],
                        "created_at": now + timedelta(seconds=len(name)),
                    },
                )
            existing = ids["translation"]
        snapshots = connection.execute(
            select(Snapshot.id, Snapshot.segments)
            .where(Snapshot.translation_id == existing)
            .order_by(Snapshot.id)
        ).all()
    engine.dispose()
    (base_id, base_rows), (light_id, light_rows), (heavy_id, heavy_rows) = snapshots
    timings = {}
    for name, rows in (("2%", light_rows), ("30%", heavy_rows)):
        samples = []
        for _ in range(15):
            started = time.perf_counter()
            diff = compare_rows(base_rows, rows)
            samples.append(time.perf_counter() - started)
        whole_rewrites = sum(
            1 for s in diff.segments if s.changed and all(c.op.value != "equal" for c in s.changes)
        )
        timings[name] = {
            "median_ms": round(statistics.median(samples) * 1000, 1),
            "share": round(diff.share, 3),
            "segments_rewritten_whole": whole_rewrites,
        }
    return {
        "translation_id": existing,
        "snapshots": (base_id, light_id, heavy_id),
        "in_process": timings,
    }


def fixtures(url: str) -> dict[str, Any]:
    """Who signs in, and the items each case asks for."""
    engine = make_engine(url)
    with engine.begin() as connection:
        coordinator = connection.execute(
            select(User.id, User.email)
            .join(UserRole, UserRole.user_id == User.id)
            .where(UserRole.role == "coordinator", User.is_active.is_(True))
            .order_by(User.id)
            .limit(1)
        ).one()
        editor_id = connection.scalar(
            select(Translation.id)
            .join(Article, Article.id == Translation.article_id)
            .where(Translation.state == TranslationState.DRAFT)
            .order_by(func.abs(Article.segment_count - 150), Translation.id)
            .limit(1)
        )
        editor_segments = connection.scalar(
            select(Article.segment_count)
            .join(Translation, Translation.article_id == Article.id)
            .where(Translation.id == editor_id)
        )
        save_id = connection.scalar(
            select(Translation.id)
            .join(Article, Article.id == Translation.article_id)
            .where(Translation.state == TranslationState.DRAFT, Article.segment_count >= 32)
            .order_by(Translation.id.desc())
            .limit(1)
        )
        save_segments = list(
            connection.scalars(
                select(TranslationSegment.segment_id)
                .where(TranslationSegment.translation_id == save_id)
                .order_by(TranslationSegment.id)
                .limit(32)
            )
        )
        slug = connection.scalar(
            select(Publication.slug)
            .where(Publication.unpublished_at.is_(None))
            .order_by(Publication.first_published_at.desc())
            .limit(1)
        )
        articles = connection.scalar(
            select(func.count()).select_from(Article).where(Article.status == "active")
        )
        desk_words = _title_words(
            connection, select(Article.title).where(Article.source_language == "es")
        )
        # The public search finds a translation by a word of its original (issue 23).
        public_words = _title_words(
            connection,
            select(Article.title)
            .join(Publication, Publication.article_id == Article.id)
            .where(Publication.unpublished_at.is_(None), Article.source_language == "ru"),
        )
        editor_segment_ids = list(
            connection.scalars(
                select(TranslationSegment.segment_id)
                .where(TranslationSegment.translation_id == editor_id)
                .order_by(TranslationSegment.id)
            )
        )
    with Session(engine) as session:
        user = session.get(User, coordinator.id)
        assert user is not None
        token, _row = create_api_token(session, user, "benchmark")
        session.commit()
    engine.dispose()
    return {
        "email": coordinator.email,
        "token": token,
        "editor": editor_id,
        "editor_segments": editor_segments,
        "save": save_id,
        "save_segments": save_segments,
        "slug": slug,
        "deep_page": max(1, int((articles or 1) / 25 * 0.8)),
        "desk_words": desk_words,
        "public_words": public_words,
        "editor_segment_ids": editor_segment_ids,
    }


# Searches go through this many different words, more than a worker keeps pages of
# (`PAGE_CACHE_SIZE`, 256): the public search is measured rendering its results, not
# answering from the page cache as a repeated search would.
SEARCH_WORDS = 600


def _title_words(connection: Connection, titles: Select[str]) -> list[str]:
    """The longest word of each of the newest such titles, each word once: words of the
    synthetic vocabulary, each found in some of the articles of its language (each title draws
    from 4,000 words); URL-quoted."""
    words: dict[str, None] = {}
    for title in connection.scalars(titles.order_by(Article.id.desc()).limit(SEARCH_WORDS * 2)):
        words[max(title.rstrip(".").split(), key=len).lower()] = None
    return [quote(word) for word in list(words)[:SEARCH_WORDS]] or ["election"]


def concordance_word(url: str) -> tuple[str, str, str]:
    """The pair and a 2-character word of the newest Japanese unit: the concordance case's."""
    engine = make_engine(url)
    with engine.connect() as connection:
        source_language, target_language, key = connection.execute(
            select(MemoryUnit.source_language, MemoryUnit.target_language, MemoryUnit.source_key)
            .where(MemoryUnit.source_language == "ja")
            .order_by(MemoryUnit.id.desc())
            .limit(1)
        ).one()
    engine.dispose()
    return source_language, target_language, key[:2]


def export_figures(url: str) -> dict[str, Any]:
    """The TMX export of the whole memory in a process of its own (bench.memory_export)."""
    finished = subprocess.run(
        [sys.executable, "-m", "bench.memory_export", "--database-url", url],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    figures: dict[str, Any] = json.loads(finished.stdout.strip().splitlines()[-1])
    return figures


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def keep_editor_findings(url: str, translation_id: int) -> None:
    """The editor case's rows, written without the app, get their findings kept as their
    autosaves would have kept them (`translate-flow checks keep`): the case measures the page
    a translator opens, not the first opening after an import or a release."""
    database = Database(url)
    try:
        with database.transaction() as session:
            keeping.keep_translation(session, translation_id)
    finally:
        database.dispose()


def run(
    backend: str,
    scale: int,
    seconds: float,
    clients: int,
    *,
    url: str | None = None,
    results: Path = RESULTS,
    only: Sequence[str] = (),
) -> Path:
    url = url or database_url(backend, scale)
    print(f"{backend} at {scale:,} articles: {url}", flush=True)
    data = ensure_data(url, scale)
    print(f"data: {data}", flush=True)
    diff = diff_fixture(url)
    fix = fixtures(url)
    memory_units = min(MEMORY_MAX, scale * MEMORY_PER_ARTICLE)
    memory = desk_memory(url, memory_units, fix["editor"])
    print(f"memory: {memory}", flush=True)
    # A desk's style sheet of 20,000 terms in the editor's pair; a few hundred in the harness's
    # smoke run.
    terms = desk_terms(url, fix["editor"], count=500 if scale < 1000 else DESK_TERMS)
    print(f"terms: {terms}", flush=True)
    keep_editor_findings(url, fix["editor"])
    pair_from, pair_to, word = concordance_word(url)
    base_diff = f"/translations/{diff['translation_id']}/compare"
    first, light, heavy = diff["snapshots"]
    cases = [
        {"name": "ceiling: /healthz", "kind": "get", "path": "/healthz"},
        {
            "name": "editor page (150 segments)",
            "kind": "get",
            "path": f"/translations/{fix['editor']}/edit",
            "auth": "session",
        },
        {
            "name": "autosave (PUT segment)",
            "kind": "save",
            "path": f"/api/v1/translations/{fix['save']}/segments/SEGMENT",
            "segments": fix["save_segments"],
            "auth": "token",
        },
        {"name": "coordinator board", "kind": "get", "path": "/board/", "auth": "session"},
        {
            "name": "article list, filtered, page 1",
            "kind": "get",
            "path": "/articles/?language=ja&priority=2",
            "auth": "session",
        },
        {
            "name": "article list, deep page",
            "kind": "get",
            "path": f"/articles/?page={fix['deep_page']}",
            "auth": "session",
        },
        {"name": "public article page", "kind": "get", "path": f"/read/{fix['slug']}"},
        {
            "name": "diff, 5,000 words, 2% edited",
            "kind": "get",
            "path": f"{base_diff}?before=snapshot:{first}&after=snapshot:{light}",
            "auth": "session",
        },
        {
            "name": "diff, 5,000 words, 30% rewritten",
            "kind": "get",
            "path": f"{base_diff}?before=snapshot:{first}&after=snapshot:{heavy}",
            "auth": "session",
        },
        {"name": "Atom feed", "kind": "get", "path": "/feed.atom"},
        {
            "name": "memory suggestions (per segment)",
            "kind": "get_each",
            "path": f"/api/v1/translations/{fix['editor']}/segments/SEGMENT/suggestions",
            "segments": fix["editor_segment_ids"],
            "auth": "token",
        },
        {
            "name": "article search (desk)",
            "kind": "get_each",
            "path": "/articles/?q=SEGMENT",
            "segments": fix["desk_words"],
            "auth": "session",
        },
        {
            "name": "public search, a word of the original",
            "kind": "get_each",
            "path": "/?q=SEGMENT",
            "segments": fix["public_words"],
        },
        {
            "name": "memory concordance, 2-character word",
            "kind": "get",
            "path": f"/api/v1/memory?source_language={pair_from}&target_language={pair_to}"
            f"&q={quote(word)}",
            "auth": "token",
        },
        {
            "name": "XLIFF export (150 segments)",
            "kind": "get",
            "path": f"/api/v1/translations/{fix['editor']}/export?format=xliff21",
            "auth": "token",
        },
        {
            # The file just exported, sent back unchanged: every unit read, matched to its
            # segment and compared; nothing to save.
            "name": "XLIFF import (150 segments)",
            "kind": "upload",
            "path": f"/api/v1/translations/{fix['editor']}/imports",
            "file_from": f"/api/v1/translations/{fix['editor']}/export?format=xliff21",
            "auth": "token",
        },
        {
            # The intake's costliest input that it accepts (bench.intake): a Word file just
            # under every limit, previewed (converted, sanitised, split; nothing stored).
            "name": f"hostile upload: {HOSTILE_UPLOAD} (preview)",
            "kind": "form_upload",
            "path": "/articles/new",
            "csrf_from": "/articles/new",
            "fields": UPLOAD_PREVIEW,
            "file_field": "upload",
            "filename": "article.docx",
            "auth": "session",
        },
        {
            "name": "statistics page, last quarter",
            "kind": "get",
            "path": f"/statistics/?{STATISTICS_PERIOD}",
            "auth": "session",
        },
    ]
    if only:
        # The ceiling stays first: every ratio in the table is to it.
        cases = [cases[0]] + [
            case for case in cases[1:] if any(part in case["name"] for part in only)
        ]
    port = free_port()
    env = os.environ | {
        "TRANSLATE_FLOW_DATABASE_URL": url,
        "TRANSLATE_FLOW_SECRET_KEY": SECRET,
        "TRANSLATE_FLOW_RATELIMIT_ENABLED": "0",
        "TRANSLATE_FLOW_PASSWORD_TIME_COST": "1",
        "TRANSLATE_FLOW_PASSWORD_MEMORY_KIB": "64",
    }
    with tempfile.TemporaryDirectory() as scratch, Path(scratch, "gunicorn.log").open("wb") as log:
        server = subprocess.Popen(
            desk_command(port),
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=log,
        )
        try:
            wait_until_serving(port, server)
            for case in cases:
                if case["kind"] == "form_upload":
                    upload = Path(scratch, case["filename"])
                    upload.write_bytes(hostile.largest_accepted_docx()[HOSTILE_UPLOAD])
                    case["file_path"] = str(upload)
            plan = {
                "host": "127.0.0.1",
                "port": port,
                "email": fix["email"],
                "password": synthetic.PASSWORD,
                "token": fix["token"],
                "cases": cases,
            }
            plan_path = Path(scratch, "plan.json")
            plan_path.write_text(json.dumps(plan))
            loaded = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "bench.load",
                    "--plan",
                    str(plan_path),
                    "--clients",
                    str(clients),
                    "--seconds",
                    str(seconds),
                ],
                cwd=ROOT,
                check=True,
                capture_output=True,
                text=True,
            )
            figures = json.loads(loaded.stdout)
            worker_memory = [_rss_mb(pid) for pid in workers_of(server.pid)]
        finally:
            server.terminate()
            server.wait(timeout=30)
    if only:
        # A re-measure of some pages: the in-process figures are left out of its table.
        return write_table(
            backend,
            scale,
            data,
            seconds,
            clients,
            figures,
            worker_memory,
            diff,
            fix,
            results=results,
            name_suffix="-only",
        )
    export = export_figures(url)
    # The termbase's matcher in process, on a scratch database of the same kind: 20,000 terms
    # per pair at a real scale, a few hundred in the harness's smoke run.
    small = scale < 1000
    termbase = terms_bench.run(backend, terms=500 if small else 20_000, runs=3 if small else 30)
    # Every quality check over a 150-segment article, in process (no database).
    quality_checks = checks_bench.run(runs=3 if small else 30)
    return write_table(
        backend,
        scale,
        data,
        seconds,
        clients,
        figures,
        worker_memory,
        diff,
        fix,
        results=results,
        translation_memory={"units": memory_units, "data": memory, "export": export},
        termbase=termbase,
        quality_checks=quality_checks,
    )


def write_table(
    backend: str,
    scale: int,
    data: str,
    seconds: float,
    clients: int,
    figures: list[dict[str, Any]],
    memory: list[float],
    diff: dict[str, Any],
    fix: dict[str, Any],
    *,
    results: Path = RESULTS,
    translation_memory: dict[str, Any] | None = None,
    termbase: dict[str, Any] | None = None,
    quality_checks: dict[str, Any] | None = None,
    name_suffix: str = "",
) -> Path:
    ceiling = figures[0]["rps"] or 1.0
    lines = [
        f"# Benchmark: {backend}, {scale:,} articles",
        "",
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC · {platform.machine()}, {os.cpu_count()} cores · "
        f"gunicorn 2 sync workers · {clients} clients for {seconds:g} s per case · data {data}",
        "",
        "| case | req/s | p50 ms | p95 ms | p99 ms | errors | ratio to ceiling | target |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for figure in figures:
        ratio = figure["rps"] / ceiling
        target = TARGETS.get(figure["name"])
        latency = P95_TARGETS.get(figure["name"])
        verdict = ""
        if target is not None:
            verdict = f"≥ {target:.0%}: {'met' if ratio >= target else 'missed'}"
        if latency is not None:
            verdict = f"p95 < {latency:g} ms: {'met' if figure['p95_ms'] < latency else 'missed'}"
        cells = [
            figure["name"],
            f"{figure['rps']:,.1f}",
            figure["p50_ms"],
            figure["p95_ms"],
            figure["p99_ms"],
            figure["errors"],
            f"{ratio:.1%}",
            verdict,
        ]
        lines.append("| " + " | ".join(str(cell) for cell in cells) + " |")
    lines += [
        "",
        f"The editor page's translation has {fix['editor_segments']} segments.",
        f"Worker memory after the run: {', '.join(f'{m:.0f} MB' for m in memory)} RSS "
        f"(target under 200 MB: {'met' if memory and max(memory) < 200 else 'missed'}).",
        "",
        "Whole-article diff of 5,000 words between two snapshots, in process (median of 15):",
        "",
        "| edit | median ms | share changed | segments shown as wholly rewritten | target |",
        "|---|---:|---:|---:|---|",
    ]
    for name, target in (("2%", 10), ("30%", 60)):
        timing = diff["in_process"][name]
        met = "met" if timing["median_ms"] < target else "missed"
        lines.append(
            f"| {name} | {timing['median_ms']} | {timing['share']:.1%} | "
            f"{timing['segments_rewritten_whole']} | < {target} ms: {met} |"
        )
    if translation_memory is not None:
        export = translation_memory["export"]
        lines += [
            "",
            f"Translation memory: {translation_memory['units']:,} units "
            f"({translation_memory['data']}).",
        ]
        if "error" in export:
            lines.append(f"TMX export: not measured ({export['error']}).")
        else:
            growth = export["peak_rss_after_mb"] - export["peak_rss_before_mb"]
            lines.append(
                f"TMX export of the whole memory ({export['units']:,} units, "
                f"{export['bytes'] / 1e6:,.1f} MB) in {export['seconds']:g} s; peak RSS grew "
                f"by {growth:,.1f} MB (from {export['peak_rss_before_mb']:,.0f} MB)."
            )
    if quality_checks is not None:
        # Before the termbase's table, whose rows the harness's test counts to the end.
        lines += ["", *checks_bench.markdown(quality_checks)]
    if termbase is not None:
        lines += ["", *terms_bench.markdown(termbase)]
    results.mkdir(parents=True, exist_ok=True)
    path = results / f"{datetime.now(UTC):%Y%m%d}-{backend}-{scale}{name_suffix}.md"
    path.write_text("\n".join(lines) + "\n")
    # The figures again for bench.scaling, which divides one scale's by another's.
    path.with_suffix(".json").write_text(
        json.dumps({"backend": backend, "scale": scale, "data": data, "cases": figures}, indent=1)
    )
    print("\n".join(lines), flush=True)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--scale", type=int, default=10_000)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument(
        "--database-url",
        help="build and measure this database instead of the shared one of the scale "
        "(the test suite's small run uses a fresh one)",
    )
    parser.add_argument("--results", type=Path, default=RESULTS, help="where the table goes")
    parser.add_argument(
        "--only",
        action="append",
        default=[],
        metavar="NAME",
        help="measure only the cases whose name contains NAME (repeatable), beside the ceiling; "
        "the table goes to a file ending in -only.md",
    )
    arguments = parser.parse_args()
    path = run(
        arguments.backend,
        arguments.scale,
        arguments.seconds,
        arguments.clients,
        url=arguments.database_url,
        results=arguments.results,
        only=arguments.only,
    )
    print(f"written: {path}")


if __name__ == "__main__":
    main()
