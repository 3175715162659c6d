"""The gauges read at scrape time: outbox, overdue claims, the job queue, and whether each
source answered. A source that fails is reported as down, never as an error of /metrics,
so that the request metrics still reach Prometheus when the database is the problem."""

import logging
from collections.abc import Callable, Iterator
from datetime import datetime

from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

from translate_flow.core.db import Database
from translate_flow.core.jobs import QUEUE_NAME
from translate_flow.observability.desk_figures import DeskFigures, read_desk_figures
from translate_flow.observability.job_queue import QueueDepth, read_queue_depth

log = logging.getLogger(__name__)
# Longer than any of these counts takes, short enough for Prometheus' 10 s scrape timeout.
STATEMENT_TIMEOUT_MS = 2000


def _figures(database: Database, now: datetime) -> DeskFigures:
    with database.session(write=False) as session:
        if not database.is_sqlite:
            # This transaction only: the connection goes back to the pool as it came.
            session.connection().exec_driver_sql(
                f"SET LOCAL statement_timeout = {STATEMENT_TIMEOUT_MS}"
            )
        return read_desk_figures(session, now)


class DeskCollector(Collector):
    """Gauges for one app's database and queue; built per scrape, registered on that scrape's
    registry only (several apps in one process each have their own database)."""

    def __init__(
        self, database: Database, redis_url: str | None, clock: Callable[[], datetime]
    ) -> None:
        self.database = database
        self.redis_url = redis_url
        self.clock = clock

    def collect(self) -> Iterator[GaugeMetricFamily]:
        up = GaugeMetricFamily(
            "translate_flow_metrics_source_up",
            "Whether a source of the desk's gauges answered this scrape (1) or not (0).",
            labels=["source"],
        )
        try:
            figures: DeskFigures | None = _figures(self.database, self.clock())
        except Exception as error:  # a broken database is reported as such, not raised
            log.warning("metrics: the database did not answer (%s)", type(error).__name__)
            figures = None
        up.add_metric(["database"], 1 if figures is not None else 0)
        if figures is not None:
            yield from _desk_gauges(figures)
        if self.redis_url:
            try:
                depth: QueueDepth | None = read_queue_depth(self.redis_url)
            except Exception as error:
                log.warning("metrics: Redis did not answer (%s)", type(error).__name__)
                depth = None
            up.add_metric(["redis"], 1 if depth is not None else 0)
            if depth is not None:
                yield from _queue_gauges(depth)
        yield up


def _desk_gauges(figures: DeskFigures) -> Iterator[GaugeMetricFamily]:
    outbox = GaugeMetricFamily(
        "translate_flow_outbox_emails",
        "E-mails in the outbox by state: pending (waiting), sending (taken by a sender), "
        "failed (given up after repeated errors).",
        labels=["status"],
    )
    for status, count in figures.outbox.items():
        outbox.add_metric([status.value], count)
    yield outbox
    yield GaugeMetricFamily(
        "translate_flow_outbox_oldest_pending_age_seconds",
        "How long the oldest e-mail not yet sent (pending or sending) has waited; 0 if none.",
        value=figures.oldest_unsent_seconds,
    )
    yield GaugeMetricFamily(
        "translate_flow_claims_overdue",
        "Translations still in draft after their due date.",
        value=figures.claims_overdue,
    )


def _queue_gauges(depth: QueueDepth) -> Iterator[GaugeMetricFamily]:
    waiting = GaugeMetricFamily(
        "translate_flow_job_queue_depth",
        "Jobs waiting in the RQ queue (absent when jobs run inline, without Redis).",
        labels=["queue"],
    )
    waiting.add_metric([QUEUE_NAME], depth.waiting)
    yield waiting
    failed = GaugeMetricFamily(
        "translate_flow_job_queue_failed",
        "Jobs in the RQ queue's failed registry.",
        labels=["queue"],
    )
    failed.add_metric([QUEUE_NAME], depth.failed)
    yield failed
