"""Language codes as the desk writes them (BCP 47: `es`, `pt-BR`, `zh-Hant`) and as providers do.

Apertium speaks ISO 639-3 with variants after an underscore (`spa`, `eng_US`, `cat_valencia`);
DeepL upper-case codes with a few regional targets (`EN-US`, `PT-BR`, `ZH-HANS`); Google
`zh-CN`/`zh-TW` for the two Chinese scripts. The 639-3 names come from CLDR's language aliases
(through Babel), so every language CLDR knows has one.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache

from babel.core import get_global

# CLDR lists several three-letter aliases for some languages: ISO 639-2/B spellings (`ger`,
# `fre`) and individual languages of a macrolanguage (`arb`, `cmn`). Providers use the
# terminology or macrolanguage code, which these pick.
_PREFERRED_639_3 = {
    "ak": "aka", "ar": "ara", "ay": "aym", "az": "aze", "bo": "bod", "cr": "cre", "cs": "ces",
    "cy": "cym", "de": "deu", "dz": "dzo", "el": "ell", "et": "est", "eu": "eus", "fa": "fas",
    "ff": "ful", "fr": "fra", "gn": "grn", "gu": "guj", "hr": "hrv", "hy": "hye", "ik": "ipk",
    "is": "isl", "iu": "iku", "ka": "kat", "kg": "kon", "kr": "kau", "ku": "kur", "kv": "kom",
    "lv": "lav", "mg": "mlg", "mi": "mri", "mk": "mkd", "mn": "mon", "ms": "msa", "my": "mya",
    "ne": "nep", "nl": "nld", "oj": "oji", "om": "orm", "or": "ori", "ps": "pus", "qu": "que",
    "ro": "ron", "sa": "san", "sc": "srd", "sk": "slk", "sq": "sqi", "sr": "srp", "sw": "swa",
    "uz": "uzb", "yi": "yid", "za": "zha", "zh": "zho",
}  # fmt: skip


def split_code(code: str) -> tuple[str, list[str]]:
    """`pt-BR` → ("pt", ["BR"]); `eng_US` → ("eng", ["US"])."""
    parts = [part for part in code.strip().replace("_", "-").split("-") if part]
    if not parts:
        raise ValueError("empty language code")
    return parts[0].lower(), parts[1:]


def _subtag(part: str) -> str:
    if len(part) == 4 and part.isalpha():
        return part.title()  # a script: Hant, Latn
    if (len(part) == 2 and part.isalpha()) or (len(part) == 3 and part.isdigit()):
        return part.upper()  # a region: BR, 419
    return part.lower()  # a variant: valencia


def desk_code(code: str) -> str:
    """Any provider's spelling of a language as the desk writes it: `EN-US` → `en-US`."""
    head, rest = split_code(code)
    return "-".join([head, *(_subtag(part) for part in rest)])


@cache
def _aliases_to_desk() -> dict[str, str]:
    aliases: Mapping[str, str] = get_global("language_aliases")
    return {
        alias: desk_code(target)
        for alias, target in aliases.items()
        if len(alias) == 3 and alias.isalpha()
    }


@cache
def _desk_to_639_3() -> dict[str, str]:
    reverse: dict[str, str] = {}
    for alias, target in sorted(_aliases_to_desk().items()):
        reverse.setdefault(target, alias)
    reverse.update(_PREFERRED_639_3)
    return reverse


def from_iso639_3(code: str) -> str:
    """Apertium's `spa` → `es`, `eng_US` → `en-US`, `hbs` → `sr-Latn`; unknown codes kept."""
    head, rest = split_code(code)
    base = _aliases_to_desk().get(head, head) if len(head) == 3 else head
    return desk_code("-".join([base, *rest]))


def to_iso639_3(code: str) -> str:
    """The desk's `es` → `spa`, `en-US` → `eng_US`, `pt-BR` → `por_BR`; no 639-3 name: kept."""
    normalised = desk_code(code)
    whole = _desk_to_639_3().get(normalised)
    if whole is not None:
        return whole  # sr-Latn → hbs
    head, rest = split_code(normalised)
    base = _desk_to_639_3().get(head, head) if len(head) == 2 else head
    return "_".join([base, *(_subtag(part) for part in rest)])


def base_language(code: str) -> str:
    """`pt-BR` → `pt`."""
    return split_code(code)[0]


# --- DeepL -----------------------------------------------------------------------------------

# DeepL deprecated the bare targets EN and PT; a desk language without a region needs one.
_DEEPL_DEFAULT_TARGET = {"en": "EN-US", "pt": "PT-PT", "zh": "ZH-HANS"}
_DEEPL_SCRIPTS = {
    "zh-Hans": "ZH-HANS",
    "zh-Hant": "ZH-HANT",
    "zh-CN": "ZH-HANS",
    "zh-TW": "ZH-HANT",
}


def to_deepl_source(code: str) -> str:
    """DeepL's source codes have no region: `pt-BR` → `PT`."""
    return base_language(code).upper()


def to_deepl_target(code: str, offered: frozenset[str] | None = None) -> str:
    """`en` → `EN-US`, `pt-BR` → `PT-BR`, `zh-Hant` → `ZH-HANT`, `de` → `DE`.

    offered: DeepL's target codes from /v2/languages, to fall back to the base language when
    DeepL has no such regional target (`es-MX` → `ES` unless it lists `ES-MX`).
    """
    normalised = desk_code(code)
    base = base_language(normalised)
    candidates = []
    if normalised in _DEEPL_SCRIPTS:
        candidates.append(_DEEPL_SCRIPTS[normalised])
    if normalised != base:
        candidates.append(normalised.upper())
    if base in _DEEPL_DEFAULT_TARGET:
        candidates.append(_DEEPL_DEFAULT_TARGET[base])
    candidates.append(base.upper())
    if offered is None:
        return candidates[0]
    for candidate in candidates:
        if candidate in offered:
            return candidate
    return candidates[-1]


# --- Google ----------------------------------------------------------------------------------

_GOOGLE_FROM_DESK = {"zh-Hans": "zh-CN", "zh-Hant": "zh-TW", "he": "iw", "jv": "jw"}
_GOOGLE_TO_DESK = {"zh-CN": "zh-Hans", "zh-TW": "zh-Hant", "iw": "he", "jw": "jv"}


def to_google(code: str) -> str:
    normalised = desk_code(code)
    return _GOOGLE_FROM_DESK.get(normalised, normalised)


def from_google(code: str) -> str:
    normalised = desk_code(code)
    return _GOOGLE_TO_DESK.get(normalised, normalised)
