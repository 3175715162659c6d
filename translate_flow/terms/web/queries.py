"""What the termbase's pages read: the desk's pairs, a pair's terms filtered and sorted by
collation, the proposals waiting, a term's history as field-by-field changes, and the
articles whose sources hold a term."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import Select, and_, func, or_, select
from sqlalchemy.orm import Session

from translate_flow.core.language_pairs import Pair, chooser_pairs
from translate_flow.domain.models import (
    Article,
    Segment,
    Term,
    TermCategory,
    TermChange,
    TermStatus,
    Translation,
    User,
)
from translate_flow.terms.folding import term_key
from translate_flow.terms.matcher import MatchableTerm, TermMatcher
from translate_flow.terms.rights import may_decide_terms
from translate_flow.text.languages import base_language

PAGE_SIZE = 50
# "Where it is used": enough to see that a term is current; the search finds the rest.
MAX_ARTICLES = 20
# Segments read to find them: a prefilter by LIKE, then the matcher on each.
MAX_SEGMENTS_READ = 2000


class Flag(StrEnum):
    CASE_SENSITIVE = "case_sensitive"
    WHOLE_WORD = "whole_word"
    DO_NOT_TRANSLATE = "do_not_translate"
    HAS_FORBIDDEN = "has_forbidden"


def term_pairs(session: Session, user: User) -> list[Pair]:
    """The pair chooser's pairs, with those only terms have."""
    termed = session.execute(
        select(Term.source_language, Term.target_language)
        .distinct()
        .order_by(Term.source_language, Term.target_language)
    ).all()
    return chooser_pairs(session, user, [(source, target) for source, target in termed])


def pair_codes(pair: Pair) -> tuple[set[str], set[str]]:
    """A pair's terms are filed under its codes and their base languages (as `finding`)."""
    return ({pair[0], base_language(pair[0])}, {pair[1], base_language(pair[1])})


@dataclass(frozen=True)
class TermFilter:
    q: str = ""
    category: TermCategory | None = None
    flag: Flag | None = None
    status: TermStatus | None = None  # None: approved and proposed
    page: int = 1


@dataclass(frozen=True)
class TermPage:
    items: list[Term]
    page: int
    total: int
    has_next: bool


def _filtered(pair: Pair, chosen: TermFilter) -> Select[Term]:
    sources, targets = pair_codes(pair)
    query = select(Term).where(Term.source_language.in_(sources), Term.target_language.in_(targets))
    if chosen.status is None:
        query = query.where(Term.status != TermStatus.REJECTED)
    else:
        query = query.where(Term.status == chosen.status)
    if chosen.category is not None:
        query = query.where(Term.category == chosen.category)
    if chosen.flag is Flag.CASE_SENSITIVE:
        query = query.where(Term.case_sensitive.is_(True))
    elif chosen.flag is Flag.WHOLE_WORD:
        query = query.where(Term.whole_word.is_(True))
    elif chosen.flag is Flag.DO_NOT_TRANSLATE:
        query = query.where(Term.do_not_translate.is_(True))
    folded_q = term_key(chosen.q)
    if folded_q:
        # Every form and the note, folded as the matcher folds them (`terms.listing`).
        query = query.where(Term.search_text.contains(folded_q, autoescape=True))
    return query


def list_terms(session: Session, pair: Pair, chosen: TermFilter) -> TermPage:
    """The pair's terms as filtered, in the collation's order, one page of them.

    Filtering, ordering (by the stored Unicode Collation Algorithm key) and paging happen in
    the database, so the page reads one page of rows whatever the termbase's size.
    """
    query = _filtered(pair, chosen)
    if chosen.flag is Flag.HAS_FORBIDDEN:
        # A JSON list's emptiness reads differently in each database: the ids are narrowed
        # here, reading only the two columns.
        rows = session.execute(query.with_only_columns(Term.id, Term.forbidden)).all()
        query = query.where(Term.id.in_([term_id for term_id, forbidden in rows if forbidden]))
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    start = (chosen.page - 1) * PAGE_SIZE
    items = list(
        session.scalars(
            query.order_by(Term.sort_key, Term.source, Term.id).offset(start).limit(PAGE_SIZE)
        )
    )
    return TermPage(items=items, page=chosen.page, total=total, has_next=start + PAGE_SIZE < total)


def decided_pairs(session: Session, user: User) -> list[Pair]:
    """The pairs whose terms this person decides, among those the desk has terms in."""
    return [pair for pair in term_pairs(session, user) if may_decide_terms(user, *pair)]


def proposals(session: Session, user: User) -> list[Term]:
    """Waiting proposals: of the pairs the person decides, and their own; oldest first."""
    pairs = decided_pairs(session, user)
    mine = Term.created_by_id == user.id
    theirs = [
        and_(Term.source_language.in_(sources), Term.target_language.in_(targets))
        for sources, targets in (pair_codes(pair) for pair in pairs)
    ]
    return list(
        session.scalars(
            select(Term)
            .where(Term.status == TermStatus.PROPOSED, or_(mine, *theirs))
            .order_by(Term.created_at, Term.id)
        )
    )


def waiting_count(session: Session, user: User) -> int:
    """How many proposals wait for this person's decision (their own left out)."""
    return sum(1 for term in proposals(session, user) if term.created_by_id != user.id)


# --- History ---------------------------------------------------------------------------------

FIELD_LABELS = {
    "source": "Source",
    "variants": "Variants",
    "targets": "Targets",
    "forbidden": "Forbidden",
    "note": "Note",
    "category": "Category",
    "case_sensitive": "Case-sensitive",
    "whole_word": "Whole words only",
    "do_not_translate": "Do not translate",
    "status": "Status",
}


def readable(field: str, value: Any) -> str:
    """A field's value as a person reads it in the history."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if field == "forbidden":
        return (
            "; ".join(
                f"{item.get('form', '')}" + (f" — {item['reason']}" if item.get("reason") else "")
                for item in value
            )
            or "—"
        )
    if isinstance(value, list):
        return "; ".join(str(item) for item in value) or "—"
    return str(value) or "—"


@dataclass(frozen=True)
class FieldChange:
    label: str
    before: str
    after: str


@dataclass(frozen=True)
class HistoryLine:
    change: TermChange
    fields: list[FieldChange]


def history_lines(changes: Sequence[TermChange]) -> list[HistoryLine]:
    """Each change with the fields it changed (all of them for the first, as "after")."""
    lines = []
    for change in changes:
        before, after = change.before or {}, change.after or {}
        fields = [
            FieldChange(label, readable(name, before.get(name)), readable(name, after.get(name)))
            for name, label in FIELD_LABELS.items()
            if before.get(name) != after.get(name)
            and not (name == "status" and not change.before)  # a new term's status is its action
        ]
        lines.append(HistoryLine(change, fields))
    return lines


# --- Where a term is used --------------------------------------------------------------------


@dataclass(frozen=True)
class Use:
    article_id: int
    title: str
    created_at: datetime
    translation_id: int | None
    found: str  # the paragraph's words around the term


def _excerpt(text: str, start: int, end: int, width: int = 40) -> str:
    left = max(0, start - width)
    right = min(len(text), end + width)
    return ("…" if left else "") + text[left:right] + ("…" if right < len(text) else "")


def where_used(session: Session, term: Term) -> list[Use]:
    """The newest articles (of the pair's source language) whose current source has the term.

    A LIKE on each form narrows the segments; the matcher, with the term's own flags, then
    says which of them really hold it (whole words, case), as the editor would mark it.
    """
    forms = [term.source, *term.variants]
    matcher = TermMatcher(
        [MatchableTerm(term.id, tuple(forms), term.case_sensitive, term.whole_word)]
    )
    sources, targets = pair_codes((term.source_language, term.target_language))
    likes = [Segment.text.ilike(f"%{_escape_like(form)}%", escape="\\") for form in forms]
    rows = session.execute(
        select(Article.id, Article.title, Article.created_at, Segment.text)
        .join(Segment, Segment.revision_id == Article.current_revision_id)
        .where(Article.source_language.in_(sources), or_(*likes))
        .order_by(Article.created_at.desc(), Article.id.desc(), Segment.position)
        .limit(MAX_SEGMENTS_READ)
    ).all()
    found: dict[int, tuple[str, datetime, str]] = {}
    for article_id, title, created_at, text in rows:
        if article_id in found:
            continue
        hits = matcher.find(text)
        if hits:
            found[article_id] = (title, created_at, _excerpt(text, hits[0].start, hits[0].end))
            if len(found) >= MAX_ARTICLES:
                break
    translations = dict(
        session.execute(
            select(Translation.article_id, func.min(Translation.id))
            .where(
                Translation.article_id.in_(found),
                Translation.target_language.in_(targets),
            )
            .group_by(Translation.article_id)
        ).all()
    )
    return [
        Use(article_id, title, created_at, translations.get(article_id), excerpt)
        for article_id, (title, created_at, excerpt) in found.items()
    ]


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
