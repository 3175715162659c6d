"""API v1: the blueprint every feature adds its routes to, its CSRF rule, and this document."""

from flask import Blueprint, current_app, g, jsonify, request
from flask_login import current_user
from werkzeug.wrappers import Response

from translate_flow.core.api.openapi import openapi_document
from translate_flow.core.extensions import csrf
from translate_flow.core.web.request_db import READ_ONLY_METHODS

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


@bp.route("/openapi.json")
def openapi() -> Response:
    return jsonify(openapi_document(request.host_url.rstrip("/") + "/api/v1"))
