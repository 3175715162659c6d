"""Everyone's notifications: the list, marking one or all read."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from translate_flow.core.input_ranges import whole_number
from translate_flow.core.web.forms import ActionForm
from translate_flow.core.web.request_db import commit, db_session
from translate_flow.notifications import notices as notifications

bp = Blueprint("notifications", __name__, url_prefix="/notifications")


@bp.before_request
@login_required
def _signed_in_only() -> None:
    return None


@bp.route("/")
def index() -> str:
    page = request.args.get("page", 1, type=whole_number) or 1
    session = db_session()
    notices = notifications.list_notifications(session, current_user, page)
    slugs = notifications.public_slugs(
        session, [n.translation_id for n in notices.items if n.translation_id is not None]
    )
    return render_template(
        "notifications/notifications/index.html",
        notices=notices,
        groups=notifications.group_by_translation(session, notices.items),
        link_path_for=lambda notice: notifications.link_path_for(notice, slugs),
        action=ActionForm(),
    )


@bp.route("/<int:notification_id>/read", methods=["POST"])
def read(notification_id: int) -> Response:
    if not ActionForm().validate_on_submit():
        abort(400)
    # Someone else's notification is NotFound (404): nobody learns what others were told.
    notifications.mark_read(db_session(), current_user, [notification_id])
    commit()
    return redirect(
        url_for("notifications.index", page=request.args.get("page", type=whole_number))
    )


@bp.route("/read-all", methods=["POST"])
def read_all() -> Response:
    if not ActionForm().validate_on_submit():
        abort(400)
    marked = notifications.mark_read(db_session(), current_user, notifications.ALL)
    commit()
    flash(f"Marked {marked} notification(s) read.", "success")
    return redirect(url_for("notifications.index"))
