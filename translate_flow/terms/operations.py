"""Writing the termbase: create or propose, edit, approve, reject, delete; each a history row.

Every write checks the person's rights (`terms.rights`) and the input (`TermInput.clean`)
before anything is written, and records a `TermChange` with the term before and after, so the
history says who changed what and when, and the matcher's cache (keyed by the pair's latest
change) sees the change on the next request in every process.
"""

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from translate_flow.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from translate_flow.domain.models import (
    Term,
    TermAction,
    TermCategory,
    TermChange,
    TermStatus,
    User,
    utcnow,
)
from translate_flow.terms.folding import term_key
from translate_flow.terms.rights import may_change_term, may_decide_terms, may_propose_terms
from translate_flow.text.languages import get_language

MAX_FORM_CHARS = 500
MAX_FORMS = 20
MAX_NOTE_CHARS = 5000


class DuplicateTerm(Conflict):
    code = "duplicate"

    def __init__(self, message: str, existing_id: int) -> None:
        super().__init__(message)
        self.existing_id = existing_id


@dataclass(frozen=True)
class ForbiddenForm:
    form: str
    reason: str = ""


@dataclass(frozen=True)
class TermInput:
    """A term as a form, the API or an imported row gives it."""

    source_language: str
    target_language: str
    source: str
    targets: Sequence[str] = ()
    variants: Sequence[str] = ()
    forbidden: Sequence[ForbiddenForm] = ()
    note: str = ""
    category: TermCategory = TermCategory.TERM
    case_sensitive: bool = False
    whole_word: bool = True
    do_not_translate: bool = False
    extra: dict[str, Any] = field(default_factory=dict)

    def clean(self) -> "TermInput":
        """The input normalised (NFC, trimmed, no repeats), or ValidationFailed saying why."""
        source_language = get_language(self.source_language).code
        target_language = get_language(self.target_language).code
        if source_language == target_language:
            raise ValidationFailed("A term's source and target languages must differ.")
        source = _form(self.source, "source")
        if not source:
            raise ValidationFailed("source is required: the word or name as the source has it.")
        targets = _forms(self.targets, "targets")
        if not targets and not self.do_not_translate:
            raise ValidationFailed(
                "targets needs at least one form (the first is preferred), unless the term "
                "is marked do_not_translate."
            )
        variants = [v for v in _forms(self.variants, "variants") if v != source]
        forbidden: list[ForbiddenForm] = []
        for item in self.forbidden:
            form = _form(item.form, "forbidden")
            if not form:
                raise ValidationFailed("Each forbidden form needs its text.")
            if form in targets:
                raise ValidationFailed(f"“{form}” cannot be both a target form and forbidden.")
            if form not in [f.form for f in forbidden]:
                forbidden.append(ForbiddenForm(form, _text(item.reason, "reason", 1000)))
        if len(forbidden) > MAX_FORMS:
            raise ValidationFailed(f"A term has at most {MAX_FORMS} forbidden forms.")
        return replace(
            self,
            source_language=source_language,
            target_language=target_language,
            source=source,
            targets=targets,
            variants=variants,
            forbidden=forbidden,
            note=_text(self.note, "note", MAX_NOTE_CHARS),
        )


def _text(value: str, name: str, limit: int) -> str:
    text = unicodedata.normalize("NFC", value).strip()
    if len(text) > limit:
        raise ValidationFailed(f"{name} holds at most {limit:,} characters.")
    return text


def _form(value: str, name: str) -> str:
    text = " ".join(_text(value, name, MAX_FORM_CHARS).split())
    if any(unicodedata.category(char) == "Cc" for char in text):
        raise ValidationFailed(f"{name} may not hold control characters.")
    return text


def _forms(values: Sequence[str], name: str) -> list[str]:
    forms: list[str] = []
    for value in values:
        form = _form(value, name)
        if form and form not in forms:
            forms.append(form)
    if len(forms) > MAX_FORMS:
        raise ValidationFailed(f"{name} holds at most {MAX_FORMS} forms.")
    return forms


def _apply(term: Term, data: TermInput) -> None:
    term.source_language, term.target_language = data.source_language, data.target_language
    term.source = data.source
    term.source_key = term_key(data.source)
    term.targets = list(data.targets)
    term.variants = list(data.variants)
    term.forbidden = [{"form": f.form, "reason": f.reason} for f in data.forbidden]
    term.note = data.note
    term.category = data.category
    term.case_sensitive = data.case_sensitive
    term.whole_word = data.whole_word
    term.do_not_translate = data.do_not_translate


def find_duplicate(
    session: Session, data: TermInput, *, other_than: int | None = None
) -> Term | None:
    """A live term of the pair with the same source (case and width aside)."""
    query = select(Term).where(
        Term.source_language == data.source_language,
        Term.target_language == data.target_language,
        Term.source_key == term_key(data.source),
        Term.status != TermStatus.REJECTED,
    )
    if other_than is not None:
        query = query.where(Term.id != other_than)
    return session.scalars(query.limit(1)).first()


def _refuse_duplicate(session: Session, data: TermInput, other_than: int | None = None) -> None:
    existing = find_duplicate(session, data, other_than=other_than)
    if existing is not None:
        raise DuplicateTerm(
            f"The pair {data.source_language}→{data.target_language} already has “"
            f"{existing.source}” (term {existing.id}); edit that one instead.",
            existing.id,
        )


def record(
    session: Session,
    term: Term,
    actor: User | None,
    action: TermAction,
    before: dict[str, Any] | None,
    comment: str = "",
) -> TermChange:
    change = TermChange(
        term_id=term.id,
        source_language=term.source_language,
        target_language=term.target_language,
        actor_id=actor.id if actor is not None else None,
        action=action,
        before=before,
        after=term.snapshot() if action is not TermAction.DELETED else None,
        comment=comment,
    )
    session.add(change)
    session.flush()
    return change


def create_term(
    session: Session, actor: User, data: TermInput, *, action: TermAction | None = None
) -> Term:
    """A term of the pair: approved when `actor` decides the pair's terms, else proposed."""
    data = data.clean()
    if may_decide_terms(actor, data.source_language, data.target_language):
        status = TermStatus.APPROVED
    elif may_propose_terms(actor, data.source_language, data.target_language):
        status = TermStatus.PROPOSED
    else:
        raise PermissionDenied(
            f"Only translators, reviewers and coordinators of "
            f"{data.source_language}→{data.target_language} may add its terms."
        )
    _refuse_duplicate(session, data)
    term = Term(status=status, created_by_id=actor.id)
    if status is TermStatus.APPROVED:
        term.decided_by_id = actor.id
    _apply(term, data)
    session.add(term)
    session.flush()
    said = action or (TermAction.CREATED if status is TermStatus.APPROVED else TermAction.PROPOSED)
    record(session, term, actor, said, None)
    return term


def get_term(session: Session, term_id: int) -> Term:
    term = session.get(Term, term_id)
    if term is None:
        raise NotFound(f"There is no term {term_id} (deleted, or never was).")
    return term


def _check_change(actor: User, term: Term) -> None:
    if not may_change_term(actor, term):
        raise PermissionDenied(
            "Only coordinators and the pair's reviewers change its terms; a translator may "
            "change their own proposal while it waits."
        )


def update_term(
    session: Session,
    actor: User,
    term: Term,
    data: TermInput,
    *,
    action: TermAction = TermAction.EDITED,
) -> Term:
    _check_change(actor, term)
    data = data.clean()
    if (data.source_language, data.target_language) != (
        term.source_language,
        term.target_language,
    ) and not may_decide_terms(actor, data.source_language, data.target_language):
        raise PermissionDenied("Moving a term to another pair needs the right to decide there.")
    _refuse_duplicate(session, data, other_than=term.id)
    before = term.snapshot()
    old_pair = (term.source_language, term.target_language)
    _apply(term, data)
    moved = (term.source_language, term.target_language) != old_pair
    if term.snapshot() == before and not moved:
        return term
    term.updated_at = utcnow()
    session.flush()
    if moved:
        # Each pair's matcher is keyed by that pair's latest change: the pair the term left
        # needs one too, or its cached matcher would go on finding the term.
        session.add(
            TermChange(
                term_id=term.id,
                source_language=old_pair[0],
                target_language=old_pair[1],
                actor_id=actor.id,
                action=action,
                before=before,
                after=term.snapshot(),
                comment=f"Moved to {term.source_language}→{term.target_language}.",
            )
        )
    record(session, term, actor, action, before)
    return term


def decide_term(
    session: Session, actor: User, term: Term, *, approve: bool, comment: str = ""
) -> Term:
    """Approve or reject a proposal (or take back an approval)."""
    if not may_decide_terms(actor, term.source_language, term.target_language):
        raise PermissionDenied("Only coordinators and the pair's reviewers approve its terms.")
    wanted = TermStatus.APPROVED if approve else TermStatus.REJECTED
    if term.status is wanted:
        return term
    if approve:
        data = TermInput(term.source_language, term.target_language, term.source)
        _refuse_duplicate(session, data, other_than=term.id)
    before = term.snapshot()
    term.status = wanted
    term.decided_by_id = actor.id
    term.updated_at = utcnow()
    session.flush()
    action = TermAction.APPROVED if approve else TermAction.REJECTED
    record(session, term, actor, action, before, _text(comment, "comment", 1000))
    return term


def delete_term(session: Session, actor: User, term: Term) -> None:
    _check_change(actor, term)
    before = term.snapshot()
    record(session, term, actor, TermAction.DELETED, before)
    session.delete(term)
    session.flush()


def term_history(session: Session, term_id: int) -> list[TermChange]:
    return list(
        session.scalars(
            select(TermChange).where(TermChange.term_id == term_id).order_by(TermChange.id.desc())
        )
    )
