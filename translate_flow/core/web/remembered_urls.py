"""Templates' `url_for`, remembered per app: the same endpoint and values give the same
address for as long as the app runs.

Every page's frame asks for twenty addresses that never change (the navigation's, the style
sheets'), and werkzeug matches each endpoint's rule and builds it anew: 7–19 µs each, 0.2–0.4 ms
of every page. The address depends on nothing else of the request but the root the app is
mounted at, which is part of the key (a proxy may send another with `X-Forwarded-Prefix`).
"""

from collections.abc import Callable
from typing import Any

from flask import has_request_context, request, url_for

# Addresses kept per app; past this many the store starts again, so that addresses with ids
# in them (each a different key) cannot grow it without end.
MOST_REMEMBERED = 4096


def remembering_url_for() -> Callable[..., str]:
    """A `url_for` for one app's templates, with its own store."""
    remembered: dict[tuple[Any, ...], str] = {}

    def remembered_url_for(endpoint: str, **values: Any) -> str:
        # External addresses, anchors, methods and schemes, relative endpoints (the
        # blueprint's) and calls outside a request are built every time.
        if (
            not has_request_context()
            or endpoint.startswith(".")
            or any(name.startswith("_") for name in values)
        ):
            return url_for(endpoint, **values)
        try:
            # The type too: page=True and page=1 are equal keys but different addresses.
            key = (
                request.script_root,
                endpoint,
                *sorted((n, type(v), v) for n, v in values.items()),
            )
            return remembered[key]
        except TypeError:  # a value that cannot be a key (a list of tags, say)
            return url_for(endpoint, **values)
        except KeyError:
            pass
        address = url_for(endpoint, **values)
        if len(remembered) >= MOST_REMEMBERED:
            remembered.clear()
        remembered[key] = address
        return address

    return remembered_url_for
