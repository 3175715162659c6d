"""The home page after signing in, shaped by the person's roles."""

from flask import Blueprint, redirect, render_template, url_for
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from translate_flow.permissions import can_manage_articles, can_manage_people, can_read_outbox
from translate_flow.services.desk import desk_overview, intake_counts, outbox_counts
from translate_flow.web.request_db import db_session

bp = Blueprint("home", __name__)


@bp.route("/")
def root() -> Response:
    return redirect(url_for("home.index" if current_user.is_authenticated else "auth.login"))


@bp.route("/desk/")
@login_required
def index() -> str:
    dbs = db_session()
    coverage = desk_overview(dbs) if can_manage_people(current_user) else None
    outbox = outbox_counts(dbs) if can_read_outbox(current_user) else None
    intake = intake_counts(dbs) if can_manage_articles(current_user) else None
    return render_template("home/index.html", coverage=coverage, outbox=outbox, intake=intake)


@bp.route("/healthz")
def health() -> tuple[dict[str, str], int]:
    """For load balancers and the benchmark's ceiling: answers without touching the database."""
    return {"status": "ok"}, 200
