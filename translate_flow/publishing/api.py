"""API v1: published translations, for anyone (no token): what the public site shows."""

from flask import current_app, jsonify, request
from werkzeug.wrappers import Response

from translate_flow.core.api import inputs
from translate_flow.core.api.openapi import describe
from translate_flow.core.api.views import bp
from translate_flow.core.full_text import search_problem
from translate_flow.core.web.addresses import site_url
from translate_flow.core.web.request_db import db_session
from translate_flow.publishing import exports, public_site
from translate_flow.publishing.openapi import published_paths, published_schemas
from translate_flow.publishing.public_site import PublicFilters

describe("publishing", published_paths, published_schemas)


@bp.route("/published")
def list_published() -> Response:
    session = db_session()
    number, per_page = inputs.paging(per_page=public_site.PER_PAGE)
    filters = PublicFilters(
        language=request.args.get("language", "").strip()[:20],
        country=request.args.get("country", "").strip()[:2],
        outlet_id=inputs.query_number("outlet_id"),
        tag=request.args.get("tag", "").strip()[:60],
        text=request.args.get("q", "").strip()[:200],
    )
    page = public_site.latest(session, filters, page=number, per_page=per_page)
    problem = search_problem(filters.text)
    counts = public_site.published_counts(
        session, {p.translator_id for p in page.items if p.translator_id}
    )
    base = site_url()
    reviewers = current_app.config["CREDIT_REVIEWERS"]
    return jsonify(
        {
            "items": [
                exports.item_json(p, counts, base, credit_reviewers=reviewers) for p in page.items
            ],
            "page": page.page,
            "per_page": page.per_page,
            "total": page.total,
            "pages": page.pages,
            # Said only when the search had nothing to look for, and so found nothing.
            **({"search_problem": problem} if problem else {}),
        }
    )


@bp.route("/published/<slug>")
def get_published(slug: str) -> Response:
    session = db_session()
    publication = public_site.by_slug(session, slug)
    translator = publication.translator
    counts = public_site.published_counts(session, {translator.id} if translator else set())
    return jsonify(
        exports.item_json(
            publication,
            counts,
            site_url(),
            credit_reviewers=current_app.config["CREDIT_REVIEWERS"],
            laid=public_site.lay_out(publication),
        )
    )
