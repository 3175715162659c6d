"""API v1 of the termbase: list, read (with history), create, change, delete and decide terms.

Reading is for anyone on the desk; who may write is `terms.rights`, applied by
`terms.operations` (a translator's new term is a proposal). Each field is read here with
the bounds the OpenAPI document states (`terms.openapi`), before the operations clean it.
"""

import json
import re
from typing import Any

from flask import abort, jsonify, request, url_for
from flask_login import current_user, login_required
from sqlalchemy import ColumnElement, String, cast, func, or_, select
from werkzeug.wrappers import Response

from translate_flow.core.api import inputs
from translate_flow.core.api.openapi import describe
from translate_flow.core.api.openapi_values import LANGUAGE
from translate_flow.core.api.references import person_ref
from translate_flow.core.api.views import bp
from translate_flow.core.errors import UnknownLanguage, ValidationFailed
from translate_flow.core.language_filter import with_variants
from translate_flow.core.paging import paginate
from translate_flow.core.web.request_db import commit, db_session
from translate_flow.domain.models import Term, TermCategory, TermChange, TermStatus
from translate_flow.domain.permissions import can_view_articles
from translate_flow.terms import operations
from translate_flow.terms.folding import term_key
from translate_flow.terms.openapi import (
    MAX_COMMENT_CHARS,
    MAX_LANGUAGE_CHARS,
    MAX_QUERY_CHARS,
    REQUIRED,
    WRITABLE,
    term_paths,
    term_schemas,
)
from translate_flow.terms.operations import (
    MAX_FORM_CHARS,
    MAX_FORMS,
    MAX_NOTE_CHARS,
    DuplicateTerm,
    ForbiddenForm,
    TermInput,
)
from translate_flow.text.languages import base_language, get_language, normalise_code

describe("terms", term_paths, term_schemas)


LANGUAGE_CODE = re.compile(LANGUAGE["pattern"])
FIELDS = set(WRITABLE)
# What a client may send back from a GET unchanged and be told plainly why it is refused.
READ_ONLY = {"id", "url", "preferred", "status", "created_by", "decided_by", "created_at"}
READ_ONLY |= {"updated_at", "history"}


def _may_view() -> None:
    if not can_view_articles(current_user):
        abort(403)


def term_json(term: Term) -> dict[str, Any]:
    return {
        "id": term.id,
        "url": url_for("api.get_term", term_id=term.id),
        "source_language": term.source_language,
        "target_language": term.target_language,
        "source": term.source,
        "variants": list(term.variants),
        "targets": list(term.targets),
        "preferred": term.preferred,
        "forbidden": [
            {"form": item["form"], "reason": item.get("reason", "")} for item in term.forbidden
        ],
        "note": term.note,
        "category": term.category.value,
        "case_sensitive": term.case_sensitive,
        "whole_word": term.whole_word,
        "do_not_translate": term.do_not_translate,
        "status": term.status.value,
        "created_by": person_ref(term.created_by),
        "decided_by": person_ref(term.decided_by),
        "created_at": term.created_at.isoformat(),
        "updated_at": term.updated_at.isoformat(),
    }


def change_json(change: TermChange) -> dict[str, Any]:
    return {
        "id": change.id,
        "action": change.action.value,
        "actor": person_ref(change.actor),
        "before": change.before,
        "after": change.after,
        "comment": change.comment,
        "created_at": change.created_at.isoformat(),
    }


# --- Reading the request ------------------------------------------------------------------


def _code(value: str, name: str) -> str:
    if len(value) > MAX_LANGUAGE_CHARS or not LANGUAGE_CODE.fullmatch(value):
        raise ValidationFailed(f"{name} must be a language code such as ja, en or zh-Hant.")
    return normalise_code(value)


def _language(data: dict[str, Any], name: str, default: str) -> str:
    code = _code(inputs.string(data, name, default), name)
    try:
        return get_language(code).code
    except UnknownLanguage as error:
        raise UnknownLanguage(f"{name}: {error.message}") from None


def _text(data: dict[str, Any], name: str, default: str, limit: int) -> str:
    value = inputs.string(data, name, default)
    if len(value) > limit:
        raise ValidationFailed(f"{name} holds at most {limit:,} characters.")
    return value


def _forms(data: dict[str, Any], name: str, default: list[str]) -> list[str]:
    values = data.get(name, default)
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise ValidationFailed(f"{name} must be a list of strings.")
    if len(values) > MAX_FORMS:
        raise ValidationFailed(f"{name} holds at most {MAX_FORMS} forms.")
    if any(len(value) > MAX_FORM_CHARS for value in values):
        raise ValidationFailed(f"Each of {name} holds at most {MAX_FORM_CHARS} characters.")
    return values


def _forbidden(data: dict[str, Any], default: list[ForbiddenForm]) -> list[ForbiddenForm]:
    if "forbidden" not in data:
        return default
    items = data["forbidden"]
    message = 'forbidden must be a list of objects such as {"form": "…", "reason": "…"}.'
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        raise ValidationFailed(message)
    if len(items) > MAX_FORMS:
        raise ValidationFailed(f"forbidden holds at most {MAX_FORMS} forms.")
    forms = []
    for item in items:
        unknown = set(item) - {"form", "reason"}
        if unknown or "form" not in item:
            raise ValidationFailed(message)
        form = _text(item, "form", "", MAX_FORM_CHARS)
        if not form.strip():
            raise ValidationFailed("Each forbidden form needs its text.")
        forms.append(ForbiddenForm(form, _text(item, "reason", "", MAX_COMMENT_CHARS)))
    return forms


def _category(data: dict[str, Any], default: TermCategory) -> TermCategory:
    if "category" not in data:
        return default
    value = data["category"]
    if not isinstance(value, str) or value not in {category.value for category in TermCategory}:
        names = ", ".join(category.value for category in TermCategory)
        raise ValidationFailed(f"category must be one of {names}.")
    return TermCategory(value)


def _flag(data: dict[str, Any], name: str, default: bool) -> bool:
    value = inputs.boolean(data, name)
    return default if value is None else value


def _read_term(base: TermInput | None = None) -> TermInput:
    """The request's term; fields left out keep `base`'s values (PATCH) or their defaults."""
    data = request.get_json(silent=True)
    if isinstance(data, dict):
        told = sorted(set(data) & READ_ONLY)
        if told:
            raise ValidationFailed(
                f"{', '.join(told)} cannot be set: the desk keeps them (a term's status "
                "changes through POST /api/v1/terms/{id}/decision)."
            )
    data = inputs.json_object(FIELDS)
    if base is None:
        missing = [name for name in REQUIRED if name not in data]
        if missing:
            raise ValidationFailed(
                f"{' and '.join(missing)} {'is' if len(missing) == 1 else 'are'} required: "
                "a term needs its pair (source_language, target_language) and its source form."
            )
        base = TermInput("", "", "")
    source = _text(data, "source", base.source, MAX_FORM_CHARS)
    if not source.strip():
        raise ValidationFailed("source is required: the word or name as the source has it.")
    return TermInput(
        source_language=_language(data, "source_language", base.source_language),
        target_language=_language(data, "target_language", base.target_language),
        source=source,
        targets=_forms(data, "targets", list(base.targets)),
        variants=_forms(data, "variants", list(base.variants)),
        forbidden=_forbidden(data, list(base.forbidden)),
        note=_text(data, "note", base.note, MAX_NOTE_CHARS),
        category=_category(data, base.category),
        case_sensitive=_flag(data, "case_sensitive", base.case_sensitive),
        whole_word=_flag(data, "whole_word", base.whole_word),
        do_not_translate=_flag(data, "do_not_translate", base.do_not_translate),
    )


def _as_input(term: Term) -> TermInput:
    return TermInput(
        source_language=term.source_language,
        target_language=term.target_language,
        source=term.source,
        targets=list(term.targets),
        variants=list(term.variants),
        forbidden=[ForbiddenForm(f["form"], f.get("reason", "")) for f in term.forbidden],
        note=term.note,
        category=term.category,
        case_sensitive=term.case_sensitive,
        whole_word=term.whole_word,
        do_not_translate=term.do_not_translate,
    )


def _duplicate(error: DuplicateTerm) -> tuple[Response, int]:
    return jsonify(
        {
            "error": {
                "code": error.code,
                "message": error.message,
                "existing_id": error.existing_id,
                "existing_url": url_for("api.get_term", term_id=error.existing_id),
            }
        }
    ), 409


# --- Listing ------------------------------------------------------------------------------


def _pair_filter(column: Any, name: str) -> ColumnElement[bool] | None:
    """Terms that apply to the code: `es` lists `es` and every `es-XX`; `es-AR` lists its
    own and the base language's, as the matcher uses them."""
    if name not in request.args:
        return None
    code = _code(request.args[name].strip(), name)
    base = base_language(code)
    return with_variants(column, code) if code == base else column.in_([code, base])


def _query_filter(phrase: str) -> ColumnElement[bool]:
    # Forms lists are JSON text; JSON escapes what is not ASCII (\u5186), so the phrase is
    # looked for both as written and as JSON writes it.
    lowered = phrase.lower()
    escaped = json.dumps(lowered)[1:-1]
    conditions: list[ColumnElement[bool]] = [
        Term.source_key.contains(term_key(phrase), autoescape=True),
        func.lower(Term.note).contains(lowered, autoescape=True),
    ]
    for column in (Term.targets, Term.variants):
        text = func.lower(cast(column, String))
        conditions.append(text.contains(lowered, autoescape=True))
        if escaped != lowered:
            conditions.append(text.contains(escaped, autoescape=True))
    return or_(*conditions)


def _enum_filter(name: str, values: list[str]) -> str | None:
    if name not in request.args:
        return None
    value = request.args[name]
    if value not in values:
        raise ValidationFailed(f"{name} must be one of {', '.join(values)}.")
    return value


@bp.route("/terms")
@login_required
def list_terms() -> Response:
    _may_view()
    page, per_page = inputs.paging(per_page=50)
    query = select(Term)
    for column, name in (
        (Term.source_language, "source_language"),
        (Term.target_language, "target_language"),
    ):
        condition = _pair_filter(column, name)
        if condition is not None:
            query = query.where(condition)
    phrase = request.args.get("q", "")
    if len(phrase) > MAX_QUERY_CHARS:
        raise ValidationFailed(f"q holds at most {MAX_QUERY_CHARS} characters.")
    if phrase.strip():
        query = query.where(_query_filter(phrase.strip()))
    category = _enum_filter("category", [c.value for c in TermCategory])
    if category is not None:
        query = query.where(Term.category == TermCategory(category))
    status = _enum_filter("status", [s.value for s in TermStatus])
    if status is not None:
        query = query.where(Term.status == TermStatus(status))
    result = paginate(db_session(), query, Term.sort_key, Term.id, page=page, per_page=per_page)
    return jsonify(
        {
            "items": [term_json(term) for term in result.items],
            "page": result.page,
            "per_page": result.per_page,
            "total": result.total,
            "pages": result.pages,
        }
    )


# --- One term -----------------------------------------------------------------------------


@bp.route("/terms", methods=["POST"])
@login_required
def create_term() -> tuple[Response, int]:
    data = _read_term()
    try:
        term = operations.create_term(db_session(), current_user, data)
    except DuplicateTerm as error:
        return _duplicate(error)
    body = term_json(term)
    commit()
    response = jsonify(body)
    response.headers["Location"] = body["url"]
    return response, 201


@bp.route("/terms/<int:term_id>")
@login_required
def get_term(term_id: int) -> Response:
    _may_view()
    session = db_session()
    term = operations.get_term(session, term_id)
    history = operations.term_history(session, term_id)
    return jsonify(term_json(term) | {"history": [change_json(c) for c in history]})


@bp.route("/terms/<int:term_id>", methods=["PUT", "PATCH"])
@login_required
def change_term(term_id: int) -> Response | tuple[Response, int]:
    session = db_session()
    term = operations.get_term(session, term_id)
    data = _read_term(_as_input(term) if request.method == "PATCH" else None)
    try:
        operations.update_term(session, current_user, term, data)
    except DuplicateTerm as error:
        return _duplicate(error)
    body = term_json(term)
    commit()
    return jsonify(body)


@bp.route("/terms/<int:term_id>", methods=["DELETE"])
@login_required
def delete_term(term_id: int) -> tuple[str, int]:
    session = db_session()
    operations.delete_term(session, current_user, operations.get_term(session, term_id))
    commit()
    return "", 204


@bp.route("/terms/<int:term_id>/decision", methods=["POST"])
@login_required
def decide_term(term_id: int) -> Response | tuple[Response, int]:
    session = db_session()
    term = operations.get_term(session, term_id)
    data = inputs.json_object({"approve", "comment"})
    approve = inputs.boolean(data, "approve")
    if approve is None:
        raise ValidationFailed("approve is required: true to approve the term, false to reject it.")
    comment = _text(data, "comment", "", MAX_COMMENT_CHARS)
    try:
        operations.decide_term(session, current_user, term, approve=approve, comment=comment)
    except DuplicateTerm as error:
        return _duplicate(error)
    body = term_json(term)
    commit()
    return jsonify(body)
