"""A statistics table as a CSV download, as spreadsheets open it."""

import codecs
import csv
import io

from flask import Response

from translate_flow.statistics.tables import Cell, Table

# What a spreadsheet runs as a formula when a cell begins with it (OWASP's list): a person's
# or an outlet's name is written behind an apostrophe when it begins so.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Cell) -> Cell:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def table_csv(table: Table) -> bytes:
    """UTF-8 with its byte order mark (without it, Excel reads Japanese names as Latin-1)."""
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(table.headers)
    writer.writerows([_cell(value) for value in row] for row in table.rows)
    return codecs.BOM_UTF8 + out.getvalue().encode()


def csv_response(table: Table, filename: str) -> Response:
    return Response(
        table_csv(table),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
