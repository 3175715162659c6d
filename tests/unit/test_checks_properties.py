"""Properties of the checks other than numbers, over generated text: a translation that does
what a check asks of it is never flagged by that check, and no check fails or wavers on any
text in any pair of the desk's languages."""

import unicodedata
from itertools import cycle

from hypothesis import given, settings
from hypothesis import strategies as st

from translate_flow.checks.base import CheckContext, run_checks
from translate_flow.checks.brackets import BracketsCheck
from translate_flow.checks.placeables import PlaceablesCheck
from translate_flow.checks.spacing import SpacingCheck
from translate_flow.checks.tags_check import TagsCheck

LANGUAGES = ["en", "ja", "zh", "zh-Hant", "ko", "de", "es", "fr", "ru", "ar", "fa"]
LANGUAGE = st.sampled_from(LANGUAGES)

# Every mark a bracket or quotation could be written with, and what starts a placeholder:
# words between the marks hold none of them.
_MARKS = set("()（）[]［］【】〔〕〖〗{}｛｝《》〈〉“”«»「」『』„‹›‘’‚\"＂'\\")
_WORD_CHAR = st.characters(
    codec="utf-8", exclude_categories=("Cs", "Co", "Cn", "Cc", "Zs", "Zl", "Zp")
).filter(lambda char: char not in _MARKS)
_WORD = st.text(alphabet=_WORD_CHAR, min_size=1, max_size=6)

_KINDS = ["round", "square", "quote", "inner", "title", "straight"]
# Each language's own round, square, quotation, inner quotation and title marks, opener then
# closer; a kind a language does not write is written as the one it does (title marks are
# quotation marks in English). Straight quotes are the same everywhere.
_MARKS_OF: dict[str, str] = {
    "en": "()[]“”‘’“”", "ja": "（）【】「」『』《》", "zh": "（）【】“”‘’《》",
    "zh-Hant": "（）〔〕「」『』《》", "ko": "()[]“”‘’《》", "de": "()[]„“‚‘„“",
    "es": "()[]«»“”«»", "fr": "()[]«»“”«»", "ru": "()[]«»„“«»", "ar": "()[]«»“”«»",
    "fa": "()[]«»“”«»",
}  # fmt: skip
_STYLE = {
    language: {kind: (marks[2 * i], marks[2 * i + 1]) for i, kind in enumerate(_KINDS[:5])}
    for language, marks in _MARKS_OF.items()
}

# A bracketed text as a tree: a word, or a kind of pair around a list of trees.
_TREE = st.recursive(
    _WORD,
    lambda children: st.tuples(st.sampled_from(_KINDS), st.lists(children, max_size=3)),
    max_leaves=12,
)


def _rendered(tree: object, language: str) -> str:
    if isinstance(tree, str):
        return tree
    kind, children = tree  # type: ignore[misc]
    opener, closer = _STYLE[language].get(kind, ('"', '"'))
    inside = " ".join(_rendered(child, language) for child in children)
    return f"{opener}{inside}{closer}"


@given(st.lists(_TREE, min_size=1, max_size=4), LANGUAGE, LANGUAGE, st.booleans())
@settings(derandomize=True, max_examples=150, deadline=None)
def test_the_source_with_its_marks_in_the_targets_style_is_never_a_brackets_finding(
    trees, source_language, target_language, runs_on
):
    source = " ".join(_rendered(tree, source_language) for tree in trees)
    target = " ".join(_rendered(tree, target_language) for tree in trees)
    if runs_on:
        # A quotation that runs over into the next segment stays open in both.
        source += " " + _STYLE[source_language]["quote"][0] + "x"
        target += " " + _STYLE[target_language]["quote"][0] + "x"
    context = CheckContext(source_language, target_language)
    assert BracketsCheck().check(source, target, context) == []


# Words with no space of any kind in them, and not starting with what English punctuates with,
# since "word ," is a space before punctuation.
_SPACELESS = st.text(
    alphabet=st.characters(
        codec="utf-8", exclude_categories=("Cs", "Co", "Cn", "Cc", "Zs", "Zl", "Zp")
    ).filter(lambda char: not char.isspace()),
    min_size=1,
    max_size=8,
).filter(lambda word: word[0] not in ",.;:!?")
_ANY_TEXT = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Co", "Cn")), max_size=40
)


@given(_ANY_TEXT, st.lists(_SPACELESS, min_size=1, max_size=8), LANGUAGE, LANGUAGE)
@settings(derandomize=True, max_examples=150, deadline=None)
def test_single_spaces_and_no_space_at_either_end_is_never_a_spacing_finding(
    source, words, source_language, target_language
):
    target = " ".join(words)
    context = CheckContext(source_language, target_language)
    assert SpacingCheck().check(source, target, context) == []


# Text with nothing ASCII in it, nor anything NFKC turns into ASCII (ｗ, ＠, ①), so that the
# only placeables are the ones put in.
_NOT_ASCII = st.characters(
    codec="utf-8", min_codepoint=0xA0, exclude_categories=("Cs", "Co", "Cn", "Cc")
).filter(lambda char: all(ord(c) > 127 for c in unicodedata.normalize("NFKC", char)))
_PROSE = st.text(alphabet=_NOT_ASCII, max_size=10)
_ALNUM = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
_LABEL = st.text(alphabet=_ALNUM.lower()[:36], min_size=1, max_size=8)
_HOST = st.builds(
    lambda labels, tld: ".".join([*labels, tld]),
    st.lists(_LABEL, min_size=1, max_size=3),
    st.sampled_from(["com", "org", "jp", "co.jp", "de", "ru", "cn"]),
)
_URL = st.builds(
    lambda scheme, host, path, query: f"{scheme}{host}{''.join('/' + p for p in path)}{query}",
    st.sampled_from(["https://", "http://", "www.", "HTTPS://"]),
    _HOST,
    st.lists(st.text(alphabet=_ALNUM + "_~%-", min_size=1, max_size=8), max_size=3),
    st.sampled_from(["", "/", "?id=42", "?a=1&b=x2", "#part"]),
)
_EMAIL = st.builds(
    lambda first, rest, host: f"{first}{rest}@{host}",
    st.sampled_from(_ALNUM),
    st.text(alphabet=_ALNUM + "._%+-", max_size=8),
    _HOST,
)
_HANDLE = st.text(alphabet=_ALNUM + "_", min_size=1, max_size=15).map(lambda name: "@" + name)
_HASHTAG = st.builds(
    lambda first, rest: f"#{first}{rest}",
    st.sampled_from(_ALNUM[:52]),
    st.text(alphabet=_ALNUM + "_", max_size=12),
)
_PLACEABLE = st.one_of(_URL, _EMAIL, _HANDLE, _HASHTAG)
_SENTENCE_END = st.sampled_from(["", ".", ",", "!", "?", ";", ":", "。", "、"])


@given(
    st.lists(st.tuples(_PROSE, _PLACEABLE, _SENTENCE_END), min_size=1, max_size=4),
    st.lists(_PROSE, min_size=5, max_size=5),
    st.randoms(use_true_random=False),
    st.booleans(),
    LANGUAGE,
    LANGUAGE,
)
@settings(derandomize=True, max_examples=100, deadline=None)
def test_a_target_with_every_placeable_of_the_source_is_never_a_placeables_finding(
    parts, other_prose, random, full_width, source_language, target_language
):
    source = " ".join(f"{prose} {item}{end}" for prose, item, end in parts)
    if full_width:
        # Japanese text often writes the marks full-width: ＠ and ＃ are the same handle.
        source = source.replace("@", "＠").replace("#", "＃")
    items = [item for _, item, _ in parts]
    random.shuffle(items)
    target = " ".join(f"{prose} {item}" for prose, item in zip(other_prose, items, strict=False))
    context = CheckContext(source_language, target_language)
    assert PlaceablesCheck().check(source, target, context) == []


# Characters a newspaper writes whose compatibility form is longer or shorter: the ellipsis,
# ㈱ in company names, half-width katakana, era and unit ligatures.
_WIDENED = st.text(alphabet=st.sampled_from("…㈱㍻㌔ﬁｶﾞｯ①Ⅻ½"), min_size=1, max_size=4)


@given(_PROSE, _WIDENED, _PLACEABLE, LANGUAGE)
@settings(derandomize=True, max_examples=100, deadline=None)
def test_a_missing_placeable_is_pointed_at_where_the_source_writes_it(
    prose, widened, placeable, source_language
):
    source = f"{prose}{widened} {placeable}"
    context = CheckContext(source_language, "en")
    (finding,) = PlaceablesCheck().check(source, "Nothing kept.", context)
    (span,) = finding.source_spans
    assert source[span.start : span.end] == placeable, (span, len(source))


_TAG_WORD = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Co", "Cn")).filter(
        lambda char: char not in "{}\\"
    ),
    max_size=5,
)


@st.composite
def _tagged(draw: st.DrawFn) -> list[str]:
    """A well-formed sequence of words and placeholders: pairs nested, singles, ids once each."""
    # At most 39 tags fit the depth allowed below.
    ids = iter(draw(st.lists(st.integers(1, 9999), min_size=40, max_size=40, unique=True)))
    out: list[str] = []

    def content(depth: int) -> None:
        for _ in range(draw(st.integers(0, 3))):
            choice = draw(st.integers(0, 4 if depth < 3 else 1))
            if choice <= 1:
                out.append(draw(_TAG_WORD))
            elif choice == 2:
                out.append(f"{{{next(ids)}/}}")
            else:
                number = next(ids)
                out.append(f"{{{number}}}")
                content(depth + 1)
                out.append(f"{{/{number}}}")

    content(0)
    return out


@given(_tagged(), st.lists(_TAG_WORD, min_size=1, max_size=6), LANGUAGE, LANGUAGE)
@settings(derandomize=True, max_examples=150, deadline=None)
def test_a_target_with_the_sources_placeholders_in_the_same_order_is_never_a_tags_finding(
    pieces, other_words, source_language, target_language
):
    source = "".join(pieces)
    placeholders = [piece for piece in pieces if piece.startswith("{") and piece.endswith("}")]
    words = cycle(other_words)
    target = "".join(f"{next(words)}{placeholder}" for placeholder in placeholders)
    target += next(words) or "."
    context = CheckContext(source_language, target_language)
    assert TagsCheck().check(source, target, context) == []


# Hostile text: lone combining marks, right-to-left text and its controls, emoji joined by
# zero-width joiners, digits of every script, kanji numerals and era words, marks every check
# reads, placeholders, addresses; mixed with anything at all.
_HOSTILE_PIECES = st.sampled_from(
    [
        "\u0301", "\u0651", "\u20dd", "\u200d", "\u200f", "\u202e", "\u2066", "\ufe0f",
        "👨\u200d👩\u200d👧", "🏳️\u200d🌈", "👍🏽", "🇯🇵", "שלום", "مرحبا", "٣٫٥٪", "۱۲۳",
        "١٬٢٥٠", "१२३", "１２３", "．", "，", "三十五", "二〇二二", "1兆5500億", "万", "億",
        "令和", "元年", "平成31年", "年度", "第", "条", "割", "百分之", "点", "%", "％", " ", "  ",
        "\u3000", "\u00a0", "\u202f", "\n", "\t", ".", ",", "?", "？", "!", "「", "」", "“", "”",
        "«", "»", "„", "(", ")", "（", "）", "[", "{", "}", "{1}", "{/1}", "{2/}", "\\{1}", "{1",
        "@", "＠", "#", "＃", "https://", "www.", "a@b.co", "@x", "#y", "0", "1,000", "1.000",
        "2,5", "-", "–", "million", "billion", "Milliarden", "млрд", "مليار", "a", "Z", "ß",
        "İ", "ﬁ", "㈱", "㍻", "Ⅻ", "½", "⅓", "…", "ｶﾞ", "㌔", "www.example.com", "https://a.jp/x",
        "\ud7ff", "\U0010fffd", "\x00", "\x1f",
    ]
)  # fmt: skip
_HOSTILE = st.one_of(
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30),
    st.lists(_HOSTILE_PIECES, max_size=12).map("".join),
    st.tuples(
        st.lists(_HOSTILE_PIECES, max_size=6).map("".join),
        st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=10),
    ).map("".join),
)


def _context(source_language, target_language, siblings, ratio):
    return CheckContext(source_language, target_language, siblings=siblings, length_ratio=ratio)


_SIBLINGS = st.lists(st.tuples(_HOSTILE, _HOSTILE), max_size=3).map(tuple)
_RATIO = st.one_of(st.none(), st.tuples(st.floats(0.1, 5), st.floats(0.01, 2)))


@given(_HOSTILE, _HOSTILE, LANGUAGE, LANGUAGE, _SIBLINGS, _RATIO)
@settings(derandomize=True, max_examples=200, deadline=None)
def test_no_check_fails_on_any_text_and_its_findings_point_inside_the_texts(
    source, target, source_language, target_language, siblings, ratio
):
    context = _context(source_language, target_language, siblings, ratio)
    for finding in run_checks(source, target, context):
        assert finding.message
        for span in finding.source_spans:
            assert 0 <= span.start <= span.end <= len(source), (finding, len(source))
        for span in finding.target_spans:
            assert 0 <= span.start <= span.end <= len(target), (finding, len(target))


@given(_HOSTILE, LANGUAGE, LANGUAGE)
@settings(derandomize=True, max_examples=100, deadline=None)
def test_no_check_fails_on_an_empty_side(text, source_language, target_language):
    run_checks("", text, CheckContext(source_language, target_language))
    run_checks(text, "", CheckContext(source_language, target_language))
    run_checks(text, text, CheckContext(source_language, target_language))


@given(_HOSTILE, _HOSTILE, LANGUAGE, LANGUAGE, _SIBLINGS)
@settings(derandomize=True, max_examples=100, deadline=None)
def test_the_checks_say_the_same_thing_every_time(
    source, target, source_language, target_language, siblings
):
    def findings():
        context = _context(source_language, target_language, siblings, None)
        return [finding.as_json() for finding in run_checks(source, target, context)]

    assert findings() == findings()
