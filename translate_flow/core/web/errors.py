"""Error answers: a page for people, `{"error": {code, message}}` for API clients; no tracebacks."""

import logging

from flask import Flask, g, jsonify, make_response, render_template, request
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import IntegrityError
from werkzeug.exceptions import HTTPException, InternalServerError
from werkzeug.wrappers import Response

from translate_flow.core.errors import TooManyAttempts, TranslateFlowError
from translate_flow.core.web.request_db import rollback

log = logging.getLogger(__name__)

TITLES = {
    400: "That request could not be understood",
    401: "Sign in needed",
    403: "Not allowed",
    404: "Not found",
    405: "Not allowed this way",
    409: "Conflict",
    413: "Too large",
    429: "Too many attempts",
    500: "Something went wrong on our side",
}
CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    415: "unsupported_media_type",
    422: "invalid",
    429: "rate_limited",
    500: "internal_error",
}
MESSAGES = {
    400: "The request was not complete or not valid. Nothing was changed.",
    403: "You do not have permission to do that. Nothing was changed.",
    404: "There is nothing at this address. It may have moved or been removed.",
    405: "This address does not accept that kind of request.",
    413: "What you sent is larger than this site accepts. Nothing was saved.",
    429: "Too many attempts in a short time. Wait a few minutes and try again.",
    500: "The error has been logged. Nothing was half saved; please try again.",
}
CONFLICT_MESSAGE = (
    "Someone saved the same thing at the same moment, so this change was not saved. "
    "Reload the page to see the current state and try again."
)
CSRF_MESSAGE = (
    "This form had expired or did not come from this site, so nothing was saved. "
    "Go back, reload the page and send it again."
)


def wants_json() -> bool:
    """API clients get JSON errors; people get pages."""
    return request.path.startswith("/api/")


def error_response(
    status: int, message: str, code: str | None = None
) -> tuple[Response | str, int]:
    code = code or CODES.get(status, "error")
    if wants_json():
        error = {"code": code, "message": message}
        # The reference a client can quote, also in the X-Request-ID header; `g.request_id` is
        # set first thing in every request by translate_flow.observability (core cannot
        # import it).
        if g.get("request_id"):
            error["request_id"] = g.request_id
        return jsonify({"error": error}), status
    title = TITLES.get(status, "Error")
    return render_template("errors/error.html", status=status, title=title, message=message), status


def _http_error(error: HTTPException) -> Response:
    status = error.code or 500
    if isinstance(error, CSRFError):
        return make_response(error_response(400, CSRF_MESSAGE, "csrf_failed"))
    # Werkzeug's default descriptions speak to developers; use ours unless a view set its own.
    default = type(error).description
    message = error.description if error.description and error.description != default else None
    response = make_response(
        error_response(status, message or MESSAGES.get(status, default or "Error."))
    )
    # The exception's own headers tell the client what to do instead: above all `Allow` on
    # a 405 (to TRACE and unknown methods too), which RFC 9110 requires.
    for name, value in error.get_headers():
        if name.lower() != "content-type":
            response.headers[name] = value
    return response


def _domain_error(error: TranslateFlowError) -> tuple[Response | str, int] | Response:
    if isinstance(error, TooManyAttempts):
        body, status = error_response(error.status_code, error.message, error.code)
        response = make_response(body, status)
        response.headers["Retry-After"] = str(error.retry_after)
        return response
    return error_response(error.status_code, error.message, error.code)


def _concurrent_conflict(error: IntegrityError) -> tuple[Response | str, int]:
    # The services check uniqueness first, so this is a race: two people saving the same
    # thing at once. The database refused the second; nothing of it was stored.
    log.info("integrity error answered as a conflict: %s", error.orig)
    rollback()  # the error page itself reads the database (the signed-in person)
    return error_response(409, CONFLICT_MESSAGE, "conflict")


def _unexpected(error: Exception) -> tuple[Response | str, int] | Response:
    if isinstance(error, HTTPException):
        return _http_error(error)
    log.exception("unhandled error", exc_info=error)
    rollback()
    return error_response(500, MESSAGES[500])


def init_app(app: Flask) -> None:
    app.register_error_handler(IntegrityError, _concurrent_conflict)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(TranslateFlowError, _domain_error)
    app.register_error_handler(InternalServerError, _unexpected)
    app.register_error_handler(Exception, _unexpected)
