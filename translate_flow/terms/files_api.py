"""API v1 of the termbase's files: CSV and TBX imports, CSV and TBX exports."""

from typing import Any

from flask import abort, current_app, jsonify, request
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from translate_flow.core.api.openapi import describe
from translate_flow.core.api.uploads import allow_large_upload, optional_language
from translate_flow.core.api.views import bp
from translate_flow.core.errors import ValidationFailed
from translate_flow.core.web.downloads import content_disposition
from translate_flow.core.web.request_db import commit, db_session
from translate_flow.domain.permissions import can_view_articles
from translate_flow.terms.exporting import export_terms
from translate_flow.terms.file_terms import DEFAULT_MAX_BYTES
from translate_flow.terms.files_openapi import files_paths, files_schemas
from translate_flow.terms.importing import ImportOutcome, TermsImportRefused, import_terms

describe("terms-files", files_paths, files_schemas)

IMPORT_ENDPOINT = "api.import_terms_file"


def import_limit() -> int:
    """The largest termbase file the desk imports, in bytes (TERMS_IMPORT_MAX_BYTES)."""
    return int(current_app.config.get("TERMS_IMPORT_MAX_BYTES") or DEFAULT_MAX_BYTES)


allow_large_upload(IMPORT_ENDPOINT, import_limit)


def outcome_json(outcome: ImportOutcome) -> dict[str, Any]:
    return {
        "added": outcome.added,
        "updated": outcome.updated,
        "skipped": outcome.skipped,
        "errors": [],
        "format": outcome.format,
        "pairs": [{"source_language": s, "target_language": t} for s, t in outcome.pairs],
    }


def refusal_json(refusal: TermsImportRefused) -> dict[str, Any]:
    return {
        "error": {"code": refusal.code, "message": refusal.message},
        "added": 0,
        "updated": 0,
        "skipped": 0,
        "errors": [{"row": p.row, "message": p.message} for p in refusal.problems],
    }


@bp.route("/terms/imports", methods=["POST"])
@login_required
def import_terms_file() -> Response | tuple[Response, int]:
    upload = request.files.get("file")
    if upload is None:
        raise ValidationFailed(
            "Send the CSV or TBX file in the form field “file” (multipart/form-data). "
            "Nothing was imported."
        )
    session = db_session()
    try:
        outcome = import_terms(
            session,
            current_user,
            upload.stream,
            filename=upload.filename or "",
            format=request.form.get("format") or None,
            source_language=optional_language("source_language", request.form),
            target_language=optional_language("target_language", request.form),
            max_bytes=import_limit(),
            configured_targets=current_app.config.get("TARGET_LANGUAGES", ()),
        )
    except TermsImportRefused as refusal:
        return jsonify(refusal_json(refusal)), 400
    answer = outcome_json(outcome)
    commit()
    return jsonify(answer)


@bp.route("/terms/export")
@login_required
def export_terms_file() -> Response:
    if not can_view_articles(current_user):
        abort(403)
    data, mimetype, filename = export_terms(
        db_session(),
        format=request.args.get("format", "tbx"),
        source_language=optional_language("source_language", request.args),
        target_language=optional_language("target_language", request.args),
        status=request.args.get("status", "approved"),
    )
    response = Response(data, mimetype=mimetype)
    response.headers["Content-Disposition"] = content_disposition(filename)
    return response
