"""Placeables: addresses, e-mail, @handles and #hashtags kept as written."""

from translate_flow.checks.base import CheckContext, Severity
from translate_flow.checks.placeables import PlaceablesCheck, placeables

CHECK = PlaceablesCheck()


def run(source: str, target: str, pair: tuple[str, str] = ("ja", "en")) -> list[str]:
    context = CheckContext(*pair)
    if not CHECK.applies(source, target, context):
        return []
    return [f.message for f in CHECK.check(source, target, context)]


def written(text: str) -> list[str]:
    return [text[start:end] for _kind, start, end in placeables(text)]


def test_what_counts_as_a_placeable() -> None:
    text = (
        "詳細は https://example.jp/a?b=1 を参照。連絡は info@example.jp、@abe_shinzo氏 #MeToo運動"
    )
    assert written(text) == [
        "https://example.jp/a?b=1",
        "info@example.jp",
        "@abe_shinzo",
        "#MeToo",
    ]


def test_sentence_punctuation_is_not_part_of_an_address() -> None:
    assert written("See https://example.org/report.") == ["https://example.org/report"]
    assert written("(see https://example.org/a_(b))") == ["https://example.org/a_(b)"]


def test_numbers_after_a_hash_are_a_rank_not_a_hashtag() -> None:
    assert written("Es el #1 del mundo") == []
    assert written("#東京五輪 が話題") == ["#東京五輪"]


def test_a_changed_or_lost_address_is_an_error() -> None:
    findings = CHECK.check(
        "詳細は https://example.jp/a を参照。", "See https://example.jp.", CheckContext("ja", "en")
    )
    assert [f.severity for f in findings] == [Severity.ERROR]
    assert len(run("Escriba a info@example.es.", "Write to us.", ("es", "en"))) == 1
    assert len(run("Dijo @sanchezcastejon", "said Sánchez", ("es", "en"))) == 1


def test_kept_placeables_and_fullwidth_forms_are_fine() -> None:
    assert (
        run("詳細は https://example.jp/a を参照。", "See https://example.jp/a for details.") == []
    )
    assert run("＠abe_shinzo氏が投稿", "@abe_shinzo posted") == []
    assert run("#MeToo運動が広がった", "The #MeToo movement spread.") == []


def test_nothing_to_keep_says_nothing() -> None:
    assert run("政府は否定した。", "The government denied it.") == []
    assert run("価格は1.5倍", "The price rose 1.5 times") == []


def test_spans_point_into_the_text_as_written_where_nfkc_changes_lengths() -> None:
    # …, ㈱, ㍻, ﬁ and half-width katakana each normalise to another number of characters.
    for source in (
        "㈱ABCは…詳細は @abc_news",
        "㍻最後のﬁnal、ｶﾞｲﾄﾞは www.example.jp/a",
        "ﬀwww.example.jp",
    ):
        context = CheckContext("ja", "en")
        (finding,) = CHECK.check(source, "Nothing kept.", context)
        (span,) = finding.source_spans
        assert source[span.start : span.end] in ("@abc_news", "www.example.jp/a", "www.example.jp")
        assert span.end <= len(source)
