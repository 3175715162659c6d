"""The moderation queue (coordinators): readers' comments held until approved, answered or
deleted; approving tells the translator."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from translate_flow.core.errors import ValidationFailed
from translate_flow.core.input_ranges import whole_number_or_none
from translate_flow.core.web.forms import ActionForm
from translate_flow.core.web.request_db import commit, db_session
from translate_flow.domain.models import ReaderCommentStatus
from translate_flow.domain.permissions import can_moderate_comments
from translate_flow.publishing import reader_comments
from translate_flow.publishing.web.public.forms import ReplyForm
from translate_flow.publishing.web.reader_notices import tell_translator_of_reader_comment

bp = Blueprint("moderation", __name__, url_prefix="/moderation")
TABS = {status.value: status for status in ReaderCommentStatus}


@bp.before_request
@login_required
def _moderators_only() -> None:
    if not can_moderate_comments(current_user):
        abort(403, "Only coordinators moderate readers' comments.")


@bp.route("/")
def queue() -> str:
    status = TABS.get(request.args.get("status", ""), ReaderCommentStatus.PENDING)
    page_arg = request.args.get("page", "1")
    page = reader_comments.queue(db_session(), status, page=whole_number_or_none(page_arg) or 1)
    return render_template(
        "publishing/moderation/queue.html",
        page=page,
        status=status,
        tabs=list(ReaderCommentStatus),
        action_form=ActionForm(formdata=None),
        reply_form=ReplyForm(formdata=None),
    )


def _back(status: str) -> Response:
    return redirect(url_for("moderation.queue", status=status))


@bp.route("/<int:comment_id>/<any(approve, delete):decision>", methods=["POST"])
def decide(comment_id: int, decision: str) -> Response:
    session = db_session()
    comment = reader_comments.get(session, comment_id)
    if not ActionForm().validate():
        raise ValidationFailed("The form was incomplete; reload the page and try again.")
    was = comment.status.value
    status = ReaderCommentStatus.APPROVED if decision == "approve" else ReaderCommentStatus.DELETED
    if reader_comments.moderate(session, current_user, comment, status):
        tell_translator_of_reader_comment(comment)
    commit()
    flash(
        f"Comment by {comment.name} {'approved' if decision == 'approve' else 'deleted'}.",
        "success",
    )
    return _back(was)


@bp.route("/<int:comment_id>/reply", methods=["POST"])
def reply(comment_id: int) -> Response:
    session = db_session()
    comment = reader_comments.get(session, comment_id)
    form = ReplyForm()
    if not form.validate():
        flash(" ".join(form.body.errors) or "The reply could not be read.", "error")
        return _back(comment.status.value)
    was = comment.status.value
    _answer, approved_now = reader_comments.reply(
        session, current_user, comment, form.body.data or ""
    )
    if approved_now:
        tell_translator_of_reader_comment(comment)
    commit()
    flash(f"Reply to {comment.name} published.", "success")
    return _back(was)
