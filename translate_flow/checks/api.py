"""API v1: the quality checks over a text and its translation, for other tools (stateless)."""

from typing import Any

from flask import abort, jsonify
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from translate_flow.checks.base import CheckContext, run_checks
from translate_flow.checks.openapi import (
    MAX_LANGUAGE_CHARS,
    MAX_TEXT_CHARS,
    checks_paths,
    checks_schemas,
)
from translate_flow.core.api import inputs
from translate_flow.core.api.openapi import describe
from translate_flow.core.api.views import bp
from translate_flow.core.errors import ValidationFailed
from translate_flow.core.web.request_db import db_session
from translate_flow.domain.permissions import can_view_articles
from translate_flow.terms.finding import terms_in
from translate_flow.text.analysis import stored_form
from translate_flow.text.placeholders import strip_placeholders

describe("checks", checks_paths, checks_schemas)

FIELDS = {"source_language", "target_language", "source", "target"}


def _text(data: dict[str, Any], name: str) -> str:
    if name not in data:
        raise ValidationFailed(f"{name} is required (it may be empty).")
    value = inputs.string(data, name)
    if len(value) > MAX_TEXT_CHARS:
        raise ValidationFailed(f"{name} holds at most {MAX_TEXT_CHARS:,} characters.")
    # Spans are in NFC, as the desk stores text and finds terms.
    return stored_form(value)


@bp.route("/checks", methods=["POST"])
@login_required
def run_checks_api() -> Response:
    if not can_view_articles(current_user):
        abort(403)
    data = inputs.json_object(FIELDS)
    source_language = inputs.language(data, "source_language", MAX_LANGUAGE_CHARS)
    target_language = inputs.language(data, "target_language", MAX_LANGUAGE_CHARS)
    source, target = _text(data, "source"), _text(data, "target")
    plain_source = strip_placeholders(source)
    context = CheckContext(
        source_language,
        target_language,
        terms=terms_in(db_session(), source_language, target_language, plain_source),
        plain_source=plain_source,
    )
    findings = run_checks(source, target, context)
    return jsonify({"findings": [finding.as_json() for finding in findings]})
