"""Articles: find them, bring them in (paste, upload, URL), read them, correct them."""

import json

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from werkzeug.datastructures import FileStorage
from werkzeug.wrappers import Response

from translate_flow.core.errors import TranslateFlowError
from translate_flow.core.full_text import search_problem
from translate_flow.core.input_ranges import whole_number, whole_number_or_none
from translate_flow.core.web.forms import ActionForm, id_choices
from translate_flow.core.web.request_db import (
    commit,
    db_session,
    release_before_slow_io,
    rollback,
)
from translate_flow.domain.models import ArticleStatus, Priority
from translate_flow.domain.permissions import can_manage_articles, can_view_articles
from translate_flow.intake import article_list, articles, feeds, source_changes
from translate_flow.intake.articles import ArticleInput, DuplicateArticle, PreparedArticle
from translate_flow.intake.fetching import policy_from_config
from translate_flow.intake.formats import BodyFormat, decode_upload
from translate_flow.intake.outlet_languages import language_of_outlet, outlet_languages
from translate_flow.intake.url_import import draft_from_page, ensure_not_imported, fetch_article
from translate_flow.intake.web.articles.assigning import (
    SAVE_AND_ASSIGN,
    assign_new_article,
    assigning_fields_complete,
    offer_assignment,
)
from translate_flow.intake.web.articles.forms import (
    ArticleFilterForm,
    ArticleForm,
    CorrectionForm,
    ImportForm,
    NewArticleForm,
)
from translate_flow.text.wordcount import count_unit
from translate_flow.workflow import desk_choices

bp = Blueprint("articles", __name__, url_prefix="/articles")
MAX_UPLOAD_BYTES = 5 * 1024 * 1024


@bp.before_request
@login_required
def _desk_only() -> None:
    if not can_view_articles(current_user):
        abort(403)


def _managers_only() -> None:
    if not can_manage_articles(current_user):
        abort(403, "Only coordinators bring articles in and correct them.")


def _offer_outlets(form: ArticleForm | ArticleFilterForm, *, blank: str) -> None:
    field = form.outlet_id if isinstance(form, ArticleForm) else form.outlet
    field.choices = id_choices(desk_choices.outlets(db_session()), blank=blank)


def _offer_assignment(form: NewArticleForm) -> None:
    offer_assignment(db_session(), form, current_app.config["TARGET_LANGUAGES"])


def _language_from_outlet(form: ArticleForm) -> None:
    """Without JavaScript, an empty source language is the chosen outlet's (intake.js does
    the same in the page as soon as the outlet is chosen)."""
    if (form.source_language.data or "").strip():
        return
    outlet_id = whole_number_or_none(form.outlet_id.data)
    if outlet_id is not None:
        form.source_language.data = language_of_outlet(db_session(), outlet_id)


def _input_from(form: ArticleForm) -> ArticleInput:
    """The form's values; an uploaded file replaces the pasted text (and stays for the preview)."""
    upload = form.upload.data
    if isinstance(upload, FileStorage) and upload.filename:
        text, body_format = decode_upload(
            upload.filename, upload.read(MAX_UPLOAD_BYTES + 1), max_bytes=MAX_UPLOAD_BYTES
        )
        form.body.data, form.body_format.data = text, body_format.value
    return ArticleInput(
        title=form.title.data or "",
        standfirst=form.standfirst.data or "",
        body=form.body.data or "",
        body_format=BodyFormat(form.body_format.data or BodyFormat.TEXT),
        source_language=form.source_language.data or "",
        author=form.author.data or "",
        outlet_id=int(form.outlet_id.data) if form.outlet_id.data else None,
        source_url=form.source_url.data or "",
        published_on=form.published_on.data,
        priority=Priority(int(form.priority.data or Priority.NORMAL)),
        tags=[form.tags.data or ""],
        notes=form.notes.data or "",
    )


def _fill(form: ArticleForm, data: ArticleInput) -> None:
    form.title.data = data.title
    form.standfirst.data = data.standfirst
    form.body.data = data.body
    form.body_format.data = data.body_format.value
    form.source_language.data = data.source_language
    form.author.data = data.author
    form.outlet_id.data = str(data.outlet_id) if data.outlet_id else ""
    form.source_url.data = data.source_url
    form.published_on.data = data.published_on
    form.priority.data = str(int(data.priority))
    form.tags.data = ", ".join(data.tags)
    form.notes.data = data.notes


def _render_form(
    template: str,
    form: ArticleForm,
    *,
    preview: PreparedArticle | None = None,
    duplicate_id: int | None = None,
    status: int = 200,
    **context: object,
) -> tuple[str, int]:
    # The outlet → language map intake.js reads, as a plain string the widget escapes.
    languages = json.dumps({str(k): v for k, v in outlet_languages(db_session()).items()})
    return render_template(
        template,
        form=form,
        preview=preview,
        duplicate_id=duplicate_id,
        outlet_languages=languages,
        **context,
    ), status


@bp.route("/")
def index() -> str:
    filters = ArticleFilterForm(request.args)
    _offer_outlets(filters, blank="Any outlet")
    filters.validate()
    # A filter the form refused (a hand-edited address, say) is ignored, not a 500.
    status = filters.status.data if not filters.status.errors else ArticleStatus.ACTIVE.value
    priority = filters.priority.data if not filters.priority.errors else ""
    chosen = article_list.ArticleFilters(
        text=filters.q.data or "",
        language=filters.language.data or "",
        outlet_id=whole_number_or_none(filters.outlet.data),
        country=(filters.country.data or "").strip().upper(),
        status=None if status == "any" else ArticleStatus(status or ArticleStatus.ACTIVE),
        priority=Priority(int(priority)) if priority else None,
        tag=(filters.tag.data or "").strip(),
        published_from=filters.published_from.data,
        published_to=filters.published_to.data,
    )
    page = article_list.list_rows(
        db_session(), chosen, page=request.args.get("page", 1, type=whole_number) or 1
    )
    return render_template(
        "intake/articles/index.html",
        filters=filters,
        page=page,
        search_problem=search_problem(chosen.text),
    )


@bp.route("/new", methods=["GET", "POST"])
def new() -> Response | tuple[str, int]:
    """Paste or upload; “Preview” shows the segments, “Save” stores the article, “Save and
    assign” also gives its translation to a translator and a reviewer, by a date."""
    _managers_only()
    form = NewArticleForm()
    _offer_outlets(form, blank="No outlet")
    _offer_assignment(form)
    if request.method == "GET":
        return _render_form("intake/articles/new.html", form)
    session = db_session()
    _language_from_outlet(form)
    assigning = request.form.get("action") == SAVE_AND_ASSIGN
    # Every field is checked, the assignment's too, so that all the errors show at once.
    valid = form.validate()
    if assigning:
        valid = assigning_fields_complete(form) and valid
    if not valid:
        return _render_form("intake/articles/new.html", form, status=400)
    try:
        data = _input_from(form)
        if request.form.get("action") not in ("save", SAVE_AND_ASSIGN):
            return _render_form(
                "intake/articles/new.html", form, preview=articles.prepare_article(session, data)
            )
        article = articles.create_article(
            session,
            current_user,
            data,
            target_languages=current_app.config["TARGET_LANGUAGES"],
        )
        feeds.mark_imported(session, current_user, article, suggestion_id=form.suggestion_id.data)
    except DuplicateArticle as error:
        form.form_errors.append(error.message)
        return _render_form(
            "intake/articles/new.html", form, duplicate_id=error.article_id, status=409
        )
    except TranslateFlowError as error:
        form.form_errors.append(error.message)
        return _render_form("intake/articles/new.html", form, status=error.status_code)
    assigned = ""
    if assigning:
        try:
            assigned = assign_new_article(session, article, form)
        except TranslateFlowError as error:
            # All or nothing: a refused assignment saves no article either, so nothing is
            # half done; the form comes back filled, to fix the assignment or just “Save”.
            rollback()
            form.form_errors.append(f"Nothing was saved: {error.message}")
            return _render_form("intake/articles/new.html", form, status=error.status_code)
    commit()
    flash(
        # Isolated, so that a right-to-left title does not reorder the sentence around it.
        f"Saved “\u2068{article.title}\u2069”: {article.segment_count} segments, "
        f"{article.word_count} {count_unit(article.source_language)}.{assigned}",
        "success",
    )
    return redirect(url_for("articles.show", article_id=article.id))


@bp.route("/import", methods=["GET", "POST"])
def import_url() -> Response | tuple[str, int]:
    """Fetch a page by its address and open the article form filled with what was found."""
    _managers_only()
    form = ImportForm()
    if request.method == "GET":
        form.url.data = request.args.get("url", "")
        return render_template("intake/articles/import.html", form=form, duplicate_id=None), 200
    if not form.validate():
        return render_template("intake/articles/import.html", form=form, duplicate_id=None), 400
    url = (form.url.data or "").strip()
    session = db_session()
    try:
        ensure_not_imported(session, url)
        release_before_slow_io()
        extracted = fetch_article(url, policy_from_config(current_app.config))
        suggestion = request.form.get("suggestion_id", "")
        number = whole_number_or_none(suggestion)
        from_feed = feeds.get_suggestion(session, number) if number is not None else None
        draft = draft_from_page(
            session, extracted, url, outlet_id=from_feed.outlet_id if from_feed else None
        )
    except DuplicateArticle as error:
        form.form_errors.append(error.message)
        return render_template(
            "intake/articles/import.html", form=form, duplicate_id=error.article_id
        ), 409
    except TranslateFlowError as error:
        form.form_errors.append(error.message)
        return render_template("intake/articles/import.html", form=form, duplicate_id=None), 422
    article_form = ArticleForm(formdata=None)
    _offer_outlets(article_form, blank="No outlet")
    _fill(article_form, draft)
    article_form.suggestion_id.data = from_feed.id if from_feed else None
    try:
        preview = articles.prepare_article(session, draft) if draft.source_language else None
    except TranslateFlowError as error:
        article_form.form_errors.append(error.message)
        preview = None
    return _render_form(
        "intake/articles/new.html", article_form, preview=preview, imported_from=url
    )


@bp.route("/<int:article_id>")
def show(article_id: int) -> str:
    session = db_session()
    article = articles.get_article(session, article_id)
    revision = article.current_revision
    summaries = source_changes.summaries(session, article)
    return render_template(
        "intake/articles/show.html",
        article=article,
        revision=revision,
        changes=source_changes.changes_in(session, revision) if revision is not None else {},
        summaries=summaries,
        affected={
            s.translation.id: source_changes.affected_segments(session, s.translation)
            for s in summaries
            if s.source_changed
        },
        set_aside={
            s.translation.id: source_changes.set_aside_segments(session, s.translation)
            for s in summaries
            if s.set_aside
        },
        revisions=articles.revisions_of(session, article),
        action=ActionForm(),
    )


@bp.route("/<int:article_id>/edit", methods=["GET", "POST"])
def edit(article_id: int) -> Response | tuple[str, int]:
    """Correct the source or its details; a changed text becomes a new revision."""
    _managers_only()
    session = db_session()
    article = articles.get_article(session, article_id)
    form = CorrectionForm()
    _offer_outlets(form, blank="No outlet")
    if request.method == "GET":
        _fill(form, articles.current_input(article))
        return _render_form("intake/articles/edit.html", form, article=article)
    if not form.validate():
        return _render_form("intake/articles/edit.html", form, article=article, status=400)
    try:
        data = _input_from(form)
        if request.form.get("action") != "save":
            preview = articles.prepare_article(session, data)
            return _render_form("intake/articles/edit.html", form, article=article, preview=preview)
        result = articles.correct_article(
            session, current_user, article, data, note=form.note.data or ""
        )
    except DuplicateArticle as error:
        form.form_errors.append(error.message)
        return _render_form(
            "intake/articles/edit.html",
            form,
            article=article,
            duplicate_id=error.article_id,
            status=409,
        )
    except TranslateFlowError as error:
        form.form_errors.append(error.message)
        return _render_form(
            "intake/articles/edit.html", form, article=article, status=error.status_code
        )
    commit()
    if result.revision is None:
        flash("Details saved; the text is unchanged.", "success")
    else:
        flash(
            f"Saved as revision {result.revision.number}: {result.changed} changed, "
            f"{result.added} added, {result.removed} removed; "
            f"{result.translations_flagged} translated segment(s) now marked “source changed”.",
            "success",
        )
    return redirect(url_for("articles.show", article_id=article.id))


@bp.route("/<int:article_id>/revisions")
def compare(article_id: int) -> str:
    session = db_session()
    article = articles.get_article(session, article_id)
    revisions = articles.revisions_of(session, article)
    newest = revisions[0].number if revisions else 1
    new_number = request.args.get("to", newest, type=whole_number) or newest
    old_number = request.args.get("from", max(1, new_number - 1), type=whole_number) or 1
    old = source_changes.get_revision(session, article, old_number)
    new = source_changes.get_revision(session, article, new_number)
    return render_template(
        "intake/articles/compare.html",
        article=article,
        revisions=revisions,
        old=old,
        new=new,
        rows=source_changes.compare_revisions(old, new),
    )


@bp.route("/<int:article_id>/archive", methods=["POST"])
def archive(article_id: int) -> Response:
    _managers_only()
    session = db_session()
    article = articles.get_article(session, article_id)
    archived = request.form.get("archived", "1") == "1"
    articles.set_archived(session, current_user, article, archived=archived)
    commit()
    flash("Article archived." if archived else "Article back on the desk.", "success")
    return redirect(url_for("articles.show", article_id=article.id))
