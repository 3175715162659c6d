"""The translation page's publishing box: a preview of the public page before publishing.

Publishing now, later, and cancelling a plan are the translation page's own forms
(`views.fire_action`, `views.schedule`, `views.unschedule`); this shows what they would publish.
"""

from flask import abort, make_response, render_template
from flask_login import current_user
from werkzeug.wrappers import Response

from translate_flow.core.web.request_db import db_session
from translate_flow.domain.models import utcnow
from translate_flow.domain.permissions import can_preview_publication
from translate_flow.publishing import public_site
from translate_flow.text.languages import get_language
from translate_flow.workflow.transitions import get_translation, snapshot_rows
from translate_flow.workflow.web.translations.views import bp


@bp.route("/translations/<int:translation_id>/preview")
def preview(translation_id: int) -> Response:
    """The public article page laid out from the text as it is now, marked as a preview."""
    session = db_session()
    translation = get_translation(session, translation_id)
    if not can_preview_publication(current_user, translation):
        abort(403, "Only the people who may publish this translation see its preview.")
    article = translation.article
    laid = public_site.lay_out_rows(
        snapshot_rows(session, translation), article.source_language, article.title
    )
    translator = translation.translator
    counts = public_site.published_counts(session, {translator.id} if translator else set())
    response = make_response(
        render_template(
            "publishing/public/preview.html",
            translation=translation,
            laid=laid,
            body=public_site.body_html(laid),
            article=article,
            source=get_language(article.source_language),
            target=get_language(translation.target_language),
            translator=translator,
            count=counts.get(translator.id, 0) if translator else 0,
            now=utcnow(),
        )
    )
    # A preview is never a page of the public site: no search engine keeps it.
    response.headers["X-Robots-Tag"] = "noindex, nofollow"
    response.headers["Cache-Control"] = "private, no-store"
    return response
