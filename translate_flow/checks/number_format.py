"""Writing a value the way a language's newspapers write it: for the check's messages (in
English) and for tests that render a source's numbers in the target's convention."""

from typing import Literal

Style = Literal["digits", "scale"]

_SCALE_WORDS = {
    "en": ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")),
    "de": ((1e12, "Billionen"), (1e9, "Milliarden"), (1e6, "Millionen")),
    "es": ((1e12, "billones"), (1e9, "mil millones"), (1e6, "millones")),
    "ru": ((1e12, "трлн"), (1e9, "млрд"), (1e6, "млн")),
    "ar": ((1e12, "تريليون"), (1e9, "مليار"), (1e6, "مليون")),
}
_MARKS = {"de": (".", ","), "es": (".", ","), "ru": ("\u00a0", ",")}  # (group, decimal)


def _trim(value: float, places: int = 6) -> str:
    text = f"{value:.{places}f}".rstrip("0").rstrip(".")
    return text or "0"


def _grouped(value: float, group: str, decimal: str) -> str:
    whole, _, fraction = _trim(value).partition(".")
    digits = whole.lstrip("-")
    groups: list[str] = []
    while len(digits) > 3:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    groups.insert(0, digits)
    # Four-digit numbers stay ungrouped (years, and German and Russian house style).
    joined = "".join(groups) if len(whole) == 4 else group.join(groups)
    return joined + (decimal + fraction if fraction else "")


def render(value: float, language: str, style: Style = "digits") -> str:
    """`value` in `language`'s convention: 1550000000000 → "1.55 trillion", "1兆5500億"."""
    language = language.split("-")[0].lower()
    if language in ("ja", "zh"):
        return _render_cjk(value, language) if style == "scale" else _grouped(value, ",", ".")
    group, decimal = _MARKS.get(language, (",", "."))
    if style == "scale" and value >= 1e6:
        for size, word in _SCALE_WORDS.get(language, _SCALE_WORDS["en"]):
            if value >= size:
                return f"{_trim(value / size).replace('.', decimal)} {word}"
    return _grouped(value, group, decimal)


def _render_cjk(value: float, language: str) -> str:
    if value != int(value):
        return _trim(value)
    units = ((10**12, "兆"), (10**8, "億" if language == "ja" else "亿"), (10**4, "万"))
    rest = int(value)
    parts: list[str] = []
    for size, char in units:
        if rest >= size:
            parts.append(f"{rest // size}{char}")
            rest %= size
    if rest or not parts:
        parts.append(str(rest))
    return "".join(parts)


def describe(value: float) -> str:
    """A value in plain English for a message: 1.55 trillion, 15,500, 2.5."""
    for size, word in _SCALE_WORDS["en"]:
        if value >= size:
            return f"{_trim(value / size, 4)} {word}"
    return _grouped(value, ",", ".") if value >= 10000 else _trim(value, 4)
