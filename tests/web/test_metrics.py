"""GET /metrics for Prometheus: off unless a token is set, refused without it, and what it
counts: requests by endpoint and status, their time and queries, refused saves, the outbox,
overdue claims and the job queue; under two gunicorn workers, every request exactly once.

The request metrics live once per test process (as in a worker), so the tests compare
counts before and after; the desk's gauges are read from the test's own database.
"""

import http.client
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.parser import text_string_to_metric_families
from rq import Queue
from sqlalchemy import update
from werkzeug.test import TestResponse

from tests.desk import Desk
from tests.gunicorn_server import Served, gunicorn
from tests.redis_server import redis_answers
from tests.web.test_articles_api import token_client
from translate_flow import PROJECT_ROOT
from translate_flow.core.jobs import QUEUE_NAME, WORKER_ENTRY
from translate_flow.domain.models import MailStatus, OutboxEmail, Role, Translation, utcnow

TOKEN = "metrics-token-for-the-tests-0123456789"
BEARER = {"Authorization": f"Bearer {TOKEN}"}
Samples = dict[tuple[str, frozenset[tuple[str, str]]], float]


def parse(text: str) -> Samples:
    """Every sample of an exposition, by name and labels, read by the Prometheus client."""
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def value(samples: Samples, name: str, **labels: str) -> float:
    return samples.get((name, frozenset(labels.items())), 0.0)


def scrape(client: FlaskClient) -> Samples:
    response = client.get("/metrics", headers=BEARER)
    assert response.status_code == 200, response.get_data(as_text=True)
    return parse(response.get_data(as_text=True))


@pytest.fixture
def metrics_on(app: Flask) -> FlaskClient:
    app.config["METRICS_TOKEN"] = TOKEN
    return app.test_client()


def test_metrics_are_off_unless_a_token_is_set(client):
    response = client.get("/metrics", headers=BEARER)
    assert response.status_code == 404
    assert "translate_flow_" not in response.get_data(as_text=True)


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Bearer wrong-token"},
        {"Authorization": f"Bearer {TOKEN}x"},
        {"Authorization": f"Basic {TOKEN}"},
        {"Authorization": TOKEN},
    ],
    ids=["none", "wrong", "longer", "basic", "bare"],
)
def test_a_scraper_without_the_token_is_refused(metrics_on, headers):
    response = metrics_on.get("/metrics", headers=headers)
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert "translate_flow_" not in response.get_data(as_text=True)


def test_a_scrape_sets_no_cookie_and_is_prometheus_text(metrics_on):
    response = metrics_on.get("/metrics", headers=BEARER)
    assert response.status_code == 200
    assert response.content_type.startswith("text/plain; version=0.0.4")
    assert "Set-Cookie" not in response.headers
    assert response.headers["Cache-Control"] == "no-store"
    names = {name for name, _labels in parse(response.get_data(as_text=True))}
    assert {
        "translate_flow_outbox_emails",
        "translate_flow_outbox_oldest_pending_age_seconds",
        "translate_flow_claims_overdue",
        "translate_flow_save_conflicts_total",
        "translate_flow_metrics_source_up",
    } <= names


def test_requests_are_counted_by_endpoint_method_and_status(metrics_on):
    before = scrape(metrics_on)
    for _ in range(3):
        assert metrics_on.get("/healthz").status_code == 200
    assert metrics_on.post("/healthz").status_code == 405
    after = scrape(metrics_on)

    def grew(name: str, **labels: str) -> float:
        return value(after, name, **labels) - value(before, name, **labels)

    ok = {"endpoint": "home.health", "method": "GET"}
    assert grew("translate_flow_http_requests_total", **ok, status="200") == 3
    assert grew("translate_flow_http_request_duration_seconds_count", **ok) == 3
    assert grew("translate_flow_db_queries_per_request_count", endpoint="home.health") == 3
    # A refused method matched no route: one fixed label, never the path.
    unmatched = {"endpoint": "<unmatched>", "method": "POST", "status": "405"}
    assert grew("translate_flow_http_requests_total", **unmatched) == 1


def test_a_missing_page_is_counted_under_one_label_not_its_path(metrics_on):
    before = scrape(metrics_on)
    assert metrics_on.get("/no/such/page-7d41").status_code == 404
    response = metrics_on.get("/metrics", headers=BEARER)
    text = response.get_data(as_text=True)
    assert "page-7d41" not in text
    labels = {"endpoint": "<unmatched>", "method": "GET", "status": "404"}
    grew = value(parse(text), "translate_flow_http_requests_total", **labels) - value(
        before, "translate_flow_http_requests_total", **labels
    )
    assert grew == 1


def test_the_queries_of_a_request_are_counted(metrics_on, signed_in):
    client, _user = signed_in(Role.COORDINATOR)
    name = "translate_flow_db_queries_per_request_sum"
    before = value(scrape(metrics_on), name, endpoint="home.index")
    assert client.get("/desk/").status_code == 200
    after = value(scrape(metrics_on), name, endpoint="home.index")
    # At least the signed-in person's session and user are read.
    assert after - before >= 2


def _put(client: FlaskClient, desk: Desk, text: str, base: int) -> TestResponse:
    url = f"/api/v1/translations/{desk.translation_id}/segments/{desk.segment_ids[1]}"
    return client.put(url, json={"text": text, "base_version": base})


def test_a_save_refused_as_a_conflict_is_counted_once(app, metrics_on, desk):
    name = "translate_flow_save_conflicts_total"
    dorothy = token_client(app, desk.translator)
    coordinator = token_client(app, desk.coordinator)
    before = value(scrape(metrics_on), name)
    assert _put(dorothy, desk, "The yen is weak.", 0).status_code == 200
    assert _put(coordinator, desk, "The yen is feeble.", 1).status_code == 200
    assert value(scrape(metrics_on), name) == before  # saves that went through are not counted
    assert _put(dorothy, desk, "The yen is frail.", 1).status_code == 409
    assert value(scrape(metrics_on), name) == before + 1


def test_the_outbox_gauges_count_what_waits_and_what_failed(app, metrics_on):
    now = utcnow()
    rows = [
        (MailStatus.PENDING, now - timedelta(hours=2)),
        (MailStatus.PENDING, now - timedelta(minutes=5)),
        (MailStatus.SENDING, now - timedelta(minutes=1)),
        (MailStatus.FAILED, now - timedelta(days=3)),
        (MailStatus.FAILED, now - timedelta(days=2)),
        (MailStatus.FAILED, now - timedelta(days=1)),
        (MailStatus.SENT, now - timedelta(days=9)),
    ]
    with app.extensions["translate_flow.db"].transaction() as session:
        for number, (status, created_at) in enumerate(rows):
            session.add(
                OutboxEmail(
                    dedupe_key=f"metrics-{number}",
                    to_address="someone@example.org",
                    subject="Subject",
                    body_text="Body",
                    status=status,
                    created_at=created_at,
                )
            )
    samples = scrape(metrics_on)
    counts = {
        status: value(samples, "translate_flow_outbox_emails", status=status)
        for status in ("pending", "sending", "failed")
    }
    assert counts == {"pending": 2, "sending": 1, "failed": 3}
    age = value(samples, "translate_flow_outbox_oldest_pending_age_seconds")
    assert 2 * 3600 <= age < 2 * 3600 + 60  # the oldest unsent, not the failed or sent ones
    assert value(samples, "translate_flow_metrics_source_up", source="database") == 1


def test_an_empty_outbox_has_waited_for_nothing(metrics_on):
    samples = scrape(metrics_on)
    assert value(samples, "translate_flow_outbox_oldest_pending_age_seconds") == 0
    assert value(samples, "translate_flow_outbox_emails", status="pending") == 0


def test_a_claim_past_its_due_date_is_counted_overdue(metrics_on, desk):
    assert value(scrape(metrics_on), "translate_flow_claims_overdue") == 0
    with desk.session() as session:
        session.execute(
            update(Translation)
            .where(Translation.id == desk.translation_id)
            .values(due_at=utcnow() - timedelta(days=1))
        )
    assert value(scrape(metrics_on), "translate_flow_claims_overdue") == 1


def test_without_redis_there_is_no_job_queue_gauge(metrics_on):
    names = {name for name, _labels in scrape(metrics_on)}
    assert "translate_flow_job_queue_depth" not in names


def test_a_redis_that_does_not_answer_is_reported_not_raised(app, metrics_on):
    app.config["REDIS_URL"] = "redis://127.0.0.1:1/0"
    samples = scrape(metrics_on)
    assert value(samples, "translate_flow_metrics_source_up", source="redis") == 0
    assert value(samples, "translate_flow_metrics_source_up", source="database") == 1


@pytest.fixture
def queue_url(database_url: str) -> Iterator[str]:
    """A Redis database of its own for each backend (no worker reads it), emptied after."""
    if not redis_answers():
        pytest.skip("Redis does not answer on 127.0.0.1:6379")
    from redis import Redis

    url = f"redis://127.0.0.1:6379/{12 if database_url.startswith('sqlite') else 13}"
    with Redis.from_url(url) as connection:
        connection.flushdb()
        yield url
        connection.flushdb()


def test_the_job_queue_depth_is_read_from_redis(app, metrics_on, queue_url):
    from redis import Redis

    app.config["REDIS_URL"] = queue_url
    with Redis.from_url(queue_url) as connection:
        queue = Queue(QUEUE_NAME, connection=connection)
        for _ in range(3):
            queue.enqueue(WORKER_ENTRY, "no-such-job")
    samples = scrape(metrics_on)
    assert value(samples, "translate_flow_job_queue_depth", queue=QUEUE_NAME) == 3
    assert value(samples, "translate_flow_job_queue_failed", queue=QUEUE_NAME) == 0
    assert value(samples, "translate_flow_metrics_source_up", source="redis") == 1


# Two gunicorn workers: prometheus_client's multiprocess mode, set up by gunicorn_conf.py.

REQUESTS_PER_ROUND = 24


def _get(served: Served, path: str, headers: dict[str, str] | None = None) -> tuple[int, str]:
    connection = http.client.HTTPConnection(served.host, served.port, timeout=60)
    try:
        connection.request("GET", path, headers=headers or {})
        with connection.getresponse() as response:
            return response.status, response.read().decode()
    finally:
        connection.close()


def _login_pages_by_process(directory: Path) -> dict[str, float]:
    """The sign-in pages each worker counted, read from its own file (counter_<pid>.db)."""
    counted = {}
    for path in directory.glob("counter_*.db"):
        for metric in MultiProcessCollector.merge([str(path)]):
            for sample in metric.samples:
                if sample.name == "translate_flow_http_requests_total" and sample.labels == {
                    "endpoint": "auth.login",
                    "method": "GET",
                    "status": "200",
                }:
                    counted[path.stem] = sample.value
    return counted


def test_two_gunicorn_workers_count_every_request_exactly_once(database_url, tmp_path):
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    env = {
        "TRANSLATE_FLOW_METRICS_TOKEN": TOKEN,
        "TRANSLATE_FLOW_LOG_FORMAT": "json",
        # Where gunicorn_conf.py makes its metrics directory, so that the test can find it.
        "TMPDIR": str(temporary),
    }
    with gunicorn(database_url, tmp_path, workers=2, env=env) as served:
        (directory,) = temporary.glob("translate_flow-metrics-*")
        sent = 0
        # Concurrent requests keep one worker busy while the other accepts; a few rounds at
        # most until both have served, so that the sum below really adds two processes.
        for _round in range(10):
            with ThreadPoolExecutor(max_workers=6) as pool:
                statuses = list(
                    pool.map(lambda _n: _get(served, "/login")[0], range(REQUESTS_PER_ROUND))
                )
            assert statuses == [200] * REQUESTS_PER_ROUND
            sent += REQUESTS_PER_ROUND
            if len(_login_pages_by_process(directory)) >= 2:
                break
        per_process = _login_pages_by_process(directory)
        assert len(per_process) >= 2, f"only one worker served: {per_process}"
        assert sum(per_process.values()) == sent
        for _scrape in range(6):  # whichever worker answers, the sum over both
            status, text = _get(served, "/metrics", BEARER)
            assert status == 200, text
            samples = parse(text)
            login = {"endpoint": "auth.login", "method": "GET", "status": "200"}
            assert value(samples, "translate_flow_http_requests_total", **login) == sent
            assert (
                value(
                    samples,
                    "translate_flow_http_request_duration_seconds_count",
                    endpoint="auth.login",
                    method="GET",
                )
                == sent
            )
            assert value(samples, "translate_flow_outbox_emails", status="pending") == 0
    assert not directory.exists(), "gunicorn_conf.py leaves no metrics directory behind"
    # Each worker wrote each request's line once, as JSON, to gunicorn's stderr.
    lines = [
        line
        for line in (tmp_path / f"gunicorn-{served.port}.log").read_text().splitlines()
        if line.startswith("{") and '"route":"/login"' in line
    ]
    assert len(lines) == sent


def test_a_metrics_directory_the_operator_names_is_emptied_at_start(tmp_path):
    named = tmp_path / "metrics"
    named.mkdir()
    (named / "counter_1234.db").write_bytes(b"counts of an earlier start")
    (named / "notes.txt").write_text("not ours")
    subprocess.run(
        [sys.executable, "-c", "import translate_flow.gunicorn_conf"],
        cwd=PROJECT_ROOT,
        env={"PROMETHEUS_MULTIPROC_DIR": str(named), "PATH": "/usr/bin:/bin"},
        check=True,
    )
    assert sorted(path.name for path in named.iterdir()) == ["notes.txt"]


def test_reading_the_gunicorn_settings_elsewhere_leaves_no_metrics_directory(tmp_path):
    # A check of the settings (tests/unit/test_deploy_files.py does one) is not a server start.
    subprocess.run(
        [sys.executable, "-c", "import translate_flow.gunicorn_conf"],
        cwd=PROJECT_ROOT,
        env={"TMPDIR": str(tmp_path), "PATH": "/usr/bin:/bin"},
        check=True,
    )
    assert list(tmp_path.iterdir()) == []
