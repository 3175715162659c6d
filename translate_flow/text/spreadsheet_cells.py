"""Text written into a CSV that spreadsheets open: a cell that would run as a formula.

A cell beginning with one of OWASP's formula characters is written behind an apostrophe, which
spreadsheets show as text; reading such a file back takes the apostrophe away again.
"""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def inert(value: str) -> str:
    """The text as a cell no spreadsheet runs."""
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


def restored(value: str) -> str:
    """A cell `inert` wrote, as it was."""
    if value.startswith("'") and value[1:2] and value[1:2] in FORMULA_STARTS:
        return value[1:]
    return value
