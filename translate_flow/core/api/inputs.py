"""What an API request sends, read field by field: a JSON object and the query string.

Each reader refuses, with a 400 that names the field, what the OpenAPI document does not
allow: the wrong type, and numbers and dates outside `translate_flow.core.input_ranges` (the
ranges every database holds). The document states the same ranges (`openapi_values`), so a
client that follows it is never refused for the form of its input, only for what it means
(an unknown person, a date in the past).
"""

import re
from datetime import date, datetime
from typing import Any

from flask import request

from translate_flow.core.api.openapi_values import LANGUAGE
from translate_flow.core.errors import UnknownLanguage, ValidationFailed
from translate_flow.core.input_ranges import (
    CALENDAR,
    MAX_INTEGER,
    in_range,
    parse_date,
    parse_moment,
)
from translate_flow.core.input_ranges import whole_number as read_whole_number
from translate_flow.text.languages import get_language, normalise_code

MAX_PER_PAGE = 100
TRUE_FALSE = {"true": True, "1": True, "false": False, "0": False, "": False}
_LANGUAGE_CODE = re.compile(LANGUAGE["pattern"])


def json_object(allowed: set[str]) -> dict[str, Any]:
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        raise ValidationFailed(
            "Send a JSON object with the fields described in /api/v1/openapi.json."
        )
    unknown = set(data) - allowed
    if unknown:
        raise ValidationFailed(f"Unknown field(s): {', '.join(sorted(unknown))}.")
    return data


def string(data: dict[str, Any], name: str, default: str = "") -> str:
    """The field's text, or `default` when it is absent; null is not a string."""
    value = data.get(name, default)
    if not isinstance(value, str):
        raise ValidationFailed(f"{name} must be a string.")
    return value


def language(data: dict[str, Any], name: str, max_chars: int) -> str:
    """A required language code, as CLDR spells it (`zh-Hant`); 400 for one it does not know."""
    if name not in data:
        raise ValidationFailed(f"{name} is required: a language code such as ja, en or zh-Hant.")
    value = string(data, name)
    if len(value) > max_chars or not _LANGUAGE_CODE.fullmatch(value):
        raise ValidationFailed(f"{name} must be a language code such as ja, en or zh-Hant.")
    try:
        return get_language(normalise_code(value)).code
    except UnknownLanguage as error:
        raise UnknownLanguage(f"{name}: {error.message}") from None


def boolean(data: dict[str, Any], name: str) -> bool | None:
    """The flag, or None when it was left out; null is not a flag (the document says so)."""
    value = data.get(name)
    if name in data and not isinstance(value, bool):
        raise ValidationFailed(f"{name} must be true or false.")
    return value


def integer(
    data: dict[str, Any],
    name: str,
    *,
    minimum: int = 0,
    maximum: int = MAX_INTEGER,
    what: str = "a whole number",
    message: str = "",
) -> int | None:
    """A JSON number with no fraction, within the range; None when absent or null.

    `3.0` is one too: JSON has one kind of number, and JSON Schema's "integer" takes it.
    """
    value = data.get(name)
    if value is None:
        return None
    try:
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if not isinstance(value, int) or isinstance(value, bool):
            raise ValueError(name)
        return in_range(value, minimum, maximum)
    except ValueError:
        raise ValidationFailed(
            message or f"{name} must be {what} from {minimum} to {maximum}."
        ) from None


def identifier(data: dict[str, Any], name: str, what: str = "a whole number") -> int | None:
    """An id: a number an INTEGER column holds, from 1 (no row has 0)."""
    return integer(data, name, minimum=1, what=what)


def json_date(value: Any, name: str) -> date | None:
    if value is None:
        return None
    try:
        if not isinstance(value, str):
            raise ValueError(name)
        return parse_date(value)
    except ValueError:
        raise ValidationFailed(f"{name} must be a date such as 2026-11-25, {CALENDAR}.") from None


def json_moment(value: Any, name: str) -> datetime | None:
    """A date-time with its zone, as UTC; None when null."""
    if value is None:
        return None
    try:
        if not isinstance(value, str):
            raise ValueError(name)
        return parse_moment(value)
    except ValueError:
        raise ValidationFailed(
            f"{name} must be a date and time with a time zone, e.g. 2026-11-25T17:00:00Z, "
            f"{CALENDAR}."
        ) from None


def query_number(
    name: str, default: int | None = None, *, minimum: int = 1, message: str = ""
) -> int | None:
    """The query parameter as a whole number, or `default` when it is absent."""
    text = request.args.get(name)
    if text is None:
        return default
    try:
        return read_whole_number(text, minimum)
    except ValueError:
        raise ValidationFailed(
            message or f"{name} must be a whole number from {minimum} to {MAX_INTEGER}."
        ) from None


def paging(message: str = "", per_page: int = 25) -> tuple[int, int]:
    """`page` and `per_page`, from 1; a page holds at most MAX_PER_PAGE, whatever is asked."""
    page = query_number("page", 1, message=message)
    size = query_number("per_page", per_page, message=message)
    assert page is not None and size is not None
    return page, min(MAX_PER_PAGE, size)


def query_flag(name: str) -> bool:
    value = request.args.get(name, "").lower()
    if value not in TRUE_FALSE:
        raise ValidationFailed(f"{name} must be true or false.")
    return TRUE_FALSE[value]


def query_date(name: str) -> date | None:
    """A date filter; absent is no filter. Unlike the desk's forms, empty is not absent."""
    if name not in request.args:
        return None
    return json_date(request.args[name], name)
