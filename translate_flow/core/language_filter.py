"""Matching a language code column in SQL: `es` finds `es` and every `es-XX`."""

from sqlalchemy import ColumnElement, SQLColumnExpression, and_

from translate_flow.text.languages import base_language


def with_variants(column: SQLColumnExpression[str], code: str) -> ColumnElement[bool]:
    """The code itself and its regional variants (`es-AR` for `es`), as a range.

    Codes hold letters and hyphens only, and "-" sorts just before ".", so the range
    [code, code + ".") is exactly the code and the codes that start with "code-". Unlike
    `= code OR LIKE 'code-%'`, an index on the column serves it.
    """
    low, high = variant_range(code)
    return and_(column >= low, column < high)


def variant_range(code: str) -> tuple[str, str]:
    """The range of codes `with_variants` finds: from `code` to just before `code + "."`."""
    return code, code + "."


def covers(column: SQLColumnExpression[str], code: str) -> ColumnElement[bool]:
    """`es` and every `es-XX`, as `domain.standing.pair_rows` matches pairs, in SQL."""
    return with_variants(column, base_language(code))
