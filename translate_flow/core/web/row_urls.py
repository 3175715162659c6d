"""Addresses of a list's rows, each an id in the same route: `url_for` once per list.

`url_for` matches the endpoint's rule and builds the address anew for every row (7 µs each;
the article list's 25 rows and the public list's 20 publications, each with an outlet and a
translator, spent 0.2–0.3 ms of a page on it). The address is the same but for the id.
"""

from typing import Any

from flask import request, url_for

# An id no row has, written into the route once and replaced by each row's.
_PLACEHOLDER = 987654321987
_MADE = "translate_flow.row_urls"


def id_url(endpoint: str, name: str, value: int) -> str:
    """`url_for(endpoint, **{name: value})` for an integer `value` (the route's `int`
    converter writes it as its digits), from the address built once per request."""
    # In the request's own environ, not in `g`, whose app context may outlive the request
    # (a test's, a command's) and another request's root with it.
    made: dict[tuple[str, str], tuple[str, str]] = request.environ.setdefault(_MADE, {})
    key = (endpoint, name)
    parts = made.get(key)
    if parts is None:
        values: dict[str, Any] = {name: _PLACEHOLDER}
        before, _placeholder, after = url_for(endpoint, **values).rpartition(str(_PLACEHOLDER))
        parts = made[key] = (before, after)
    return f"{parts[0]}{int(value)}{parts[1]}"
