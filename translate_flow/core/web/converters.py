"""The `int` URL converter of every route: an id that no INTEGER column can hold is no page.

Werkzeug's own reads any run of `\\d` (so "²" and "٣" too) and hands the view a number that
SQLite or PostgreSQL then refuse with an error, a 500. This one matches only what
`input_ranges.whole_number` accepts, so the router answers 404 as it does for any other id
that does not exist, before the view or any form check runs.
"""

from typing import Any

from werkzeug.routing import BaseConverter, Map, ValidationError

from translate_flow.core.input_ranges import MAX_INTEGER, whole_number


def at_most(limit: int) -> str:
    """A regular expression for the numbers 0 to `limit` in ASCII digits, as many as it has.

    `2147483647` gives `[0-9]{1,9}|[0-1][0-9]{9}|2[0-0][0-9]{8}|21[0-3][0-9]{7}|…|2147483647`:
    the shorter numbers, then for each digit of the limit the numbers that share the digits
    before it and have a smaller one there, then the limit itself.
    """
    digits = str(limit)
    parts = [f"[0-9]{{1,{len(digits) - 1}}}"] if len(digits) > 1 else []
    for place, digit in enumerate(int(d) for d in digits):
        if digit:
            rest = len(digits) - place - 1
            parts.append(f"{digits[:place]}[0-{digit - 1}]" + (f"[0-9]{{{rest}}}" if rest else ""))
    return "|".join([*parts, digits])


class IdConverter(BaseConverter):
    # The range is in the pattern, not only in to_python: Werkzeug answers 405 rather than
    # 404 when a path's pattern matches a route for another method and the value then fails.
    regex = f"(?:{at_most(MAX_INTEGER)})"
    weight = 50  # as Werkzeug's number converters: `/x/<int:id>` before `/x/<name>`

    def __init__(self, map: Map, *args: Any, **kwargs: Any) -> None:
        # Werkzeug's `int` takes min, max and signed; no route of the desk uses them.
        if args or kwargs:
            raise TypeError(f"the desk's int converter takes no arguments: {args} {kwargs}")
        super().__init__(map)

    def to_python(self, value: str) -> int:
        try:
            return whole_number(value)
        except ValueError:
            raise ValidationError() from None

    def to_url(self, value: Any) -> str:
        return str(int(value))
