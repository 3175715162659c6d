"""The feed inbox: new entries from outlets' feeds, to import or dismiss."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from translate_flow.core.input_ranges import whole_number
from translate_flow.core.web.forms import ActionForm
from translate_flow.core.web.request_db import after_commit, commit, db_session
from translate_flow.domain.permissions import can_manage_articles
from translate_flow.intake import feeds, outlets

bp = Blueprint("feeds", __name__, url_prefix="/feeds")


@bp.before_request
@login_required
def _coordinators_only() -> None:
    if not can_manage_articles(current_user):
        abort(403, "Only coordinators sort the feed inbox.")


@bp.route("/")
def inbox() -> str:
    session = db_session()
    outlet_id = request.args.get("outlet", type=whole_number)
    return render_template(
        "intake/feeds/inbox.html",
        inbox=feeds.inbox(
            session, outlet_id=outlet_id, page=request.args.get("page", 1, type=whole_number) or 1
        ),
        outlets=[o for o in outlets.list_outlets(session) if o.feed_url],
        outlet_id=outlet_id,
        action=ActionForm(),
    )


@bp.route("/poll", methods=["POST"])
def poll() -> Response:
    """Check every active outlet's feed now (the schedule does it by itself, too)."""
    if not ActionForm().validate_on_submit():
        abort(400)
    after_commit("poll_feeds")
    commit()
    flash("Feeds checked; new entries are listed below.", "success")
    return redirect(url_for("feeds.inbox"))


@bp.route("/<int:suggestion_id>/dismiss", methods=["POST"])
def dismiss(suggestion_id: int) -> Response:
    session = db_session()
    suggestion = feeds.get_suggestion(session, suggestion_id)
    feeds.dismiss_suggestion(session, current_user, suggestion)
    commit()
    flash(f"Dismissed “{suggestion.title or suggestion.url}”.", "success")
    return redirect(url_for("feeds.inbox"))
