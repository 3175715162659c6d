"""Everyone's own page: profile and bio, password, e-mail notifications, personal API tokens."""

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from translate_flow.core.errors import TranslateFlowError
from translate_flow.core.web.forms import ActionForm
from translate_flow.core.web.request_db import commit, db_session, passwords
from translate_flow.domain.models import EmailPreference
from translate_flow.notifications import notices as notifications
from translate_flow.people import members as people
from translate_flow.people.signin import create_api_token, revoke_api_token, tokens_of
from translate_flow.people.web.account.forms import (
    ChangePasswordForm,
    NewTokenForm,
    NotificationSettingsForm,
    ProfileForm,
)

bp = Blueprint("account", __name__, url_prefix="/account")


@bp.before_request
@login_required
def _signed_in_only() -> None:
    return None


@bp.route("/", methods=["GET", "POST"])
def profile() -> Response | tuple[str, int]:
    form = ProfileForm(obj=current_user)
    if form.validate_on_submit():
        try:
            people.update_profile(
                db_session(),
                current_user,
                display_name=form.display_name.data or "",
                email=form.email.data or "",
                bio=form.bio.data or "",
            )
        except TranslateFlowError as error:
            db_session().rollback()
            form.email.errors = [error.message]
        else:
            commit()
            flash("Your profile is saved.", "success")
            return redirect(url_for("account.profile"))
    status = 400 if request.method == "POST" else 200
    return _profile_page(form=form), status


def _profile_page(**forms: object) -> str:
    """The profile page with its three forms; `forms` replaces the one that was sent."""
    defaults = {
        "form": lambda: ProfileForm(obj=current_user),
        "password_form": ChangePasswordForm,
        "notification_form": lambda: NotificationSettingsForm(obj=current_user),
    }
    values = {name: forms[name] if name in forms else make() for name, make in defaults.items()}
    return render_template("people/account/profile.html", **values)


@bp.route("/notifications", methods=["POST"])
def notification_settings() -> Response | tuple[str, int]:
    form = NotificationSettingsForm()
    if form.validate_on_submit():
        notifications.set_email_preference(
            db_session(), current_user, EmailPreference(form.email_notifications.data)
        )
        commit()
        flash("Your notification settings are saved.", "success")
        return redirect(url_for("account.profile"))
    return _profile_page(notification_form=form), 400


@bp.route("/password", methods=["POST"])
def change_password() -> Response | tuple[str, int]:
    form = ChangePasswordForm()
    if form.validate_on_submit():
        try:
            people.change_password(
                db_session(),
                passwords(),
                current_user,
                current_password=form.current_password.data or "",
                new_password=form.new_password.data or "",
                keep_session_id=g.get("login_session_id"),
            )
        except TranslateFlowError as error:
            form.new_password.errors = [error.message]
        else:
            commit()
            flash("Your password is changed; other sign-ins have been signed out.", "success")
            return redirect(url_for("account.profile"))
    return _profile_page(password_form=form), 400


@bp.route("/tokens", methods=["GET", "POST"])
def tokens() -> Response | tuple[str, int]:
    form = NewTokenForm()
    new_secret = None
    status = 200
    if form.validate_on_submit():
        try:
            new_secret, _token = create_api_token(db_session(), current_user, form.name.data or "")
        except TranslateFlowError as error:
            form.name.errors = [error.message]
            status = 400
        else:
            commit()
            form = NewTokenForm(formdata=None)
    elif request.method == "POST":
        status = 400
    return render_template(
        "people/account/tokens.html",
        form=form,
        new_secret=new_secret,
        tokens=tokens_of(db_session(), current_user),
        action=ActionForm(),
    ), status


@bp.route("/tokens/<int:token_id>/revoke", methods=["POST"])
def revoke_token(token_id: int) -> Response:
    if not ActionForm().validate_on_submit():
        abort(400)
    token = revoke_api_token(db_session(), current_user, token_id)
    commit()
    flash(f"Token “{token.name}” is revoked; programs using it are now refused.", "info")
    return redirect(url_for("account.tokens"))
