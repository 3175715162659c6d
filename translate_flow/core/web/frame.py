"""What every page shares: security headers, template helpers and navigation."""

from collections.abc import Mapping
from typing import Any

from flask import Flask, current_app, g, request
from flask_login import current_user
from werkzeug.wrappers import Response

from translate_flow.core.web.language_datalist import language_datalist
from translate_flow.core.web.remembered_urls import remembering_url_for
from translate_flow.core.web.row_urls import id_url
from translate_flow.core.web.select_html import options_html, select_html
from translate_flow.domain import permissions
from translate_flow.domain.models import SegmentKind, TranslationState
from translate_flow.markup.chips import with_chips
from translate_flow.markup.source_tags import tag_source
from translate_flow.text import diffing
from translate_flow.text.countries import country_name
from translate_flow.text.languages import get_language
from translate_flow.text.urls import web_address
from translate_flow.text.wordcount import count_unit

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


HSTS_MAX_AGE = 365 * 24 * 3600


def strict_transport_security(config: Mapping[str, Any]) -> str | None:
    """The HSTS header for this configuration: production with secure cookies only, because
    a browser that saw it refuses plain HTTP to the host for a year (a development server on
    http://localhost would become unreachable)."""
    if config["ENV_NAME"] != "production" or not config["SESSION_COOKIE_SECURE"]:
        return None
    value = f"max-age={HSTS_MAX_AGE}"
    return value + "; includeSubDomains" if config["HSTS_INCLUDE_SUBDOMAINS"] else value


def _security_headers(response: Response) -> Response:
    hsts = current_app.extensions["translate_flow.hsts"]
    if hsts:
        response.headers["Strict-Transport-Security"] = hsts
    response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"
    response.headers["X-Frame-Options"] = "DENY"
    if request.path.startswith(("/account", "/people", "/admin", "/invite", "/reset")):
        response.headers.setdefault("Cache-Control", "no-store")
    return response


def _language_label(code: str) -> str:
    return get_language(code).label


def _state_label(state: str) -> str:
    """A state, the member or its stored value (an event's "from" and "to"), as people read it."""
    return TranslationState(state).label


def _kind_label(kind: str) -> str:
    """A segment kind, the member or its stored value (a snapshot's rows): "list item"."""
    return SegmentKind(kind).label


def _reject_key(values: dict[str, str], key: str) -> dict[str, str]:
    return {name: value for name, value in values.items() if name != key}


def _template_context() -> dict[str, object]:
    return {
        "via_token": g.get("auth_via_token", False),
        "user": current_user,
    }


def init_app(app: Flask) -> None:
    app.extensions["translate_flow.hsts"] = strict_transport_security(app.config)
    app.after_request(_security_headers)
    app.context_processor(_template_context)
    app.jinja_env.globals.update(
        url_for=remembering_url_for(),
        site_name=app.config["SITE_NAME"],
        site_tagline=app.config["SITE_TAGLINE"],
        site_language=(app.config["TARGET_LANGUAGES"] or ["en"])[0],
        credit_reviewers=app.config["CREDIT_REVIEWERS"],
        language=get_language,
        language_label=_language_label,
        language_datalist=language_datalist,
        select_html=select_html,
        id_url=id_url,
        options_html=options_html,
        can_manage_people=permissions.can_manage_people,
        can_edit_person=permissions.can_edit_person,
        can_deactivate_person=permissions.can_deactivate_person,
        can_read_outbox=permissions.can_read_outbox,
        can_manage_articles=permissions.can_manage_articles,
        can_view_articles=permissions.can_view_articles,
        can_coordinate_translations=permissions.can_coordinate_translations,
        can_translate_articles=permissions.can_translate_articles,
        can_review_translations=permissions.can_review_translations,
        fireable_actions=permissions.fireable_actions,
        can_fire=permissions.can_fire,
        can_approve_own_work=permissions.can_approve_own_work,
        can_preview_publication=permissions.can_preview_publication,
        can_edit_text=permissions.can_edit_text,
        can_read_review_changes=permissions.can_read_review_changes,
        can_resolve_comment=permissions.can_resolve_comment,
        country_name=country_name,
        count_unit=count_unit,
        render_diff=diffing.render_inline,
        render_side_by_side=diffing.render_side_by_side,
        # A segment's inline tags (`tag_source(segment.html).tags`) and its placeholder text.
        tag_source=tag_source,
    )
    app.jinja_env.filters["tag_chips"] = with_chips
    app.jinja_env.filters["state_label"] = _state_label
    app.jinja_env.filters["kind_label"] = _kind_label
    app.jinja_env.filters["reject_key"] = _reject_key
    app.jinja_env.filters["web_address"] = web_address
    app.jinja_env.add_extension("jinja2.ext.do")
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
