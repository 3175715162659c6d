"""Reading the numbers of a text as values, with the code points they occupy.

Every notation a foreign-press desk meets is read into one `Number`: digits of any script,
grouping and decimal marks by the language's convention, kanji numerals with their units
(1兆5500億, 3.5万, 二〇二二), scale words (1.5 million, 2,5 Mrd., 3 млн), era years, percentages
and 割, spelled English numbers and month names. What is not a quantity (inline-tag
placeholders, URLs, handles, phone numbers) is masked first so that it never reads as one.
"""

import math
import re
from dataclasses import dataclass

from translate_flow.checks import eras
from translate_flow.checks.number_words import english_numbers, month_names, small_words
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
    kind: str = "plain"  # plain, year, month, day, percent, ordinal, time

    @property
    def value(self) -> float:
        return self.values[0]


# Full-width, Arabic-Indic and Persian digits and marks, mapped one for one so that every
# position in the normalised text is the same position in the text as given.
_NORMALISE = {0xFF10 + i: str(i) for i in range(10)}
_NORMALISE |= {0x0660 + i: str(i) for i in range(10)}
_NORMALISE |= {0x06F0 + i: str(i) for i in range(10)}
_NORMALISE |= {0xFF0E: ".", 0xFF0C: ",", 0x066B: ".", 0x066C: ",", 0xFF05: "%", 0x066A: "%"}

_MASK = re.compile(
    PLACEHOLDER_PATTERN
    + r"|https?://\S+|www\.\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?<!\w)[@#][^\W\d]\w*"
    # Phone and postal numbers: digits in three hyphenated groups (03-1234-5678).
    + r"|(?<![\d.])(?:\+\d{1,3}[ -]?)?\(?\d{2,4}\)?[-‐ ]\d{2,4}[-‐]\d{3,4}(?![\d])"
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
        "billion": 1e12, "billionen": 1e12, "bio.": 1e12,
    },
    "es": {
        "mil millones": 1e9, "mil": 1e3, "millón": 1e6, "millon": 1e6, "millones": 1e6,
        "millardo": 1e9, "millardos": 1e9, "billón": 1e12, "billones": 1e12,
    },
    "ru": {
        "тыс.": 1e3, "тыс": 1e3, "тысяча": 1e3, "тысячи": 1e3, "тысяч": 1e3,
        "млн": 1e6, "млн.": 1e6, "миллион": 1e6, "миллиона": 1e6, "миллионов": 1e6,
        "млрд": 1e9, "млрд.": 1e9, "миллиард": 1e9, "миллиарда": 1e9, "миллиардов": 1e9,
        "трлн": 1e12, "трлн.": 1e12, "триллион": 1e12, "триллиона": 1e12,
        "триллионов": 1e12,
    },
    "ar": {
        "ألف": 1e3, "آلاف": 1e3, "مليون": 1e6, "ملايين": 1e6, "مليار": 1e9,
        "مليارات": 1e9, "بليون": 1e9, "تريليون": 1e12,
    },
}  # fmt: skip


def _scale_pattern(words: dict[str, float]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"[ {_THIN}]?({alternatives})(?![^\W\d_])", re.IGNORECASE)


_SCALE_PATTERNS = {
    language: _scale_pattern(_SCALES_EN | _SCALES.get(language, {}))
    for language in ("en", "de", "es", "ru", "ar", "ja", "zh")
}
_SCALE_TABLES = {language: _SCALES_EN | _SCALES.get(language, {}) for language in _SCALE_PATTERNS}
_CURRENCY_M = re.compile(r"[$€£¥]\s?$")

_PERCENT_AFTER = re.compile(
    r"\s?(?:%|percent\b|per cent\b|pct\b|Prozent|por ciento|процент|في المئة|في المائة|بالمئة"
    r"|بالمائة|パーセント)"
)
_ORDINAL_AFTER = re.compile(r"(?:st|nd|rd|th|\.º|º|ª|-?й|-?го|-?я|-?е)(?![^\W\d_])")

_ISO_DATE = re.compile(r"(?<![\d.])(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?![\d])")
_DMY_DATE = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4})(?![\d])")
_TIME = re.compile(
    r"(?<![\d.,])(\d{1,2})(?::|\.(?=\d{2}\s?(?:a\.m\.|p\.m\.|am\b|pm\b|Uhr|h\b)))(\d{2})(?!\d)"
)
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
_KANJI_RUN = re.compile(rf"[0-9{_KANJI_CHARS}][0-9{_KANJI_CHARS},.点]*")
_HAS_KANJI = re.compile(f"[{_KANJI_CHARS}]")
_CJK_PERCENT = re.compile(rf"百分之([0-9{_KANJI_CHARS}.点]+)")
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

_APPROX_BEFORE = re.compile(
    r"(?:約|およそ|ほぼ|推定|约|大约|近|about|around|nearly|almost|roughly|approximately|"
    r"some|close to|more than|over|under|up to|just over|just under|at least|less than|"
    r"etwa|rund|fast|knapp|ca\.|über|mehr als|gut|unos|unas|cerca de|casi|alrededor de|"
    r"más de|около|почти|примерно|более|свыше|порядка|نحو|حوالي|حوالى|قرابة|زهاء|أكثر من)"
    r"\s*[$€£¥]?\s*$",
    re.IGNORECASE,
)
_APPROX_AFTER = re.compile(
    r"^\s*[^\s\d]{0,2}(?:余り|余|超|強|弱|前後|程度|ほど|近く|多|以上|以下|未満|plus)"
)


def language_of(code: str) -> str:
    return code.replace("_", "-").split("-")[0].lower()


def normalise(text: str) -> str:
    """Digits and marks of every script as ASCII, keeping each code point's position."""
    return text.translate(_NORMALISE)


def numbers_in(text: str, language: str) -> list[Number]:
    """Every number of `text` (in placeholder form), in reading order."""
    lang = language_of(language)
    work = _MASK.sub(lambda m: _FILLER * (m.end() - m.start()), normalise(text))
    reader = _Reader(text, work, lang)
    if _HAS_KANJI.search(work) or "年" in work:
        reader.eras()
    reader.latin_eras()
    reader.dates()
    reader.times()
    if _HAS_KANJI.search(reader.work):
        reader.kanji()
    reader.digits()
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
            if j < len(run) - 1 and run[j] == "点" and run[j + 1] in _KANJI_DIGITS:
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
            self.add(Number(values, match.start(), match.end(), self._text(match), kind="year"))

    def latin_eras(self) -> None:
        for match in eras.LATIN_ERA.finditer(self.work):
            year = int(match.group(2))
            gregorian = eras.gregorian(match.group(1), year)
            self.add(
                Number(
                    (gregorian, year), match.start(), match.end(), self._text(match), kind="year"
                )
            )

    def dates(self) -> None:
        for match in _ISO_DATE.finditer(self.work):
            for group, kind in ((1, "year"), (3, "month"), (4, "day")):
                self._add_group(match, group, kind)
        for match in _DMY_DATE.finditer(self.work):
            for group, kind in ((1, "day"), (2, "month"), (3, "year")):
                self._add_group(match, group, kind)

    def times(self) -> None:
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
                        kind="percent",
                    )
                )  # fmt: skip
        for match in _KANJI_RUN.finditer(self.work):
            run = match.group(0)
            start, end = match.start(), match.end()
            # Edges that are marks, and big units with nothing to multiply (万一), are text.
            while run and (run[-1] in ",.点"):
                run = run[:-1]
                end -= 1
            while run and run[0] in _BIG_UNITS:
                run = run[1:]
                start += 1
            if not run or not _HAS_KANJI.search(run):
                continue
            if self._not_a_number(start, end):
                continue
            read = kanji_value(run)
            if read is None:
                continue
            value, unit = read
            self._add_cjk(start, end, value, unit, run)

    def _not_a_number(self, start: int, end: int) -> bool:
        if self.work[start] not in _NOT_NUMBER_PREFIXES and (
            start == 0 or self.work[start - 1] not in _NOT_NUMBER_PREFIXES
        ):
            return False
        around = self.text[max(0, start - 1) : end + 3]
        return any(word in around for word in _NOT_NUMBERS)

    def _add_cjk(self, start: int, end: int, value: float, unit: float, run: str) -> None:
        after = self.work[end : end + 2]
        before = self.work[max(0, start - 1) : start]
        lone_kanji = len(run) == 1 and not run.isdigit()
        strong = True
        kind = "plain"
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
        if follower in "割成" and (follower == "割" or self.language == "zh"):
            values = (value * 10, value / 10)  # 3割 is 30%, or 0.3 as a share
            kind = "percent"
            unit = 0.0
        elif follower == "%" or after.startswith("パー"):
            kind = "percent"
        elif follower == "倍" and value <= 4:
            strong = False  # 2倍 is "doubled" as often as "twice"
        elif follower == "月" and after[1:2] != "間" and value <= 12:
            kind = "month"
        elif follower in "日号" and after[1:2] != "間" and value <= 31:
            kind = "day"
        elif follower == "年":
            kind = "year"
        self.add(Number(values, start, end, self.text[start:end], unit, strong, kind=kind))

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
            plain = self._plain_digits(written, decimal)
            value = float(plain)
            unit = _written_unit(plain, scaled=False)
            kind = "plain"
            strong = True
            values: tuple[float, ...] = (value,)
            scale_match = scales.match(self.work, end)
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
            if _PERCENT_AFTER.match(self.work, end):
                kind = "percent"
            elif _ORDINAL_AFTER.match(self.work, end):
                kind = "ordinal"
            elif self.work[end : end + 1] == "年":
                kind = "year"
            elif self.work[end : end + 1] == "月" and value <= 12:
                kind = "month"
            elif self.work[end : end + 1] in ("日", "号") and value <= 31:
                kind = "day" if self.work[end + 1 : end + 2] != "間" else "plain"
            elif self.work[end : end + 1] == "倍" and value <= 4:
                strong = False
            elif self.work[end : end + 1] == "割":
                values = (value * 10, value / 10)
                kind = "percent"
            if len(plain) == 4 and plain.isdigit() and 1800 <= value <= 2100 and kind == "plain":
                kind = "year"
                tail = _FISCAL_TAIL.match(self.work, end)
                if tail and int(tail.group(1)) == (int(value) + 1) % 100:
                    # "fiscal 2022/23": the second year is the same year's end.
                    values = (value, value + 1)
                    end = tail.end()
            if self._after_letter(start):
                strong = False  # G7, COVID-19, F-35: names, which a translation may spell
            if value == 1 and "." not in plain and not scale_match and kind != "percent":
                strong = False
            self.add(Number(values, start, end, self.text[start:end], unit, strong, kind=kind))

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
        scales = _SCALE_PATTERNS.get(self.language, _SCALE_PATTERNS["en"])
        table = _SCALE_TABLES.get(self.language, _SCALE_TABLES["en"])
        for word in found:
            end = word.end
            value = word.value
            strong = word.strong
            scale_match = scales.match(self.work, end) if word.kind == "plain" else None
            if scale_match is not None:
                scale = table.get(scale_match.group(1).lower(), 0.0)
                if scale and scale_match.group(1).lower() not in ("k", "m"):
                    value *= scale
                    end = scale_match.end()
                    strong = True
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
        for number in sorted(self.found, key=lambda n: n.start):
            before = self.text[max(0, number.start - 24) : number.start]
            approx = bool(_APPROX_BEFORE.search(before)) or bool(
                _APPROX_AFTER.match(self.text, number.end)
            )
            values = number.values
            after = self.text[number.end : number.end + 6]
            if number.values[0] <= 12 and _AFTERNOON.match(after):
                values = (*values, number.values[0] + 12)
            if approx or values != number.values:
                number = Number(
                    values, number.start, number.end, number.text, number.unit,
                    number.strong, approx, number.kind,
                )  # fmt: skip
            numbers.append(number)
        return numbers

    def _text(self, match: re.Match[str]) -> str:
        return self.text[match.start() : match.end()]
