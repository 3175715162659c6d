"""The home page after signing in, shaped by the person's roles."""

from flask import Blueprint, render_template
from flask_login import current_user, login_required

from translate_flow.core.web.request_db import db_session
from translate_flow.domain.permissions import (
    can_coordinate_translations,
    can_manage_articles,
    can_manage_people,
    can_read_outbox,
)
from translate_flow.workflow.board import board_summary
from translate_flow.workflow.desk import (
    claimable,
    desk_overview,
    intake_counts,
    my_handed_on,
    my_work,
    outbox_counts,
    review_queue,
)
from translate_flow.workflow.due_dates import pending_proposals
from translate_flow.workflow.transitions import open_items

bp = Blueprint("home", __name__)


@bp.route("/desk/")
@login_required
def index() -> str:
    dbs = db_session()
    user = current_user
    return render_template(
        "workflow/home/index.html",
        coverage=desk_overview(dbs) if can_manage_people(user) else None,
        outbox=outbox_counts(dbs) if can_read_outbox(user) else None,
        intake=intake_counts(dbs) if can_manage_articles(user) else None,
        summary=board_summary(dbs) if can_coordinate_translations(user) else None,
        proposals=pending_proposals(dbs) if can_coordinate_translations(user) else None,
        work=my_work(dbs, user),
        handed_on=my_handed_on(dbs, user),
        claimable=claimable(dbs, user),
        queue=review_queue(dbs, user),
        holding=open_items(dbs, user.id),
    )


@bp.route("/healthz")
def health() -> tuple[dict[str, str], int]:
    """For load balancers and the benchmark's ceiling: answers without touching the database."""
    return {"status": "ok"}, 200
