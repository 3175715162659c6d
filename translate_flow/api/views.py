"""API v1 endpoints."""

from typing import Any

from flask import Blueprint, current_app, g, jsonify, request
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from translate_flow.api.openapi import openapi_document
from translate_flow.errors import ValidationFailed
from translate_flow.extensions import csrf
from translate_flow.models import User
from translate_flow.services import people
from translate_flow.web.request_db import READ_ONLY_METHODS, commit, db_session

bp = Blueprint("api", __name__, url_prefix="/api/v1")


@bp.before_request
def _csrf_for_cookie_writes() -> None:
    # A Bearer token cannot be sent by another site's page, so it needs no CSRF token;
    # the session cookie can, so a write that relies on it must carry one.
    if request.method in READ_ONLY_METHODS or not current_app.config["WTF_CSRF_ENABLED"]:
        return
    # Without a person, the view's own check answers 401; with a token, no CSRF is needed.
    if not current_user.is_authenticated or g.get("auth_via_token"):
        return
    csrf.protect()


def person_json(user: User) -> dict[str, Any]:
    return {
        "id": user.id,
        "name": user.display_name,
        "email": user.email,
        "roles": sorted(role.value for role in user.roles),
        "pairs": [
            {
                "source": p.source_language,
                "target": p.target_language,
                "can_review": p.can_review,
                "can_publish": p.can_publish,
            }
            for p in user.language_pairs
        ],
        "capacity": user.capacity,
        "bio": user.bio,
    }


@bp.route("/me")
@login_required
def me() -> Response:
    return jsonify(person_json(current_user))


@bp.route("/me", methods=["PATCH"])
@login_required
def update_me() -> Response:
    """Change one's own name, e-mail address or bio; omitted fields stay as they are."""
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        raise ValidationFailed('Send a JSON object, e.g. {"bio": "…"}.')
    unknown = set(data) - {"name", "email", "bio"}
    if unknown:
        raise ValidationFailed(f"Unknown field(s): {', '.join(sorted(unknown))}.")
    values = {
        "display_name": data.get("name", current_user.display_name),
        "email": data.get("email", current_user.email),
        "bio": data.get("bio", current_user.bio),
    }
    if not all(isinstance(value, str) for value in values.values()):
        raise ValidationFailed("name, email and bio must be strings.")
    if len(values["bio"]) > 2000:
        raise ValidationFailed("Keep the bio under 2,000 characters.")
    people.update_profile(db_session(), current_user, **values)
    commit()
    return jsonify(person_json(current_user))


@bp.route("/openapi.json")
def openapi() -> Response:
    return jsonify(openapi_document(request.host_url.rstrip("/") + "/api/v1"))
