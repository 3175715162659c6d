"""Termbases as TBX: written as TBX-Basic, read as terminology tools export TBX.

Written: TBX v2 (`<martif type="TBX-Basic">`, ISO 30042:2008), the version MultiTerm, memoQ,
Phrase, OmegaT, translate-toolkit and Weblate all read; TBX v3 (2019) is still read by few.
One term is one `<termEntry>` with a `<langSet>` per language and a `<tig>` per form: the
source form, then its variants (admitted); the target forms, the first preferred; each
forbidden form as `deprecatedTerm-admn-sts` with its reason in the `<tig>`'s `<note>`. The
category is the entry's `subjectField` (and names are `properNoun`s), the note its `<note>`,
do-not-translate translate-toolkit's `<descrip type="Translation needed">no</descrip>`, and
the two matching flags, which TBX has no place for, an `<admin type="x-translate_flow-flags">`.

Read: TBX v2 `martif` files (TBX-Basic, MultiTerm's `ntig`/`termGrp`, translate-toolkit's
and Weblate's exports, with or without a namespace) and TBX v3 (`conceptEntry`/`langSec`/
`termSec`). The file comes from outside, so it is read as the TMX reader reads: defusedxml
(no entity declarations, no external entities), one entry at a time, its depth and size
bounded, so time and memory grow with the file's size alone.
"""

import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from xml.etree.ElementTree import Element, ParseError
from xml.sax.saxutils import escape, quoteattr

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

from translate_flow.domain.models import Term, TermCategory
from translate_flow.terms.file_terms import (
    MAX_TERMS,
    FileTerm,
    RowProblem,
    TermsFileRefused,
    category_named,
    clean_text,
    too_many_terms,
)
from translate_flow.text.languages import normalise_code

MIME_TYPE = "application/x-tbx"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
FLAGS_TYPE = "x-translate_flow-flags"
ROOTS = {"martif", "tbx"}
ENTRIES = {"termEntry", "conceptEntry"}
LANGUAGES = {"langSet", "langSec"}
TERM_HOLDERS = {"tig", "ntig", "termSec"}
# Metadata groups whose children are read as if they stood in the group's place.
GROUPS = {"descripGrp", "adminGrp", "termGrp", "noteGrp", "termCompGrp"}
# Deeper than any tool nests a `<hi>` in a `<term>` in a `<termGrp>`; deeper attacks the stack.
MAX_DEPTH = 40
# Elements in one entry: a concept in a dozen languages with notes has a few hundred.
MAX_ELEMENTS = 5_000
STATUS_TYPES = {"administrativestatus", "normativeauthorization", "usagestatus"}
# administrativeStatus values (and older or other tools' words) that rule a form out.
RULED_OUT = {
    "deprecatedtermadmnsts",
    "deprecatedterm",
    "deprecated",
    "supersededtermadmnsts",
    "supersededterm",
    "superseded",
    "forbidden",
    "forbiddenterm",
    "obsolete",
    "notrecommended",
    "donotuse",
}
PREFERRED = {"preferredtermadmnsts", "preferredterm", "preferred"}
DO_NOT_TRANSLATE_TYPES = {"translationneeded", "translationnote"}
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


@dataclass
class TbxTerm:
    text: str
    status: str = ""  # folded: letters only, lower case
    notes: list[str] = field(default_factory=list)

    @property
    def ruled_out(self) -> bool:
        return self.status in RULED_OUT


@dataclass
class TbxLanguage:
    code: str  # as the file writes it, normalised (`EN-US` → `en-US`)
    terms: list[TbxTerm] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class TbxEntry:
    index: int  # from 1, in the file's order
    id: str
    languages: list[TbxLanguage] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    subject: str = ""
    translation_needed: bool | None = None
    flags: str = ""

    def where(self) -> str:
        return f"entry {self.index}" + (f" (id “{self.id}”)" if self.id else "")


@dataclass
class TbxFile:
    language: str | None  # the root's xml:lang: the file's main (usually source) language
    entries: list[TbxEntry]

    @property
    def codes(self) -> list[str]:
        """Every language the entries hold, in the order first met."""
        seen: dict[str, None] = {}
        for entry in self.entries:
            for language in entry.languages:
                seen.setdefault(language.code)
        return list(seen)


def _name(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _fold(value: str | None) -> str:
    return re.sub(r"[^a-z]", "", (value or "").casefold())


def _code(element: Element) -> str | None:
    code = (element.get(XML_LANG) or element.get("lang") or "").strip()
    return normalise_code(code) if code else None


def _text(element: Element) -> str:
    return " ".join("".join(element.itertext()).split())


def read_tbx(data: bytes) -> TbxFile:
    """The file's entries; TermsFileRefused for a file that is not well-formed TBX or that
    declares entities."""
    language: str | None = None
    entries: list[TbxEntry] = []
    root: Element | None = None
    depth = elements = 0
    parents: list[Element] = []
    try:
        for event, element in iterparse(io.BytesIO(data), events=("start", "end")):
            if event == "start":
                depth, elements = depth + 1, elements + 1
                if depth > MAX_DEPTH:
                    raise TermsFileRefused(
                        f"The file nests its elements more than {MAX_DEPTH} deep, which no "
                        "terminology tool does. Nothing was imported."
                    )
                if elements > MAX_ELEMENTS:
                    raise TermsFileRefused(
                        f"An entry (or the header) of the file holds more than "
                        f"{MAX_ELEMENTS:,} XML elements, which no terminology tool writes. "
                        "Nothing was imported."
                    )
                if root is None:
                    root = element
                    if _name(element.tag) not in ROOTS:
                        raise TermsFileRefused(
                            f"The file is XML but not a TBX: its root element is "
                            f"<{_name(element.tag)}>, not <martif> or <tbx>. Export the "
                            "termbase as TBX from your tool. Nothing was imported."
                        )
                    language = _code(element)
                parents.append(element)
                continue
            depth -= 1
            parents.pop()
            if _name(element.tag) in ENTRIES:
                if len(entries) >= MAX_TERMS:
                    raise too_many_terms()
                entries.append(_entry(len(entries) + 1, element))
            if _name(element.tag) in ENTRIES or _name(element.tag) == "martifHeader":
                # An entry read leaves the tree, so memory holds one entry, never the file.
                element.clear()
                if parents and len(parents[-1]) and parents[-1][-1] is element:
                    del parents[-1][-1]
                elements = 0
    except DefusedXmlException:
        raise TermsFileRefused(
            "The file declares XML entities or points to outside files, which no terminology "
            "tool writes in a TBX and which could make the server read or expand without end. "
            "Export the termbase again from your tool. Nothing was imported."
        ) from None
    except ParseError as error:
        line, column = getattr(error, "position", (0, 0))
        where = f" at line {line}, column {column + 1}" if line else ""
        raise TermsFileRefused(
            f"The file is not well-formed XML ({str(error).split(':')[0]}{where}), so it is "
            "not a TBX the desk can read. Export it again from your tool. Nothing was imported."
        ) from None
    if root is None:
        raise TermsFileRefused("The file is empty. Nothing was imported.")
    return TbxFile(language, entries)


def _meta(element: Element, entry: TbxEntry, notes: list[str]) -> None:
    """An entry's or a language's descriptive element, put where the desk keeps it."""
    name, kind = _name(element.tag), _fold(element.get("type"))
    if name in GROUPS:
        for child in element:
            _meta(child, entry, notes)
    elif name in {"descrip", "termNote"} and kind in DO_NOT_TRANSLATE_TYPES:
        entry.translation_needed = _fold(_text(element)) not in {"no", "false", "0"}
    elif name == "descrip" and kind in {"subjectfield", "subject", "category"}:
        # The desk's own export names the category here; a subject field proper (politics,
        # defence) is kept as a note rather than lost.
        subject = _text(element)
        if category_named(subject) is not None:
            entry.subject = subject
        elif subject:
            notes.append(f"Subject field: {subject}")
    elif name == "admin" and element.get("type") == FLAGS_TYPE:
        entry.flags = _text(element)
    elif name in {"descrip", "note"} and (text := clean_text("".join(element.itertext()))):
        notes.append(text)


def _entry(index: int, element: Element) -> TbxEntry:
    entry = TbxEntry(index, element.get("id", ""))
    for child in element:
        if _name(child.tag) in LANGUAGES:
            entry.languages.append(_language(child, entry))
        else:
            _meta(child, entry, entry.notes)
    return entry


def _language(element: Element, entry: TbxEntry) -> TbxLanguage:
    language = TbxLanguage(_code(element) or "")
    for child in element:
        if _name(child.tag) in TERM_HOLDERS:
            term = _term(child, entry)
            if term is not None:
                language.terms.append(term)
        else:
            _meta(child, entry, language.notes)
    return language


def _term(holder: Element, entry: TbxEntry) -> TbxTerm | None:
    found: TbxTerm | None = None
    notes: list[str] = []
    status = ""
    for element in holder.iter():
        name = _name(element.tag)
        if name == "term" and found is None:
            found = TbxTerm(clean_text(_text(element)))
        elif name == "termNote" and _fold(element.get("type")) in STATUS_TYPES:
            status = _fold(_text(element))
        elif name in {"descrip", "note", "termNote"} and element is not holder:
            kind = _fold(element.get("type"))
            if name == "termNote" and kind not in DO_NOT_TRANSLATE_TYPES:
                continue  # partOfSpeech, termType: facts about the form, not a reason
            _meta(element, entry, notes)
    if found is None or not found.text:
        return None
    found.status, found.notes = status, notes
    return found


def _unique(texts: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(text for text in texts if text))


def entry_term(
    entry: TbxEntry, sources: set[str], targets: set[str]
) -> FileTerm | RowProblem | None:
    """The entry as a term of the pair (the file's codes that are its source and its target),
    a problem, or None when it holds neither language or no target form at all (a concept
    the file has not yet translated into the pair's target: skipped, not refused)."""
    source_side = [lang for lang in entry.languages if lang.code in sources]
    target_side = [lang for lang in entry.languages if lang.code in targets]
    do_not_translate = entry.translation_needed is False
    if not source_side or (not target_side and not do_not_translate):
        return None
    source_terms = _ordered(t for lang in source_side for t in lang.terms if not t.ruled_out)
    if not source_terms:
        return RowProblem(entry.index, f"The {entry.where()} has no source form that is allowed.")
    target_terms = [t for lang in target_side for t in lang.terms]
    allowed = _ordered(t for t in target_terms if not t.ruled_out)
    source = source_terms[0].text
    forms = _unique(t.text for t in allowed)
    if do_not_translate and forms == [source]:
        forms = []  # the desk's own export writes the kept source form as the target
    if not forms and not do_not_translate:
        return RowProblem(
            entry.index,
            f"The {entry.where()} has no target form that is allowed (only ruled-out ones).",
        )
    notes = [
        *entry.notes,
        *(note for lang in [*source_side, *target_side] for note in lang.notes),
        *(note for term in [*source_terms, *allowed] for note in term.notes),
    ]
    flags = entry.flags.casefold().split()
    return FileTerm(
        row=entry.index,
        source=source,
        source_language=source_side[0].code,
        target_language=target_side[0].code if target_side else next(iter(targets)),
        targets=tuple(forms),
        variants=tuple(_unique(t.text for t in source_terms[1:])),
        forbidden=tuple((t.text, "; ".join(_unique(t.notes))) for t in target_terms if t.ruled_out),
        note="\n".join(_unique(notes)),
        category=category_named(entry.subject) or TermCategory.TERM,
        case_sensitive="case-sensitive" in flags,
        whole_word="any-part-of-word" not in flags,
        do_not_translate=do_not_translate,
        given=frozenset(
            {"targets", "variants", "forbidden", "note", "category"}
            | {"case_sensitive", "whole_word", "do_not_translate"}
        ),
    )


def _ordered(terms: Iterable[TbxTerm]) -> list[TbxTerm]:
    """Preferred forms first, the rest in the file's order."""
    listed = list(terms)
    return sorted(listed, key=lambda term: term.status not in PREFERRED)


# --- Writing --------------------------------------------------------------------------------


def _x(text: str) -> str:
    return escape(NOT_XML.sub("", text))


def _tig(form: str, status: str, *, pos: str = "", note: str = "") -> str:
    notes = f'<termNote type="partOfSpeech">{pos}</termNote>' if pos else ""
    notes += f'<termNote type="administrativeStatus">{status}</termNote>'
    if note:
        notes += f"<note>{_x(note)}</note>"
    return f"<tig><term>{_x(form)}</term>{notes}</tig>"


def term_entry(term: Term) -> str:
    name = term.category is not TermCategory.TERM
    pos = "properNoun" if name else ""
    parts = [f"<termEntry id={quoteattr(f'term-{term.id}')}>"]
    if name:
        parts.append(f'<descrip type="subjectField">{term.category.value}</descrip>')
    if term.note:
        parts.append(f"<note>{_x(term.note)}</note>")
    if term.do_not_translate:
        parts.append('<descrip type="Translation needed">no</descrip>')
    flags = [
        *(["case-sensitive"] if term.case_sensitive else []),
        *(["any-part-of-word"] if not term.whole_word else []),
    ]
    if flags:
        parts.append(f'<admin type="{FLAGS_TYPE}">{" ".join(flags)}</admin>')
    parts.append(f"<langSet xml:lang={quoteattr(term.source_language)}>")
    parts.append(_tig(term.source, "preferredTerm-admn-sts", pos=pos))
    parts.extend(_tig(form, "admittedTerm-admn-sts", pos=pos) for form in term.variants)
    parts.append(f"</langSet><langSet xml:lang={quoteattr(term.target_language)}>")
    targets = list(term.targets) or [term.source]
    for position, form in enumerate(targets):
        status = "preferredTerm-admn-sts" if position == 0 else "admittedTerm-admn-sts"
        parts.append(_tig(form, status, pos=pos))
    for item in term.forbidden:
        parts.append(
            _tig(item["form"], "deprecatedTerm-admn-sts", pos=pos, note=item.get("reason", ""))
        )
    parts.append("</langSet></termEntry>\n")
    return "".join(parts)


def write_tbx(terms: Iterable[Term], *, language: str = "", title: str = "Termbase") -> bytes:
    return b"".join(tbx_chunks(terms, language=language, title=title))


def tbx_chunks(
    terms: Iterable[Term], *, language: str = "", title: str = "Termbase"
) -> Iterator[bytes]:
    """A TBX-Basic document of the terms, in UTF-8 chunks; `language` is the root's xml:lang
    (the source language of a one-pair export)."""
    now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    lang = f" xml:lang={quoteattr(language)}" if language else ""
    yield (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">\n'
        f'<martif type="TBX-Basic"{lang}>\n'
        "<martifHeader><fileDesc>"
        f"<titleStmt><title>{_x(title)}</title></titleStmt>"
        f"<sourceDesc><p>Exported from translate_flow at {now}</p></sourceDesc>"
        "</fileDesc>"
        '<encodingDesc><p type="XCSURI">TBXBasicXCSV02.xcs</p></encodingDesc>'
        "</martifHeader>\n<text><body>\n"
    ).encode()
    for term in terms:
        yield term_entry(term).encode()
    yield b"</body></text></martif>\n"
