"""Outlets: the publications the desk translates from."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from translate_flow.core.errors import TranslateFlowError
from translate_flow.core.web.forms import ActionForm
from translate_flow.core.web.request_db import commit, db_session
from translate_flow.domain.models import Outlet
from translate_flow.domain.permissions import can_manage_articles
from translate_flow.intake import article_list, outlets
from translate_flow.intake.outlets import OutletInput
from translate_flow.intake.web.outlets.forms import OutletForm
from translate_flow.text.countries import country_names

bp = Blueprint("outlets", __name__, url_prefix="/outlets")


@bp.before_request
@login_required
def _coordinators_only() -> None:
    if not can_manage_articles(current_user):
        abort(403, "Only coordinators manage outlets.")


def _input(form: OutletForm) -> OutletInput:
    return OutletInput(
        name=form.name.data or "",
        language=form.language.data or "",
        country=form.country.data or "",
        homepage=form.homepage.data or "",
        feed_url=form.feed_url.data or "",
        notes=form.notes.data or "",
        is_active=bool(form.is_active.data),
    )


def _render(form: OutletForm, outlet: Outlet | None, status: int) -> tuple[str, int]:
    return render_template(
        "intake/outlets/form.html", form=form, outlet=outlet, countries=country_names()
    ), status


@bp.route("/")
def index() -> str:
    session = db_session()
    return render_template(
        "intake/outlets/index.html",
        outlets=outlets.list_outlets(session),
        counts=outlets.article_counts(session),
        action=ActionForm(),
    )


@bp.route("/new", methods=["GET", "POST"])
def new() -> Response | tuple[str, int]:
    form = OutletForm()
    if form.validate_on_submit():
        try:
            outlet = outlets.create_outlet(db_session(), current_user, _input(form))
        except TranslateFlowError as error:
            form.form_errors.append(error.message)
        else:
            commit()
            flash(f"Added {outlet.name}.", "success")
            return redirect(url_for("outlets.show", outlet_id=outlet.id))
    return _render(form, None, 400 if request.method == "POST" else 200)


@bp.route("/<int:outlet_id>")
def show(outlet_id: int) -> str:
    session = db_session()
    outlet = outlets.get_outlet(session, outlet_id)
    recent = article_list.list_articles(
        session, article_list.ArticleFilters(outlet_id=outlet.id, status=None), per_page=10
    )
    return render_template(
        "intake/outlets/show.html", outlet=outlet, recent=recent, action=ActionForm()
    )


@bp.route("/<int:outlet_id>/edit", methods=["GET", "POST"])
def edit(outlet_id: int) -> Response | tuple[str, int]:
    session = db_session()
    outlet = outlets.get_outlet(session, outlet_id)
    form = OutletForm(obj=outlet)
    if form.validate_on_submit():
        try:
            outlets.update_outlet(session, current_user, outlet, _input(form))
        except TranslateFlowError as error:
            form.form_errors.append(error.message)
        else:
            commit()
            flash(f"Saved {outlet.name}.", "success")
            return redirect(url_for("outlets.show", outlet_id=outlet.id))
    return _render(form, outlet, 400 if request.method == "POST" else 200)
