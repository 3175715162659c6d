"""Numbers written as words, and month names, in the desk's languages.

English gets a small grammar ("three hundred and twenty-five thousand"); the other languages
only their commonest single words, which is what a newspaper spells out. Words for small
numbers are weak evidence: "one of the", "the two leaders", "first" often stand for no number
of the source, so the check only matches them and never reports them on their own.
"""

import re
from dataclasses import dataclass

_EN_UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_EN_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_EN_SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_EN_ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fifteenth": 15,
    "twentieth": 20,
    "thirtieth": 30,
    "fiftieth": 50,
    "hundredth": 100,
    # "two-thirds", "three-quarters": the denominator, as 3分の2 writes it.
    "thirds": 3,
    "quarter": 4,
    "quarters": 4,
}
# Words that stand for a number without spelling it; a translation writes them for 2倍, 10年.
_EN_IMPLIED = {
    "twice": 2,
    "double": 2,
    "doubled": 2,
    "triple": 3,
    "tripled": 3,
    "threefold": 3,
    "fourfold": 4,
    "quadrupled": 4,
    "decade": 10,
    "dozen": 12,
    "both": 2,
    "pair": 2,
}

# The commonest spelled numbers of the other source languages (cardinal forms a newspaper
# uses before a noun); a scale word after them makes a strong number ("zwei Millionen").
_SMALL_WORDS: dict[str, dict[str, float]] = {
    "de": {
        "ein": 1, "eine": 1, "einen": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5,
        "sechs": 6, "sieben": 7, "acht": 8, "neun": 9, "zehn": 10, "elf": 11, "zwölf": 12,
        "zwanzig": 20, "dreißig": 30, "hundert": 100, "tausend": 1000, "beide": 2,
        "beiden": 2, "anderthalb": 1.5, "eineinhalb": 1.5,
    },
    "es": {
        "un": 1, "uno": 1, "una": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5,
        "seis": 6, "siete": 7, "ocho": 8, "nueve": 9, "diez": 10, "once": 11, "doce": 12,
        "veinte": 20, "treinta": 30, "cien": 100, "mil": 1000, "ambos": 2, "ambas": 2,
    },
    "ru": {
        "один": 1, "одна": 1, "два": 2, "две": 2, "двух": 2, "три": 3, "трех": 3,
        "трёх": 3, "четыре": 4, "пять": 5, "шесть": 6, "семь": 7, "восемь": 8,
        "девять": 9, "десять": 10, "двадцать": 20, "сто": 100, "тысяча": 1000, "оба": 2,
        "обе": 2, "полтора": 1.5, "полторы": 1.5, "полутора": 1.5,
    },
    "ar": {
        "واحد": 1, "اثنان": 2, "اثنين": 2, "ثلاثة": 3, "ثلاث": 3, "أربعة": 4, "أربع": 4,
        "خمسة": 5, "خمس": 5, "ستة": 6, "سبعة": 7, "ثمانية": 8, "تسعة": 9, "عشرة": 10,
        "عشر": 10, "مئة": 100, "مائة": 100, "ألف": 1000,
    },
}  # fmt: skip
# The Arabic dual of a scale word is two of it (ملياري دولار, "two billion dollars"): a whole
# number, so a strong one.
_AR_DUALS = {
    "ألفا": 2e3, "ألفي": 2e3, "ألفين": 2e3, "مليونا": 2e6, "مليوني": 2e6, "مليونين": 2e6,
    "مليارا": 2e9, "ملياري": 2e9, "مليارين": 2e9, "تريليونا": 2e12, "تريليوني": 2e12,
    "تريليونين": 2e12,
}  # fmt: skip

# Fractions as words. They are weak like months: a translation may say "a quarter" for 25 %
# or drop it, but a source's quarter against a translation's third is a wrong fraction.
_FRACTIONS: dict[str, dict[str, float]] = {
    "de": {"drittel": 1 / 3, "viertel": 1 / 4, "hälfte": 1 / 2, "fünftel": 1 / 5},
    "es": {
        "tercio": 1 / 3, "tercios": 1 / 3, "mitad": 1 / 2, "quinto": 1 / 5, "quintos": 1 / 5,
        "cuarto": 1 / 4, "cuartos": 1 / 4,
    },
    "ru": {
        "треть": 1 / 3, "трети": 1 / 3, "третью": 1 / 3, "четверть": 1 / 4,
        "четверти": 1 / 4, "четвертью": 1 / 4, "половина": 1 / 2, "половины": 1 / 2,
        "половину": 1 / 2, "половине": 1 / 2, "половиной": 1 / 2,
    },
    "ar": {"ثلث": 1 / 3, "ثلثا": 2 / 3, "ثلثي": 2 / 3, "ربع": 1 / 4, "نصف": 1 / 2},
    "en": {
        "half": 1 / 2, "third": 1 / 3, "thirds": 1 / 3, "quarter": 1 / 4, "quarters": 1 / 4,
        "fifth": 1 / 5, "fifths": 1 / 5,
    },
}  # fmt: skip
# Words that are also ordinals or other things: a fraction only after a numerator or before
# "of" ("a third of", "two-thirds", "un cuarto de"), never in "a third term" or "el cuarto
# trimestre".
_ORDINAL_FRACTIONS = frozenset(
    {"third", "quarter", "quarters", "fifth", "fifths", "cuarto", "cuartos", "quinto", "quintos"}
)
_OF = frozenset({"of", "de", "del"})
_NUMERATORS: dict[str, dict[str, int]] = {
    "en": {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4},
    "de": {"ein": 1, "eine": 1, "einem": 1, "zwei": 2, "drei": 3, "vier": 4},
    "es": {"un": 1, "una": 1, "dos": 2, "tres": 3, "cuatro": 4},
    "ru": {"одна": 1, "одну": 1, "две": 2, "двух": 2, "три": 3, "трех": 3, "трёх": 3},
    "ar": {},
}  # fmt: skip
# A cheap test before the walk: every fraction word of a language holds one of these stems,
# lower-case or capitalised (`in` is a tenth of the cost of a case-blind search).
_FRACTION_HINTS = {
    language: tuple(form for stem in stems for form in {stem, stem.capitalize()})
    for language, stems in {
        "en": ("half", "third", "quarter", "fifth"),
        "de": ("drittel", "viertel", "hälfte", "fünftel"),
        "es": ("tercio", "mitad", "cuart", "quint"),
        "ru": ("трет", "четверт", "половин"),
        "ar": ("ثلث", "ربع", "نصف"),
    }.items()
}

_MONTHS: dict[str, dict[str, int]] = {
    "en": {
        "January": 1, "February": 2, "March": 3, "April": 4, "May": 5, "June": 6,
        "July": 7, "August": 8, "September": 9, "October": 10, "November": 11,
        "December": 12, "Jan.": 1, "Feb.": 2, "Mar.": 3, "Apr.": 4, "Jun.": 6, "Jul.": 7,
        "Aug.": 8, "Sep.": 9, "Sept.": 9, "Oct.": 10, "Nov.": 11, "Dec.": 12,
    },
    "de": {
        "Januar": 1, "Jänner": 1, "Februar": 2, "März": 3, "April": 4, "Mai": 5, "Juni": 6,
        "Juli": 7, "August": 8, "September": 9, "Oktober": 10, "November": 11,
        "Dezember": 12,
    },
    "es": {
        "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6,
        "julio": 7, "agosto": 8, "septiembre": 9, "setiembre": 9, "octubre": 10,
        "noviembre": 11, "diciembre": 12,
    },
    "ru": {
        "январ": 1, "феврал": 2, "март": 3, "апрел": 4, "мая": 5, "май": 5, "июн": 6,
        "июл": 7, "август": 8, "сентябр": 9, "октябр": 10, "ноябр": 11, "декабр": 12,
    },
    "ar": {
        "يناير": 1, "فبراير": 2, "مارس": 3, "أبريل": 4, "ابريل": 4, "مايو": 5,
        "يونيو": 6, "يونيه": 6, "يوليو": 7, "يوليه": 7, "أغسطس": 8, "سبتمبر": 9,
        "أكتوبر": 10, "اكتوبر": 10, "نوفمبر": 11, "ديسمبر": 12,
    },
}  # fmt: skip

_WEEKDAYS = re.compile(
    r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b", re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class WordNumber:
    start: int
    end: int
    value: float
    # A spelled number that must be matched (thirteen and up, or compound); small ones are
    # weak, see the module's docstring.
    strong: bool
    kind: str  # plain, ordinal, month


_EN_WORD = re.compile(r"[A-Za-z]+")
_ANY_WORD = re.compile(r"\w+")
# The words a spelled number can start with. Most sentences have none, and finding that out
# from their words as a set is cheaper than walking them. ("a" is not one: "a hundred" reads
# as no number, since a scale needs a number before it.)
_EN_FIRST_WORDS = frozenset((*_EN_UNITS, *_EN_TENS, *_EN_ORDINALS, *_EN_IMPLIED))


def _month_pattern(language: str, names: dict[str, int]) -> re.Pattern[str]:
    # Russian months are stems: декабр matches декабря, декабре.
    tail = r"\w*" if language == "ru" else ""
    longest_first = sorted(names, key=len, reverse=True)
    return re.compile("|".join(re.escape(name) + tail for name in longest_first))


_MONTH_PATTERNS = {language: _month_pattern(language, names) for language, names in _MONTHS.items()}


def has_weekday(text: str) -> bool:
    # Every weekday ends in "day"; most texts have none, and `in` is cheaper than the search.
    return "day" in text.lower() and _WEEKDAYS.search(text) is not None


def month_names(text: str, language: str) -> list[WordNumber]:
    pattern = _MONTH_PATTERNS.get(language)
    if pattern is None:
        return []
    names = _MONTHS[language]
    found = []
    for match in pattern.finditer(text):
        word = match.group(0)
        start = match.start()
        if language != "ar" and start > 0 and text[start - 1].isalpha():
            continue
        if (
            language in ("en", "de", "es")
            and match.end() < len(text)
            and word[-1] != "."
            and text[match.end()].isalpha()
        ):
            continue
        key = word if word in names else next(n for n in names if word.startswith(n))
        found.append(WordNumber(start, match.end(), names[key], False, "month"))
    return found


def english_numbers(text: str) -> list[WordNumber]:
    """Spelled English numbers, compounds read whole: "three hundred and twenty-five"."""
    if _EN_FIRST_WORDS.isdisjoint(map(str.lower, _EN_WORD.findall(text))):
        return []
    words = [(m.start(), m.end(), m.group(0).lower()) for m in _EN_WORD.finditer(text)]
    found: list[WordNumber] = []
    i = 0
    while i < len(words):
        start, end, word = words[i]
        if word in _EN_ORDINALS:
            found.append(WordNumber(start, end, _EN_ORDINALS[word], False, "ordinal"))
            i += 1
            continue
        if word in _EN_IMPLIED:
            found.append(WordNumber(start, end, _EN_IMPLIED[word], False, "plain"))
            i += 1
            continue
        if word not in _EN_UNITS and word not in _EN_TENS and word != "a":
            i += 1
            continue
        total = 0
        current = 0
        parts = 0
        j = i
        last_end = end
        while j < len(words):
            w_start, w_end, w = words[j]
            gap = text[last_end:w_start] if j > i else ""
            if j > i and gap.strip(" -\u2010") != "":
                break
            if w == "a" and j == i:
                # "a hundred", "a million": only with a scale right after.
                if j + 1 < len(words) and words[j + 1][2] in ("hundred", *_EN_SCALES):
                    current = 1
                    j += 1
                    last_end = w_end
                    continue
                break
            if w in _EN_UNITS:
                current += _EN_UNITS[w]
            elif w in _EN_TENS:
                current += _EN_TENS[w]
            elif w == "hundred" and parts:
                current = max(current, 1) * 100
            elif w == "dozen" and parts:
                current = max(current, 1) * 12  # "two dozen" is 24
            elif w in _EN_SCALES and parts:
                total += max(current, 1) * _EN_SCALES[w]
                current = 0
            elif w == "and" and parts and j + 1 < len(words):
                nxt = words[j + 1][2]
                if nxt not in _EN_UNITS and nxt not in _EN_TENS:
                    break
            else:
                break
            parts += 1
            last_end = w_end
            j += 1
        if parts == 0:
            i += 1
            continue
        value = total + current
        strong = parts > 1 or value >= 13
        found.append(WordNumber(start, last_end, value, strong, "plain"))
        i = j
    return found


def small_words(text: str, language: str) -> list[WordNumber]:
    """The commonest spelled numbers of another language; weak, see the module's docstring."""
    table = _SMALL_WORDS.get(language)
    if table is None:
        return []
    # Arabic words take a prefix (و, ب, ل) that the set below would not see.
    if language != "ar" and table.keys().isdisjoint(map(str.lower, _ANY_WORD.findall(text))):
        return []
    found = []
    for match in _ANY_WORD.finditer(text):
        word = match.group(0).lower()
        if language == "ar" and word not in table and word[:1] in "وبل" and word[1:] in table:
            word = word[1:]
        if word in table:
            found.append(WordNumber(match.start(), match.end(), table[word], False, "plain"))
        elif language == "ar" and (word in _AR_DUALS or word[1:] in _AR_DUALS):
            value = _AR_DUALS.get(word) or _AR_DUALS[word[1:]]
            found.append(WordNumber(match.start(), match.end(), value, True, "plain"))
    return found


def fractions(text: str, language: str) -> list[WordNumber]:
    """Fractions written as words, with their numerator: "zwei Drittel" is 2/3."""
    table = _FRACTIONS.get(language)
    if table is None:
        return []
    if not any(hint in text for hint in _FRACTION_HINTS[language]):
        return []
    numerators = _NUMERATORS.get(language, {})
    words = list(_ANY_WORD.finditer(text))
    found = []
    for index, match in enumerate(words):
        word = match.group(0).lower()
        if language == "ar" and word not in table and word[:1] in "وبل":
            word = word[1:]
        if word not in table:
            continue
        before = words[index - 1].group(0).lower() if index else ""
        after = words[index + 1].group(0).lower() if index + 1 < len(words) else ""
        numerator = numerators.get(before)
        if word in _ORDINAL_FRACTIONS and numerator is None:
            continue
        if (
            word in _ORDINAL_FRACTIONS
            and after not in _OF
            and numerator in (None, 1)
            and not (language == "en" and before == "one")
        ):
            continue
        start = words[index - 1].start() if numerator is not None else match.start()
        value = table[word] * (numerator or 1)
        found.append(WordNumber(start, match.end(), value, False, "fraction"))
    return found
