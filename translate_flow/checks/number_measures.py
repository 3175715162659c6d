"""What a number counts, where the words right after it say so plainly: years, companies,
countries, people, or times (倍).

The numbers check matches values as sets, so two numbers swapped within a sentence (5社 and
12カ国 as "12 firms" and "five countries") match each other. A measure read on both sides tells
them apart: a value that matches only a number counting something else is reported. Only
nouns whose meaning is unmistakable are listed; a number followed by anything else counts
nothing known, and matches a number of any measure, so that a translator's choice of noun
("800 workers" for 800名) never raises a finding.
"""

import re

YEARS = "years"
COMPANIES = "companies"
COUNTRIES = "countries"
PEOPLE = "people"
TIMES = "times"
# A percentage, percentage point or 割 counts this; the reader knows it by the number's kind.
SHARE = "percent"

_CJK = (
    (re.compile(r"年(?:間|度|前|後|代|以上|以内|連続|ぶり|来)?"), YEARS),
    (re.compile("社"), COMPANIES),
    (re.compile(r"[カかヵヶ箇个個](?:国|國)|(?:国|國)(?![内際民会道立債産土])"), COUNTRIES),
    (re.compile("倍"), TIMES),
    (re.compile("[人名](?!目)"), PEOPLE),
)
_CJK_INITIALS = frozenset("年社カかヵヶ箇个個国國倍人名")

_NOUNS: dict[str, dict[str, str]] = {
    "en": {
        "year": YEARS, "years": YEARS, "company": COMPANIES, "companies": COMPANIES,
        "firm": COMPANIES, "firms": COMPANIES, "businesses": COMPANIES,
        "corporations": COMPANIES, "countries": COUNTRIES, "country": COUNTRIES,
        "nations": COUNTRIES, "nation": COUNTRIES, "times": TIMES, "fold": TIMES,
        "people": PEOPLE, "persons": PEOPLE,
    },
    "de": {
        "jahr": YEARS, "jahre": YEARS, "jahren": YEARS, "unternehmen": COMPANIES,
        "firmen": COMPANIES, "länder": COUNTRIES, "ländern": COUNTRIES, "staaten": COUNTRIES,
        "mal": TIMES, "menschen": PEOPLE, "personen": PEOPLE,
    },
    "es": {
        "año": YEARS, "años": YEARS, "empresas": COMPANIES, "compañías": COMPANIES,
        "países": COUNTRIES, "veces": TIMES, "personas": PEOPLE,
    },
    "ru": {
        "год": YEARS, "года": YEARS, "лет": YEARS, "годы": YEARS, "компаний": COMPANIES,
        "компании": COMPANIES, "стран": COUNTRIES, "страны": COUNTRIES, "раз": TIMES,
        "раза": TIMES, "человек": PEOPLE,
    },
}  # fmt: skip
# The noun right after the number, or after one of these words that describe it ("12 domestic
# firms"). Any other word between may start a phrase of its own: "36.9 million last year"
# counts no years, "two to three years" is not two years.
_DESCRIBING = frozenset(
    {
        "domestic", "foreign", "local", "other", "major", "new", "large", "big", "small",
        "private", "listed", "member", "partner", "more", "additional", "further", "straight",
        "consecutive", "successive", "full", "leading", "affiliated", "inländische",
        "ausländische", "weitere", "andere", "große", "nationale", "extranjeras", "nacionales",
        "grandes", "otras", "otros", "más", "крупных", "иностранных", "других",
    }
)  # fmt: skip
_WORDS_AFTER = re.compile(r"[ \-\u00a0]([^\W\d_]+)(?:[ \-\u00a0]([^\W\d_]+))?")


def measure_after(text: str, end: int, language: str) -> str:
    """What the number ending at `end` counts, or "" when the words after it do not say."""
    following = text[end : end + 1]
    if not following:
        return ""
    if language in ("ja", "zh"):
        if following not in _CJK_INITIALS:
            return ""
        for pattern, measure in _CJK:
            if pattern.match(text, end):
                return measure
        return ""
    nouns = _NOUNS.get(language)
    if nouns is None or following not in " -\u00a0":
        return ""
    words = _WORDS_AFTER.match(text, end)
    if words is None:
        return ""
    first = words.group(1).lower()
    if first in nouns:
        return nouns[first]
    second = words.group(2)
    if second is None or first not in _DESCRIBING:
        return ""
    return nouns.get(second.lower(), "")
