"""The translation's "Work offline" page: download as a file, upload it back, the summary."""

from flask import Blueprint, abort, render_template, url_for
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from translate_flow.core.errors import TranslateFlowError
from translate_flow.core.web.request_db import commit, db_session, rollback
from translate_flow.domain.models import Translation
from translate_flow.domain.permissions import can_edit_text, can_view_articles
from translate_flow.interchange.api import chooser_url, upload_limit
from translate_flow.interchange.applying import ImportSummary, apply_upload, can_download
from translate_flow.interchange.formats import formats
from translate_flow.interchange.web.forms import UploadForm
from translate_flow.text.languages import get_language
from translate_flow.workflow.transitions import active_segments, get_translation

bp = Blueprint("interchange", __name__)


@bp.before_request
@login_required
def _desk_only() -> None:
    if not can_view_articles(current_user):
        abort(403)


def _readable(translation_id: int) -> Translation:
    translation = get_translation(db_session(), translation_id)
    if not can_download(current_user, translation):
        abort(403)
    return translation


def _page(
    translation: Translation,
    form: UploadForm,
    summary: ImportSummary | None = None,
    status: int = 200,
) -> tuple[str, int]:
    # Segments as the editor numbers them, so that the summary names what the person sees.
    numbers = (
        {
            segment.id: number
            for number, (_row, segment) in enumerate(
                active_segments(db_session(), translation), start=1
            )
        }
        if summary is not None
        else {}
    )
    return render_template(
        "interchange/offline.html",
        translation=translation,
        form=form,
        formats=formats(),
        may_upload=can_edit_text(current_user, translation),
        summary=summary,
        numbers=numbers,
        chooser_url=lambda note: chooser_url(translation.id, note),
        editor_url=url_for("editor.edit", translation_id=translation.id),
        target=get_language(translation.target_language),
    ), status


@bp.route("/translations/<int:translation_id>/offline")
def offline(translation_id: int) -> tuple[str, int]:
    return _page(_readable(translation_id), UploadForm(formdata=None))


@bp.route("/translations/<int:translation_id>/offline", methods=["POST"])
def upload(translation_id: int) -> Response | tuple[str, int]:
    translation = _readable(translation_id)
    form = UploadForm()
    if not form.validate_on_submit():
        return _page(translation, form, status=400)
    try:
        summary = apply_upload(
            db_session(),
            current_user,
            translation,
            form.file.data.stream,
            max_bytes=upload_limit(),
        )
    except TranslateFlowError as error:
        rollback()  # a refused file leaves nothing behind
        form.form_errors.append(error.message)
        return _page(translation, form, status=error.status_code)
    commit()  # conflicting texts are kept as revisions too
    return _page(translation, UploadForm(formdata=None), summary)
