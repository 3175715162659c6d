"""API v1: articles and outlets."""

import re
from datetime import date
from typing import Any

from flask import abort, current_app, jsonify, request, url_for
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from translate_flow.api.views import bp
from translate_flow.errors import PermissionDenied, ValidationFailed
from translate_flow.models import Article, ArticleStatus, Outlet, Priority, Segment
from translate_flow.permissions import can_manage_articles, can_view_articles
from translate_flow.services import article_list, articles, outlets
from translate_flow.services.articles import ArticleInput, DuplicateArticle
from translate_flow.services.formats import BodyFormat
from translate_flow.services.outlets import OutletInput
from translate_flow.web.request_db import commit, db_session

ARTICLE_FIELDS = {
    "title",
    "body",
    "body_format",
    "source_language",
    "standfirst",
    "outlet_id",
    "author",
    "source_url",
    "published_on",
    "priority",
    "tags",
    "notes",
}
OUTLET_FIELDS = {"name", "language", "country", "homepage", "feed_url", "notes", "is_active"}
PRIORITY_NAMES = {p.name.lower(): p for p in Priority}
MAX_PER_PAGE = 100
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def segment_json(segment: Segment) -> dict[str, Any]:
    return {
        "id": segment.id,
        "position": segment.position,
        "kind": segment.kind.value,
        "text": segment.text,
        "html": segment.html,
        "words": segment.word_count,
    }


def outlet_json(outlet: Outlet) -> dict[str, Any]:
    return {
        "id": outlet.id,
        "name": outlet.name,
        "country": outlet.country,
        "language": outlet.language,
        "homepage": outlet.homepage,
        "feed_url": outlet.feed_url,
        "notes": outlet.notes,
        "is_active": outlet.is_active,
    }


def article_json(article: Article, *, with_segments: bool) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": article.id,
        "url": url_for("articles.show", article_id=article.id, _external=True),
        "title": article.title,
        "standfirst": article.standfirst,
        "author": article.author,
        "outlet": outlet_json(article.outlet) if article.outlet else None,
        "source_url": article.source_url or None,
        "source_language": article.source_language,
        "published_on": article.published_on.isoformat() if article.published_on else None,
        "priority": Priority(article.priority).name.lower(),
        "status": article.status.value,
        "tags": article.tags,
        "notes": article.notes,
        "revision": article.current_revision.number if article.current_revision else None,
        "segment_count": article.segment_count,
        "word_count": article.word_count,
        "created_at": article.created_at.isoformat(),
        "updated_at": article.updated_at.isoformat(),
    }
    if with_segments and article.current_revision is not None:
        data["segments"] = [segment_json(s) for s in article.current_revision.segments]
    return data


def _json_object(allowed: set[str]) -> dict[str, Any]:
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        raise ValidationFailed(
            "Send a JSON object with the fields described in /api/v1/openapi.json."
        )
    unknown = set(data) - allowed
    if unknown:
        raise ValidationFailed(f"Unknown field(s): {', '.join(sorted(unknown))}.")
    return data


def _string(data: dict[str, Any], name: str, default: str = "") -> str:
    value = data.get(name, default)
    if value is None:
        return default
    if not isinstance(value, str):
        raise ValidationFailed(f"{name} must be a string.")
    return value


def _priority(value: Any) -> Priority:
    if isinstance(value, str) and value.isdigit():  # from a query string
        value = int(value)
    if isinstance(value, str) and value.lower() in PRIORITY_NAMES:
        return PRIORITY_NAMES[value.lower()]
    if isinstance(value, int) and not isinstance(value, bool) and value in set(Priority):
        return Priority(value)
    raise ValidationFailed("priority must be one of low, normal, high, urgent (or 1–4).")


def _date(value: Any, name: str = "published_on") -> date | None:
    if value in (None, ""):
        return None
    # fromisoformat alone would also take 20261125 and 2026-W48-3.
    if not isinstance(value, str) or not ISO_DATE.fullmatch(value):
        raise ValidationFailed(f"{name} must be a date such as 2026-11-25.")
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise ValidationFailed(f"{name} must be a date such as 2026-11-25.") from error


def _article_input(data: dict[str, Any], base: ArticleInput | None = None) -> ArticleInput:
    """Fields from JSON over `base` (for PATCH: the article as it is)."""
    start = base or ArticleInput(title="", body="", source_language="")
    body_format = _string(data, "body_format", start.body_format.value)
    if body_format not in set(BodyFormat):
        raise ValidationFailed("body_format must be text, markdown or html.")
    tags = data.get("tags", list(start.tags))
    if not isinstance(tags, list) or not all(isinstance(tag, str) for tag in tags):
        raise ValidationFailed("tags must be a list of strings.")
    outlet_id = data.get("outlet_id", start.outlet_id)
    if outlet_id is not None and (not isinstance(outlet_id, int) or isinstance(outlet_id, bool)):
        raise ValidationFailed("outlet_id must be an integer or null.")
    return ArticleInput(
        title=_string(data, "title", start.title),
        body=_string(data, "body", start.body),
        body_format=BodyFormat(body_format),
        source_language=_string(data, "source_language", start.source_language),
        standfirst=_string(data, "standfirst", start.standfirst),
        author=_string(data, "author", start.author),
        outlet_id=outlet_id,
        source_url=_string(data, "source_url", start.source_url),
        published_on=_date(data["published_on"]) if "published_on" in data else start.published_on,
        priority=_priority(data["priority"]) if "priority" in data else start.priority,
        tags=tags,
        notes=_string(data, "notes", start.notes),
    )


def _duplicate(error: DuplicateArticle) -> tuple[Response, int]:
    return jsonify(
        {
            "error": {
                "code": error.code,
                "message": error.message,
                "article_id": error.article_id,
                "article_url": url_for("api.get_article", article_id=error.article_id),
            }
        }
    ), 409


def _require_manager(
    message: str = "Only coordinators bring articles in and correct them.",
) -> None:
    if not can_manage_articles(current_user):
        raise PermissionDenied(message)


@bp.route("/articles", methods=["POST"])
@login_required
def create_article() -> tuple[Response, int]:
    _require_manager()
    data = _json_object(ARTICLE_FIELDS)
    if "body_format" not in data:
        data["body_format"] = BodyFormat.TEXT.value
    session = db_session()
    try:
        article = articles.create_article(
            session,
            current_user,
            _article_input(data),
            target_languages=current_app.config["TARGET_LANGUAGES"],
        )
    except DuplicateArticle as error:
        return _duplicate(error)
    commit()
    response = jsonify(article_json(article, with_segments=True))
    response.headers["Location"] = url_for("api.get_article", article_id=article.id)
    return response, 201


@bp.route("/articles")
@login_required
def list_articles() -> Response:
    if not can_view_articles(current_user):
        abort(403)
    args = request.args
    try:
        page = max(1, int(args.get("page", 1)))
        per_page = min(MAX_PER_PAGE, max(1, int(args.get("per_page", 25))))
        outlet_id = int(args["outlet_id"]) if args.get("outlet_id") else None
    except ValueError as error:
        raise ValidationFailed("page, per_page and outlet_id must be whole numbers.") from error
    status = args.get("status", ArticleStatus.ACTIVE.value)
    if status not in {*ArticleStatus, "any"}:
        raise ValidationFailed("status must be active, archived or any.")
    filters = article_list.ArticleFilters(
        text=args.get("q", ""),
        language=args.get("language", ""),
        outlet_id=outlet_id,
        country=args.get("country", "").upper(),
        status=None if status == "any" else ArticleStatus(status),
        priority=_priority(args["priority"]) if args.get("priority") else None,
        tag=args.get("tag", ""),
        published_from=_date(args.get("published_from"), "published_from"),
        published_to=_date(args.get("published_to"), "published_to"),
    )
    result = article_list.list_articles(db_session(), filters, page=page, per_page=per_page)
    return jsonify(
        {
            "items": [article_json(a, with_segments=False) for a in result.items],
            "page": result.page,
            "per_page": result.per_page,
            "total": result.total,
            "pages": result.pages,
        }
    )


@bp.route("/articles/<int:article_id>")
@login_required
def get_article(article_id: int) -> Response:
    if not can_view_articles(current_user):
        abort(403)
    article = articles.get_article(db_session(), article_id)
    return jsonify(article_json(article, with_segments=True))


@bp.route("/articles/<int:article_id>", methods=["PATCH"])
@login_required
def correct_article(article_id: int) -> Response | tuple[Response, int]:
    """Change fields; a changed title, standfirst or body becomes a new source revision."""
    _require_manager()
    data = _json_object(ARTICLE_FIELDS | {"note"})
    note = _string(data, "note")
    data.pop("note", None)
    session = db_session()
    article = articles.get_article(session, article_id)
    base = articles.current_input(article)
    if "body" in data and "body_format" not in data:
        data["body_format"] = BodyFormat.TEXT.value
    if "body" not in data:
        # The stored text is HTML; a format without a new body would re-read it as another.
        data.pop("body_format", None)
    try:
        result = articles.correct_article(
            session, current_user, article, _article_input(data, base), note=note
        )
    except DuplicateArticle as error:
        return _duplicate(error)
    commit()
    body = article_json(article, with_segments=True)
    body["correction"] = {
        "new_revision": result.revision is not None,
        "changed": result.changed,
        "added": result.added,
        "removed": result.removed,
        "translations_flagged": result.translations_flagged,
    }
    return jsonify(body)


@bp.route("/outlets")
@login_required
def list_outlets() -> Response:
    if not can_view_articles(current_user):
        abort(403)
    return jsonify({"items": [outlet_json(o) for o in outlets.list_outlets(db_session())]})


@bp.route("/outlets", methods=["POST"])
@login_required
def create_outlet() -> tuple[Response, int]:
    _require_manager("Only coordinators manage outlets.")
    data = _json_object(OUTLET_FIELDS)
    is_active = data.get("is_active", True)
    if not isinstance(is_active, bool):
        raise ValidationFailed("is_active must be true or false.")
    outlet = outlets.create_outlet(
        db_session(),
        current_user,
        OutletInput(
            name=_string(data, "name"),
            language=_string(data, "language"),
            country=_string(data, "country"),
            homepage=_string(data, "homepage"),
            feed_url=_string(data, "feed_url"),
            notes=_string(data, "notes"),
            is_active=is_active,
        ),
    )
    commit()
    return jsonify(outlet_json(outlet)), 201
