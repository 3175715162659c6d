"""GET /readyz: whether this process can serve the desk, for load balancers and monitoring.

/healthz (home.health) stays the cheap liveness answer that touches nothing. /readyz runs the
checks of `readiness` (a few queries, a Redis PING) and answers 200 or 503 with the failing
parts named. It reads no session and sets no cookie, needs no sign-in and is a GET (no CSRF).
"""

import logging
import threading
import time
from collections.abc import Callable
from datetime import timedelta

from flask import Flask, current_app, jsonify, request
from werkzeug.wrappers import Response

from translate_flow.core.db import Database
from translate_flow.domain.models import utcnow
from translate_flow.observability.blueprint import bp
from translate_flow.observability.migration_heads import migration_heads
from translate_flow.observability.readiness import PARTS, Readiness, check_readiness

log = logging.getLogger(__name__)

EXTENSION = "translate_flow.readiness"
# A load balancer asking many times a second (several of them, each to every worker) gets the
# answer of the last second instead of as many rounds of queries.
CACHE_SECONDS = 1.0


class Answers:
    """The last answer per set of excluded parts, reused for `seconds`; logs each change."""

    def __init__(self, seconds: float = CACHE_SECONDS) -> None:
        self.seconds = seconds
        self._kept: dict[tuple[str, ...], tuple[float, Readiness]] = {}
        self._failing: dict[tuple[str, ...], list[str]] = {}
        # Two threads of one worker asking at once may both check; what the lock keeps
        # consistent is only the dictionary and the logged state.
        self._lock = threading.Lock()

    def get(self, excluded: tuple[str, ...], check: Callable[[], Readiness]) -> Readiness:
        now = time.monotonic()
        with self._lock:
            kept = self._kept.get(excluded)
        if kept is not None and now - kept[0] < self.seconds:
            return kept[1]
        answer = check()
        with self._lock:
            self._kept[excluded] = (time.monotonic(), answer)
            self._log_change(excluded, answer)
        return answer

    def _log_change(self, excluded: tuple[str, ...], answer: Readiness) -> None:
        # Once per change, not per probe: a balancer asks every few seconds.
        if answer.failing == self._failing.get(excluded, []):
            return
        self._failing[excluded] = answer.failing
        if answer.ready:
            # As loud as the failure, so that whoever saw the one in the log sees the other.
            log.warning("readiness: ready again")
            return
        details = "; ".join(
            f"{name}: {answer.checks[name].detail}"
            for name in answer.failing
            if answer.checks[name].detail
        )
        log.warning("readiness: %s%s", answer.message, f" [{details}]" if details else "")


def _excluded() -> tuple[str, ...] | None:
    """`?exclude=outbox` (repeated, or comma-separated) as PARTS' names; None if unknown."""
    names = {
        name.strip()
        for value in request.args.getlist("exclude")
        for name in value.split(",")
        if name.strip()
    }
    if not names <= set(PARTS):
        return None
    return tuple(name for name in PARTS if name in names)


@bp.route("/readyz")
def ready() -> tuple[Response, int]:
    """200 when every part is ready, 503 naming the ones that are not (JSON either way)."""
    excluded = _excluded()
    if excluded is None:
        message = f"exclude takes the names of parts: {', '.join(PARTS)}."
        return jsonify({"error": {"code": "bad_request", "message": message}}), 400
    app = current_app
    database: Database = app.extensions["translate_flow.db"]
    answers: Answers = app.extensions[EXTENSION]
    answer = answers.get(
        excluded,
        lambda: check_readiness(
            database.engine,
            redis_url=app.config.get("REDIS_URL"),
            outbox_max_age=timedelta(minutes=app.config["READY_OUTBOX_MAX_MINUTES"]),
            heads=migration_heads,
            now=utcnow(),
            exclude=excluded,
        ),
    )
    response = jsonify(answer.as_json())
    # A cache between the balancer and us must not answer for us.
    response.headers["Cache-Control"] = "no-store"
    return response, 200 if answer.ready else 503


def init_app(app: Flask) -> None:
    app.extensions[EXTENSION] = Answers()
