"""Termbase files as the desk reads and writes them: CSV in the dialects spreadsheets and
tools write, TBX as terminology tools export it, round trips through translate-toolkit, and
hostile XML refused before it costs anything."""

import codecs
import csv
import io
from pathlib import Path

import pytest
from translate.storage.csvl10n import csvfile
from translate.storage.tbx import tbxfile

from tests.unit.test_tmx_reading import EXTERNAL, LAUGHS, PARAMETER
from translate_flow.domain.models import Term, TermCategory, TermStatus
from translate_flow.terms.csv_files import read_csv, write_csv
from translate_flow.terms.file_terms import FileTerm, TermsFileRefused
from translate_flow.terms.folding import term_key
from translate_flow.terms.importing import file_format
from translate_flow.terms.tbx_files import entry_term, read_tbx, write_tbx

DATA = Path(__file__).parent.parent / "data" / "terms"


def fixture(name: str) -> bytes:
    return (DATA / name).read_bytes()


def csv_terms(data: bytes, **languages: str) -> list[FileTerm]:
    terms, problems = read_csv(data, **languages)
    assert problems == []
    return terms


def tbx_terms(data: bytes, source: set[str], target: set[str]) -> list[FileTerm]:
    found = [entry_term(entry, source, target) for entry in read_tbx(data).entries]
    return [term for term in found if isinstance(term, FileTerm)]


def make_term(term_id: int, source: str, targets: list[str], **fields: object) -> Term:
    values: dict[str, object] = {
        "variants": [],
        "forbidden": [],
        "note": "",
        "category": TermCategory.TERM,
        "case_sensitive": False,
        "whole_word": True,
        "do_not_translate": False,
        "status": TermStatus.APPROVED,
    } | fields
    return Term(
        id=term_id,
        source_language="ja",
        target_language="en",
        source=source,
        source_key=term_key(source),
        targets=targets,
        **values,
    )


STYLE_SHEET = [
    make_term(
        1,
        "思いやり予算",
        ["host-nation support"],
        forbidden=[{"form": "sympathy budget", "reason": "A press nickname; use the official."}],
        note="Japan's share of the cost of stationing U.S. forces.",
    ),
    make_term(
        2,
        "日本銀行",
        ["Bank of Japan", "BOJ"],
        variants=["日銀"],
        category=TermCategory.ORGANISATION,
    ),
    make_term(3, "NHK", [], do_not_translate=True, category=TermCategory.ORGANISATION),
    make_term(4, "Abe", ["Abe"], case_sensitive=True, whole_word=False),
    make_term(5, "=SUM(A1)", ["-1 formula", "+x"], note="@mention\nsecond line"),
    make_term(6, "岸田文雄", ["Fumio Kishida"], category=TermCategory.PERSON),
]


def as_fields(term: Term | FileTerm) -> tuple[object, ...]:
    forbidden = (
        tuple((item["form"], item["reason"]) for item in term.forbidden)
        if isinstance(term, Term)
        else term.forbidden
    )
    return (
        term.source,
        tuple(term.targets),
        tuple(term.variants),
        forbidden,
        term.note,
        term.category,
        term.case_sensitive,
        term.whole_word,
        term.do_not_translate,
    )


# --- CSV -------------------------------------------------------------------------------------


def test_the_desk_style_sheet_reads_with_aliases_semicolons_and_a_byte_order_mark():
    terms = csv_terms(fixture("desk_style_ja_en.csv"))
    assert len(terms) == 11
    budget = next(term for term in terms if term.source == "思いやり予算")
    assert budget.targets == ("host-nation support",)
    assert budget.forbidden == (("sympathy budget", "A press nickname; use host-nation support."),)
    assert (budget.source_language, budget.target_language) == ("ja", "en")
    boj = next(term for term in terms if term.source == "日本銀行")
    assert (boj.targets, boj.variants) == (("Bank of Japan", "BOJ"), ("日銀",))
    assert boj.category is TermCategory.ORGANISATION
    # A semicolon list in a semicolon-separated file: the cell was quoted.
    usfj = next(term for term in terms if term.source == "在日米軍")
    assert usfj.targets == ("U.S. Forces Japan", "USFJ")
    nhk = next(term for term in terms if term.source == "NHK")
    assert (nhk.do_not_translate, nhk.targets) == (True, ())


ROWS = [
    ["source", "target", "note"],
    ["東京", "Tokyo", "The capital, 首都"],
    ["停滞", "stagnation", ""],
]


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be"])
def test_commas_semicolons_tabs_in_utf8_and_utf16_all_read(delimiter, encoding):
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=delimiter).writerows(ROWS)
    terms = csv_terms(out.getvalue().encode(encoding))
    assert [(t.source, t.targets, t.note) for t in terms] == [
        ("東京", ("Tokyo",), "The capital, 首都"),
        ("停滞", ("stagnation",), ""),
    ]
    assert terms[0].source_language is None  # the import's form gives the pair


def test_columns_named_by_language_in_utf16_tabs_give_the_pair():
    terms = csv_terms(fixture("languages_utf16.tsv"))
    assert [(t.source_language, t.target_language, t.source, t.targets) for t in terms] == [
        ("ja", "en", "東京", ("Tokyo",)),
        ("ja", "en", "日銀", ("Bank of Japan", "BOJ")),
    ]


def test_several_language_columns_need_the_target_chosen():
    data = "ja,en,de\n東京,Tokyo,Tokio\n".encode()
    with pytest.raises(TermsFileRefused, match="Choose the target language"):
        read_csv(data)
    (term,) = csv_terms(data, target_language="de")
    assert (term.source_language, term.target_language, term.targets) == ("ja", "de", ("Tokio",))
    (term,) = csv_terms(data, source_language="en", target_language="ja")
    assert (term.source, term.targets) == ("Tokyo", ("東京",))


def test_translate_toolkit_and_weblate_columns_are_read():
    terms = csv_terms(fixture("weblate_glossary.csv"))
    assert [(t.source, t.targets, t.note) for t in terms] == [
        ("東京", ("Tokyo",), "The capital."),
        ("停滞", ("stagnation",), ""),
    ]
    # Only what the file has columns for replaces what a term already has.
    assert terms[0].given == {"source", "targets", "note"}


def test_part_of_speech_says_term_and_a_category_column_must_name_one():
    terms = csv_terms(b"term,translation,part of speech\nbank,Bank,noun\nTokyo,Tokio,place\n")
    assert [t.category for t in terms] == [TermCategory.TERM, TermCategory.PLACE]
    _terms, problems = read_csv(b"source,target,category\nbank,Bank,vegetable\n")
    assert [(p.row, p.message) for p in problems] == [
        (2, "category must be person, organisation, place or term, not “vegetable”.")
    ]


def test_bad_flags_and_stray_cells_are_reported_by_row():
    data = b"source,target,case_sensitive\nNATO,NATO,yes\nEU,EU,perhaps\n\nUN,UN,no,extra\n"
    terms, problems = read_csv(data)
    assert [(t.source, t.case_sensitive) for t in terms] == [("NATO", True)]
    assert [p.row for p in problems] == [3, 5]
    assert "case_sensitive must be yes or no" in problems[0].message
    assert "4 cells but the header names 3 columns" in problems[1].message


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (b"", "empty"),
        (b"Tokyo,\xe6\x9d\xb1\xe4\xba\xac\n", "must name the columns"),
        (b"\x89PNG\r\n\x1a\n\xff\xfe\xfa", "not text in UTF-8 or UTF-16"),
        (b'source,target\n"' + b"x" * 200_000 + b'"\n', "not a CSV the desk can read"),
    ],
)
def test_files_that_are_not_a_termbase_csv_are_refused_with_a_sentence(data, says):
    with pytest.raises(TermsFileRefused, match=says):
        read_csv(data)


def test_csv_round_trip_keeps_every_field_and_disarms_formulas():
    data = write_csv(STYLE_SHEET)
    assert data.startswith(codecs.BOM_UTF8)
    text = data.decode("utf-8-sig")
    assert "'=SUM(A1)" in text and "'-1 formula | +x" in text and "'@mention" in text
    terms = csv_terms(data)
    assert [as_fields(term) for term in terms] == [as_fields(term) for term in STYLE_SHEET]


def test_csv_written_by_the_desk_reads_in_translate_toolkit_unit_for_unit():
    store = csvfile(io.BytesIO(write_csv(STYLE_SHEET)))
    units = [(unit.source, unit.target) for unit in store.units]
    # translate-toolkit keeps the spreadsheet escape; the desk's own reader drops it.
    assert units[:4] == [
        ("思いやり予算", "host-nation support"),
        ("日本銀行", "Bank of Japan | BOJ"),
        ("NHK", ""),
        ("Abe", "Abe"),
    ]
    assert len(units) == len(STYLE_SHEET)


def test_csv_written_by_translate_toolkit_reads_unit_for_unit():
    store = csvfile()
    store.addsourceunit("東京").target = "Tokyo"
    store.addsourceunit("円安").target = "weak yen"
    terms = csv_terms(bytes(store), source_language="ja", target_language="en")
    assert [(t.source, t.targets) for t in terms] == [("東京", ("Tokyo",)), ("円安", ("weak yen",))]


# --- TBX -------------------------------------------------------------------------------------


def test_the_desk_style_sheet_tbx_reads_names_forbidden_forms_and_flags():
    terms = tbx_terms(fixture("desk_style_ja_en.tbx"), {"ja"}, {"en-US"})
    assert len(terms) == 11
    kishida = terms[0]
    assert (kishida.source, kishida.targets, kishida.category) == (
        "岸田文雄",
        ("Fumio Kishida",),
        TermCategory.PERSON,
    )
    assert kishida.forbidden == (
        ("Kishida Fumio", "Family name first is for Japanese-language style only."),
    )
    budget = next(term for term in terms if term.source == "思いやり予算")
    assert budget.forbidden == (("sympathy budget", "A press nickname; use host-nation support."),)
    okinawa = next(term for term in terms if term.source == "沖縄県")
    assert (okinawa.variants, okinawa.targets) == (("沖縄",), ("Okinawa Prefecture", "Okinawa"))
    nhk = next(term for term in terms if term.source == "NHK")
    assert (nhk.do_not_translate, nhk.targets) == (True, ())


def test_a_multiterm_export_in_utf16_with_ntig_and_three_languages_reads():
    tbx = read_tbx(fixture("multiterm_ja_en_de.tbx"))
    assert (tbx.language, tbx.codes) == ("en-US", ["ja", "en-US", "de-DE"])
    found = [entry_term(entry, {"ja"}, {"en-US"}) for entry in tbx.entries]
    ministry, budget, no_english = found
    assert no_english is None  # a concept not yet in English: skipped, not refused
    assert isinstance(ministry, FileTerm) and isinstance(budget, FileTerm)
    assert ministry.forbidden == (("Defence Agency", "The agency's name until 2007."),)
    assert ministry.note == "Subject field: Defence\n日本の行政機関"
    # The preferred form first, wherever the file lists it.
    assert budget.targets == ("host-nation support",)
    assert budget.forbidden == (("sympathy budget", "A press nickname."),)


def test_a_translate_toolkit_tbx_reads_with_its_notes():
    terms = tbx_terms(fixture("toolkit_ja_en.tbx"), {"ja"}, {"en"})
    assert [(t.source, t.targets, t.note) for t in terms] == [
        ("東京", ("Tokyo",), "The capital."),
        ("停滞", ("stagnation",), ""),
        ("円安", ("weak yen",), ""),
    ]


TBX3 = """<?xml version="1.0" encoding="UTF-8"?>
<tbx type="TBX-Basic" style="dca" xml:lang="ja" xmlns="urn:iso:std:iso:30042:ed-2">
<tbxHeader><fileDesc><sourceDesc><p>v3</p></sourceDesc></fileDesc></tbxHeader>
<text><body>
<conceptEntry id="c1">
<descrip type="definition">The capital.</descrip>
<langSec xml:lang="ja"><termSec><term>東京都</term></termSec></langSec>
<langSec xml:lang="en"><termSec><term>Tokyo Metropolis</term>
<termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec>
<termSec><term>Tokyo Prefecture</term>
<termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></termSec></langSec>
</conceptEntry>
</body></text></tbx>"""


def test_tbx_v3_concept_entries_read_too():
    (term,) = tbx_terms(TBX3.encode(), {"ja"}, {"en"})
    assert (term.source, term.targets, term.forbidden, term.note) == (
        "東京都",
        ("Tokyo Metropolis",),
        (("Tokyo Prefecture", ""),),
        "The capital.",
    )


def test_tbx_round_trip_keeps_every_field():
    data = write_tbx(STYLE_SHEET, language="ja")
    assert b'<martif type="TBX-Basic" xml:lang="ja">' in data
    terms = tbx_terms(data, {"ja"}, {"en"})
    assert [as_fields(term) for term in terms] == [as_fields(term) for term in STYLE_SHEET]


def test_tbx_written_by_the_desk_reads_in_translate_toolkit_unit_for_unit():
    store = tbxfile.parsestring(write_tbx(STYLE_SHEET, language="ja"))
    assert [(unit.source, unit.target) for unit in store.units] == [
        (term.source, term.preferred) for term in STYLE_SHEET
    ]
    budget = store.units[0]
    assert [t.text for t in budget.get_target_terms()] == ["host-nation support", "sympathy budget"]
    assert [t.deprecated for t in budget.get_target_terms()] == [False, True]
    assert "stationing U.S. forces" in budget.getnotes()
    nhk = store.units[2]
    assert not nhk.istranslatable()


def test_tbx_written_by_translate_toolkit_reads_unit_for_unit():
    store = tbxfile(sourcelanguage="ja", targetlanguage="en")
    for source, target in [("日米同盟", "Japan-U.S. alliance"), ("防衛費", "defense spending")]:
        store.addsourceunit(source).target = target
    terms = tbx_terms(bytes(store), {"ja"}, {"en"})
    assert [(t.source, t.targets) for t in terms] == [
        ("日米同盟", ("Japan-U.S. alliance",)),
        ("防衛費", ("defense spending",)),
    ]


def entry(content: str) -> bytes:
    return (
        '<?xml version="1.0"?><martif type="TBX"><text><body><termEntry>'
        f'<langSet xml:lang="en"><tig><term>{content}</term></tig></langSet>'
        "</termEntry></body></text></martif>"
    ).encode()


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (LAUGHS.replace("tmx", "martif").encode(), "declares XML entities"),
        (EXTERNAL.replace("tmx", "martif").encode(), "declares XML entities"),
        (PARAMETER.replace("tmx", "martif").encode(), "declares XML entities"),
        (b"<martif><text><body><termEntry>", "not well-formed XML"),
        (b"<html><body>Not a termbase</body></html>", "root element is <html>"),
        (b"", "not well-formed XML"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "not well-formed XML"),
        (entry("<hi>" * 50 + "x" + "</hi>" * 50), "more than 40 deep"),
        (entry("<hi/>" * 6000), "more than 5,000 XML elements"),
    ],
)
def test_hostile_and_broken_tbx_is_refused_with_a_sentence(data, says):
    with pytest.raises(TermsFileRefused, match=says):
        read_tbx(data)


def test_many_entries_are_read_one_at_a_time():
    body = "".join(
        f'<termEntry><langSet xml:lang="ja"><tig><term>語{i}</term></tig></langSet>'
        f'<langSet xml:lang="en"><tig><term>word {i}</term></tig></langSet></termEntry>'
        for i in range(3000)
    )
    data = f"<martif><text><body>{body}</body></text></martif>".encode()
    assert len(tbx_terms(data, {"ja"}, {"en"})) == 3000


@pytest.mark.parametrize(
    ("filename", "head", "asked", "found"),
    [
        ("style.tbx", b"source,target", None, "tbx"),
        ("style.CSV", b"<martif>", None, "csv"),
        ("upload", b"\xef\xbb\xbf  <?xml", None, "tbx"),
        ("upload", "\ufeff<martif>".encode("utf-16-le"), None, "tbx"),
        ("upload", b"source;target", None, "csv"),
        ("style.tbx", b"", "csv", "csv"),
    ],
)
def test_the_format_comes_from_the_form_the_name_or_the_content(filename, head, asked, found):
    assert file_format(filename, head, asked) == found


def test_a_file_of_more_terms_than_one_import_takes_is_refused(monkeypatch):
    monkeypatch.setattr("translate_flow.terms.csv_files.MAX_TERMS", 3)
    monkeypatch.setattr("translate_flow.terms.tbx_files.MAX_TERMS", 3)
    monkeypatch.setattr("translate_flow.terms.file_terms.MAX_TERMS", 3)
    rows = "source,target\n" + "".join(f"語{i},word {i}\n" for i in range(4))
    with pytest.raises(TermsFileRefused, match="more than 3 terms"):
        read_csv(rows.encode())
    body = "<termEntry/>" * 4
    with pytest.raises(TermsFileRefused, match="more than 3 terms"):
        read_tbx(f"<martif><text><body>{body}</body></text></martif>".encode())
