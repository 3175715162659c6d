"""Languages with their names and writing direction, as Unicode CLDR (through Babel) has them."""

from dataclasses import dataclass
from functools import cache
from typing import Literal

from babel import Locale, UnknownLocaleError
from babel.localedata import locale_identifiers

from translate_flow.errors import UnknownLanguage

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
    try:
        locale = Locale.parse(normalised, sep="-")
    except (UnknownLocaleError, ValueError, TypeError) as error:
        raise UnknownLanguage(
            f"“{code}” is not a language code we know (try e.g. ja, zh, ar)."
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
def all_languages() -> tuple[Language, ...]:
    """Every base language CLDR describes, sorted by English name: the choices offered in forms."""
    languages = (get_language(code) for code in locale_identifiers() if "_" not in code)
    return tuple(sorted(languages, key=lambda language: language.name.casefold()))
