"""API v1: dismissing a quality check's finding on a segment, with a reason."""

from flask import jsonify
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from translate_flow.checks.dismissals import check_may_dismiss, dismiss
from translate_flow.checks.dismissals_openapi import dismissal_paths, dismissal_schemas
from translate_flow.core.api.inputs import json_object, string
from translate_flow.core.api.openapi import describe
from translate_flow.core.api.views import bp
from translate_flow.core.web.request_db import commit, db_session
from translate_flow.workflow import transitions

describe("check_dismissals", dismissal_paths, dismissal_schemas)


@bp.route(
    "/translations/<int:translation_id>/segments/<int:segment_id>/findings/<check>/dismissals",
    methods=["POST"],
)
@login_required
def dismiss_finding(translation_id: int, segment_id: int, check: str) -> tuple[Response, int]:
    session = db_session()
    translation = transitions.get_translation(session, translation_id)
    # Who and when first, so that people who may not dismiss learn nothing about the input.
    check_may_dismiss(session, current_user, translation)
    data = json_object({"reason"})
    dismissal = dismiss(
        session, current_user, translation, segment_id, check, string(data, "reason")
    )
    commit()
    return jsonify({"check": dismissal.check} | dismissal.as_json()), 201
