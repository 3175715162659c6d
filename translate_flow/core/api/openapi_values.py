"""The schemas of the values the API reads, stated from the ranges its readers apply.

`api.inputs` refuses what these do not allow, with the same bounds (`input_ranges`), so that
the document and the server agree on every number and date; Schemathesis checks both ways
(tests/web/test_api_schema.py).
"""

from typing import Any

from translate_flow.core.input_ranges import CALENDAR, EARLIEST_YEAR, LATEST_YEAR, MAX_INTEGER

assert (EARLIEST_YEAR, LATEST_YEAR) == (1000, 8999), "update YEAR below"
# The year as written; the readers check it before a zone is applied (input_ranges).
YEAR = "^[1-8][0-9]{3}-"

ID: dict[str, Any] = {"type": "integer", "minimum": 1, "maximum": MAX_INTEGER}
ID_OR_NULL: dict[str, Any] = {"type": ["integer", "null"], "minimum": 1, "maximum": MAX_INTEGER}
VERSION: dict[str, Any] = {"type": "integer", "minimum": 0, "maximum": MAX_INTEGER}
PAGE: dict[str, Any] = {"type": "integer", "minimum": 1, "maximum": MAX_INTEGER, "default": 1}
DATE: dict[str, Any] = {
    "type": "string",
    "format": "date",
    "pattern": YEAR,
    "description": f"A date {CALENDAR}",
}
MOMENT: dict[str, Any] = {
    "type": "string",
    "format": "date-time",
    "pattern": YEAR,
    "description": f"RFC 3339, with its time zone, {CALENDAR}",
}
# Text that must say something: the desk trims it and refuses what is left empty.
SOME_TEXT: dict[str, Any] = {"type": "string", "pattern": r"\S"}
# The shape of a BCP 47 tag; the language must also be one CLDR describes.
LANGUAGE: dict[str, Any] = {
    "type": "string",
    "pattern": "^[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8})*$",
    "examples": ["ja", "zh-Hant", "pt-BR"],
}
# An http(s) address, or empty for none.
WEB_ADDRESS: dict[str, Any] = {
    "type": "string",
    "pattern": r"^([Hh][Tt][Tt][Pp][Ss]?://[^\s/?#]+\S*)?$",
    "maxLength": 2000,
    "examples": ["https://www.asahi.com/articles/ASR5.html"],
}


def per_page(default: int) -> dict[str, Any]:
    return {
        "type": "integer",
        "minimum": 1,
        "maximum": MAX_INTEGER,
        "default": default,
        "description": "A page holds at most 100; a larger number is read as 100.",
    }


def id_in(location: str, name: str, description: str = "") -> dict[str, Any]:
    """A parameter that names a row by its id."""
    parameter: dict[str, Any] = {"name": name, "in": location, "schema": ID}
    if location == "path":
        parameter["required"] = True
    if description:
        parameter["description"] = description
    return parameter
