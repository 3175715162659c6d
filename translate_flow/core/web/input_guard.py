"""Text no database can store is refused at the door, for every page and API route at once.

PostgreSQL refuses a NUL character in a text value, and no driver encodes an unpaired
surrogate (JSON can spell one, `"\\ud800"`) as UTF-8; either would reach the database from
any field of any form, query string, URL or JSON body and fail there as a 500. Checking
each field of each view would miss the next one, so the whole request is checked once,
before the view runs.
"""

from collections.abc import Iterator
from typing import Any

from flask import Flask, request

from translate_flow.core.errors import ValidationFailed
from translate_flow.core.input_ranges import is_storable


def _strings(value: Any, where: str) -> Iterator[tuple[str, str]]:
    """Every string in a JSON value (keys too), with the field it was found in."""
    # A stack, not recursion: the parser takes nesting nearly as deep as Python's own limit.
    stack = [(value, where)]
    while stack:
        value, where = stack.pop()
        if isinstance(value, str):
            yield where, value
        elif isinstance(value, dict):
            for key, item in value.items():
                yield where, key
                stack.append((item, key))
        elif isinstance(value, list):
            stack.extend((item, where) for item in value)


def _json_body() -> Any:
    try:
        # Cached: the view's own get_json(silent=True) reads this same parse.
        return request.get_json(silent=True)
    except RecursionError:
        # Python's parser gives up on a few thousand nested brackets with an error that
        # `silent` does not cover.
        raise ValidationFailed(
            "The JSON body is nested too deeply to read; nothing was changed."
        ) from None


def _request_strings() -> Iterator[tuple[str, str]]:
    for value in (request.view_args or {}).values():
        if isinstance(value, str):
            yield "the address", value
    for source in (request.args, request.form):
        for name, values in source.lists():
            yield name, name
            for value in values:
                yield name, value
    if request.is_json:
        yield from _strings(_json_body(), "the JSON body")


def refuse_unstorable_text() -> None:
    for where, text in _request_strings():
        if not is_storable(text):
            raise ValidationFailed(
                f"{where} contains a NUL character (U+0000) or half of a UTF-16 surrogate "
                "pair, which cannot be stored. Remove it and try again; nothing was changed."
            )


def init_app(app: Flask) -> None:
    app.before_request(refuse_unstorable_text)
