"""Coordinators list, search, invite, edit and deactivate people."""

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from translate_flow.core.errors import TranslateFlowError
from translate_flow.core.input_ranges import whole_number
from translate_flow.core.web.forms import ActionForm
from translate_flow.core.web.request_db import after_commit, commit, db_session
from translate_flow.domain.models import Role, User
from translate_flow.domain.permissions import (
    can_deactivate_person,
    can_edit_person,
    can_manage_people,
)
from translate_flow.people import members as people
from translate_flow.people.web.auth.views import external_url, invite_signer
from translate_flow.people.web.people.forms import (
    InviteForm,
    PeopleFilterForm,
    PersonForm,
    pad_pair_rows,
    pairs_from,
)

bp = Blueprint("people", __name__, url_prefix="/people")


@bp.before_request
@login_required
def _coordinators_only() -> None:
    if not can_manage_people(current_user):
        abort(403, "Only coordinators and admins manage people.")


def _load(user_id: int) -> User:
    return people.get_person(db_session(), user_id)


@bp.route("/")
def index() -> str:
    filters = PeopleFilterForm(request.args)
    filters.validate()
    role = Role(filters.role.data) if filters.role.data in set(Role) else None
    page = people.search_people(
        db_session(),
        text=filters.q.data or "",
        role=role,
        language=filters.language.data or "",
        include_inactive=filters.show.data == "all",
        page=request.args.get("page", 1, type=whole_number) or 1,
    )
    return render_template(
        "people/people/index.html", filters=filters, page=page, action=ActionForm()
    )


@bp.route("/invite", methods=["GET", "POST"])
def invite() -> Response | tuple[str, int]:
    form = InviteForm()
    if request.method == "GET":
        form.roles.data = [Role.TRANSLATOR.value]
    if form.validate_on_submit():
        try:
            person = people.invite_person(
                db_session(),
                current_user,
                email=form.email.data or "",
                display_name=form.display_name.data or "",
                roles=[Role(value) for value in form.roles.data or []],
                pairs=pairs_from(list(form.pairs)),
                capacity=form.capacity.data or 0,
                signer=invite_signer(),
                link_for=lambda token: external_url("auth.accept_invitation", token=token),
                site_name=current_app.config["SITE_NAME"],
            )
        except TranslateFlowError as error:
            form.form_errors.append(error.message)
        else:
            after_commit("deliver_outbox")
            commit()
            flash(f"Invitation sent to {person.email}.", "success")
            return redirect(url_for("people.edit", user_id=person.id))
    pad_pair_rows(form)
    status = 400 if request.method == "POST" else 200
    return render_template("people/people/invite.html", form=form), status


@bp.route("/<int:user_id>", methods=["GET", "POST"])
def edit(user_id: int) -> Response | tuple[str, int]:
    person = _load(user_id)
    if request.method == "POST" and not can_edit_person(current_user, person):
        abort(403, "Only an admin can edit an admin.")
    form = PersonForm(obj=None if request.method == "POST" else person)
    if request.method == "GET":
        form.roles.data = sorted(role.value for role in person.roles)
        while form.pairs.entries:
            form.pairs.pop_entry()
        for pair in person.language_pairs:
            form.pairs.append_entry(
                {
                    "source": pair.source_language,
                    "target": pair.target_language,
                    "can_review": pair.can_review,
                    "can_publish": pair.can_publish,
                }
            )
    if form.validate_on_submit():
        try:
            people.update_person(
                db_session(),
                current_user,
                person,
                display_name=form.display_name.data or "",
                email=form.email.data or "",
                roles=[Role(value) for value in form.roles.data or []],
                pairs=pairs_from(list(form.pairs)),
                capacity=form.capacity.data or 0,
            )
        except TranslateFlowError as error:
            db_session().rollback()
            form.form_errors.append(error.message)
        else:
            commit()
            flash(f"Saved {person.display_name}.", "success")
            return redirect(url_for("people.edit", user_id=person.id))
    pad_pair_rows(form)
    status = 400 if request.method == "POST" else 200
    return render_template(
        "people/people/edit.html", form=form, person=person, action=ActionForm()
    ), status


def _set_active(user_id: int, *, active: bool) -> Response:
    form = ActionForm()
    if not form.validate_on_submit():
        abort(400)
    person = _load(user_id)
    if not can_deactivate_person(current_user, person):
        abort(403, "You cannot change whether this person is active.")
    people.set_active(db_session(), current_user, person, active=active)
    commit()
    if active:
        flash(f"{person.display_name} can sign in again.", "success")
    else:
        flash(
            f"{person.display_name} is deactivated: signed out everywhere, tokens revoked. "
            "Their translations stay credited to them.",
            "info",
        )
    return redirect(url_for("people.edit", user_id=person.id))


@bp.route("/<int:user_id>/deactivate", methods=["POST"])
def deactivate(user_id: int) -> Response:
    return _set_active(user_id, active=False)


@bp.route("/<int:user_id>/reactivate", methods=["POST"])
def reactivate(user_id: int) -> Response:
    return _set_active(user_id, active=True)
