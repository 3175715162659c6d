"""GET /metrics for Prometheus: off (404) unless METRICS_TOKEN is set, then only to a scraper
that sends it as `Authorization: Bearer <token>`.

Under gunicorn the request metrics are every worker's files added up (multiprocess mode,
PROMETHEUS_MULTIPROC_DIR); on one process they are this process's own. The desk's gauges
are read from this app's database at each scrape.
"""

import hmac
import os
from collections.abc import Iterable

from flask import Response, abort, current_app, request
from prometheus_client import REGISTRY, CollectorRegistry, multiprocess
from prometheus_client.exposition import choose_encoder
from prometheus_client.metrics_core import Metric

from translate_flow.core.db import Database
from translate_flow.domain.models import utcnow
from translate_flow.observability.blueprint import bp
from translate_flow.observability.desk_collector import DeskCollector

MULTIPROCESS_DIR = "PROMETHEUS_MULTIPROC_DIR"


class _ThisProcess:
    """The process's own registry, forwarded: the metrics live there once per process,
    while each scrape adds its app's gauges beside them."""

    def collect(self) -> Iterable[Metric]:
        return REGISTRY.collect()


def scrape_registry(database: Database, redis_url: str | None) -> CollectorRegistry:
    """A registry for one scrape: the request metrics (all workers' when multiprocess) and
    the desk's gauges."""
    registry = CollectorRegistry()
    if os.environ.get(MULTIPROCESS_DIR):
        multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
    else:
        registry.register(_ThisProcess())
    registry.register(DeskCollector(database, redis_url, utcnow))
    return registry


def _token_matches(header: str, token: str) -> bool:
    scheme, _, value = header.partition(" ")
    # Compared in constant time, so that the answer's timing does not spell out the token.
    return scheme.lower() == "bearer" and hmac.compare_digest(
        value.strip().encode(), token.encode()
    )


@bp.route("/metrics")
def metrics() -> Response:
    token = current_app.config.get("METRICS_TOKEN")
    if not token:
        abort(404)  # off: as if there were no such address
    if not _token_matches(request.headers.get("Authorization", ""), token):
        return Response(
            "A valid metrics token is needed: Authorization: Bearer <METRICS_TOKEN>.\n",
            401,
            {"WWW-Authenticate": 'Bearer realm="metrics"'},
            mimetype="text/plain",
        )
    registry = scrape_registry(
        current_app.extensions["translate_flow.db"], current_app.config.get("REDIS_URL")
    )
    encoder, content_type = choose_encoder(request.headers.get("Accept", ""))
    response = Response(encoder(registry), content_type=content_type)
    response.headers["Cache-Control"] = "no-store"
    return response
