"""Reading the numbers of a text as values, with the code points they occupy.

Every notation a foreign-press desk meets is read into one `Number`: digits of any script,
grouping and decimal marks by the language's convention, kanji numerals with their units
(1兆5500億, 3.5万, 二〇二二, 七點五), scale words (1.5 million, 2,5 Mrd., 3 млн, ملياري), era and
Minguo years, percentages, percentage points (5ポイント, 0,4 Prozentpunkte) and 割, fractions
and dozens as words, Roman numerals (World War II), spelled English numbers and month names.
What is not a quantity (inline-tag placeholders, URLs, handles, phone numbers) is masked first
so that it never reads as one.
"""

import math
import re
from dataclasses import dataclass

from translate_flow.checks import eras
from translate_flow.checks.number_measures import SHARE, measure_after
from translate_flow.checks.number_words import english_numbers, fractions, month_names, small_words
from translate_flow.text.placeholders import PLACEHOLDER_PATTERN


@dataclass(frozen=True, slots=True)
class Number:
    """One number as written: the values it may stand for (the first is what it says)."""

    values: tuple[float, ...]
    start: int
    end: int
    text: str
    # The place of the last digit the writer committed to: 1.06 trillion is good to 10
    # billion, so a value that rounds to it matches.
    unit: float = 1.0
    # A weak number (a lone 一, "one", "first", a month name) is matched but never reported
    # on its own: too many of them stand for no number of the other text.
    strong: bool = True
    approx: bool = False
    # plain, year, month, day, percent, percentage point, percent or point, ordinal, time,
    # fraction
    kind: str = "plain"
    # What the words after it say it counts (number_measures), or "" for nothing known.
    measure: str = ""
    # A fiscal year named by the calendar year it starts in (2024年度, or "the fiscal year
    # ended March 2025"): two of them match by that year alone.
    fiscal_start: float | None = None

    @property
    def value(self) -> float:
        return self.values[0]


PERCENT = "percent"
POINT = "percentage point"
# Japanese newspapers write a move of a rate in % as often as in ポイント (0.25%の利上げ): a
# Japanese % may stand for either.
PERCENT_OR_POINT = "percent or point"
_SHARES = frozenset({PERCENT, POINT, PERCENT_OR_POINT})
# The kinds of number whose measure is read from the words after them.
_MEASURED = frozenset({"plain", "year"})


# Full-width, Arabic-Indic and Persian digits and marks, mapped one for one so that every
# position in the normalised text is the same position in the text as given.
_NORMALISE = {0xFF10 + i: str(i) for i in range(10)}
_NORMALISE |= {0x0660 + i: str(i) for i in range(10)}
_NORMALISE |= {0x06F0 + i: str(i) for i in range(10)}
_NORMALISE |= {0xFF0E: ".", 0xFF0C: ",", 0x066B: ".", 0x066C: ",", 0xFF05: "%", 0x066A: "%"}

_PLACEHOLDER = re.compile(PLACEHOLDER_PATTERN)
_MASK = re.compile(
    r"https?://\S+|www\.\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?<!\w)[@#][^\W\d]\w*"
    # Phone and postal numbers: digits in three hyphenated groups (03-1234-5678).
    + r"|(?<![\d.])(?:\+\d{1,3}[ -]?)?\(?\d{2,4}\)?[-‐ ]\d{2,4}[-‐]\d{3,4}(?![\d])"
)
# Scanning for `_MASK` is the dearest step of reading a text, and most texts have none of it:
# an address needs :// or www., a handle @ or #, a phone number a digit-hyphen-digit.
_MASK_HINTS = ("://", "www.", "@", "#")
_PHONE_HINT = re.compile(r"\d[-‐]\d")
_TO_NORMALISE = re.compile(
    "[\uff10-\uff19\u0660-\u0669\u06f0-\u06f9\uff0e\uff0c\u066a-\u066c\uff05]"
)
_FILLER = "\x00"

_COMMA_DECIMAL = {"de", "es", "ru", "fr", "it", "pt", "nl", "pl", "tr", "uk", "id", "sv"}
_SPACE_GROUPS = {"ru", "fr", "uk", "pl", "sv"}
_THIN = "\u00a0\u202f\u2009"

_DOT_NUMBER = re.compile(rf"\d{{1,3}}(?:[,{_THIN}]\d{{3}})+(?:\.\d+)?(?!\d)|\d+(?:\.\d+)?")
_COMMA_NUMBER = re.compile(rf"\d{{1,3}}(?:[.{_THIN}]\d{{3}})+(?:,\d+)?(?!\d)|\d+(?:[,.]\d+)?")
_COMMA_SPACE_NUMBER = re.compile(
    rf"\d{{1,3}}(?:[. {_THIN}]\d{{3}})+(?:,\d+)?(?![\d])|\d+(?:[,.]\d+)?"
)

# Scale words after a number, with their value; German and Spanish billions are 10^12.
_SCALES_EN = {
    "trillion": 1e12, "trillions": 1e12, "tn": 1e12, "billion": 1e9, "billions": 1e9,
    "bn": 1e9, "million": 1e6, "millions": 1e6, "mn": 1e6, "mln": 1e6, "thousand": 1e3,
    "k": 1e3,
}  # fmt: skip
_SCALES = {
    "de": {
        "tausend": 1e3, "tsd.": 1e3, "million": 1e6, "millionen": 1e6, "mio.": 1e6,
        "mio": 1e6, "milliarde": 1e9, "milliarden": 1e9, "mrd.": 1e9, "mrd": 1e9,
        "billion": 1e12, "billionen": 1e12, "bio.": 1e12, "dutzend": 12,
    },
    "es": {
        "mil millones": 1e9, "mil": 1e3, "millón": 1e6, "millon": 1e6, "millones": 1e6,
        "millardo": 1e9, "millardos": 1e9, "billón": 1e12, "billones": 1e12, "docena": 12,
        "docenas": 12,
    },
    "ru": {
        "тыс.": 1e3, "тыс": 1e3, "тысяча": 1e3, "тысячи": 1e3, "тысяч": 1e3,
        "млн": 1e6, "млн.": 1e6, "миллион": 1e6, "миллиона": 1e6, "миллионов": 1e6,
        "млрд": 1e9, "млрд.": 1e9, "миллиард": 1e9, "миллиарда": 1e9, "миллиардов": 1e9,
        "трлн": 1e12, "трлн.": 1e12, "триллион": 1e12, "триллиона": 1e12,
        "триллионов": 1e12, "дюжина": 12, "дюжины": 12, "дюжин": 12, "десяток": 10,
        "десятка": 10, "десятков": 10,
    },
    # After a number, مليوناً (with or without its tanwin) is the accusative of 11 to 99
    # millions, not the dual that it spells without one.
    "ar": {
        "ألف": 1e3, "آلاف": 1e3, "مليون": 1e6, "ملايين": 1e6, "مليار": 1e9,
        "مليارات": 1e9, "بليون": 1e9, "تريليون": 1e12, "ألفا": 1e3, "مليونا": 1e6,
        "مليارا": 1e9, "بليونا": 1e9, "تريليونا": 1e12,
    },
}  # fmt: skip


def _scale_pattern(words: dict[str, float]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"[ {_THIN}]?({alternatives})(?![^\W\d_])", re.IGNORECASE)


_SCALE_PATTERNS = {
    language: _scale_pattern(_SCALES_EN | _SCALES.get(language, {}))
    for language in ("en", "de", "es", "ru", "ar", "ja", "zh")
}
_SCALE_SPACES = frozenset(" " + _THIN)
_SCALE_TABLES = {language: _SCALES_EN | _SCALES.get(language, {}) for language in _SCALE_PATTERNS}
_CURRENCY_M = re.compile(r"[$€£¥]\s?$")

_PERCENT_AFTER = re.compile(
    r"\s?(?:%|percent\b|per cent\b|pct\b|Prozent|por ciento|процент|في المئة|في المائة|بالمئة"
    r"|بالمائة|パーセント)"
)
# Percentage points, checked before percent (Prozentpunkte starts with Prozent); a bare
# "points" after a number is a point too (index points are not percent either).
_POINT_AFTER = re.compile(
    r"\s?(?:percentage[ -]points?\b|points?\b|pts?\b|pp\b|ppt\b|p\.p\.|ポイント|Prozentpunkt"
    r"|Punkte?\b|puntos? porcentual|puntos?\b|процентн\w* пункт|п\.\s?п\.|пункт"
    r"|نقطة مئوية|نقاط مئوية|نقطتين مئويتين|[个個]?百分[点點])",
    re.IGNORECASE,
)
# A basis point is a hundredth of a percentage point.
_BASIS_AFTER = re.compile(
    r"\s?(?:basis points?\b|bps?\b|Basispunkt|puntos? básicos?|базисн\w* пункт|б\.\s?п\."
    r"|[个個]?基[点點]|ベーシスポイント|نقطة أساس|نقاط أساس)",
    re.IGNORECASE,
)
# What every point and basis point word starts with, in any case: a number followed by none
# of these is neither.
_POINT_INITIALS = frozenset("pPbBпПбБ个個百ポベن")
# English fractions of a point: "a quarter point", "half a percentage point".
_EN_POINT_FRACTION = re.compile(
    r"\b(?:(?:a|one)[ -]quarter|three[ -]quarters|(?:a[ -])?half)(?:[ -]of)?(?:[ -]an?)?"
    r"[ -](?:percentage[ -])?point\b",
    re.IGNORECASE,
)
# A proportion: "four in five", "1 out of 4", "one in every three" is a share (八成, 25%).
_EN_SMALL_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10,
}  # fmt: skip
_EN_PROPORTION = re.compile(
    r"\b(\d{1,2}|one|two|three|four|five|six|seven|eight|nine)"
    r"(?:[ -]in[ -]|\s+out\s+of\s+)(?:every\s+)?(\d{1,3}|two|three|four|five|six|seven|eight"
    r"|nine|ten)\b(?!\s+(?:days?|weeks?|months?|years?|hours?|minutes?|seconds?|games?"
    r"|matches|races?|seasons?)\b)",
    re.IGNORECASE,
)
# What a proportion has: a search for it starts with a literal, which is far cheaper than a
# search for the proportion, which tries its alternatives at every position.
_PROPORTION_HINT = re.compile(
    r"in[ -](?:every )?(?:\d|two\b|three\b|four\b|five\b|six\b|seven\b|eight\b|nine\b|ten\b)"
)
# Roman numerals, I to XXX, in a text of any script: a run of I, V and X read whole, then
# kept only if it is a well-formed numeral and stands alone. One letter (I the pronoun, V, X)
# is a numeral only after a word that numbers with it; a longer one (II, XIV) anywhere, but
# strong only after such a word, since a translation adds "Elizabeth II" to a bare name.
_ROMAN = re.compile(r"[IVX]+(?![\w'’-])|[\u2160-\u216b]")
# What a Roman numeral after a space has; a scan for it costs a third of one for the
# numerals, which look at every capital I.
_ROMAN_HINT = re.compile(r" [IVX]+\b")
_ROMAN_FORM = re.compile(r"X{0,3}(?:IX|IV|V?I{0,3})")
_ROMAN_LETTERS = {"I": 1, "V": 5, "X": 10}
_WORD_BEFORE = re.compile(r"(\w+)\.?\s+$")
_ROMAN_COUNTED = frozenset(
    {
        "War", "Article", "Articles", "Phase", "Part", "Chapter", "Section", "Class", "Type",
        "Title", "Stage", "Level", "Category", "Grade", "Division", "Book", "Volume", "Vol", "Act",
        "Schedule", "Annex", "Round", "Tier", "Step", "Episode", "Basel", "Mark", "Apollo",
        "Artikel", "Teil", "Kapitel", "Abschnitt", "Stufe", "Klasse", "Typ", "Band", "Artículo",
        "Capítulo", "Título", "Fase", "Siglo", "Tomo", "Parte", "Sección",
    }
)  # fmt: skip
_ROMAN_NAMED = frozenset(
    {
        "Vatican", "Henry", "George", "Edward", "Elizabeth", "Charles", "Louis", "Philip", "Felipe",
        "Carlos", "William", "James", "Richard", "John", "Paul", "Benedict", "Pius", "Leo",
        "Gregory", "Francis", "Juan", "Pablo", "Alfonso", "Ludwig", "Wilhelm", "Friedrich", "Karl",
        "Heinrich", "Nicholas", "Peter", "Alexander", "Catherine", "Mary", "Victoria", "Frederick",
        "Napoleon", "Rama", "Mohammed", "Hassan", "Abdullah", "Gustaf", "Harald", "Olav", "Haakon",
        "Willem", "Albert", "Baudouin", "Constantine", "Jorge", "Isabel", "Jr", "Sr",
    }
)  # fmt: skip
_ORDINAL_AFTER = re.compile(r"(?:st|nd|rd|th|\.º|º|ª|-?й|-?го|-?я|-?е)(?![^\W\d_])")

_ISO_DATE = re.compile(r"(?<![\d.])(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?![\d])")
_DMY_DATE = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4})(?![\d])")
_TIME = re.compile(
    r"(?<![\d.,])(\d{1,2})(?::|\.(?=\d{2}\s?(?:a\.m\.|p\.m\.|am\b|pm\b|Uhr|h\b)))(\d{2})(?!\d)"
)
# What every date and every time has: a scan for it is far cheaper than for them, whose
# look-behinds are tried at every position of the text.
_DATE_HINT = re.compile(r"\d[-/.]\d{1,2}[-/.]\d")
_TIME_HINT = re.compile(r"\d[:.]\d\d")
# Every era name (Meiji, Taishō, Shōwa, Heisei, Reiwa) ends in one of these before its year.
_LATIN_ERA_HINT = re.compile(r"[aioō]\s+\d", re.IGNORECASE)
_DOT_GROUPED = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")
# An hour that may be afternoon: 3 p.m. and 午後3時 are 15:00 too.
_AFTERNOON = re.compile(r"\s?(?:p\.m\.|pm\b|時|点)")
_RUN_DIGITS = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")
_HALF_HOUR = re.compile(r"時(半)")
_FISCAL_TAIL = re.compile(r"[/–-](\d{2})(?!\d)")

# Kanji numerals. A run is read whole (1兆5500億); a lone kanji is weak unless a counter
# follows, since 一部, 統一, 十分 and 千葉 hold no number.
_KANJI_DIGITS = {
    "〇": 0, "零": 0, "一": 1, "壱": 1, "二": 2, "弐": 2, "两": 2, "兩": 2, "三": 3, "参": 3,
    "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}  # fmt: skip
_SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "千": 1000}
_BIG_UNITS = {"万": 1e4, "萬": 1e4, "億": 1e8, "亿": 1e8, "兆": 1e12}
_KANJI_CHARS = "".join(_KANJI_DIGITS) + "".join(_SMALL_UNITS) + "".join(_BIG_UNITS)
# 点 and 點 are decimal marks between kanji digits (五点二, 七點五).
# 多 and 余 ("more than") may stand between a number and its unit: 1200多万 is over 12
# million, 十多万 over 100,000, 百余万 over a million.
_KANJI_RUN = re.compile(
    rf"[0-9{_KANJI_CHARS}](?:[0-9{_KANJI_CHARS},.点點]|[多余](?=[十百千{''.join(_BIG_UNITS)}]))*"
)
_MORE_THAN = re.compile("[多余]")
_HAS_KANJI = re.compile(f"[{_KANJI_CHARS}]")
_CJK_PERCENT = re.compile(rf"百分之([0-9{_KANJI_CHARS}.点點]+)")
_CJK_POINT = re.compile(rf"([0-9{_KANJI_CHARS}.点點]+?)\s?[个個]?百分[点點]")
# 百分点, 百分比 and 百分率 ("percentage") hold no hundred.
_CJK_PERCENT_WORD = re.compile("百分[点點比率]")
# The Arabic dual "two percentage points", a number without a digit.
_AR_TWO_POINTS = re.compile("نقطت(?:ين|ان) مئويت(?:ين|ان)")
_HAS_ROMAN_SIGN = re.compile("[\u2160-\u216b]")
_COUNTERS = set(
    "人名件回年月日時分秒歳才円倍割成個台社国位号条階本枚隻機頭匹棟戸校店基票席期次度週ヵカヶか"
)
# Words whose kanji are not numbers (places, firms, set phrases).
_NOT_NUMBERS = {
    "四国", "九州", "三重", "千葉", "三菱", "三井", "千代田", "八幡", "五輪", "万博", "一橋",
    "百貨", "十字", "八百長", "四川", "三峡", "一帯", "一路", "二酸化", "一酸化", "三権", "一国",
    "万全", "万一", "千代", "百合", "十分", "十人十色", "四半期", "一戸", "十勝", "一宮",
    "三原", "三木", "五島", "八戸",
}  # fmt: skip
_NOT_NUMBER_PREFIXES = {w[:1] for w in _NOT_NUMBERS}

_APPROX_WORDS = (
    "約", "およそ", "ほぼ", "推定", "约", "大约", "近", "about", "around", "nearly", "almost",
    "roughly", "approximately", "some", "close to", "more than", "over", "under", "up to",
    "just over", "just under", "at least", "less than", "etwa", "rund", "fast", "knapp", "ca.",
    "über", "mehr als", "gut", "unos", "unas", "cerca de", "casi", "alrededor de", "más de",
    "около", "почти", "примерно", "более", "свыше", "порядка", "نحو", "حوالي", "حوالى", "قرابة",
    "زهاء", "أكثر من",
)  # fmt: skip
# One of the words, then spaces and a currency sign, ending where the number starts: read
# backwards from the number, so that it is one anchored match and not a search of the text
# before it.
_APPROX_BEFORE_REVERSED = re.compile(
    r"\s*[$€£¥]?\s*(?:" + "|".join(re.escape(word[::-1]) for word in _APPROX_WORDS) + ")",
    re.IGNORECASE,
)
# After the number and its counter or currency: 3万人超, 322億円強 (but not 322億円と強調).
_APPROX_AFTER = re.compile(
    rf"\s*(?:ドル|トン|[{''.join(sorted(_COUNTERS))}万萬億亿兆元]){{0,2}}"
    r"(?:余り|余|超|(?:強|弱)(?![\u3400-\u9fff])|前後|程度|ほど|近く|多|以上|以下|未満|plus)"
)


def language_of(code: str) -> str:
    return code.replace("_", "-").split("-")[0].lower()


def normalise(text: str) -> str:
    """Digits and marks of every script as ASCII, keeping each code point's position."""
    if text.isascii() or not _TO_NORMALISE.search(text):
        return text
    return text.translate(_NORMALISE)


def _filled(match: re.Match[str]) -> str:
    return _FILLER * (match.end() - match.start())


def _masked(text: str) -> str:
    """`text` normalised, with what is not a quantity blanked out."""
    work = normalise(text)
    # Placeholders first, the rest after: nothing else `_MASK` reads can start inside one, or
    # stops at its brace but not at its filler, so the two passes blank what one pass did.
    if "{" in work:
        work = _PLACEHOLDER.sub(_filled, work)
    if any(hint in work for hint in _MASK_HINTS) or _PHONE_HINT.search(work):
        work = _MASK.sub(_filled, work)
    return work


def numbers_in(text: str, language: str) -> list[Number]:
    """Every number of `text` (in placeholder form), in reading order."""
    lang = language_of(language)
    work = _masked(text)
    reader = _Reader(text, work, lang)
    kanji = not text.isascii() and _HAS_KANJI.search(work) is not None
    if kanji or "年" in work:
        reader.eras()
    reader.latin_eras()
    if lang == "en" and ("year" in work or "FY" in work or "months" in work):
        reader.fiscal_ends()
    reader.dates()
    reader.times()
    if kanji and _HAS_KANJI.search(reader.work):
        reader.kanji()
    if lang == "en" and "oint" in work:
        reader.point_fractions()
    if lang == "ar" and "نقطت" in work:
        reader.arabic_points()
    if lang == "en" and ("out of" in work or _PROPORTION_HINT.search(work)):
        reader.proportions()
    reader.digits()
    if (
        _ROMAN_HINT.search(work)
        or work[:1] in ("I", "V", "X")
        or (not work.isascii() and _HAS_ROMAN_SIGN.search(work))
    ):
        reader.romans()
    reader.words()
    reader.half_hours()
    return reader.finish()


def kanji_value(run: str) -> tuple[float, float] | None:
    """The value of a kanji (or mixed) numeral and its unit: 1兆5500億 → (1.55e12, 1e10)."""
    total = 0.0
    section = 0.0
    current: float | None = None
    current_unit = 1.0
    unit = 1.0
    last_big = math.inf
    i = 0
    while i < len(run):
        char = run[i]
        if char.isdigit():
            match = _RUN_DIGITS.match(run, i)
            assert match is not None
            written = match.group(0).replace(",", "")
            current = float(written)
            current_unit = _written_unit(written, scaled=False)
            i = match.end()
            continue
        if char in _KANJI_DIGITS:
            j = i
            digits = ""
            while j < len(run) and run[j] in _KANJI_DIGITS:
                digits += str(_KANJI_DIGITS[run[j]])
                j += 1
            if j < len(run) - 1 and run[j] in "点點" and run[j + 1] in _KANJI_DIGITS:
                k = j + 1
                fraction = ""
                while k < len(run) and run[k] in _KANJI_DIGITS:
                    fraction += str(_KANJI_DIGITS[run[k]])
                    k += 1
                digits += "." + fraction
                j = k
            current = float(digits)
            current_unit = _written_unit(digits, scaled=False)
            i = j
            continue
        if char in _SMALL_UNITS:
            multiplier = _SMALL_UNITS[char]
            coefficient = 1.0 if current is None else current
            section += coefficient * multiplier
            unit = (current_unit if current is not None else 1.0) * multiplier
            current = None
            current_unit = 1.0
            i += 1
            continue
        if char in _BIG_UNITS:
            big = _BIG_UNITS[char]
            coefficient = section + (current or 0.0)
            coefficient_unit = current_unit if current is not None else unit
            if coefficient == 0 and total > 0 and big > last_big:
                # 万亿: a larger unit after a smaller one multiplies (1.5万亿 = 1.5 × 10^12).
                total *= big
                unit *= big
            else:
                total += (coefficient or 1.0) * big
                unit = coefficient_unit * big
                if current is not None and section == 0:
                    unit = _written_unit(_plain(current), scaled=True) * big
            last_big = big
            section = 0.0
            current = None
            current_unit = 1.0
            i += 1
            continue
        return None
    value = total + section + (current or 0.0)
    if current is not None:
        unit = current_unit
    return value, unit


def _roman_value(written: str) -> int:
    total = 0
    for letter, following in zip(written, [*written[1:], ""], strict=True):
        value = _ROMAN_LETTERS[letter]
        total += -value if following and _ROMAN_LETTERS[following] > value else value
    return total


def _plain(value: float) -> str:
    return f"{value:f}".rstrip("0").rstrip(".") if "." in f"{value:f}" else f"{value:f}"


def _written_unit(written: str, *, scaled: bool) -> float:
    """The place of the last committed digit: "15,500" → 100, "3.5" → 0.1, "2022" → 1.

    Trailing zeros of a short integer are taken as written (2020 is not 2022 rounded); of a
    long one or one before a scale word, as rounding.
    """
    written = written.replace(",", "")
    if "." in written:
        return 10.0 ** -len(written.split(".")[1])
    digits = written.lstrip("0") or "0"
    if not scaled and len(digits) < 5:
        return 1.0
    zeros = len(digits) - len(digits.rstrip("0"))
    return 10.0**zeros


class _Reader:
    """One pass per notation over a working copy; what a pass reads is blanked out."""

    def __init__(self, text: str, work: str, language: str) -> None:
        self.text = text
        self.work = work
        self.language = language
        self.found: list[Number] = []

    def take(self, start: int, end: int) -> None:
        self.work = self.work[:start] + _FILLER * (end - start) + self.work[end:]

    def add(self, number: Number) -> None:
        self.found.append(number)
        self.take(number.start, number.end)

    def eras(self) -> None:
        for match in eras.KANJI_ERA.finditer(self.work):
            written = match.group(2)
            if written == "元":
                year = 1
            elif written.isdigit():
                year = int(written)
            else:
                read = kanji_value(written)
                if read is None:
                    continue
                year = int(read[0])
            gregorian = eras.gregorian(match.group(1), year)
            # A fiscal year (年度) is named by the year it starts in: 令和4年度 is fiscal 2022.
            values: tuple[float, ...] = (gregorian, year)
            fiscal = gregorian if match.group(3) and self.language == "ja" else None
            self.add(
                Number(
                    values, match.start(), match.end(), self._text(match), kind="year",
                    fiscal_start=fiscal,
                )
            )  # fmt: skip

    def fiscal_ends(self) -> None:
        for match in eras.FISCAL_END.finditer(self.work):
            end_year = int(match.group(2))
            start = eras.fiscal_start(end_year, eras.month_number(match.group(1)))
            values: tuple[float, ...] = (end_year,) if start == end_year else (end_year, start)
            self.add(
                Number(
                    values, match.start(2), match.end(2), match.group(2), kind="year",
                    fiscal_start=start,
                )
            )  # fmt: skip

    def latin_eras(self) -> None:
        if not _LATIN_ERA_HINT.search(self.work):
            return
        for match in eras.LATIN_ERA.finditer(self.work):
            year = int(match.group(2))
            gregorian = eras.gregorian(match.group(1), year)
            self.add(
                Number(
                    (gregorian, year), match.start(), match.end(), self._text(match), kind="year"
                )
            )

    def dates(self) -> None:
        if not _DATE_HINT.search(self.work):
            return
        for match in _ISO_DATE.finditer(self.work):
            for group, kind in ((1, "year"), (3, "month"), (4, "day")):
                self._add_group(match, group, kind)
        for match in _DMY_DATE.finditer(self.work):
            for group, kind in ((1, "day"), (2, "month"), (3, "year")):
                self._add_group(match, group, kind)

    def times(self) -> None:
        if not _TIME_HINT.search(self.work):
            return
        for match in _TIME.finditer(self.work):
            hour = int(match.group(1))
            minute = int(match.group(2))
            if hour > 24 or minute > 59:
                continue
            hours: tuple[float, ...] = (hour, hour - 12) if hour > 12 else (hour, hour + 12)
            self.add(Number(hours, match.start(1), match.end(1), match.group(1), kind="time"))
            self.add(
                Number(
                    (minute,),
                    match.start(2),
                    match.end(2),
                    match.group(2),
                    strong=minute != 0,
                    kind="time",
                )
            )

    def _add_group(self, match: re.Match[str], group: int, kind: str) -> None:
        written = match.group(group)
        self.add(Number((int(written),), match.start(group), match.end(group), written, kind=kind))

    def kanji(self) -> None:
        for match in _CJK_PERCENT.finditer(self.work):
            read = kanji_value(match.group(1))
            if read is not None:
                self.add(
                    Number(
                        (read[0],), match.start(), match.end(), self._text(match), read[1],
                        kind=PERCENT,
                    )
                )  # fmt: skip
        if "百分" in self.work:
            self._cjk_points()
        for match in _KANJI_RUN.finditer(self.work):
            run = match.group(0)
            start, end = match.start(), match.end()
            # Edges that are marks, and big units with nothing to multiply (万一), are text.
            while run and (run[-1] in ",.点點"):
                run = run[:-1]
                end -= 1
            while run and run[0] in _BIG_UNITS:
                run = run[1:]
                start += 1
            if not run or not _HAS_KANJI.search(run):
                continue
            if self._not_a_number(start, end):
                continue
            more = "多" in run or "余" in run
            read = kanji_value(_MORE_THAN.sub("", run) if more else run)
            if read is None:
                continue
            value, unit = read
            self._add_cjk(start, end, value, unit, run, approx=more)

    def _cjk_points(self) -> None:
        for match in _CJK_POINT.finditer(self.work):
            read = kanji_value(match.group(1))
            if read is not None:
                self.add(
                    Number(
                        (read[0],), match.start(), match.end(), self._text(match), read[1],
                        kind=POINT,
                    )
                )  # fmt: skip
        for match in _CJK_PERCENT_WORD.finditer(self.work):
            self.take(match.start(), match.end())

    def _not_a_number(self, start: int, end: int) -> bool:
        if self.work[start] not in _NOT_NUMBER_PREFIXES and (
            start == 0 or self.work[start - 1] not in _NOT_NUMBER_PREFIXES
        ):
            return False
        around = self.text[max(0, start - 1) : end + 3]
        return any(word in around for word in _NOT_NUMBERS)

    def _add_cjk(
        self, start: int, end: int, value: float, unit: float, run: str, *, approx: bool = False
    ) -> None:
        after = self.work[end : end + 2]
        before = self.work[max(0, start - 1) : start]
        lone_kanji = len(run) == 1 and not run.isdigit()
        strong = True
        kind = "plain"
        fiscal: float | None = None
        values: tuple[float, ...] = (value,)
        if lone_kanji:
            counted = bool(after) and after[0] in _COUNTERS
            strong = (counted or before == "第") and run not in "一壱两兩"
            if before == "第" and value == 1:
                strong = False
        if before in ("数", "何") or after[:1] == "数":
            strong = False  # 数十人, 十数人: "dozens", not a number
        if value == 1 and unit == 1:
            strong = False
        follower = after[:1] or " "
        point = self._point_after(end)
        if follower in "割成" and (follower == "割" or self.language == "zh"):
            values = (value * 10, value / 10)  # 3割 is 30%, or 0.3 as a share
            kind = PERCENT
            unit = 0.0
        elif point is not None:
            kind = POINT
            values = (value * point,)
            unit *= point
            end = self._point_end(end)
        elif follower == "%" or after.startswith("パー"):
            kind = self._percent()
        elif follower == "倍" and value <= 4:
            strong = False  # 2倍 is "doubled" as often as "twice"
        elif follower == "月" and after[1:2] != "間" and value <= 12:
            kind = "month"
        elif follower in "日号" and after[1:2] != "間" and value <= 31:
            kind = "day"
        elif follower == "年":
            kind = "year"
            decade = self._decade(start, value) if after == "年代" else None
            if decade is not None:
                values = decade
                unit = 1.0  # 九十年代 is not 90 rounded to ten
            elif after == "年度" and self.language == "ja":
                fiscal = value
        self.add(
            Number(
                values, start, end, self.text[start:end], unit, strong, approx, kind,
                fiscal_start=fiscal,
            )
        )  # fmt: skip

    def _decade(self, start: int, value: float) -> tuple[float, ...] | None:
        """九十年代 and 90年代 are the 1990s: the decade's first year, or its tens as written."""
        if value >= 100 or value % 10:
            return None
        last_century = self.work[max(0, start - 3) : start] in ("上世纪", "上世紀", "前世紀")
        if last_century or value >= 30:
            return (1900 + value, value)
        return (2000 + value, 1900 + value, value)

    def digits(self) -> None:
        if self.language in _COMMA_DECIMAL:
            pattern = _COMMA_SPACE_NUMBER if self.language in _SPACE_GROUPS else _COMMA_NUMBER
            decimal = ","
        else:
            pattern = _DOT_NUMBER
            decimal = "."
        scales = _SCALE_PATTERNS.get(self.language, _SCALE_PATTERNS["en"])
        table = _SCALE_TABLES.get(self.language, _SCALE_TABLES["en"])
        for match in list(pattern.finditer(self.work)):
            start, end = match.start(), match.end()
            if start > 0 and (self.work[start - 1].isdigit() or self.work[start - 1] == _FILLER):
                continue
            written = match.group(0)
            plain = written if written.isdigit() else self._plain_digits(written, decimal)
            value = float(plain)
            unit = _written_unit(plain, scaled=False)
            kind = "plain"
            strong = True
            fiscal: float | None = None
            values: tuple[float, ...] = (value,)
            # Every scale word starts with a letter, after at most one space.
            following = self.work[end : end + 1]
            scale_match = (
                scales.match(self.work, end)
                if following.isalpha() or following in _SCALE_SPACES
                else None
            )
            if scale_match is not None:
                word = scale_match.group(1).lower()
                scale = table.get(word, table.get(word.rstrip(".") + ".", 0.0))
                if self.language == "de" and word.startswith("billion"):
                    scale = 1e12
                if word in ("k",) and scale_match.group(0) != word:
                    scale = 0.0  # "5 k" is not 5,000
                if word == "m":
                    scale = 0.0
                if scale:
                    value *= scale
                    values = (value,)
                    unit = _written_unit(plain, scaled=True) * scale
                    end = scale_match.end()
            elif (
                self.work[end : end + 1] == "m"
                and not self.work[end + 1 : end + 2].isalpha()
                and _CURRENCY_M.search(self.work[:start])
            ):
                # "$5m" is five million; a bare "5m" is five metres.
                value *= 1e6
                values = (value,)
                unit = _written_unit(plain, scaled=True) * 1e6
                end += 1
            point = self._point_after(end)
            if point is not None:
                kind = POINT
                value *= point
                values = (value,)
                unit *= point
                end = self._point_end(end)
            elif _PERCENT_AFTER.match(self.work, end):
                kind = self._percent()
            elif _ORDINAL_AFTER.match(self.work, end):
                kind = "ordinal"
            elif self.work[end : end + 1] == "年":
                kind = "year"
                if self.language == "zh" and 100 <= value <= 150 and plain.isdigit():
                    # Taiwan writes Minguo years without 民國: 113年 is 2024.
                    values = (value, value + 1911)
                elif self.work[end + 1 : end + 2] == "代" and plain.isdigit():
                    values = self._decade(start, value) or values
                elif self.language == "ja" and 1800 <= value <= 2100:
                    fiscal = self._fiscal_year(end, value)
                    if fiscal is not None:
                        values = (value,) if fiscal == value else (value, fiscal)
            elif self.work[end : end + 1] == "月" and value <= 12:
                kind = "month"
                # 2025年3月期 is "fiscal 2024" as often as "the year ended March 2025".
                strong = self.work[end + 1 : end + 2] != "期"
            elif self.work[end : end + 1] in ("日", "号") and value <= 31:
                kind = "day" if self.work[end + 1 : end + 2] != "間" else "plain"
            elif self.work[end : end + 1] == "倍" and value <= 4:
                strong = False
            elif self.work[end : end + 1] == "割":
                values = (value * 10, value / 10)
                kind = PERCENT
                unit = 0.0  # as for 三割: 3割 is no rounding of 2割
            if len(plain) == 4 and plain.isdigit() and 1800 <= value <= 2100 and kind == "plain":
                kind = "year"
                tail = _FISCAL_TAIL.match(self.work, end)
                if tail and int(tail.group(1)) == (int(value) + 1) % 100:
                    # "fiscal 2022/23": the second year is the same year's end.
                    values = (value, value + 1)
                    end = tail.end()
            if self._after_letter(start):
                strong = False  # G7, COVID-19, F-35: names, which a translation may spell
            if value == 1 and "." not in plain and not scale_match and kind not in _SHARES:
                strong = False
            self.add(
                Number(
                    values, start, end, self.text[start:end], unit, strong, kind=kind,
                    fiscal_start=fiscal,
                )
            )  # fmt: skip

    def _fiscal_year(self, end: int, year: float) -> float | None:
        """The year a Japanese fiscal year starts in, for 2024年度 and 2025年3月期."""
        if self.work[end + 1 : end + 2] == "度":
            return year
        period = eras.PERIOD_END.match(self.work, end)
        if period is None:
            return None
        return float(eras.fiscal_start(int(year), int(period.group(1))))

    def _point_after(self, end: int) -> float | None:
        """1 for a percentage point written after `end`, 0.01 for a basis point, else None."""
        following = self.work[end : end + 2].lstrip(" ")[:1]
        if not following or following not in _POINT_INITIALS:
            return None
        if _BASIS_AFTER.match(self.work, end):
            return 0.01
        if _POINT_AFTER.match(self.work, end):
            return 1.0
        return None

    def _point_end(self, end: int) -> int:
        match = _BASIS_AFTER.match(self.work, end) or _POINT_AFTER.match(self.work, end)
        # The span covers the number and its unit only where the unit is not a word of its
        # own: 5ポイント, 3个百分点, but "5 points".
        if match is None or match.group(0)[:1].isspace() or match.group(0)[:1].isascii():
            return end
        return match.end()

    def _percent(self) -> str:
        return PERCENT_OR_POINT if self.language == "ja" else PERCENT

    def point_fractions(self) -> None:
        for match in _EN_POINT_FRACTION.finditer(self.work):
            written = match.group(0).lower()
            value = 0.75 if "three" in written else 0.25 if "quarter" in written else 0.5
            self.add(Number((value,), match.start(), match.end(), self._text(match), kind=POINT))

    def proportions(self) -> None:
        for match in _EN_PROPORTION.finditer(self.work):
            parts = [match.group(1).lower(), match.group(2).lower()]
            part, whole = (
                float(_EN_SMALL_NUMBERS[word]) if word in _EN_SMALL_NUMBERS else float(word)
                for word in parts
            )
            if not 0 < part < whole:
                continue
            share = part / whole
            self.add(
                Number(
                    (share, share * 100), match.start(), match.end(), self._text(match), 0.0,
                    strong=False, approx=True, kind="fraction",
                )
            )  # fmt: skip

    def arabic_points(self) -> None:
        for match in _AR_TWO_POINTS.finditer(self.work):
            self.add(Number((2,), match.start(), match.end(), self._text(match), kind=POINT))

    def romans(self) -> None:
        for match in _ROMAN.finditer(self.work):
            start, end = match.start(), match.end()
            written = match.group(0)
            if start > 0 and (self.work[start - 1].isalnum() or self.work[start - 1] in "'’-"):
                continue
            if len(written) == 1 and not written.isascii():
                value = ord(written) - 0x215F  # Ⅰ is 1, Ⅻ is 12
            elif _ROMAN_FORM.fullmatch(written):
                value = _roman_value(written)
            else:
                continue
            if not 1 <= value <= 30:
                continue
            before = _WORD_BEFORE.search(self.work, max(0, start - 24), start)
            word = before.group(1) if before else ""
            counted = word in _ROMAN_COUNTED
            if len(written) == 1 and written.isascii() and not counted and word not in _ROMAN_NAMED:
                continue
            strong = counted or not written.isascii()
            self.add(Number((value,), start, end, written, strong=strong, kind="ordinal"))

    def _plain_digits(self, written: str, decimal: str) -> str:
        for mark in _THIN + " ":
            written = written.replace(mark, "")
        if decimal == ",":
            if _DOT_GROUPED.fullmatch(written):
                written = written.replace(".", "")
            return written.replace(",", ".")
        return written.replace(",", "")

    def _after_letter(self, start: int) -> bool:
        before = self.work[max(0, start - 3) : start]
        if before.upper().endswith(("FY", "NO", "NO.", "NR", "NR.")):
            return False
        if before[-1:].isascii() and before[-1:].isalpha():
            return True
        return before[-1:] == "-" and before[-2:-1].isascii() and before[-2:-1].isalpha()

    def words(self) -> None:
        found = []
        if self.language == "en":
            found.extend(english_numbers(self.work))
        else:
            found.extend(small_words(self.work, self.language))
        found.extend(month_names(self.work, self.language))
        found.extend(fractions(self.work, self.language))
        scales = _SCALE_PATTERNS.get(self.language, _SCALE_PATTERNS["en"])
        table = _SCALE_TABLES.get(self.language, _SCALE_TABLES["en"])
        read_to = 0
        for word in sorted(found, key=lambda w: w.start):
            if word.start < read_to:
                continue  # the scale word of a number read just before ("خمسة وأربعين مليونا")
            end = word.end
            value = word.value
            strong = word.strong
            if word.kind == "fraction":
                # A third is 1/3 and about 33 %, and no rounding of another fraction.
                self.found.append(
                    Number(
                        (value, value * 100), word.start, end, self.text[word.start : end],
                        0.0, strong=False, approx=True, kind="fraction",
                    )
                )  # fmt: skip
                continue
            scale_match = scales.match(self.work, end) if word.kind == "plain" else None
            if scale_match is not None:
                scale = table.get(scale_match.group(1).lower(), 0.0)
                if scale and scale_match.group(1).lower() not in ("k", "m"):
                    value *= scale
                    end = scale_match.end()
                    strong = True
                    read_to = end
            self.found.append(
                Number(
                    (value,), word.start, end, self.text[word.start : end],
                    max(1.0, value / 100) if end != word.end else 1.0, strong, kind=word.kind,
                )
            )  # fmt: skip

    def half_hours(self) -> None:
        # 1時半 is 1:30: the 半 stands for the minutes a translation writes.
        for match in _HALF_HOUR.finditer(self.text):
            self.found.append(
                Number((30,), match.start(1), match.end(1), "半", strong=False, kind="time")
            )

    def finish(self) -> list[Number]:
        numbers = []
        # Every word of `_APPROX_AFTER` but "plus" is CJK.
        after_words = not self.text.isascii() or "plus" in self.text
        for number in sorted(self.found, key=lambda n: n.start):
            before = self.text[max(0, number.start - 24) : number.start]
            approx = bool(_APPROX_BEFORE_REVERSED.match(before[::-1])) or (
                after_words and _APPROX_AFTER.match(self.text, number.end) is not None
            )
            values = number.values
            after = self.text[number.end : number.end + 6]
            if number.values[0] <= 12 and _AFTERNOON.match(after):
                values = (*values, number.values[0] + 12)
            approx = approx or number.approx
            measure = (
                SHARE
                if number.kind in _SHARES
                else measure_after(self.text, number.end, self.language)
                if number.kind in _MEASURED
                else ""
            )
            if approx != number.approx or values != number.values or measure:
                number = Number(
                    values, number.start, number.end, number.text, number.unit, number.strong,
                    approx, number.kind, measure, number.fiscal_start,
                )  # fmt: skip
            numbers.append(number)
        return numbers

    def _text(self, match: re.Match[str]) -> str:
        return self.text[match.start() : match.end()]
