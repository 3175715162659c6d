"""Reading TMX as the desk does: what each tool writes, the text a translator sees, the
languages mapped to the desk's, and hostile files refused before they cost anything."""

import io
from pathlib import Path

import pytest

from translate_flow.memory.importing import desk_code
from translate_flow.memory.tmx_reading import TmxRefused, TmxUnit, read_tmx

TMX = Path(__file__).parent.parent / "data" / "tmx"
LIMIT = 1024 * 1024


def read(data: bytes, max_bytes: int = LIMIT) -> list[TmxUnit]:
    _header, units = read_tmx(io.BytesIO(data), max_bytes=max_bytes)
    return list(units)


def texts(path: str) -> list[dict[str, str]]:
    return [
        {variant.language: variant.text for variant in unit.variants}
        for unit in read((TMX / path).read_bytes())
    ]


def seg(content: str, lang: str = 'xml:lang="en"') -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?><tmx version="1.4"><header srclang="en"/><body>'
        f"<tu><tuv {lang}><seg>{content}</seg></tuv></tu></body></tmx>"
    ).encode()


def only_text(content: str) -> str:
    (unit,) = read(seg(content))
    return unit.variants[0].text


def test_omegat_units_come_with_their_regional_codes_and_dates():
    with (TMX / "omegat_ja_en.tmx").open("rb") as stream:
        header, units = read_tmx(stream, max_bytes=LIMIT)
        read_units = list(units)
    assert (header.source_language, header.creation_tool) == ("ja-JP", "OmegaT")
    assert [unit.index for unit in read_units] == [1, 2, 3, 4]
    assert read_units[0].variants[1].language == "en-US"
    # OmegaT dates the translation's <tuv>, not the <tu>.
    assert read_units[0].changed_at is not None
    assert read_units[0].changed_at.isoformat() == "2025-03-01T10:15:00+00:00"


def test_inline_tags_leave_the_text_a_translator_sees():
    _first, second, third, _empty = texts("omegat_ja_en.tmx")
    assert second == {"ja-JP": "同盟の負担は重い。", "en-US": "The alliance is a heavy burden."}
    assert third["en-US"] == "The real question is thirty years of stagnation."


def test_trados_utf16_with_empty_tags_is_read():
    units = texts("trados_utf16.tmx")
    assert units[0]["ja-JP"] == "日米首脳が電話で会談した。"
    assert units[0]["en-US"] == "The Japanese and US leaders held talks by phone."
    assert units[1]["en-US"] == "Defence spending will be the largest ever."


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-8-sig"])
def test_utf16_without_a_byte_order_mark_and_utf8_with_one_are_read(encoding):
    declared = "UTF-16" if encoding.startswith("utf-16") else "UTF-8"
    document = seg("東京で会談").decode().replace("UTF-8", declared)
    (unit,) = read(document.encode(encoding))
    assert unit.variants[0].text == "東京で会談"


def test_tmx_1_1_lang_attributes_are_read_and_literal_braces_stay_text():
    units = texts("tmx11_lang.tmx")
    assert units[0]["en-GB"].startswith("But a weak currency")
    # `{1}` written in a TMX is text, not one of the desk's tag placeholders.
    assert units[1]["en-GB"] == "The function returns \\{1} and \\{2/}."


def test_hi_and_sub_keep_their_text_and_native_code_does_not():
    units = texts("phrase_ja_en.tmx")
    assert units[0] == {"ja": "日銀総裁の会見", "en": "The BoJ governor's press conference"}
    assert units[1]["en"] == "See the photo Prime Minister's Office"


def test_memoq_multilingual_units_hold_every_language():
    units = texts("memoq_multilingual.tmx")
    assert set(units[0]) == {"ja-JP", "en-US", "de-DE"}


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("a <hi>b</hi> c", "a b c"),
        ("  line one\n      line two  ", "line one line two"),
        ('<bpt i="1">&lt;a href="x"&gt;</bpt>link<ept i="1">&lt;/a&gt;</ept>', "link"),
        ("x<ph>&lt;br/&gt;</ph>y", "xy"),
        ('x<it pos="end">&lt;/b&gt;</it> y<ut>&lt;i&gt;</ut>', "x y"),
        ("Cafe\u0301", "Café"),  # NFC
        ("a &amp; b &lt;c&gt;", "a & b <c>"),
        # The desk's own export: tags that hold nothing but a placeholder come back as one.
        (
            '<bpt i="1" x="1">{1}</bpt>report<ept i="1">{/1}</ept>,<ph x="3">{3/}</ph>ok',
            "{1}report{/1},{3/}ok",
        ),
        # …unless they do not pair up, when they are dropped like any tag.
        ('<bpt i="1">{1}</bpt>report', "report"),
        ('<bpt i="2">{1}</bpt>a<ept i="2">{/1}</ept>', "a"),
        ("\\{1}", "\\\\{1}"),
    ],
)
def test_segment_text(content, expected):
    assert only_text(content) == expected


def test_preserved_spacing_is_kept():
    (unit,) = read(seg("a  b", lang='xml:lang="en" xml:space="preserve"'))
    assert unit.variants[0].text == "a  b"


# --- Whole files refused -----------------------------------------------------------------

LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE tmx [\n<!ENTITY a0 "ha">\n'
    + "".join(f'<!ENTITY a{i + 1} "{f"&a{i};" * 10}">\n' for i in range(9))
    + ']>\n<tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="en">'
    "<seg>&a9;</seg></tuv></tu></body></tmx>"
)
EXTERNAL = (
    '<?xml version="1.0"?>\n<!DOCTYPE tmx [<!ENTITY secret SYSTEM "file:///etc/passwd">]>\n'
    '<tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="en">'
    "<seg>&secret;</seg></tuv></tu></body></tmx>"
)
PARAMETER = (
    '<?xml version="1.0"?>\n<!DOCTYPE tmx [<!ENTITY % remote SYSTEM "http://127.0.0.1:9/x">'
    ' %remote;]>\n<tmx version="1.4"><header/><body/></tmx>'
)


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (LAUGHS.encode(), "declares XML entities"),
        (EXTERNAL.encode(), "declares XML entities"),
        (PARAMETER.encode(), "declares XML entities"),
        (b'<tmx version="1.4"><header/><body><tu><tuv>', "not well-formed XML"),
        (b"<html><body>Not a memory</body></html>", "root element is <html>"),
        (b"", "not well-formed XML"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "not well-formed XML"),
        (seg("&nbsp;"), "not well-formed XML"),
        (seg("<hi>" * 50 + "x" + "</hi>" * 50), "more than 40 deep"),
        (seg("<hi/>" * 6000), "more than 5,000 XML elements"),
        (seg("").replace(b"<header", b"<header>" + b"<prop/>" * 6000 + b"</header><x"), "header"),
    ],
)
def test_hostile_and_broken_files_are_refused_with_a_sentence(data, says):
    with pytest.raises(TmxRefused) as refused:
        read(data)
    assert says in refused.value.message
    assert refused.value.message.endswith("Nothing was imported.")


def test_a_file_over_the_limit_is_refused_when_the_limit_is_reached():
    body = "".join(f'<tu><tuv xml:lang="en"><seg>Unit {n}</seg></tuv></tu>' for n in range(2000))
    data = f'<tmx version="1.4"><header srclang="en"/><body>{body}</body></tmx>'.encode()
    with pytest.raises(TmxRefused, match="larger than 10 KB"):
        read(data, max_bytes=10_000)
    assert len(read(data, max_bytes=len(data))) == 2000


def test_a_file_without_a_header_is_read_and_stray_elements_are_ignored():
    data = (
        b'<tmx version="1.4"><body><note>stray</note><tu><tuv lang="en"><seg>a</seg></tuv></tu>'
        + b"<x/>" * 3000
        + b'<tu><tuv lang="en"><seg>b</seg></tuv></tu></body></tmx>'
    )
    assert [unit.variants[0].text for unit in read(data)] == ["a", "b"]


def test_a_doctype_without_declarations_is_read():
    data = seg("ok").replace(b"<tmx", b'<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n<tmx', 1)
    (unit,) = read(data)
    assert unit.variants[0].text == "ok"


# --- Languages ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "desk", "expected"),
    [
        ("ja-JP", {"ja", "es"}, "ja"),
        ("JA", {"ja"}, "ja"),
        ("en-us", {"en"}, "en"),
        ("zh-Hans-CN", {"zh"}, "zh"),
        ("zh-Hans-CN", {"zh", "zh-Hans", "zh-Hant"}, "zh-Hans"),
        ("zh-CN", {"zh-Hans", "zh-Hant"}, "zh-Hans"),
        ("zh-TW", {"zh-Hans"}, None),  # never the other script
        ("pt-BR", {"pt-PT"}, "pt-PT"),  # the desk's one Portuguese
        ("en", {"en-GB", "en-US"}, None),  # which one is not clear
        ("en-GB", {"en-GB", "en-US"}, "en-GB"),
        ("fr-FR", {"ja", "en"}, None),
    ],
)
def test_file_codes_are_mapped_to_the_desk_s(code, desk, expected):
    assert desk_code(code, desk) == expected
