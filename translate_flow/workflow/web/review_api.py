"""API v1 for reviewing: per-segment "checked" marks, and a coordinator's decision on a due
date a reviewer proposed. Cookie sessions send the CSRF token (the API blueprint's rule)."""

from typing import Any

from flask import jsonify
from flask_login import current_user, login_required
from sqlalchemy.orm import Session
from werkzeug.wrappers import Response

from translate_flow.core.api import inputs
from translate_flow.core.api.inputs import json_object, string
from translate_flow.core.api.views import bp
from translate_flow.core.errors import PermissionDenied, ValidationFailed
from translate_flow.core.web.request_db import commit, db_session
from translate_flow.domain.models import Translation, utcnow
from translate_flow.domain.permissions import can_view_articles
from translate_flow.workflow import due_dates, review_marks, transitions


def _progress(session: Session, translation: Translation) -> dict[str, int]:
    progress = review_marks.review_progress(session, translation)
    return {"checked": progress.checked, "total": progress.total}


def _check_json(
    session: Session, translation: Translation, segment_id: int, checked: bool
) -> dict[str, Any]:
    return {
        "segment_id": segment_id,
        "checked": checked,
        "progress": _progress(session, translation),
    }


@bp.route("/translations/<int:translation_id>/segments/<int:segment_id>/check", methods=["PUT"])
@login_required
def check_segment(translation_id: int, segment_id: int) -> Response:
    session = db_session()
    translation = transitions.get_translation(session, translation_id)
    review_marks.mark_checked(session, current_user, translation, segment_id, now=utcnow())
    body = _check_json(session, translation, segment_id, True)
    commit()
    return jsonify(body)


@bp.route("/translations/<int:translation_id>/segments/<int:segment_id>/check", methods=["DELETE"])
@login_required
def uncheck_segment(translation_id: int, segment_id: int) -> Response:
    session = db_session()
    translation = transitions.get_translation(session, translation_id)
    review_marks.clear_mark(session, current_user, translation, segment_id)
    body = _check_json(session, translation, segment_id, False)
    commit()
    return jsonify(body)


@bp.route("/translations/<int:translation_id>/review")
@login_required
def review_status(translation_id: int) -> Response:
    """How far the review has got: the checked segments, for the editor and API clients."""
    session = db_session()
    translation = transitions.get_translation(session, translation_id)
    if not can_view_articles(current_user):
        raise PermissionDenied("Only members of the desk read how a review is going.")
    progress = review_marks.review_progress(session, translation)
    return jsonify(
        {
            "checked": progress.checked,
            "total": progress.total,
            "checked_segment_ids": sorted(progress.checked_ids),
        }
    )


DECISIONS = ("accept", "decline")


@bp.route("/translations/<int:translation_id>/due-proposal", methods=["POST"])
@login_required
def decide_due_proposal(translation_id: int) -> Response:
    """A coordinator accepts or declines the due date a reviewer proposed."""
    session = db_session()
    translation = transitions.get_translation(session, translation_id)
    data = json_object({"decision", "proposed_due_at"})
    decision = string(data, "decision")
    if decision not in DECISIONS:
        raise ValidationFailed("decision must be accept or decline.")
    expected = inputs.json_moment(data.get("proposed_due_at"), "proposed_due_at")
    decide = due_dates.accept_proposal if decision == "accept" else due_dates.decline_proposal
    proposed = decide(session, current_user, translation, now=utcnow(), expected=expected)
    body = {
        "decision": decision,
        "proposed_due_at": proposed.isoformat(),
        "due_at": due_dates.iso(translation.due_at),
    }
    commit()
    return jsonify(body)
