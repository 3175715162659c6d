"""API v1 endpoints."""

from typing import Any

from flask import Blueprint, g, jsonify, request
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from translate_flow.api.openapi import openapi_document
from translate_flow.extensions import csrf
from translate_flow.models import User
from translate_flow.web.request_db import READ_ONLY_METHODS

bp = Blueprint("api", __name__, url_prefix="/api/v1")


@bp.before_request
def _csrf_for_cookie_writes() -> None:
    # A Bearer token cannot be sent by another site's page, so it needs no CSRF token;
    # the session cookie can, so a write that relies on it must carry one.
    if request.method in READ_ONLY_METHODS:
        return
    if current_user.is_authenticated and g.get("auth_via_token"):
        return
    csrf.protect()


def person_json(user: User) -> dict[str, Any]:
    return {
        "id": user.id,
        "name": user.display_name,
        "email": user.email,
        "roles": sorted(role.value for role in user.roles),
        "pairs": [
            {"source": p.source_language, "target": p.target_language, "can_review": p.can_review}
            for p in user.language_pairs
        ],
        "capacity": user.capacity,
    }


@bp.route("/me")
@login_required
def me() -> Response:
    return jsonify(person_json(current_user))


@bp.route("/openapi.json")
def openapi() -> Response:
    return jsonify(openapi_document(request.host_url.rstrip("/") + "/api/v1"))
