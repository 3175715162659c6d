"""Termbases as CSV: a header row naming the columns, one term a row.

Reading takes what spreadsheets, style sheets and other tools write: UTF-8 with or without a
byte order mark, or UTF-16; commas, semicolons or tabs between cells; the desk's own column
names or their common aliases (`term`, `translation`, `definition`, `comment`, `part of
speech`, translate-toolkit's `translator_comments`); or columns named by language (`ja`,
`en`), as Weblate's and Pontoon's glossaries are exported. A file without language columns
takes its pair from the import's form.

Lists in a cell: target forms, variants and forbidden forms are separated by `|`; targets and
variants may use `;` instead when the cell has no `|`. A forbidden form is written
`form: reason` (the reason after the first colon and space), several separated by `|`, since
reasons themselves often hold semicolons. Flags are yes/no, true/false, 1/0, y/n, x or empty
(the default: not case-sensitive, whole words, translated).

Writing uses the desk's column names, so a file it writes comes back unchanged; a cell that a
spreadsheet would run as a formula (`=`, `+`, `-`, `@` first) is written behind an apostrophe,
as translate-toolkit does, and the apostrophe is dropped on reading.
"""

import codecs
import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from translate_flow.domain.models import Term, TermCategory
from translate_flow.memory.importing import desk_code
from translate_flow.terms.file_terms import (
    MAX_TERMS,
    FileTerm,
    RowProblem,
    TermsFileRefused,
    category_named,
    clean_text,
    too_many_terms,
)
from translate_flow.text.languages import is_known, normalise_code
from translate_flow.text.spreadsheet_cells import inert, restored

MIME_TYPE = "text/csv"
# The desk's own header, in the order it writes it. `target` (not `targets`) so that
# translate-toolkit and Weblate read the preferred form as the unit's translation.
COLUMNS = (
    "source_language",
    "target_language",
    "source",
    "target",
    "variants",
    "note",
    "category",
    "case_sensitive",
    "whole_word",
    "do_not_translate",
    "forbidden",
)
# Every name a header may give a column, folded (`Part of speech` → `part_of_speech`).
ALIASES: dict[str, str] = {
    **{name: name for name in COLUMNS},
    "source_lang": "source_language",
    "src_lang": "source_language",
    "srclang": "source_language",
    "target_lang": "target_language",
    "tgt_lang": "target_language",
    "trglang": "target_language",
    "term": "source",
    "source_term": "source",
    "original": "source",
    "targets": "target",
    "translation": "target",
    "translations": "target",
    "target_term": "target",
    "variant": "variants",
    "synonyms": "variants",
    "notes": "note",
    "definition": "note",
    "comment": "note",
    "comments": "note",
    "description": "note",
    "explanation": "note",
    "usage": "note",
    "usage_note": "note",
    "translator_comments": "note",
    "developer_comments": "note",
    "type": "category",
    "part_of_speech": "pos",
    "pos": "pos",
    "case": "case_sensitive",
    "match_case": "case_sensitive",
    "whole_words": "whole_word",
    "untranslatable": "do_not_translate",
    "read_only": "do_not_translate",
    "dnt": "do_not_translate",
    "forbidden_forms": "forbidden",
    "deprecated": "forbidden",
    "do_not_use": "forbidden",
}
# Columns other tools write that say nothing the termbase keeps.
IGNORED = {"location", "id", "fuzzy", "context", "status", "key"}
TRUE = {"yes", "y", "true", "t", "1", "x", "✓", "はい"}
FALSE = {"no", "n", "false", "f", "0", "いいえ"}
FLAG_DEFAULTS = {"case_sensitive": False, "whole_word": True, "do_not_translate": False}
# The sniffer's regular expressions slow down on long samples; the header and a few rows
# tell the separator.
SNIFF_CHARS = 4096


@dataclass(frozen=True)
class _Header:
    columns: dict[int, str]  # cell index → field
    languages: dict[int, str]  # cell index → language code, for columns named by language
    width: int


def _fold_name(name: str) -> str:
    name = name.replace("\ufeff", "").strip().strip('"').casefold()
    return "_".join(name.replace("-", " ").replace("/", " ").split())


def decode(data: bytes) -> str:
    """The file's text: UTF-8 (with or without its BOM) or UTF-16 (with a BOM, or without one
    when every other byte of plain text is zero)."""
    if data.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    else:
        head = data[:1000]
        zero_odd, zero_even = head[1::2].count(0), head[0::2].count(0)
        if head and zero_odd > len(head) // 4:
            encoding = "utf-16-le"
        elif head and zero_even > len(head) // 4:
            encoding = "utf-16-be"
        else:
            encoding = "utf-8"
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise TermsFileRefused(
            "The file is not text in UTF-8 or UTF-16. Save it again as “CSV UTF-8” (Excel, "
            "LibreOffice and Google Sheets offer it). Nothing was imported."
        ) from None


def _dialect(text: str) -> type[csv.Dialect] | csv.Dialect:
    sample = text[:SNIFF_CHARS]
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        # One column, or a sample the sniffer cannot tell: the header's own separators decide.
        header = sample.split("\n", 1)[0]
        counts = {sep: header.count(sep) for sep in ",;\t"}
        delimiter = max(counts, key=lambda sep: counts[sep])

        class Found(csv.excel):
            pass

        Found.delimiter = delimiter if counts[delimiter] else ","
        return Found


def _header(cells: Sequence[str]) -> _Header:
    columns: dict[int, str] = {}
    languages: dict[int, str] = {}
    for index, cell in enumerate(cells):
        name = _fold_name(cell)
        if name in ALIASES:
            columns[index] = ALIASES[name]
    if "source" not in columns.values():
        for index, cell in enumerate(cells):
            code = cell.replace("\ufeff", "").strip()
            name = _fold_name(code)
            if index in columns or name in IGNORED or not code or not is_known(code):
                continue
            languages[index] = normalise_code(code)
    if "source" not in columns.values() and len(languages) < 2:
        raise TermsFileRefused(
            "The first row must name the columns: at least “source” and “target” (or "
            "columns named by language, such as “ja” and “en”). Add that header row. Nothing "
            "was imported."
        )
    return _Header(columns, languages, len(cells))


def split_list(value: str, *, semicolons: bool = True) -> tuple[str, ...]:
    separator = "|" if "|" in value or not semicolons else ";"
    return tuple(form for part in value.split(separator) if (form := clean_text(part)))


def _forbidden(value: str) -> tuple[tuple[str, str], ...]:
    found = []
    for part in split_list(value, semicolons=False):
        form, _colon, reason = part.partition(": ")
        found.append((clean_text(form), clean_text(reason)))
    return tuple(found)


def _flag(value: str, name: str) -> bool:
    word = value.strip().casefold()
    if not word:
        return FLAG_DEFAULTS[name]
    if word in TRUE:
        return True
    if word in FALSE:
        return False
    raise ValueError(f"{name} must be yes or no (or empty), not “{value.strip()}”.")


def _category(values: dict[str, list[str]]) -> TermCategory:
    for value in values.get("category", []):
        found = category_named(value)
        if found is None:
            raise ValueError(
                f"category must be person, organisation, place or term, not “{value}”."
            )
        return found
    for value in values.get("pos", []):
        # A part of speech (noun, verb, properNoun) says no more than that it is a term.
        return category_named(value) or TermCategory.TERM
    return TermCategory.TERM


def _pair_columns(
    header: _Header, source_language: str | None, target_language: str | None
) -> tuple[int, int] | None:
    """Which language columns are the source and the target, when columns are languages."""
    if not header.languages:
        return None
    by_code = {code: index for index, code in header.languages.items()}
    source_code = desk_code(source_language, by_code) if source_language else next(iter(by_code))
    if source_code is None:
        raise TermsFileRefused(
            f"The file has no column for {source_language} (its language columns: "
            f"{', '.join(by_code)}). Nothing was imported."
        )
    others = [code for code in by_code if code != source_code]
    target_code = desk_code(target_language, others) if target_language else None
    if target_code is None:
        if target_language or len(others) != 1:
            raise TermsFileRefused(
                f"Choose the target language: the file has columns for "
                f"{', '.join(others) or 'no other language'} beside {source_code}. Nothing "
                "was imported."
            )
        target_code = others[0]
    return by_code[source_code], by_code[target_code]


def read_csv(
    data: bytes, *, source_language: str | None = None, target_language: str | None = None
) -> tuple[list[FileTerm], list[RowProblem]]:
    """The file's terms and the rows that could not be read; TermsFileRefused for a file that
    is not a CSV with a header the desk understands."""
    text = decode(data)
    try:
        rows = csv.reader(io.StringIO(text, newline=""), _dialect(text))
        cells = next(rows, None)
        if cells is None or not any(cell.strip() for cell in cells):
            raise TermsFileRefused("The file is empty. Nothing was imported.")
        header = _header(cells)
        pair = _pair_columns(header, source_language, target_language)
        terms: list[FileTerm] = []
        problems: list[RowProblem] = []
        for number, row in enumerate(rows, start=2):
            if not any(cell.strip() for cell in row):
                continue
            if len(terms) + len(problems) >= MAX_TERMS:
                raise too_many_terms()
            try:
                terms.append(_term(number, row, header, pair))
            except ValueError as error:
                problems.append(RowProblem(number, str(error)))
    except csv.Error as error:
        raise TermsFileRefused(
            f"The file is not a CSV the desk can read ({error}). Save it again from your "
            "spreadsheet as CSV. Nothing was imported."
        ) from None
    return terms, problems


def _term(number: int, row: list[str], header: _Header, pair: tuple[int, int] | None) -> FileTerm:
    if len(row) > header.width and any(cell.strip() for cell in row[header.width :]):
        raise ValueError(
            f"The row has {len(row)} cells but the header names {header.width} columns "
            "(a separator inside a cell that is not in quotes?)."
        )
    values: dict[str, list[str]] = {}
    for index, name in header.columns.items():
        if index < len(row) and (value := restored(row[index]).strip()):
            values.setdefault(name, []).append(value)

    def first(name: str) -> str:
        return values.get(name, [""])[0]

    given = set(header.columns.values())
    source = first("source")
    languages = (first("source_language") or None, first("target_language") or None)
    targets = split_list(first("target"))
    if pair is not None:
        source_index, target_index = pair
        source = source or _cell(row, source_index)
        targets = targets or split_list(_cell(row, target_index))
        languages = (header.languages[source_index], header.languages[target_index])
        given |= {"source", "target"}
    if "pos" in given:
        given.add("category")
    return FileTerm(
        row=number,
        source=clean_text(source),
        source_language=languages[0],
        target_language=languages[1],
        targets=targets,
        variants=split_list(first("variants")),
        forbidden=_forbidden(first("forbidden")),
        note="\n".join(values.get("note", [])),
        category=_category(values),
        case_sensitive=_flag(first("case_sensitive"), "case_sensitive"),
        whole_word=_flag(first("whole_word"), "whole_word"),
        do_not_translate=_flag(first("do_not_translate"), "do_not_translate"),
        given=frozenset({"targets" if name == "target" else name for name in given}),
    )


def _cell(row: list[str], index: int) -> str:
    return restored(row[index]).strip() if index < len(row) else ""


# --- Writing --------------------------------------------------------------------------------


def _yes(value: bool) -> str:
    return "yes" if value else "no"


def term_row(term: Term) -> list[str]:
    return [
        term.source_language,
        term.target_language,
        inert(term.source),
        inert(" | ".join(term.targets)),
        inert(" | ".join(term.variants)),
        inert(term.note),
        term.category.value,
        _yes(term.case_sensitive),
        _yes(term.whole_word),
        _yes(term.do_not_translate),
        inert(
            " | ".join(
                f"{item['form']}: {item['reason']}" if item.get("reason") else item["form"]
                for item in term.forbidden
            )
        ),
    ]


def write_csv(terms: Iterable[Term]) -> bytes:
    """The terms as UTF-8 CSV with its byte order mark (without it, Excel reads Japanese as
    Latin-1), the desk's header first."""
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for term in terms:
        writer.writerow(term_row(term))
    return codecs.BOM_UTF8 + out.getvalue().encode()
