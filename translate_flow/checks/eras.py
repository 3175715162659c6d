"""Japanese era years (和暦), Minguo years (民國, the Republic of China's calendar) and the
Gregorian years they stand for.

An era year is read as both numbers at once: 令和4年 is 2022 and also the 4 a translation may
keep ("Reiwa 4"), so either matches. 元年 is the era's first year. 民國113年 is 1911 + 113 = 2024.
"""

import re

# The Gregorian year before each era's first year: era year n is base + n.
ERA_BASES: dict[str, int] = {
    "明治": 1867,
    "大正": 1911,
    "昭和": 1925,
    "平成": 1988,
    "令和": 2018,
    "民國": 1911,
    "民国": 1911,
}
_LATIN_BASES: dict[str, int] = {
    "meiji": 1867,
    "taisho": 1911,
    "taishō": 1911,
    "showa": 1925,
    "shōwa": 1925,
    "heisei": 1988,
    "reiwa": 2018,
}

# The year part is digits (already made ASCII), kanji numerals, or 元 (the first year); a
# Minguo year has three digits since 2011 (民國一百一十三年).
KANJI_ERA = re.compile(
    r"(明治|大正|昭和|平成|令和|民國|民国)\s*(元|\d{1,3}|[〇一二三四五六七八九十百]{1,6})\s*年(度)?"
)
LATIN_ERA = re.compile(r"\b(Meiji|Taish[oō]|Sh[oō]wa|Heisei|Reiwa)\s+(\d{1,2})\b", re.IGNORECASE)


def gregorian(era: str, year: int) -> int:
    base = ERA_BASES.get(era)
    if base is None:
        base = _LATIN_BASES[era.lower()]
    return base + year
