"""API v1 of the memory's files: TMX imports into collections, TMX exports."""

from typing import Any

from flask import abort, current_app, jsonify, request, stream_with_context
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from translate_flow.core.api.inputs import query_number
from translate_flow.core.api.openapi import describe
from translate_flow.core.api.uploads import allow_large_upload, optional_language
from translate_flow.core.api.views import bp
from translate_flow.core.errors import NotFound, ValidationFailed
from translate_flow.core.web.downloads import content_disposition
from translate_flow.core.web.request_db import commit, db_session
from translate_flow.domain.models.memory import MemoryCollection
from translate_flow.domain.permissions import can_coordinate_translations
from translate_flow.memory.files_openapi import files_paths, files_schemas
from translate_flow.memory.importing import DEFAULT_MAX_BYTES, ImportOutcome, import_tmx
from translate_flow.memory.tmx_writing import MIME_TYPE, export_chunks

describe("memory-files", files_paths, files_schemas)

IMPORT_ENDPOINT = "api.import_memory_tmx"


def import_limit() -> int:
    """The largest TMX the desk imports, in bytes (MEMORY_IMPORT_MAX_BYTES)."""
    return int(current_app.config.get("MEMORY_IMPORT_MAX_BYTES") or DEFAULT_MAX_BYTES)


allow_large_upload(IMPORT_ENDPOINT, import_limit)


def _coordinators_only() -> None:
    if not can_coordinate_translations(current_user):
        abort(403)


def outcome_json(outcome: ImportOutcome) -> dict[str, Any]:
    return {
        "added": outcome.added,
        "skipped": outcome.skipped,
        "refused": [{"index": r.index, "reason": r.reason} for r in outcome.refused],
        "refused_count": outcome.refused_count,
        "collection": {
            "id": outcome.collection.id,
            "name": outcome.collection.name,
            "source_language": outcome.collection.source_language,
            "target_language": outcome.collection.target_language,
        },
    }


@bp.route("/memory/imports", methods=["POST"])
@login_required
def import_memory_tmx() -> Response:
    _coordinators_only()
    upload = request.files.get("file")
    if upload is None:
        raise ValidationFailed(
            "Send the TMX file in the form field “file” (multipart/form-data). "
            "Nothing was imported."
        )
    session = db_session()
    outcome = import_tmx(
        session,
        current_user,
        upload.stream,
        collection_name=request.form.get("collection", ""),
        source_language=optional_language("source_language", request.form),
        target_language=optional_language("target_language", request.form),
        max_bytes=import_limit(),
        configured_targets=current_app.config.get("TARGET_LANGUAGES", ()),
    )
    answer = outcome_json(outcome)
    commit()
    return jsonify(answer)


@bp.route("/memory/export")
@login_required
def export_memory_tmx() -> Response:
    _coordinators_only()
    session = db_session()
    source = optional_language("source_language", request.args)
    target = optional_language("target_language", request.args)
    collection_id = query_number("collection")
    name = "memory"
    if collection_id is not None:
        collection = session.get(MemoryCollection, collection_id)
        if collection is None:
            raise NotFound("There is no such collection in the memory.")
        name += f"-{collection.name}"
    name += "".join(f"-{code}" for code in (source, target) if code)
    chunks = export_chunks(
        session, source_language=source, target_language=target, collection_id=collection_id
    )
    # The chunks read the request's session as they go: the request stays open until the
    # last one is sent, and only then is the session closed.
    response = Response(stream_with_context(chunks), mimetype=MIME_TYPE)
    response.headers["Content-Disposition"] = content_disposition(f"{name}.tmx")
    return response
