"""The request id: one short reference per request, in the log line, the answer's header and
the error page, so that a volunteer can quote it and an admin can find the request."""

import re
import uuid

from flask import g

HEADER = "X-Request-ID"
# A proxy's id is kept when it is plainly an id: anything longer or with other characters
# could carry text into the logs (or break a log line), so it is replaced.
SAFE = re.compile(r"[A-Za-z0-9._-]{1,64}")


def chosen(incoming: str | None) -> str:
    """The incoming id when it is short and safe, else a new one."""
    if incoming is not None and SAFE.fullmatch(incoming):
        return incoming
    return uuid.uuid4().hex


def current() -> str:
    """The current request's id; made now if the request has none yet (an error raised
    before the request's first hook ran)."""
    if "request_id" not in g:
        g.request_id = uuid.uuid4().hex
    value: str = g.request_id
    return value
