"""Readers' comments from the article page, and the token that protects the form.

The article page a signed-out reader gets carries no token (a token lives in the session, and
a session is a cookie no proxy may share): `reader-comment.js` fetches one from
`comment_token` when the reader starts writing. A comment sent without it, by a browser that
ran no script, comes back with everything typed in it and a token, to be sent once more.
"""

from flask import flash, jsonify, make_response, redirect, render_template, request, url_for
from flask_wtf.csrf import CSRFError, generate_csrf
from werkzeug.wrappers import Response

from translate_flow.core.errors import NotFound, ValidationFailed
from translate_flow.core.web.errors import CSRF_MESSAGE, error_response
from translate_flow.core.web.limits import client_address, record_attempt, refuse_when_reached
from translate_flow.core.web.request_db import commit, db_session
from translate_flow.domain.models import Publication
from translate_flow.publishing import public_site, reader_comments
from translate_flow.publishing.reader_comments import ReaderInput
from translate_flow.publishing.web.public.blueprint import bp
from translate_flow.publishing.web.public.forms import ReaderCommentForm
from translate_flow.publishing.web.public.views import article_context

TOO_MANY_COMMENTS = (
    "You have sent several comments in a short time. Wait a few minutes before sending another."
)
THANKS = "Thank you: your comment will appear once a moderator has read it."
SEND_AGAIN = (
    "Send the comment once more: the form needed a security check that your browser had not "
    "fetched yet. Nothing you wrote is lost."
)


def _again(form: ReaderCommentForm, publication: Publication) -> Response:
    """The article page with the reader's form as sent and what to do about it; never kept."""
    page = render_template(
        "publishing/public/article.html", form=form, **article_context(publication)
    )
    response = make_response(page, 400)
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/read/<slug>/comments", methods=["POST"])
def comment(slug: str) -> Response:
    session = db_session()
    publication = public_site.by_slug(session, slug)
    # Comments taken count against the sender's address: the limit protects the moderators'
    # queue. A refused comment stores nothing, not even a count.
    counters = {"reader-comment-address": client_address()}
    refuse_when_reached(session, "READER_COMMENT_LIMIT", counters, TOO_MANY_COMMENTS)
    form = ReaderCommentForm()
    if form.website.data:  # the honeypot: thanked, and dropped
        flash(THANKS, "success")
        return redirect(url_for("public.article", slug=slug, _anchor="comments"))
    if not form.validate():
        return _again(form, publication)
    try:
        reader_comments.submit(
            session,
            publication,
            ReaderInput(form.name.data or "", form.email.data or "", form.body.data or ""),
        )
    except ValidationFailed as error:
        form.form_errors.append(error.message)
        return _again(form, publication)
    record_attempt(session, "READER_COMMENT_LIMIT", counters)
    commit()
    flash(THANKS, "success")
    return redirect(url_for("public.article", slug=slug, _anchor="comments"))


@bp.route("/comment-token")
def comment_token() -> Response:
    """The comment form's token, asked for when a reader starts writing: it starts the
    reader's session (the cookie the comment is then checked against)."""
    response = jsonify({"csrf_token": generate_csrf()})
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.errorhandler(CSRFError)
def without_token(error: CSRFError) -> Response | tuple[Response | str, int]:
    """A comment without its token (no script ran, or the session had expired): the page
    again, with what the reader typed and a token now, to send once more."""
    if request.endpoint == "public.comment":
        try:
            publication = public_site.by_slug(db_session(), (request.view_args or {})["slug"])
        except NotFound:
            pass  # nothing to send it to: refused like any other form without its token
        else:
            form = ReaderCommentForm()  # what was sent, with a new token (and so the session)
            form.form_errors.append(SEND_AGAIN)
            return _again(form, publication)
    return error_response(400, CSRF_MESSAGE, "csrf_failed")
