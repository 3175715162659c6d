"""A statistics table as a CSV download, as spreadsheets open it."""

import codecs
import csv
import io

from flask import Response

from translate_flow.statistics.tables import Cell, Table
from translate_flow.text.spreadsheet_cells import inert


def _cell(value: Cell) -> Cell:
    """A person's or an outlet's name that a spreadsheet would run is written as text."""
    return inert(value) if isinstance(value, str) else value


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
