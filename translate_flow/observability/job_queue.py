"""How many jobs wait in the RQ queue, and how many failed there: asked of Redis at scrape time."""

from dataclasses import dataclass

from translate_flow.core.jobs import QUEUE_NAME

# A scrape must not hang on a Redis that does not answer; Prometheus' own timeout is 10 s.
REDIS_TIMEOUT_SECONDS = 1.0


@dataclass(frozen=True)
class QueueDepth:
    waiting: int
    failed: int


def read_queue_depth(redis_url: str) -> QueueDepth:
    """Jobs waiting in the desk's queue and jobs in its failed registry; raises if Redis
    does not answer."""
    from redis import Redis  # only on desks that use it
    from rq import Queue

    with Redis.from_url(
        redis_url,
        socket_timeout=REDIS_TIMEOUT_SECONDS,
        socket_connect_timeout=REDIS_TIMEOUT_SECONDS,
    ) as connection:
        queue = Queue(QUEUE_NAME, connection=connection)
        return QueueDepth(waiting=queue.count, failed=queue.failed_job_registry.count)
