"""API v1 of working offline: a translation as a file, and a file back into it."""

from typing import Any

from flask import abort, current_app, jsonify, request, url_for
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from translate_flow.core.api.openapi import describe
from translate_flow.core.api.views import bp
from translate_flow.core.errors import ValidationFailed
from translate_flow.core.web.downloads import content_disposition
from translate_flow.core.web.request_db import commit, db_session
from translate_flow.domain.models import Translation
from translate_flow.domain.permissions import can_view_articles
from translate_flow.editing.saving import check_may_edit
from translate_flow.interchange.applying import (
    DEFAULT_MAX_BYTES,
    ImportSummary,
    UnitNote,
    apply_upload,
    can_download,
)
from translate_flow.interchange.formats import Format, formats, get_format
from translate_flow.interchange.openapi import interchange_paths, interchange_schemas
from translate_flow.interchange.units import offline_document
from translate_flow.workflow.transitions import get_translation

describe("interchange", interchange_paths, interchange_schemas)


def upload_limit() -> int:
    """The largest file taken back, in bytes (OFFLINE_UPLOAD_MAX_BYTES; the site's own
    MAX_CONTENT_LENGTH still bounds the request)."""
    return int(current_app.config.get("OFFLINE_UPLOAD_MAX_BYTES") or DEFAULT_MAX_BYTES)


def chosen_format(name: str | None) -> Format:
    found = get_format(name or "")
    if found is None:
        names = ", ".join(f.name for f in formats())
        raise ValidationFailed(f"format must be one of: {names}.")
    return found


def download(translation: Translation, format_: Format) -> Response:
    """The file as an attachment; the document is read whole before the first byte."""
    document = offline_document(db_session(), translation)
    response = Response(format_.write(document), mimetype=format_.mime_type)
    response.headers["Content-Disposition"] = content_disposition(
        f"{document.file_stem}.{format_.extension}"
    )
    return response


def chooser_url(translation_id: int, note: UnitNote) -> str | None:
    """The segment's history with the file's text beside the desk's: where to choose."""
    if note.segment_id is None:
        return None
    chosen: dict[str, Any] = {"from": note.current_revision_id, "to": note.revision_id}
    return url_for(
        "editor.history", translation_id=translation_id, segment_id=note.segment_id, **chosen
    )


def note_json(note: UnitNote) -> dict[str, Any]:
    return {
        "unit_id": note.unit_id,
        "position": note.position,
        "segment_id": note.segment_id,
        "reason": note.reason,
    }


def summary_json(translation_id: int, summary: ImportSummary) -> dict[str, Any]:
    return {
        "format": summary.format,
        "saved": len(summary.saved),
        "merged": len(summary.merged),
        "conflicts": [
            note_json(note)
            | {
                "revision_id": note.revision_id,
                "chooser_url": chooser_url(translation_id, note),
            }
            for note in summary.conflicts
        ],
        "skipped": summary.skipped,
        "refused": [note_json(note) | {"text": note.text} for note in summary.refused],
        "saved_segments": summary.saved,
        "merged_segments": summary.merged,
    }


@bp.route("/translations/<int:translation_id>/export")
@login_required
def export_translation(translation_id: int) -> Response:
    if not can_view_articles(current_user):
        abort(403)
    translation = get_translation(db_session(), translation_id)
    if not can_download(current_user, translation):
        abort(403)
    return download(translation, chosen_format(request.args.get("format")))


@bp.route("/translations/<int:translation_id>/imports", methods=["POST"])
@login_required
def import_translation(translation_id: int) -> Response:
    session = db_session()
    translation = get_translation(session, translation_id)
    upload = request.files.get("file")
    if upload is None:
        # Who may edit first: a person who may not learns nothing of what the form lacks.
        check_may_edit(session, current_user, translation)
        raise ValidationFailed(
            "Send the file in the form field “file” (multipart/form-data). Nothing was applied."
        )
    summary = apply_upload(
        session, current_user, translation, upload.stream, max_bytes=upload_limit()
    )
    answer = summary_json(translation.id, summary)
    commit()  # conflicting texts are kept as revisions too
    return jsonify(answer)
