"""Request ids, request logs and Prometheus metrics: the hooks around every request.

Registered before any other part of the app (create_app calls observability first), so that
they see every request, including the ones refused early: their before-request hook runs
first and their after-request hook last, when the status is final.
"""

import time
from datetime import UTC, datetime

from flask import Flask, current_app, g, has_request_context, request
from werkzeug.wrappers import Response

from translate_flow.observability import (
    metrics,
    metrics_endpoint,  # noqa: F401  (adds /metrics to the blueprint before it is registered)
    query_counter,
    request_id,
    request_log,
)


def _start() -> None:
    g.request_id = request_id.chosen(request.headers.get(request_id.HEADER))
    g.request_started = time.perf_counter()
    query_counter.start()


def _person_id() -> int | None:
    # Only a person the request has already loaded: asking Flask-Login here would load one
    # (a query, a touched session) for requests that never needed to know, such as static
    # files. `_login_user` is where Flask-Login keeps the person it loaded.
    user = g.get("_login_user")
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    person_id: int = user.id
    return person_id


def _finish(response: Response) -> Response:
    rid = request_id.current()
    response.headers[request_id.HEADER] = rid
    started = g.get("request_started")
    seconds = time.perf_counter() - started if started is not None else 0.0
    queries = query_counter.current()
    rule = request.url_rule
    metrics.observe_request(
        rule.endpoint if rule is not None else None,
        request.method,
        response.status_code,
        seconds,
        queries,
    )
    line = request_log.RequestLine(
        time=datetime.now(UTC),
        request_id=rid,
        person_id=_person_id(),
        method=metrics.method_label(request.method),
        route=rule.rule if rule is not None else None,
        status=response.status_code,
        duration_ms=round(seconds * 1000, 1),
        queries=queries,
    )
    request_log.write(
        line, current_app.config["LOG_FORMAT"], to_stderr=not current_app.config.get("TESTING")
    )
    return response


def _stop(_error: BaseException | None = None) -> None:
    query_counter.stop()


def _template_context() -> dict[str, str | None]:
    # Templates rendered outside a request (e-mail in a job) have no request id.
    return {"request_id": request_id.current() if has_request_context() else None}


def init_app(app: Flask) -> None:
    query_counter.install()
    request_log.install()
    app.before_request(_start)
    app.after_request(_finish)
    app.teardown_request(_stop)
    app.context_processor(_template_context)
