"""The numbers, dates and text the desk accepts from outside, whichever way they come in.

One rule for the URL, the query string, a form and a JSON body, so that the answer to a
number or a date the database cannot hold is "not found" (in a path) or a 400 that says why
(anywhere else), never a 500:

- An id or a count is written in ASCII digits and fits an INTEGER column: the smaller of
  PostgreSQL's (32 bits, it raises NumericValueOutOfRange beyond) and SQLite's (64 bits,
  sqlite3 raises OverflowError beyond). Python reads any number of digits, and `\\d` also
  matches digits like "²" that `int()` then refuses.
- A date lies in the years 1000 to 8999, and a date-time is written with its time zone.
  Python's calendar ends at the years 1 and 9999, so `9999-12-31T23:59:59-12:00` has no UTC
  moment at all, and one a few days from either end overflows as soon as the desk adds a
  grace period to it; a thousand years' margin keeps every offset and every sum inside.
- Text holds no NUL character (PostgreSQL refuses to store one) and no unpaired surrogate
  (which no database driver can encode as UTF-8).
"""

import re
from datetime import UTC, date, datetime

MAX_INTEGER = 2**31 - 1
EARLIEST_YEAR = 1000
LATEST_YEAR = 8999
CALENDAR = f"between the years {EARLIEST_YEAR} and {LATEST_YEAR}"

# Ten digits is the most MAX_INTEGER needs; the bound keeps `int()` away from long strings.
_WHOLE_NUMBER = re.compile(r"[0-9]{1,10}")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# A date, "T" (or a space), a time with optional fractions, and a zone: what RFC 3339 allows.
_ISO_MOMENT = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,6})?)?"
    r"([Zz]|[+-][0-9]{2}:[0-9]{2})"
)
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def whole_number(text: str, minimum: int = 0, maximum: int = MAX_INTEGER) -> int:
    """`text` as an int if it is ASCII digits from `minimum` to `maximum`; else ValueError.

    Fits `request.args.get(name, default, type=whole_number)`, which falls back to the
    default for a value it refuses, as it does for one that is not a number at all.
    """
    if not isinstance(text, str) or not _WHOLE_NUMBER.fullmatch(text):
        raise ValueError(f"not a whole number from {minimum} to {maximum}: {text!r:.40}")
    return in_range(int(text), minimum, maximum)


def in_range(value: int, minimum: int = 0, maximum: int = MAX_INTEGER) -> int:
    if not minimum <= value <= maximum:
        raise ValueError(f"not a whole number from {minimum} to {maximum}: {str(value)[:40]}")
    return value


def in_calendar(day: date) -> bool:
    return EARLIEST_YEAR <= day.year <= LATEST_YEAR


def parse_date(text: str) -> date:
    """`2026-11-25` as a date in the calendar; ValueError for any other spelling or year.

    `date.fromisoformat` alone would also take `20261125` and `2026-W48-3`.
    """
    if not _ISO_DATE.fullmatch(text):
        raise ValueError(f"not a date such as 2026-11-25: {text!r:.40}")
    day = date.fromisoformat(text)
    if not in_calendar(day):
        raise ValueError(f"not {CALENDAR}: {text}")
    return day


def parse_moment(text: str) -> datetime:
    """An RFC 3339 date-time with its zone, as an aware UTC datetime; else ValueError.

    The year is checked as written, before the zone is applied: the zone can then move the
    moment by a day at most, which the calendar's margin absorbs.
    """
    if not _ISO_MOMENT.fullmatch(text):
        raise ValueError(f"not a date and time with a time zone: {text!r:.40}")
    moment = datetime.fromisoformat(text.upper().replace("Z", "+00:00"))
    if not in_calendar(moment.date()):
        raise ValueError(f"not {CALENDAR}: {text}")
    return moment.astimezone(UTC)


def is_storable(text: str) -> bool:
    """Whether every database the desk runs on can store `text` as it is."""
    return _UNSTORABLE.search(text) is None


def whole_number_or_none(text: str | None) -> int | None:
    """`whole_number(text)`, or None for what it refuses: a filter a page drops, not an error."""
    try:
        return whole_number(text or "")
    except ValueError:
        return None
