"""Who is asking: a revocable browser session, or a Bearer token for the API."""

from flask import Flask, Request, flash, g, jsonify, redirect, request, session, url_for
from werkzeug.wrappers import Response

from translate_flow.core.extensions import login_manager
from translate_flow.core.web.errors import wants_json
from translate_flow.core.web.request_db import READ_ONLY_METHODS, database, db_session
from translate_flow.domain.models import User
from translate_flow.people.signin import touch_api_token, user_for_api_token, user_for_login_session


def bearer_token(req: Request) -> str | None:
    header = req.headers.get("Authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "bearer":
        return None
    return value.strip()


def _load_from_session(user_id: str) -> User | None:
    # A request that presents a token is judged by the token alone, never by a cookie
    # that happens to ride along.
    if bearer_token(request) is not None:
        return None
    key = session.get("sid")
    if not isinstance(key, str) or not user_id.isdigit():
        return None
    found = user_for_login_session(db_session(), key, int(user_id))
    if found is None:
        return None
    g.login_session_id = found.login_session_id
    if request.method in READ_ONLY_METHODS:
        # What the navigation shows (`notifications.web`); a request that may change notices
        # counts them again when its page is drawn.
        g.unread_notifications = found.unread_notifications
    return found.user


def _load_from_token(req: Request) -> User | None:
    secret = bearer_token(req)
    if not secret:
        return None
    match = user_for_api_token(db_session(), secret)
    if match is None:
        return None
    if match.needs_touch and req.method in READ_ONLY_METHODS:
        # In its own short write transaction so that API reads stay read-only.
        with database().transaction() as writer:
            touch_api_token(writer, match.token_id)
    elif match.needs_touch:
        # A write request already holds the write lock; a second transaction would wait on it.
        touch_api_token(db_session(), match.token_id)
    g.auth_via_token = True
    return match.user


def _unauthorized() -> Response:
    if wants_json():
        message = (
            "The API token is not valid or has been revoked."
            if bearer_token(request) is not None
            else "Sign in, or send an API token as `Authorization: Bearer <token>`."
        )
        error = {"code": "unauthorized", "message": message}
        # As every other API error: the reference a client can quote (core/web/errors.py).
        if g.get("request_id"):
            error["request_id"] = g.request_id
        response = jsonify({"error": error})
        response.status_code = 401
        response.headers["WWW-Authenticate"] = 'Bearer realm="translate_flow"'
        return response
    flash("Sign in to see that page.", "info")
    return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))


def init_app(app: Flask) -> None:
    login_manager.user_loader(_load_from_session)
    login_manager.request_loader(_load_from_token)
    login_manager.unauthorized_handler(_unauthorized)
    login_manager.session_protection = "basic"
    app.extensions.setdefault("translate_flow.auth", "session+token")
