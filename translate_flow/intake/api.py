"""API v1: articles and outlets."""

from typing import Any

from flask import abort, current_app, jsonify, request, url_for
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from translate_flow.core.api import inputs
from translate_flow.core.api.inputs import json_object, string
from translate_flow.core.api.openapi import describe
from translate_flow.core.api.views import bp
from translate_flow.core.errors import PermissionDenied, ValidationFailed
from translate_flow.core.full_text import search_problem
from translate_flow.core.input_ranges import MAX_INTEGER
from translate_flow.core.web.request_db import commit, db_session
from translate_flow.domain.models import Article, ArticleStatus, Outlet, Priority, Segment
from translate_flow.domain.permissions import can_manage_articles, can_view_articles
from translate_flow.intake import article_list, articles, outlets
from translate_flow.intake.articles import ArticleInput, DuplicateArticle
from translate_flow.intake.formats import BodyFormat
from translate_flow.intake.openapi import article_paths, article_schemas
from translate_flow.intake.outlets import OutletInput

describe("intake", article_paths, article_schemas)

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
# The numbers 1–4 too, as older clients send them; a query string spells them as text.
PRIORITY_VALUES = (
    PRIORITY_NAMES | {p.value: p for p in Priority} | {str(p.value): p for p in Priority}
)


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


def _priority(value: Any) -> Priority:
    if isinstance(value, str | int) and not isinstance(value, bool) and value in PRIORITY_VALUES:
        return PRIORITY_VALUES[value]
    raise ValidationFailed("priority must be one of low, normal, high, urgent (or 1–4).")


def _article_input(data: dict[str, Any], base: ArticleInput | None = None) -> ArticleInput:
    """Fields from JSON over `base` (for PATCH: the article as it is)."""
    start = base or ArticleInput(title="", body="", source_language="")
    body_format = string(data, "body_format", start.body_format.value)
    if body_format not in set(BodyFormat):
        raise ValidationFailed("body_format must be text, markdown or html.")
    tags = data.get("tags", list(start.tags))
    if not isinstance(tags, list) or not all(isinstance(tag, str) for tag in tags):
        raise ValidationFailed("tags must be a list of strings.")
    outlet_id = (
        inputs.integer(
            data,
            "outlet_id",
            minimum=1,
            message=f"outlet_id must be an integer from 1 to {MAX_INTEGER} (an outlet's id), "
            "or null.",
        )
        if "outlet_id" in data
        else start.outlet_id
    )
    return ArticleInput(
        title=string(data, "title", start.title),
        body=string(data, "body", start.body),
        body_format=BodyFormat(body_format),
        source_language=string(data, "source_language", start.source_language),
        standfirst=string(data, "standfirst", start.standfirst),
        author=string(data, "author", start.author),
        outlet_id=outlet_id,
        source_url=string(data, "source_url", start.source_url),
        published_on=(
            inputs.json_date(data["published_on"], "published_on")
            if "published_on" in data
            else start.published_on
        ),
        priority=_priority(data["priority"]) if "priority" in data else start.priority,
        tags=tags,
        notes=string(data, "notes", start.notes),
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
    data = json_object(ARTICLE_FIELDS)
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
    numbers = f"page, per_page and outlet_id must be whole numbers from 1 to {MAX_INTEGER}."
    page, per_page = inputs.paging(numbers)
    outlet_id = inputs.query_number("outlet_id", message=numbers)
    status = args.get("status", ArticleStatus.ACTIVE.value)
    if status not in {*ArticleStatus, "any"}:
        raise ValidationFailed("status must be active, archived or any.")
    filters = article_list.ArticleFilters(
        text=args.get("q", ""),
        language=args.get("language", ""),
        outlet_id=outlet_id,
        country=args.get("country", "").upper(),
        status=None if status == "any" else ArticleStatus(status),
        priority=_priority(args["priority"]) if "priority" in args else None,
        tag=args.get("tag", ""),
        published_from=inputs.query_date("published_from"),
        published_to=inputs.query_date("published_to"),
    )
    result = article_list.list_articles(db_session(), filters, page=page, per_page=per_page)
    problem = search_problem(filters.text)
    return jsonify(
        {
            "items": [article_json(a, with_segments=False) for a in result.items],
            "page": result.page,
            "per_page": result.per_page,
            "total": result.total,
            "pages": result.pages,
            # Said only when the search had nothing to look for, and so found nothing.
            **({"search_problem": problem} if problem else {}),
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
    data = json_object(ARTICLE_FIELDS | {"note"})
    note = string(data, "note")
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
    data = json_object(OUTLET_FIELDS)
    is_active = data.get("is_active", True)
    if not isinstance(is_active, bool):
        raise ValidationFailed("is_active must be true or false.")
    outlet = outlets.create_outlet(
        db_session(),
        current_user,
        OutletInput(
            name=string(data, "name"),
            language=string(data, "language"),
            country=string(data, "country"),
            homepage=string(data, "homepage"),
            feed_url=string(data, "feed_url"),
            notes=string(data, "notes"),
            is_active=is_active,
        ),
    )
    commit()
    return jsonify(outlet_json(outlet)), 201
