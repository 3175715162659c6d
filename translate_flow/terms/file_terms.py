"""A term as a CSV row or a TBX entry gives it, before the desk has checked anything.

Both readers produce `FileTerm`s (or a `RowProblem` saying why a row could not be read), and
`terms.importing` checks languages, duplicates and rights over all of them before it keeps
any. The values here are as the file writes them: language codes not yet mapped to the desk's,
forms not yet normalised.
"""

import unicodedata
from dataclasses import dataclass, field
from typing import IO

from translate_flow.core.errors import ValidationFailed
from translate_flow.core.read_limits import readable_size
from translate_flow.domain.models import TermCategory

# What a desk's style sheet runs to, and more: 20,000 new terms (a 1 MB CSV) import in about
# 9 s into SQLite and 16 s into PostgreSQL on the development machine, the same file again
# (nothing changed) in 3–4 s: inside gunicorn's 30-second worker timeout.
MAX_TERMS = 20_000
DEFAULT_MAX_BYTES = 10 * 1024 * 1024

# Names a file gives the four kinds, in English as tools and style sheets write them.
CATEGORY_NAMES: dict[str, TermCategory] = {
    "person": TermCategory.PERSON,
    "people": TermCategory.PERSON,
    "name": TermCategory.PERSON,
    "personal name": TermCategory.PERSON,
    "organisation": TermCategory.ORGANISATION,
    "organization": TermCategory.ORGANISATION,
    "institution": TermCategory.ORGANISATION,
    "company": TermCategory.ORGANISATION,
    "org": TermCategory.ORGANISATION,
    "place": TermCategory.PLACE,
    "location": TermCategory.PLACE,
    "geographical name": TermCategory.PLACE,
    "term": TermCategory.TERM,
    "": TermCategory.TERM,
}


class TermsFileRefused(ValidationFailed):
    """The whole file is refused; the message says why and what to do."""

    code = "terms_refused"


@dataclass(frozen=True, slots=True)
class RowProblem:
    """Why one row (CSV, counted as a spreadsheet shows it) or entry (TBX, from 1) failed."""

    row: int
    message: str


@dataclass(frozen=True, slots=True)
class FileTerm:
    """One term as the file writes it; `given` names the fields the file had a place for, so
    that re-importing a CSV without a note column keeps the notes the desk already has."""

    row: int
    source: str
    source_language: str | None = None
    target_language: str | None = None
    targets: tuple[str, ...] = ()
    variants: tuple[str, ...] = ()
    forbidden: tuple[tuple[str, str], ...] = ()  # (form, reason)
    note: str = ""
    category: TermCategory = TermCategory.TERM
    case_sensitive: bool = False
    whole_word: bool = True
    do_not_translate: bool = False
    given: frozenset[str] = field(default_factory=frozenset)


def category_named(value: str) -> TermCategory | None:
    """The category a file's word names (`Organization`, `place`), or None."""
    return CATEGORY_NAMES.get(" ".join(value.replace("_", " ").split()).casefold())


def read_limited(stream: IO[bytes], max_bytes: int, what: str) -> bytes:
    """The whole file, or TermsFileRefused when it is larger than `max_bytes`."""
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise TermsFileRefused(
            f"The file is larger than {readable_size(max_bytes)}, the most the desk imports at "
            f"once. Split the {what} into several files and import them one by one. Nothing "
            "was imported."
        )
    return data


def too_many_terms() -> TermsFileRefused:
    return TermsFileRefused(
        f"The file holds more than {MAX_TERMS:,} terms, the most the desk imports at once. "
        "Split it into several files and import them one by one. Nothing was imported."
    )


def clean_text(value: str | None) -> str:
    """A cell's or element's text, NFC, without the spacing around it."""
    return unicodedata.normalize("NFC", value or "").strip()
