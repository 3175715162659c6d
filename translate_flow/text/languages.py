"""Languages with their names and writing direction, as Unicode CLDR (through Babel) has them."""

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

import babel
from babel import Locale, UnknownLocaleError
from babel.localedata import locale_identifiers

from translate_flow.core.errors import UnknownLanguage
from translate_flow.text.collation import collation_key
from translate_flow.text.language_table import LANGUAGES

Direction = Literal["ltr", "rtl"]


@dataclass(frozen=True)
class Language:
    code: str
    name: str
    native_name: str
    direction: Direction

    @property
    def label(self) -> str:
        """English name with the native one beside it when they differ."""
        if self.native_name and self.native_name.casefold() != self.name.casefold():
            return f"{self.name} ({self.native_name})"
        return self.name


def normalise_code(code: str) -> str:
    """`pt_BR`, `PT-br` and ` pt-BR ` all become `pt-BR` (BCP 47 spelling)."""
    parts = code.strip().replace("_", "-").split("-")
    head, rest = parts[0].lower(), parts[1:]
    return "-".join([head, *(part.upper() if len(part) == 2 else part.title() for part in rest)])


@cache
def get_language(code: str) -> Language:
    """The language for a code such as `ja`, `zh-Hant` or `pt-BR`; raises UnknownLanguage."""
    normalised = normalise_code(code) if code else ""
    known = _table().get(normalised)
    return known if known is not None else describe(normalised, code)


def describe(normalised: str, code: str | None = None) -> Language:
    """The language as CLDR has it, read from the locale's own data (about 0.3 MB each)."""
    try:
        locale = Locale.parse(normalised, sep="-")
    except (UnknownLocaleError, ValueError, TypeError) as error:
        raise UnknownLanguage(
            f"“{code or normalised}” is not a language code we know (try e.g. ja, zh, ar)."
        ) from error
    direction: Direction = "rtl" if locale.text_direction == "rtl" else "ltr"
    return Language(
        code=normalised,
        name=locale.get_display_name("en") or normalised,
        native_name=locale.get_display_name(locale) or "",
        direction=direction,
    )


def is_known(code: str) -> bool:
    try:
        get_language(code)
    except UnknownLanguage:
        return False
    return True


@cache
def _table() -> dict[str, Language]:
    return {
        code: Language(code, name, native_name, direction)
        for code, name, native_name, direction in LANGUAGES
    }


@cache
def all_languages() -> tuple[Language, ...]:
    """Every base language CLDR describes, sorted by English name: the choices offered in forms.

    Read from `language_table`, made from CLDR once: describing all 331 languages from Babel
    loads every locale's data, and Babel keeps it, about 90 MB in each worker.
    """
    return tuple(sorted(_table().values(), key=lambda language: collation_key(language.name)))


def base_languages_from_cldr() -> list[Language]:
    """What `language_table` holds, as the installed Babel describes it now."""
    return [describe(code) for code in sorted(locale_identifiers()) if "_" not in code]


TABLE_PATH = Path(__file__).with_name("language_table.py")


def write_language_table(path: Path = TABLE_PATH) -> None:
    # JSON's string literals are Python's too, and in the double quotes the formatter wants.
    rows = "".join(
        "    ({}),\n".format(
            ", ".join(
                json.dumps(value, ensure_ascii=False)
                for value in (lang.code, lang.name, lang.native_name, lang.direction)
            )
        )
        for lang in base_languages_from_cldr()
    )
    path.write_text(
        '"""Every base language of Unicode CLDR: code, English name, own name, direction.\n\n'
        f"Made from Babel {babel.__version__} by `python -m translate_flow.text.languages`;\n"
        'do not edit by hand (a test compares it with the installed Babel)."""\n\n'
        "from typing import Literal\n\n"
        'LANGUAGES: tuple[tuple[str, str, str, Literal["ltr", "rtl"]], ...] = (\n'
        f"{rows})\n",
        encoding="utf-8",
    )


if __name__ == "__main__":
    write_language_table()


def base_language(code: str) -> str:
    """The language of a code without its region or script: `es-AR` → `es`, `zh-Hant` → `zh`.
    Pairs are matched on it, in Python and in SQL (`core.language_filter.covers`)."""
    return code.split("-")[0].lower()
