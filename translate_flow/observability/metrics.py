"""The request and save metrics, made once per process.

Defined at import, never per app: the tests build many apps in one process, and a metric
registered twice is an error. Under gunicorn each worker writes its values to a file in
PROMETHEUS_MULTIPROC_DIR (set before this module is imported; see gunicorn_conf.py), and
/metrics adds up every worker's files. Nothing here reads a request, so a feature's
operations may count too.
"""

from prometheus_client import Counter, Histogram

# The label for requests that matched no route: the raw path would make a new series for
# every address a scanner tries.
UNMATCHED = "<unmatched>"
# Methods outside these (a scanner's FOO) are counted as one, for the same reason.
KNOWN_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})

REQUESTS = Counter(
    "translate_flow_http_requests",
    "HTTP requests answered, by route endpoint, method and status.",
    ["endpoint", "method", "status"],
)
DURATION = Histogram(
    "translate_flow_http_request_duration_seconds",
    "Time from the request's first hook to its answer, by route endpoint and method.",
    ["endpoint", "method"],
)
QUERIES = Histogram(
    "translate_flow_db_queries_per_request",
    "Statements sent to the database by one request, by route endpoint.",
    ["endpoint"],
    buckets=(0, 1, 2, 5, 10, 20, 50, 100, 200, 500),
)
SAVE_CONFLICTS = Counter(
    "translate_flow_save_conflicts",
    "Segment saves refused as conflicts (409: two overlapping edits, the person chooses).",
)


def method_label(method: str) -> str:
    return method if method in KNOWN_METHODS else "OTHER"


def observe_request(
    endpoint: str | None, method: str, status: int, seconds: float, queries: int
) -> None:
    """Count one answered request."""
    endpoint = endpoint or UNMATCHED
    method = method_label(method)
    REQUESTS.labels(endpoint, method, str(status)).inc()
    DURATION.labels(endpoint, method).observe(seconds)
    QUERIES.labels(endpoint).observe(queries)


def count_save_conflict() -> None:
    """A versioned save was refused because it overlapped someone else's edit."""
    SAVE_CONFLICTS.inc()
