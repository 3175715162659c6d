"""The termbase's desk pages: the list for everyone on the desk; a term with its history and
where it is used; new terms and edits (approved at once for those who decide the pair's terms,
proposals from its translators); the proposals waiting for a decision; importing a file."""

from collections.abc import Callable
from typing import TypeVar

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from werkzeug.wrappers import Response
from wtforms.fields.choices import SelectChoice

from translate_flow.core.errors import TranslateFlowError, ValidationFailed
from translate_flow.core.input_ranges import whole_number_or_none
from translate_flow.core.language_pairs import parse_pair
from translate_flow.core.web.forms import ActionForm
from translate_flow.core.web.request_db import commit, db_session, rollback
from translate_flow.domain.models import Term, TermCategory, TermStatus, User
from translate_flow.domain.permissions import can_view_articles
from translate_flow.terms import operations
from translate_flow.terms.file_terms import DEFAULT_MAX_BYTES, RowProblem
from translate_flow.terms.importing import TermsImportRefused, decides_some_pair, import_terms
from translate_flow.terms.operations import DuplicateTerm
from translate_flow.terms.rights import may_change_term, may_decide_terms, may_propose_terms
from translate_flow.terms.web.forms import (
    CATEGORY_LABELS,
    FLAG_LABELS,
    STATUS_LABELS,
    DecisionForm,
    ImportForm,
    ListForm,
    TermForm,
    pair_choices,
)
from translate_flow.terms.web.queries import (
    PAGE_SIZE,
    Flag,
    Pair,
    TermFilter,
    decided_pairs,
    history_lines,
    list_terms,
    proposals,
    term_pairs,
    waiting_count,
    where_used,
)
from translate_flow.text.languages import get_language

bp = Blueprint("terms", __name__)
E = TypeVar("E", TermCategory, Flag, TermStatus)

MAX_PAGE = 1000
# The termbase's files (terms/files_api.py).
EXPORT_RULE = "/api/v1/terms/export"


@bp.before_request
@login_required
def _desk_only() -> None:
    if not can_view_articles(current_user):
        abort(403)


def _labels(pairs: list[Pair]) -> dict[str, str]:
    return {code: get_language(code).label for pair in pairs for code in pair}


def _choices(pairs: list[Pair]) -> list[tuple[str, str]]:
    return pair_choices(pairs, _labels(pairs))


def _enum_or_none(kind: type[E], value: str | None) -> E | None:
    try:
        return kind(value) if value else None
    except ValueError:
        return None


@bp.route("/terms/")
def index() -> tuple[str, int]:
    session = db_session()
    pairs = term_pairs(session, current_user)
    form = ListForm(request.args)
    form.pair.choices = _choices(pairs)
    pair = parse_pair(form.pair.data) or (pairs[0] if pairs else None)
    form.pair.data = f"{pair[0]}:{pair[1]}" if pair else ""
    status = 200 if form.validate() else 400
    chosen = TermFilter(
        q=(form.q.data or "").strip() if status == 200 else "",
        category=_enum_or_none(TermCategory, form.category.data),
        flag=_enum_or_none(Flag, form.flag.data),
        status=_enum_or_none(TermStatus, form.status.data),
        page=min(max(whole_number_or_none(request.args.get("page")) or 1, 1), MAX_PAGE),
    )
    result = list_terms(session, pair, chosen) if pair else None
    return render_template(
        "terms/index.html",
        form=form,
        pair=pair,
        chosen=chosen,
        result=result,
        page_size=PAGE_SIZE,
        source=get_language(pair[0]) if pair else None,
        target=get_language(pair[1]) if pair else None,
        may_propose=pair is not None and may_propose_terms(current_user, pair[0], pair[1]),
        may_import=decides_some_pair(current_user),
        waiting=waiting_count(session, current_user),
        labels=_page_labels(),
        import_url=url_for("terms.import_file"),
        export_url=_exporter(pair),
    ), status


def _exporter(pair: Pair | None) -> Callable[[str], str] | None:
    """The pair's export address by format, once the API serves exports."""
    endpoint = next(
        (rule.endpoint for rule in current_app.url_map.iter_rules() if rule.rule == EXPORT_RULE),
        None,
    )
    if pair is None or endpoint is None:
        return None
    return lambda format: url_for(
        endpoint, format=format, source_language=pair[0], target_language=pair[1]
    )


def _page_labels() -> dict[str, dict[str, str]]:
    return {
        "category": {c.value: label for c, label in CATEGORY_LABELS.items()},
        "flag": {f.value: label for f, label in FLAG_LABELS.items()},
        "status": {s.value: label for s, label in STATUS_LABELS.items()},
    }


def _term_form(user: User, term: Term | None = None) -> TermForm:
    session = db_session()
    pairs = term_pairs(session, user)
    if term is not None and (term.source_language, term.target_language) not in pairs:
        pairs.append((term.source_language, term.target_language))
    form = TermForm()
    form.pair.choices = _choices(pairs)
    return form


def _render_form(
    form: TermForm, term: Term | None, status: int = 200, duplicate: int | None = None
) -> tuple[str, int]:
    pair = parse_pair(form.pair.data)
    return render_template(
        "terms/form.html",
        form=form,
        term=term,
        duplicate=duplicate,
        decides=pair is not None and may_decide_terms(current_user, pair[0], pair[1]),
    ), status


def _save(form: TermForm, term: Term | None) -> Response | tuple[str, int]:
    """Creates or updates from a validated form; the error sentence on the form otherwise."""
    pair = parse_pair(form.pair.data)
    if pair is None:
        form.pair.errors = ["Choose a pair from the list."]
        return _render_form(form, term, 400)
    session = db_session()
    try:
        data = form.to_input(pair)
        if term is None:
            saved = operations.create_term(session, current_user, data)
        else:
            saved = operations.update_term(session, current_user, term, data)
    except DuplicateTerm as error:
        rollback()
        form.form_errors.append(error.message)
        return _render_form(form, term, error.status_code, duplicate=error.existing_id)
    except TranslateFlowError as error:
        rollback()  # nothing of a refused term is kept
        form.form_errors.append(error.message)
        return _render_form(form, term, error.status_code)
    commit()
    if term is not None:
        flash(f"Saved “{saved.source}”.", "success")
    elif saved.status is TermStatus.PROPOSED:
        flash(
            f"Proposed “{saved.source}”: a reviewer of the pair will approve it; until then "
            "the editor does not mark it.",
            "success",
        )
    else:
        flash(f"Added “{saved.source}” to the termbase.", "success")
    return redirect(url_for("terms.show", term_id=saved.id))


@bp.route("/terms/new", methods=["GET", "POST"])
def new() -> Response | tuple[str, int]:
    form = _term_form(current_user)
    if request.method == "GET":
        # Prefilled from the editor ("Add to the glossary" without JavaScript) or a link.
        own = [(p.source_language, p.target_language) for p in current_user.language_pairs]
        pair = parse_pair(request.args.get("pair")) or parse_pair(":".join(own[0]) if own else "")
        form.pair.data = f"{pair[0]}:{pair[1]}" if pair else ""
        form.source.data = request.args.get("source", "")[:500]
        form.targets.data = request.args.get("target", "")[:500]
        return _render_form(form, None)
    if not form.validate_on_submit():
        return _render_form(form, None, 400)
    return _save(form, None)


@bp.route("/terms/<int:term_id>")
def show(term_id: int) -> str:
    session = db_session()
    term = operations.get_term(session, term_id)
    decides = may_decide_terms(current_user, term.source_language, term.target_language)
    return render_template(
        "terms/show.html",
        term=term,
        source=get_language(term.source_language),
        target=get_language(term.target_language),
        history=history_lines(operations.term_history(session, term.id)),
        uses=where_used(session, term),
        may_change=may_change_term(current_user, term),
        decides=decides,
        decision=DecisionForm(),
        delete_form=ActionForm(),
        labels=_page_labels(),
    )


@bp.route("/terms/<int:term_id>/edit", methods=["GET", "POST"])
def edit(term_id: int) -> Response | tuple[str, int]:
    session = db_session()
    term = operations.get_term(session, term_id)
    if not may_change_term(current_user, term):
        abort(
            403,
            "Only coordinators and the pair's reviewers change its terms; a translator may "
            "change their own proposal while it waits.",
        )
    form = _term_form(current_user, term)
    if request.method == "GET":
        form.fill_from(term)
        return _render_form(form, term)
    if not form.validate_on_submit():
        return _render_form(form, term, 400)
    return _save(form, term)


@bp.route("/terms/<int:term_id>/decision", methods=["POST"])
def decide(term_id: int) -> Response:
    session = db_session()
    term = operations.get_term(session, term_id)
    form = DecisionForm()
    if not form.validate_on_submit() or not (form.approve.data or form.reject.data):
        raise ValidationFailed("The form was incomplete; reload the page and try again.")
    approve = bool(form.approve.data)
    operations.decide_term(
        session, current_user, term, approve=approve, comment=form.comment.data or ""
    )
    commit()
    flash(f"{'Approved' if approve else 'Rejected'} “{term.source}”.", "success")
    back = request.args.get("back")
    if back == "proposals":
        return redirect(url_for("terms.proposals_page"))
    return redirect(url_for("terms.show", term_id=term.id))


@bp.route("/terms/<int:term_id>/delete", methods=["POST"])
def delete(term_id: int) -> Response:
    session = db_session()
    term = operations.get_term(session, term_id)
    if not ActionForm().validate_on_submit():
        raise ValidationFailed("The form was incomplete; reload the page and try again.")
    source, pair = term.source, f"{term.source_language}:{term.target_language}"
    operations.delete_term(session, current_user, term)
    commit()
    flash(f"Deleted “{source}”; its history is kept.", "success")
    return redirect(url_for("terms.index", pair=pair))


@bp.route("/terms/proposals")
def proposals_page() -> str:
    session = db_session()
    waiting = proposals(session, current_user)
    return render_template(
        "terms/proposals.html",
        terms=waiting,
        decides={
            term.id: may_decide_terms(current_user, term.source_language, term.target_language)
            for term in waiting
        },
        decision=DecisionForm(),
        labels=_page_labels(),
    )


def _import_form() -> ImportForm:
    form = ImportForm()
    pairs = decided_pairs(db_session(), current_user)
    form.pair.choices = [SelectChoice("", "As the file says"), *_choices(pairs)]
    return form


def _render_import(
    form: ImportForm, problems: list[RowProblem] | None = None, status: int = 200
) -> tuple[str, int]:
    return render_template("terms/import.html", form=form, problems=problems or []), status


@bp.route("/terms/import", methods=["GET", "POST"])
def import_file() -> Response | tuple[str, int]:
    """A CSV or TBX file into the termbase: every row, or none with each wrong row named."""
    if not decides_some_pair(current_user):
        abort(403, "Only coordinators and the reviewers of a pair import terms.")
    form = _import_form()
    if request.method == "GET":
        return _render_import(form)
    if not form.validate_on_submit():
        return _render_import(form, status=400)
    pair = parse_pair(form.pair.data)
    try:
        outcome = import_terms(
            db_session(),
            current_user,
            form.file.data.stream,
            filename=form.file.data.filename or "",
            format=form.format.data or None,
            source_language=pair[0] if pair else None,
            target_language=pair[1] if pair else None,
            max_bytes=int(current_app.config.get("TERMS_IMPORT_MAX_BYTES") or DEFAULT_MAX_BYTES),
            configured_targets=current_app.config.get("TARGET_LANGUAGES", ()),
        )
    except TermsImportRefused as refusal:
        rollback()  # all or nothing
        form.form_errors.append(refusal.message)
        return _render_import(form, refusal.problems, refusal.status_code)
    except TranslateFlowError as error:
        rollback()
        form.form_errors.append(error.message)
        return _render_import(form, status=error.status_code)
    commit()
    flash(
        f"Imported the {outcome.format.upper()} file: {outcome.added:,} added, "
        f"{outcome.updated:,} updated, {outcome.skipped:,} skipped (unchanged).",
        "success",
    )
    first = outcome.pairs[0] if outcome.pairs else None
    return redirect(url_for("terms.index", pair=f"{first[0]}:{first[1]}" if first else None))
