"""Admins read the outbox: every e-mail the desk sent or tried to send."""

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy import func, select
from werkzeug.wrappers import Response

from translate_flow.core.input_ranges import whole_number
from translate_flow.core.web.forms import ActionForm
from translate_flow.core.web.request_db import commit, db_session
from translate_flow.domain.models import OutboxEmail
from translate_flow.domain.permissions import can_read_outbox
from translate_flow.notifications import jobs

bp = Blueprint("admin", __name__, url_prefix="/admin")
PER_PAGE = 50


@bp.before_request
@login_required
def _admins_only() -> None:
    if not can_read_outbox(current_user):
        abort(403, "Only admins can read the outbox.")


@bp.route("/outbox")
def outbox() -> str:
    dbs = db_session()
    page = max(1, request.args.get("page", 1, type=whole_number) or 1)
    total = dbs.scalar(select(func.count()).select_from(OutboxEmail)) or 0
    messages = dbs.scalars(
        select(OutboxEmail)
        .order_by(OutboxEmail.id.desc())
        .limit(PER_PAGE)
        .offset((page - 1) * PER_PAGE)
    ).all()
    return render_template(
        "notifications/admin/outbox.html",
        messages=messages,
        page=page,
        pages=max(1, -(-total // PER_PAGE)),
        action=ActionForm(),
    )


@bp.route("/outbox/<int:message_id>")
def outbox_message(message_id: int) -> str:
    message = db_session().get(OutboxEmail, message_id)
    if message is None:
        abort(404, "There is no such message in the outbox.")
    return render_template("notifications/admin/outbox_message.html", message=message)


@bp.route("/outbox/send", methods=["POST"])
def send_outbox() -> Response:
    if not ActionForm().validate_on_submit():
        abort(400)
    # End the request's transaction first: delivery takes SQLite's write lock itself.
    commit()
    sent = jobs.deliver_outbox(current_app._get_current_object())  # type: ignore[attr-defined]
    flash(f"Sent {sent} waiting message(s).", "info")
    return redirect(url_for("admin.outbox"))
