"""One line per request on the `translate_flow.requests` logger: JSON in production, plain
text elsewhere (LOG_FORMAT). The line holds these fields and nothing else from the request:
no query string, header, cookie, form value or body, so no password, token or segment text
can reach the log through it.
"""

import json
import logging
import sys
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import TextIO

LOGGER_NAME = "translate_flow.requests"
FIELDS = (
    "time",
    "request_id",
    "person_id",
    "method",
    "route",
    "status",
    "duration_ms",
    "queries",
)

log = logging.getLogger(LOGGER_NAME)


@dataclass(frozen=True)
class RequestLine:
    time: datetime  # when the answer was ready, UTC
    request_id: str
    person_id: int | None
    method: str
    route: str | None  # the URL rule (`/translations/<int:translation_id>/edit`); None: no route
    status: int
    duration_ms: float
    queries: int

    def as_json(self) -> str:
        fields = asdict(self) | {"time": self.time.isoformat(timespec="milliseconds")}
        return json.dumps(fields, ensure_ascii=True, separators=(",", ":"))

    def as_text(self) -> str:
        fields = asdict(self) | {"time": self.time.isoformat(timespec="milliseconds")}
        return " ".join(
            f"{name}={'-' if value is None else value}" for name, value in fields.items()
        )


class _Stderr(logging.StreamHandler[TextIO]):
    """Writes to whatever sys.stderr is at the time: test runners replace it per test, and a
    stream kept from the first test would be closed by the next."""

    def __init__(self) -> None:
        super().__init__(sys.stderr)

    @property
    def stream(self) -> TextIO:
        return sys.stderr

    @stream.setter
    def stream(self, _value: TextIO) -> None:
        pass

    def filter(self, record: logging.LogRecord) -> bool:
        return getattr(record, "to_stderr", True) and super().filter(record)


def install() -> None:
    """Give the logger its own handler (stderr, the message alone) unless one is configured.

    It does not propagate: Flask's handler on the `translate_flow` logger, and gunicorn's,
    would print each line a second time in their own format. An operator who configures
    this logger (gunicorn's `logconfig_dict`, say) keeps their handlers.
    """
    log.setLevel(logging.INFO)
    log.propagate = False
    if not log.handlers:
        handler = _Stderr()
        handler.setFormatter(logging.Formatter("%(message)s"))
        log.addHandler(handler)


def write(line: RequestLine, log_format: str, *, to_stderr: bool = True) -> None:
    """Log the line; `to_stderr=False` (the tests) leaves it to other handlers, such as
    pytest's, instead of printing thousands of lines beside the tests' own output."""
    message = line.as_json() if log_format == "json" else line.as_text()
    log.info(message, extra={"request_line": line, "to_stderr": to_stderr})
