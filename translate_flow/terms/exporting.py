"""The termbase, or one pair of it, as a CSV or TBX file to hand to another tool (or back).

Termbases are small (20,000 terms make about 10 MB of TBX), so the file is made at once.
Approved terms by default: the file is the desk's style sheet, and importing it approves
every term it lists.
"""

from collections.abc import Sequence
from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from translate_flow.core.errors import ValidationFailed
from translate_flow.domain.models import Term, TermStatus
from translate_flow.terms import csv_files, tbx_files
from translate_flow.text.languages import normalise_code

ExportFormat = Literal["csv", "tbx"]
STATUSES = ("approved", "proposed", "all")


def _terms(session: Session, source: str | None, target: str | None, status: str) -> Sequence[Term]:
    query = select(Term).order_by(
        Term.source_language, Term.target_language, Term.sort_key, Term.id
    )
    if source:
        query = query.where(Term.source_language == source)
    if target:
        query = query.where(Term.target_language == target)
    if status == "all":
        query = query.where(Term.status != TermStatus.REJECTED)
    else:
        query = query.where(Term.status == TermStatus(status))
    return session.scalars(query).all()


def export_terms(
    session: Session,
    *,
    format: str,
    source_language: str | None = None,
    target_language: str | None = None,
    status: str = "approved",
) -> tuple[bytes, str, str]:
    """The file's bytes, its media type and a name for it (`terms-ja-en.tbx`)."""
    if format not in ("csv", "tbx"):
        raise ValidationFailed("format must be csv or tbx.")
    if status not in STATUSES:
        raise ValidationFailed("status must be approved, proposed or all.")
    source = normalise_code(source_language) if source_language else None
    target = normalise_code(target_language) if target_language else None
    terms = _terms(session, source, target, status)
    name = "terms" + "".join(f"-{code}" for code in (source, target) if code)
    if format == "csv":
        return csv_files.write_csv(terms), f"{csv_files.MIME_TYPE}; charset=utf-8", f"{name}.csv"
    pair = f" {source or '*'}→{target or '*'}" if source or target else ""
    data = tbx_files.write_tbx(
        terms,
        language=source or (terms[0].source_language if terms else ""),
        title=f"translate_flow termbase{pair}",
    )
    return data, tbx_files.MIME_TYPE, f"{name}.tbx"
