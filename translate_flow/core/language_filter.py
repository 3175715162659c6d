"""Matching a language code column in SQL: `es` finds `es` and every `es-XX`."""

from sqlalchemy import ColumnElement, SQLColumnExpression, and_, bindparam

from translate_flow.text.languages import base_language, get_language, is_known


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


# The bind parameters of `bound_variants`: a statement built once takes a filter's code as these.
LANGUAGE_FROM = "language_from"
LANGUAGE_TO = "language_to"


def bound_variants(column: SQLColumnExpression[str]) -> ColumnElement[bool]:
    """`with_variants` with the range left as bind parameters, whose values `variant_values`
    gives."""
    return and_(column >= bindparam(LANGUAGE_FROM), column < bindparam(LANGUAGE_TO))


def variant_values(typed: str) -> dict[str, str]:
    """`bound_variants`' values for a language filter as typed: `ES` is `es`, and `es` also
    finds `es-AR`."""
    code = typed.strip()
    code = get_language(code).code if is_known(code) else code
    low, high = variant_range(code)
    return {LANGUAGE_FROM: low, LANGUAGE_TO: high}


def covers(column: SQLColumnExpression[str], code: str) -> ColumnElement[bool]:
    """`es` and every `es-XX`, as `domain.standing.pair_rows` matches pairs, in SQL."""
    return with_variants(column, base_language(code))
