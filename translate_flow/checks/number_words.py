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
    # "the nineties" for 九十年代: the decade as its tens.
    "twenties": 20,
    "thirties": 30,
    "forties": 40,
    "fifties": 50,
    "sixties": 60,
    "seventies": 70,
    "eighties": 80,
    "nineties": 90,
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
    # Russian and Arabic cardinals are read by a grammar below; these are the rest.
    "ru": {
        "тысяча": 1000, "оба": 2, "обе": 2, "обоих": 2, "полтора": 1.5, "полторы": 1.5,
        "полутора": 1.5,
    },
    "ar": {"مئة": 100, "مائة": 100, "ألف": 1000},
}  # fmt: skip


def _russian_forms(words: str, value: int) -> dict[str, int]:
    return dict.fromkeys(words.split(), value)


# Russian cardinals in every case, as a newspaper declines them ("двадцати пяти", "сорока").
_RU_UNITS = (
    _russian_forms("один одна одно одного одной одному одним одном одну", 1)
    | _russian_forms("два две двух двум двумя", 2)
    | _russian_forms("три трех трёх трем трём тремя", 3)
    | _russian_forms("четыре четырех четырёх четырем четырём четырьмя", 4)
    | _russian_forms("пять пяти пятью", 5)
    | _russian_forms("шесть шести шестью", 6)
    | _russian_forms("семь семи семью", 7)
    | _russian_forms("восемь восьми восемью восьмью", 8)
    | _russian_forms("девять девяти девятью", 9)
)
_RU_TEEN_NOMINATIVES = (
    "десять", "одиннадцать", "двенадцать", "тринадцать", "четырнадцать", "пятнадцать",
    "шестнадцать", "семнадцать", "восемнадцать", "девятнадцать",
)  # fmt: skip
_RU_TEENS = {
    form: value
    for value, nominative in enumerate(_RU_TEEN_NOMINATIVES, start=10)
    for form in (nominative, nominative[:-1] + "и", nominative + "ю")
}
_RU_TENS = (
    _russian_forms("двадцать двадцати двадцатью", 20)
    | _russian_forms("тридцать тридцати тридцатью", 30)
    | _russian_forms("сорок сорока", 40)
    | _russian_forms("пятьдесят пятидесяти пятьюдесятью", 50)
    | _russian_forms("шестьдесят шестидесяти шестьюдесятью", 60)
    | _russian_forms("семьдесят семидесяти семьюдесятью", 70)
    | _russian_forms("восемьдесят восьмидесяти восемьюдесятью восьмьюдесятью", 80)
    | _russian_forms("девяносто девяноста", 90)
)
# 500 to 900 decline on two stems: пятьсот, пятисот, пятистам, пятьюстами, пятистах.
_RU_FIVE_HUNDREDS = {
    stem + ending: value
    for value, stems in (
        (500, ("пят", "пять")), (600, ("шест", "шесть")), (700, ("сем", "семь")),
        (800, ("восьм", "восемь")), (900, ("девят", "девять")),
    )
    for stem, ending in (
        (stems[1], "сот"), (stems[0], "исот"), (stems[0], "истам"), (stems[0], "истах"),
        (stems[1], "юстами"),
    )
}  # fmt: skip
_RU_HUNDREDS = (
    _russian_forms("сто ста", 100)
    | _russian_forms("двести двухсот двумстам двумястами двухстах", 200)
    | _russian_forms("триста трехсот трёхсот тремстам тремястами трехстах трёхстах", 300)
    | _russian_forms(
        "четыреста четырехсот четырёхсот четыремстам четырьмястами четырехстах четырёхстах", 400
    )
    | _RU_FIVE_HUNDREDS
)
# A compound is read in this order: hundreds, then tens or a teen, then a unit.
_RU_STAGES = ((_RU_HUNDREDS, 1), (_RU_TENS, 2), (_RU_TEENS, 3), (_RU_UNITS, 3))
_RU_WORDS = frozenset((*_RU_UNITS, *_RU_TEENS, *_RU_TENS, *_RU_HUNDREDS, *_SMALL_WORDS["ru"]))

# Arabic cardinals and definite ordinals (القمة الثالثة والثلاثون, "the 33rd summit").
_AR_UNITS = {
    "واحد": 1, "واحدة": 1, "أحد": 1, "إحدى": 1, "اثنان": 2, "اثنين": 2, "اثنتان": 2,
    "اثنتين": 2, "اثنا": 2, "اثني": 2, "اثنتا": 2, "اثنتي": 2, "ثلاثة": 3, "ثلاث": 3,
    "أربعة": 4, "أربع": 4, "خمسة": 5, "خمس": 5, "ستة": 6, "ست": 6, "سبعة": 7, "سبع": 7,
    "ثمانية": 8, "ثماني": 8, "ثمان": 8, "تسعة": 9, "تسع": 9, "عشرة": 10, "عشر": 10,
}  # fmt: skip
_AR_ORDINAL_UNITS = {
    "الأول": 1, "الأولى": 1, "الحادي": 1, "الحادية": 1, "الثاني": 2, "الثانية": 2,
    "الثالث": 3, "الثالثة": 3, "الرابع": 4, "الرابعة": 4, "الخامس": 5, "الخامسة": 5,
    "السادس": 6, "السادسة": 6, "السابع": 7, "السابعة": 7, "الثامن": 8, "الثامنة": 8,
    "التاسع": 9, "التاسعة": 9, "العاشر": 10, "العاشرة": 10,
}  # fmt: skip
_AR_TENS = {
    stem + ending: value
    for value, stem in (
        (20, "عشر"), (30, "ثلاث"), (40, "أربع"), (50, "خمس"), (60, "ست"), (70, "سبع"),
        (80, "ثمان"), (90, "تسع"),
    )
    for ending in ("ون", "ين")
}  # fmt: skip
_AR_ORDINAL_TENS = {"ال" + word: value for word, value in _AR_TENS.items()}
_AR_TEEN_TENS = frozenset({"عشر", "عشرة"})
_AR_PREFIXES = "وبل"
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
# "about a quarter [consider]": after a word of rounding, "a quarter" is a share, not the
# ordinal of "a third term".
_ROUGHLY = frozenset(
    {"about", "around", "roughly", "nearly", "almost", "some", "over", "under", "than",
     "only", "just", "barely", "approximately", "fully", "casi", "unos", "alrededor"}
)  # fmt: skip
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
            elif w == "decades" and parts and not total:
                current = max(current, 1) * 10  # "three decades" is 30年
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
    if language == "ru":
        return russian_numbers(text)
    if language == "ar":
        return arabic_numbers(text) + _listed_words(text, language)
    return _listed_words(text, language)


def _listed_words(text: str, language: str) -> list[WordNumber]:
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
            and not (index > 1 and words[index - 2].group(0).lower() in _ROUGHLY)
        ):
            continue
        start = words[index - 1].start() if numerator is not None else match.start()
        value = table[word] * (numerator or 1)
        found.append(WordNumber(start, match.end(), value, False, "fraction"))
    return found


def _strength(value: float, parts: int) -> bool:
    # As in English: a compound, or a lone word from thirteen to ninety-nine, must be matched;
    # a lone hundred ("сто лет", a century) need not.
    return parts > 1 or 13 <= value < 100


def russian_numbers(text: str) -> list[WordNumber]:
    """Russian cardinals, compounds read whole and in any case: "двадцати пяти" is 25."""
    words = [(m.start(), m.end(), m.group(0).lower()) for m in _ANY_WORD.finditer(text)]
    if _RU_WORDS.isdisjoint(word for _, _, word in words):
        return []
    found: list[WordNumber] = []
    i = 0
    while i < len(words):
        start, end, word = words[i]
        value = 0
        parts = 0
        stage = 0
        j = i
        while j < len(words):
            w_start, w_end, w = words[j]
            if j > i and text[end:w_start].strip():
                break
            step = next(
                ((table[w], after) for table, after in _RU_STAGES if w in table and after > stage),
                None,
            )
            if step is None:
                break
            value += step[0]
            stage = step[1]
            parts += 1
            end = w_end
            j += 1
        if parts:
            found.append(WordNumber(start, end, value, _strength(value, parts), "plain"))
            i = j
            continue
        if word in _SMALL_WORDS["ru"]:
            found.append(WordNumber(start, end, _SMALL_WORDS["ru"][word], False, "plain"))
        i += 1
    return found


def _arabic_word(word: str, *tables: dict[str, int]) -> tuple[int, int] | None:
    """The value of an Arabic number word and which table holds it, a prefix (و, ب, ل) off."""
    for form in (word, word[1:] if word[:1] in _AR_PREFIXES else ""):
        for index, table in enumerate(tables):
            if form in table:
                return table[form], index
    return None


def arabic_numbers(text: str) -> list[WordNumber]:
    """Arabic cardinals and ordinals, with their compounds: تسعة عشر (19), خمسة وعشرون (25),
    الثالثة والثلاثون (33rd); and the dual of a scale word (ملياري دولار, two billion)."""
    words = [(m.start(), m.end(), m.group(0)) for m in _ANY_WORD.finditer(text)]
    found: list[WordNumber] = []
    i = 0
    while i < len(words):
        start, end, word = words[i]
        read = _arabic_word(word, _AR_UNITS, _AR_ORDINAL_UNITS, _AR_TENS, _AR_ORDINAL_TENS)
        if read is None:
            if word in _AR_DUALS or word[1:] in _AR_DUALS:
                value = _AR_DUALS.get(word) or _AR_DUALS[word[1:]]
                found.append(WordNumber(start, end, value, True, "plain"))
            i += 1
            continue
        value, table = read
        ordinal = table in (1, 3)
        parts = 1
        following = words[i + 1] if i + 1 < len(words) else None
        if following is not None and table < 2 and not text[end : following[0]].strip():
            tens = following[2]
            if tens in _AR_TEEN_TENS and value < 10:
                value += 10
                parts = 2
            elif tens[:1] == "و" and (tens[1:] in _AR_TENS or tens[1:] in _AR_ORDINAL_TENS):
                value += _AR_TENS.get(tens[1:]) or _AR_ORDINAL_TENS[tens[1:]]
                ordinal = ordinal or tens[1:] in _AR_ORDINAL_TENS
                parts = 2
            if parts == 2:
                end = following[1]
                i += 1
        strong = _strength(value, parts) and (parts > 1 or not ordinal)
        found.append(WordNumber(start, end, value, strong, "ordinal" if ordinal else "plain"))
        i += 1
    return found
