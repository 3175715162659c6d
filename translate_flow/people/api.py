"""The signed-in person in API v1: read and change one's own profile."""

from typing import Any

from flask import jsonify, request
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from translate_flow.core.api.openapi import describe
from translate_flow.core.api.views import bp
from translate_flow.core.errors import ValidationFailed
from translate_flow.core.web.request_db import commit, db_session
from translate_flow.domain.models import User
from translate_flow.people import members as people
from translate_flow.people.openapi import people_paths, people_schemas

describe("people", people_paths, people_schemas)


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
