"""Japanese era years (和暦), Minguo years (民國, the Republic of China's calendar), fiscal
years, and the Gregorian years they stand for.

An era year is read as both numbers at once: 令和4年 is 2022 and also the 4 a translation may
keep ("Reiwa 4"), so either matches. 元年 is the era's first year. 民國113年 is 1911 + 113 = 2024.

A Japanese fiscal year (年度) is named by the year it starts in: 2024年度 runs from April 2024
to March 2025. English names a fiscal year by its end ("the fiscal year ended March 2025"), as
does 2025年3月期: both are 2024年度, and neither is 2025年度.
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


_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
# "the fiscal year ended March 2025", "FY ending March 31, 2025", "the year to March 2025".
FISCAL_END = re.compile(
    r"\b(?:(?:fiscal|financial|business|accounting)\s+year|FY|year|(?:12|twelve)\s+months)"
    r"\s+(?:that\s+)?(?:ended|ending|ends|to|through)\s+(?:in\s+)?"
    r"(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?(?:\s+\d{1,2})?,?\s+(\d{4})\b",
    re.IGNORECASE,
)
# 2025年3月期: the business period that ends in March 2025.
PERIOD_END = re.compile(r"年(\d{1,2})月期")


def fiscal_start(end_year: int, end_month: int) -> int:
    """The calendar year a fiscal year ending in `end_month` of `end_year` starts in."""
    return end_year if end_month == 12 else end_year - 1


def month_number(name: str) -> int:
    return _MONTHS[name[:3].lower()]
