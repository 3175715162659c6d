"""Signing in and out, accepting invitations, resetting passwords."""

from typing import Any
from urllib.parse import urlsplit

from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_login import current_user, login_user, logout_user
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response

from translate_flow.core.errors import PermissionDenied, TooManyAttempts, ValidationFailed
from translate_flow.core.signing import LinkSigner
from translate_flow.core.web.limits import client_address, record_attempt, refuse_when_reached
from translate_flow.core.web.request_db import after_commit, commit, db_session, passwords
from translate_flow.domain.models import email_key
from translate_flow.people import members as people
from translate_flow.people.signin import authenticate, end_login_session, start_login_session
from translate_flow.people.web.auth.forms import (
    AcceptInvitationForm,
    ForgotPasswordForm,
    ResetPasswordForm,
    SignInForm,
)

bp = Blueprint("auth", __name__)

TOO_MANY_FAILURES = (
    "Too many failed sign-ins. Wait a few minutes and try again, or reset your password."
)
TOO_MANY_RESETS = (
    "Too many reset requests for this address in the last hour. The links already sent "
    "still work: look in your inbox and spam folder, or try again later."
)


def _refused_by_limit(
    form: FlaskForm, template: str, setting: str, counters: dict[str, str], message: str
) -> Response | None:
    """The form again with a 429 when a limit is reached, so the person reads why and when."""
    try:
        refuse_when_reached(db_session(), setting, counters, message)
    except TooManyAttempts as limited:
        form.form_errors.append(limited.message)
        response = Response(render_template(template, form=form), status=429, mimetype="text/html")
        response.headers["Retry-After"] = str(limited.retry_after)
        return response
    return None


def safe_next(target: str | None) -> str | None:
    """A local path to go to after signing in, or None for anything that could leave the site."""
    if not target:
        return None
    if target != target.strip() or any(ord(c) < 32 or c == "\\" for c in target):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target


def invite_signer() -> LinkSigner:
    days = current_app.config["INVITE_MAX_AGE_DAYS"]
    return LinkSigner(current_app.config["SECRET_KEY"], "invite", days * 86400)


def reset_signer() -> LinkSigner:
    minutes = current_app.config["RESET_MAX_AGE_MINUTES"]
    return LinkSigner(current_app.config["SECRET_KEY"], "reset", minutes * 60)


def external_url(endpoint: str, **values: Any) -> str:
    """An absolute link for e-mail: TRANSLATE_FLOW_BASE_URL when set, else the request's host."""
    path = url_for(endpoint, **values)
    base = current_app.config.get("BASE_URL") or request.host_url
    return str(base).rstrip("/") + path


def _sign_in_counters(email: str) -> dict[str, str]:
    """Failed sign-ins count against the account and against the client address alike."""
    return {"sign-in-account": email_key(email), "sign-in-address": client_address()}


def _reset_counters(email: str) -> dict[str, str]:
    return {"reset-account": email_key(email), "reset-address": client_address()}


def _sign_in(user_id: int, key: str) -> None:
    # A fresh cookie at sign-in: nothing set before it (by anyone) carries over.
    session.clear()
    session["sid"] = key


@bp.route("/login", methods=["GET", "POST"])
def login() -> Response | tuple[str, int]:
    destination = safe_next(request.args.get("next")) or url_for("home.index")
    if current_user.is_authenticated:
        return redirect(destination)
    form = SignInForm()
    status = 200
    if form.validate_on_submit():
        dbs = db_session()
        counters = _sign_in_counters(form.email.data or "")
        # Checked before the password: once limited, the right password is refused too, or
        # the limit would only slow down a guesser who is told when they hit.
        refused = _refused_by_limit(
            form, "people/auth/login.html", "LOGIN_FAILURE_LIMIT", counters, TOO_MANY_FAILURES
        )
        if refused:
            return refused
        try:
            user = authenticate(dbs, passwords(), form.email.data or "", form.password.data or "")
        except PermissionDenied as denied:
            user = None
            form.form_errors.append(denied.message)
        if user is None:
            record_attempt(dbs, "LOGIN_FAILURE_LIMIT", counters)
            commit()
            status = 401
            if not form.form_errors:
                form.form_errors.append("That e-mail address and password do not match.")
        else:
            key, _row = start_login_session(
                dbs,
                user,
                user_agent=request.user_agent.string,
                ip_address=request.remote_addr or "",
            )
            commit()
            _sign_in(user.id, key)
            login_user(user)
            return redirect(destination)
    elif request.method == "POST":
        status = 400
    return render_template("people/auth/login.html", form=form), status


@bp.route("/logout", methods=["POST"])
def logout() -> Response:
    key = session.get("sid")
    if isinstance(key, str):
        end_login_session(db_session(), key)
        commit()
    logout_user()
    session.clear()
    flash("You have signed out.", "info")
    return redirect(url_for("auth.login"))


@bp.route("/invite/<token>", methods=["GET", "POST"])
def accept_invitation(token: str) -> Response | tuple[str, int]:
    dbs = db_session()
    signer = invite_signer()
    try:
        invited = people.user_for_invitation(dbs, signer, token)
    except ValidationFailed as invalid:
        return render_template("people/auth/link_invalid.html", message=invalid.message), 400
    form = AcceptInvitationForm(display_name=invited.display_name)
    if form.validate_on_submit():
        try:
            user = people.accept_invitation(
                dbs,
                passwords(),
                signer,
                token,
                display_name=form.display_name.data or "",
                password=form.password.data or "",
            )
        except ValidationFailed as invalid:
            form.password.errors = [invalid.message]
        else:
            key, _row = start_login_session(
                dbs,
                user,
                user_agent=request.user_agent.string,
                ip_address=request.remote_addr or "",
            )
            commit()
            _sign_in(user.id, key)
            login_user(user)
            flash(f"Welcome to {current_app.config['SITE_NAME']}, {user.display_name}.", "success")
            return redirect(url_for("home.index"))
    status = 400 if request.method == "POST" else 200
    return render_template("people/auth/accept_invitation.html", form=form, invited=invited), status


@bp.route("/forgot", methods=["GET", "POST"])
def forgot_password() -> Response | tuple[str, int]:
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        dbs = db_session()
        counters = _reset_counters(form.email.data or "")
        refused = _refused_by_limit(
            form, "people/auth/forgot.html", "PASSWORD_RESET_LIMIT", counters, TOO_MANY_RESETS
        )
        if refused:
            return refused
        record_attempt(dbs, "PASSWORD_RESET_LIMIT", counters)
        people.request_password_reset(
            dbs,
            form.email.data or "",
            signer=reset_signer(),
            link_for=lambda token: external_url("auth.reset_password", token=token),
            site_name=current_app.config["SITE_NAME"],
        )
        after_commit("deliver_outbox")
        commit()
        # The same answer whether or not the address is known, so it cannot be used
        # to find out who volunteers here.
        flash("If that address belongs to someone on the desk, a reset link is on its way.", "info")
        return redirect(url_for("auth.login"))
    status = 400 if request.method == "POST" else 200
    return render_template("people/auth/forgot.html", form=form), status


@bp.route("/reset/<token>", methods=["GET", "POST"])
def reset_password(token: str) -> Response | tuple[str, int]:
    dbs = db_session()
    signer = reset_signer()
    try:
        people.user_for_reset(dbs, signer, token)
    except ValidationFailed as invalid:
        return render_template("people/auth/link_invalid.html", message=invalid.message), 400
    form = ResetPasswordForm()
    if form.validate_on_submit():
        try:
            people.reset_password(
                dbs, passwords(), signer, token, password=form.password.data or ""
            )
        except ValidationFailed as invalid:
            form.password.errors = [invalid.message]
        else:
            commit()
            logout_user()
            session.clear()
            flash("Your password has been changed. Sign in with the new one.", "success")
            return redirect(url_for("auth.login"))
    status = 400 if request.method == "POST" else 200
    return render_template("people/auth/reset.html", form=form), status
