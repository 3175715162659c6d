"""Bringing a CSV or TBX termbase into the desk's: every term of it, or none.

Every row is checked before anything is written (its languages, its forms, its rights,
repeats within the file), and every problem is reported by row, so that one corrected file
goes through; a refusal keeps nothing.

A term the termbase already has (same pair, same source, case and width aside) is updated
from the file, not refused: only those who decide the pair's terms import, and they may
change those terms anyway, and re-importing the desk's own export (or a corrected version of
it) must go through. An update that changes nothing is counted as skipped; a waiting proposal
the file lists is approved. Fields the file has no column for (a CSV without notes) keep
what the term had.

Language codes are mapped to the desk's own as for TMX (`ja-JP` → `ja`, `EN-US` → `en`),
since the editor finds a pair's terms by its codes.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import IO, Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from translate_flow.core.errors import PermissionDenied, TranslateFlowError, ValidationFailed
from translate_flow.domain.models import Term, TermAction, TermChange, TermStatus, User
from translate_flow.domain.permissions import PEOPLE_MANAGERS
from translate_flow.memory.importing import DeskLanguages, desk_code, desk_languages
from translate_flow.terms.csv_files import read_csv
from translate_flow.terms.file_terms import (
    DEFAULT_MAX_BYTES,
    FileTerm,
    RowProblem,
    TermsFileRefused,
    read_limited,
)
from translate_flow.terms.folding import term_key
from translate_flow.terms.operations import (
    ForbiddenForm,
    TermInput,
    decide_term,
    update_term,
)
from translate_flow.terms.rights import may_decide_terms
from translate_flow.terms.tbx_files import TbxFile, entry_term, read_tbx
from translate_flow.text.languages import is_known, normalise_code

FileFormat = Literal["csv", "tbx"]
FORMATS: tuple[FileFormat, ...] = ("csv", "tbx")
EXTENSIONS: dict[str, FileFormat] = {
    "csv": "csv",
    "tsv": "csv",
    "txt": "csv",
    "tbx": "tbx",
    "xml": "tbx",
}


class TermsImportRefused(TermsFileRefused):
    """Rows of the file are wrong: each is listed; nothing was imported."""

    def __init__(self, problems: list[RowProblem]) -> None:
        count = len(problems)
        first = problems[0]
        super().__init__(
            f"{count:,} {'row' if count == 1 else 'rows'} of the file could not be imported "
            f"(the first, row {first.row}: {first.message}) Correct the file and import it "
            "again. Nothing was imported."
        )
        self.problems = problems


@dataclass
class ImportOutcome:
    added: int = 0
    updated: int = 0
    skipped: int = 0  # unchanged terms, and TBX entries without the pair's languages
    pairs: list[tuple[str, str]] = field(default_factory=list)
    format: FileFormat = "csv"


@dataclass(frozen=True)
class _Planned:
    row: int
    data: TermInput
    given: frozenset[str]
    existing: Term | None


def decides_some_pair(user: User | None) -> bool:
    """Whether `user` decides the terms of any pair: who may import at all."""
    if user is None or not user.is_active:
        return False
    return user.has_role(*PEOPLE_MANAGERS) or any(p.can_review for p in user.language_pairs)


def file_format(filename: str, data: bytes, asked: str | None = None) -> FileFormat:
    """The format asked for, or the one the name's extension or the content says."""
    if asked:
        if asked not in FORMATS:
            raise ValidationFailed("format must be csv or tbx. Nothing was imported.")
        return asked
    extension = filename.rpartition(".")[2].casefold() if "." in filename else ""
    if extension in EXTENSIONS:
        return EXTENSIONS[extension]
    head = data[:400].replace(b"\x00", b"").lstrip(b"\xef\xbb\xbf\xff\xfe \t\r\n")
    return "tbx" if head.startswith(b"<") else "csv"


class _Languages:
    """File codes mapped to the desk's, once per code and side."""

    def __init__(self, desk: DeskLanguages) -> None:
        self.desk = desk
        self.known: dict[tuple[str, str], str | None] = {}

    def code(self, written: str, side: str) -> str | None:
        key = (written, side)
        if key not in self.known:
            codes = self.desk.sources if side == "source" else self.desk.targets
            found = desk_code(written, codes)
            if found is None and is_known(written.strip()):
                found = normalise_code(written)
            self.known[key] = found
        return self.known[key]


def _asked(languages: _Languages, code: str | None, side: str) -> str | None:
    if not code:
        return None
    found = languages.code(code, side)
    if found is None:
        raise TermsFileRefused(
            f"“{code}” is not a language code the desk knows. Nothing was imported."
        )
    return found


def _fits(code: str, wanted: str) -> bool:
    """Whether a file's code is the wanted language (`ja-JP` is `ja`; `zh-TW` is not `zh-Hans`)."""
    return desk_code(code, [wanted]) == wanted


def _tbx_pair(
    tbx: TbxFile, languages: _Languages, source: str | None, target: str | None
) -> tuple[str, str, set[str], set[str]]:
    """The pair a TBX file is imported in: the desk's codes, and the file's codes for each."""
    codes = tbx.codes
    if not codes:
        raise TermsFileRefused("The file holds no terms. Nothing was imported.")
    if source is None:
        on_desk = {found for code in codes if (found := desk_code(code, languages.desk.sources))}
        if tbx.language and (
            len(on_desk) != 1 or languages.code(tbx.language, "source") in on_desk
        ):
            source = languages.code(tbx.language, "source")
        elif len(on_desk) == 1:
            source = next(iter(on_desk))
        else:
            source = languages.code(codes[0], "source")
        if source is None:
            raise TermsFileRefused(
                "Choose the source language: the file does not say one the desk knows. "
                "Nothing was imported."
            )
    sources = {code for code in codes if _fits(code, source)}
    if not sources:
        raise TermsFileRefused(
            f"The file holds no terms in {source} (its languages: {', '.join(codes)}). "
            "Nothing was imported."
        )
    others = [code for code in codes if code not in sources]
    if target is None:
        wanted = {found for code in others if (found := desk_code(code, languages.desk.targets))}
        if not wanted:
            wanted = {found for code in others if (found := languages.code(code, "target"))}
        if len(wanted) != 1:
            raise TermsFileRefused(
                "Choose the target language: the file holds terms in "
                f"{', '.join(others) or 'no language'} beside {source}. Nothing was imported."
            )
        target = next(iter(wanted))
    targets = {code for code in others if _fits(code, target)}
    if not targets:
        raise TermsFileRefused(
            f"The file holds no terms in {target} (its languages: {', '.join(codes)}). "
            "Nothing was imported."
        )
    return source, target, sources, targets


def _read(
    data: bytes,
    format: FileFormat,
    languages: _Languages,
    source: str | None,
    target: str | None,
    outcome: ImportOutcome,
) -> tuple[list[FileTerm], list[RowProblem]]:
    if format == "csv":
        return read_csv(data, source_language=source, target_language=target)
    tbx = read_tbx(data)
    source, target, sources, targets = _tbx_pair(tbx, languages, source, target)
    terms: list[FileTerm] = []
    problems: list[RowProblem] = []
    for entry in tbx.entries:
        found = entry_term(entry, sources, targets)
        if found is None:
            outcome.skipped += 1
        elif isinstance(found, RowProblem):
            problems.append(found)
        else:
            terms.append(replace(found, source_language=source, target_language=target))
    return terms, problems


def _input(term: FileTerm, source: str, target: str) -> TermInput:
    return TermInput(
        source_language=source,
        target_language=target,
        source=term.source,
        targets=term.targets,
        variants=term.variants,
        forbidden=[ForbiddenForm(form, reason) for form, reason in term.forbidden],
        note=term.note,
        category=term.category,
        case_sensitive=term.case_sensitive,
        whole_word=term.whole_word,
        do_not_translate=term.do_not_translate,
    )


def _merged(data: TermInput, existing: Term, given: frozenset[str]) -> TermInput:
    """The file's term, with what the file has no column for taken from the term as it is."""
    kept: dict[str, object] = {}
    if "targets" not in given:
        kept["targets"] = list(existing.targets)
    if "variants" not in given:
        kept["variants"] = list(existing.variants)
    if "forbidden" not in given:
        kept["forbidden"] = [
            ForbiddenForm(f["form"], f.get("reason", "")) for f in existing.forbidden
        ]
    for name in ("note", "category", "case_sensitive", "whole_word", "do_not_translate"):
        if name not in given:
            kept[name] = getattr(existing, name)
    return replace(data, **kept).clean() if kept else data  # type: ignore[arg-type]


Key = tuple[str, str, str]  # source language, target language, source key


def _existing(session: Session, pairs: set[tuple[str, str]]) -> dict[Key, Term]:
    """The live terms of the file's pairs, by what tells duplicates apart (as
    `operations.find_duplicate` does): one query per pair, not one per row."""
    found: dict[Key, Term] = {}
    for source, target in pairs:
        rows = session.scalars(
            select(Term).where(
                Term.source_language == source,
                Term.target_language == target,
                Term.status != TermStatus.REJECTED,
            )
        )
        for term in rows:
            found.setdefault((source, target, term.source_key), term)
    return found


def _checked(
    actor: User,
    terms: Iterable[FileTerm],
    languages: _Languages,
    problems: list[RowProblem],
    asked: tuple[str | None, str | None],
) -> list[tuple[FileTerm, TermInput]]:
    """Each row's term, cleaned as a form's would be; each fault a problem of its row."""
    checked: list[tuple[FileTerm, TermInput]] = []
    seen: dict[Key, int] = {}
    refused_pairs: dict[tuple[str, str], list[int]] = {}
    for term in terms:
        written = (term.source_language or asked[0], term.target_language or asked[1])
        if written[0] is None or written[1] is None:
            problems.append(
                RowProblem(
                    term.row,
                    "The row does not say its languages: add source_language and "
                    "target_language columns, or choose the languages for the whole file.",
                )
            )
            continue
        source, target = languages.code(written[0], "source"), languages.code(written[1], "target")
        if source is None or target is None:
            unknown = written[0] if source is None else written[1]
            problems.append(
                RowProblem(term.row, f"“{unknown}” is not a language code the desk knows.")
            )
            continue
        if not term.source:
            problems.append(RowProblem(term.row, "The row has no source form."))
            continue
        try:
            data = _input(term, source, target).clean()
        except ValidationFailed as error:
            problems.append(RowProblem(term.row, error.message))
            continue
        key = (data.source_language, data.target_language, term_key(data.source))
        if key in seen:
            problems.append(
                RowProblem(
                    term.row,
                    f"“{data.source}” ({data.source_language}→{data.target_language}) is "
                    f"already in the file, at row {seen[key]}: merge the two.",
                )
            )
            continue
        seen[key] = term.row
        if not may_decide_terms(actor, data.source_language, data.target_language):
            refused_pairs.setdefault((data.source_language, data.target_language), []).append(
                term.row
            )
            continue
        checked.append((term, data))
    if refused_pairs:
        listed = "; ".join(
            f"{source}→{target} (row {rows[0]}{' and more' if len(rows) > 1 else ''})"
            for (source, target), rows in refused_pairs.items()
        )
        raise PermissionDenied(
            "Only coordinators and the pair's reviewers import its terms, and you do not "
            f"decide the terms of {listed}. Nothing was imported."
        )
    return checked


def _plan(
    session: Session,
    checked: list[tuple[FileTerm, TermInput]],
    problems: list[RowProblem],
) -> list[_Planned]:
    existing = _existing(session, {(d.source_language, d.target_language) for _t, d in checked})
    planned: list[_Planned] = []
    for term, data in checked:
        found = existing.get((data.source_language, data.target_language, term_key(data.source)))
        if found is not None:
            try:
                data = _merged(data, found, term.given)
            except ValidationFailed as error:
                problems.append(RowProblem(term.row, error.message))
                continue
        planned.append(_Planned(term.row, data, term.given, found))
    return planned


def _snapshot(data: TermInput, status: TermStatus) -> dict[str, object]:
    """What `Term.snapshot` would say of the term once written from `data`."""
    return {
        "source": data.source,
        "variants": list(data.variants),
        "targets": list(data.targets),
        "forbidden": [{"form": f.form, "reason": f.reason} for f in data.forbidden],
        "note": data.note,
        "category": data.category.value,
        "case_sensitive": data.case_sensitive,
        "whole_word": data.whole_word,
        "do_not_translate": data.do_not_translate,
        "status": status.value,
    }


def _add_all(session: Session, actor: User, new: list[TermInput]) -> None:
    """New terms, approved, each with its IMPORTED history row.

    Written together rather than by `create_term`, which checks for a duplicate and flushes
    twice per term: 20,000 terms took 70 s that way, past any worker's timeout. The checks
    it makes were made above (`TermInput.clean`, the rights per pair, duplicates against the
    termbase and within the file); the fields are set as `create_term` sets them.
    """
    terms = [
        Term(
            source_language=data.source_language,
            target_language=data.target_language,
            source=data.source,
            source_key=term_key(data.source),
            targets=list(data.targets),
            variants=list(data.variants),
            forbidden=[{"form": f.form, "reason": f.reason} for f in data.forbidden],
            note=data.note,
            category=data.category,
            case_sensitive=data.case_sensitive,
            whole_word=data.whole_word,
            do_not_translate=data.do_not_translate,
            status=TermStatus.APPROVED,
            created_by_id=actor.id,
            decided_by_id=actor.id,
        )
        for data in new
    ]
    session.add_all(terms)
    session.flush()
    session.add_all(
        TermChange(
            term_id=term.id,
            source_language=term.source_language,
            target_language=term.target_language,
            actor_id=actor.id,
            action=TermAction.IMPORTED,
            before=None,
            after=term.snapshot(),
        )
        for term in terms
    )
    session.flush()


def _update(session: Session, actor: User, item: _Planned, outcome: ImportOutcome) -> None:
    term = item.existing
    assert term is not None
    if _snapshot(item.data, TermStatus.APPROVED) == term.snapshot():
        outcome.skipped += 1  # the desk's own export, imported again
        return
    update_term(session, actor, term, item.data, action=TermAction.IMPORTED)
    if term.status is not TermStatus.APPROVED:
        decide_term(session, actor, term, approve=True, comment="Listed in an imported file.")
    outcome.updated += 1


def import_terms(
    session: Session,
    actor: User,
    stream: IO[bytes],
    *,
    filename: str = "",
    format: str | None = None,
    source_language: str | None = None,
    target_language: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    configured_targets: Iterable[str] = (),
) -> ImportOutcome:
    """Import a CSV or TBX file's terms, approved, into the desk's termbase.

    TermsImportRefused lists every row that cannot be imported; TermsFileRefused refuses a
    file that cannot be read at all; PermissionDenied when `actor` does not decide the terms
    of a pair in the file. In each case nothing is kept.
    """
    if not decides_some_pair(actor):
        raise PermissionDenied(
            "Only coordinators and the reviewers of a pair import terms; translators propose "
            "them one by one."
        )
    languages = _Languages(desk_languages(session, configured_targets))
    source = _asked(languages, source_language, "source")
    target = _asked(languages, target_language, "target")
    if source is not None and source == target:
        raise TermsFileRefused("Choose two different languages. Nothing was imported.")
    data = read_limited(stream, max_bytes, "termbase")
    outcome = ImportOutcome(format=file_format(filename, data, format))
    terms, problems = _read(data, outcome.format, languages, source, target, outcome)
    checked = _checked(actor, terms, languages, problems, (source, target))
    planned = _plan(session, checked, problems)
    if problems:
        raise TermsImportRefused(sorted(problems, key=lambda problem: problem.row))
    if not planned:
        raise TermsFileRefused(
            "The file holds no terms in a language pair (a header row and no rows, or TBX "
            "entries without the pair's languages). Nothing was imported."
        )
    # A savepoint: a refusal met while writing (a term the database refuses) takes back every
    # term written before it.
    with session.begin_nested():
        failed: list[RowProblem] = []
        for item in planned:
            if item.existing is None:
                continue
            try:
                _update(session, actor, item, outcome)
            except TranslateFlowError as error:
                failed.append(RowProblem(item.row, error.message))
        if failed:
            raise TermsImportRefused(failed)
        new = [item.data for item in planned if item.existing is None]
        _add_all(session, actor, new)
        outcome.added = len(new)
    outcome.pairs = sorted({(p.data.source_language, p.data.target_language) for p in planned})
    return outcome
