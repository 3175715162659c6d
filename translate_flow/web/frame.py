"""What every page shares: security headers, template helpers and navigation."""

from flask import Flask, g, request
from flask_login import current_user
from werkzeug.wrappers import Response

from translate_flow import diffing, permissions
from translate_flow.languages import all_languages, get_language
from translate_flow.services.outlets import country_name

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        # The CSS framework draws its icons from data: URIs.
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


def _security_headers(response: Response) -> Response:
    response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"
    response.headers["X-Frame-Options"] = "DENY"
    if request.path.startswith(("/account", "/people", "/admin", "/invite", "/reset")):
        response.headers.setdefault("Cache-Control", "no-store")
    return response


def _language_label(code: str) -> str:
    return get_language(code).label


def _reject_key(values: dict[str, str], key: str) -> dict[str, str]:
    return {name: value for name, value in values.items() if name != key}


def _template_context() -> dict[str, object]:
    return {"via_token": g.get("auth_via_token", False), "user": current_user}


def init_app(app: Flask) -> None:
    app.after_request(_security_headers)
    app.context_processor(_template_context)
    app.jinja_env.globals.update(
        site_name=app.config["SITE_NAME"],
        language=get_language,
        language_label=_language_label,
        all_languages=all_languages,
        can_manage_people=permissions.can_manage_people,
        can_edit_person=permissions.can_edit_person,
        can_deactivate_person=permissions.can_deactivate_person,
        can_read_outbox=permissions.can_read_outbox,
        can_manage_articles=permissions.can_manage_articles,
        can_view_articles=permissions.can_view_articles,
        country_name=country_name,
        render_diff=diffing.render_inline,
    )
    app.jinja_env.filters["reject_key"] = _reject_key
    app.jinja_env.add_extension("jinja2.ext.do")
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
