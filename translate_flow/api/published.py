"""API v1: published translations, for anyone (no token): what the public site shows."""

from flask import current_app, jsonify, request
from werkzeug.wrappers import Response

from translate_flow.api import inputs
from translate_flow.api.views import bp
from translate_flow.services import exports, public_site
from translate_flow.services.public_site import PublicFilters
from translate_flow.web.acting import site_url
from translate_flow.web.request_db import db_session


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
