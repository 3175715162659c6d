"""Countries by their ISO 3166 codes, named as CLDR names them."""

from functools import cache

from babel import Locale

# Two-letter CLDR territories that are not countries: unknown, unions, outlying
# groupings, and the pseudo-locales.
NOT_COUNTRIES = frozenset({"ZZ", "EU", "EZ", "UN", "QO", "XA", "XB"})


@cache
def country_names() -> dict[str, str]:
    """ISO 3166 alpha-2 codes with their English names, as CLDR has them."""
    territories = Locale("en").territories
    return {
        code: name
        for code, name in territories.items()
        if len(code) == 2 and code.isalpha() and code not in NOT_COUNTRIES
    }


def country_name(code: str) -> str:
    return country_names().get(code.upper(), code) if code else ""
