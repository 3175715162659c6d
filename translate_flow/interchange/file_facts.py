"""What an uploaded file says of its translation, rows and languages, read leniently: what is
not a plain number or a code is as good as absent, and the applying says what is missing."""

from translate_flow.text.languages import normalise_code


def whole_number(value: str | None) -> int | None:
    value = (value or "").strip()
    return int(value) if value.isascii() and value.isdigit() and len(value) <= 10 else None


def file_language(code: str | None) -> str | None:
    code = (code or "").strip()
    return normalise_code(code) if code else None
