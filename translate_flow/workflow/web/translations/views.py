"""Translations: their page and workflow buttons, the assign screen, the coordinator board.

Who may fire which action is the workflow's to decide (`translate_flow.domain.workflow`); the
pages ask it through `can_fire` for the buttons they show, and these views report its refusals
on the page, nothing changed.
"""

from datetime import UTC, date, datetime, time, timedelta

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy.orm import Session
from werkzeug.wrappers import Response
from wtforms.fields.choices import SelectChoice

from translate_flow.checks.gate import GATED_ACTIONS, gate
from translate_flow.core.errors import TranslateFlowError
from translate_flow.core.input_ranges import whole_number_or_none
from translate_flow.core.web.addresses import site_url
from translate_flow.core.web.downloads import content_disposition
from translate_flow.core.web.forms import ActionForm, id_choices
from translate_flow.core.web.request_db import commit, db_session, rollback
from translate_flow.domain.models import Translation, TranslationState, User, utcnow
from translate_flow.domain.permissions import (
    can_coordinate_translations,
    can_fire,
    can_view_articles,
)
from translate_flow.domain.workflow import PAST, Action, ChangeReason, EditRole, Request
from translate_flow.editing import saving as editing
from translate_flow.publishing import exports, publications
from translate_flow.publishing import planned as publishing
from translate_flow.text.languages import get_language
from translate_flow.workflow import board as board_service
from translate_flow.workflow import desk, desk_choices, due_dates
from translate_flow.workflow.assignment import Candidate, rank_candidates
from translate_flow.workflow.transitions import Fired, get_translation
from translate_flow.workflow.web.acting import act
from translate_flow.workflow.web.translations.forms import (
    AssignForm,
    BoardFilterForm,
    DueDecisionForm,
    ScheduleForm,
    TransitionForm,
)

bp = Blueprint("translations", __name__)

BUTTONS = {
    Action.CLAIM: "Claim",
    Action.RELEASE: "Release to the pool",
    Action.SUBMIT: "Submit for review",
    Action.CLAIM_REVIEW: "Take for review",
    Action.RELEASE_REVIEW: "Release the review",
    Action.REQUEST_CHANGES: "Request changes",
    Action.APPROVE: "Approve",
    Action.PUBLISH: "Publish",
    Action.UNPUBLISH: "Unpublish",
    Action.REOPEN: "Reopen for corrections",
    Action.WITHDRAW: "Withdraw",
    Action.RESTORE: "Restore to the pool",
}
# Actions whose form asks for a written reason (the workflow refuses them without one).
REASON_ACTIONS = frozenset({Action.UNPUBLISH, Action.REOPEN, Action.WITHDRAW})


@bp.before_request
@login_required
def _desk_only() -> None:
    if not can_view_articles(current_user):
        abort(403)


def _coordinators_only() -> None:
    if not can_coordinate_translations(current_user):
        abort(403, "Only coordinators assign translations and run the board.")


def _render_page(
    translation: Translation,
    *,
    form: TransitionForm | None = None,
    failed: Action | None = None,
    error: str = "",
    status: int = 200,
    schedule_form: ScheduleForm | None = None,
) -> tuple[str, int]:
    session = db_session()
    return render_template(
        "workflow/translations/show.html",
        translation=translation,
        source=get_language(translation.article.source_language),
        target=get_language(translation.target_language),
        overdue=board_service.is_overdue(translation.state, translation.due_at, utcnow()),
        progress=desk.translation_progress(session, translation),
        history=desk.history_rows(session, translation),
        snapshots=desk.snapshot_list(session, translation),
        buttons=BUTTONS,
        reason_actions=REASON_ACTIONS,
        form=form if form is not None else TransitionForm(formdata=None),
        blank=TransitionForm(formdata=None),
        failed=failed,
        error=error,
        editor_label=_editor_label(session, translation),
        publication=publications.publication_of(session, translation),
        schedule_form=schedule_form or ScheduleForm(formdata=None),
    ), status


def _editor_label(session: Session, translation: Translation) -> str:
    role = editing.edit_decision(session, current_user, translation).role
    if role is EditRole.REVIEWER:
        return "Review in the editor"
    return "Open the editor" if role is not None else "Read side by side"


@bp.route("/translations/<int:translation_id>")
def show(translation_id: int) -> tuple[str, int]:
    return _render_page(get_translation(db_session(), translation_id))


def _request_from(form: TransitionForm) -> Request:
    change = form.change_reason.data or ""
    return Request(
        reason=form.reason.data or "",
        change_reason=ChangeReason(change) if change in set(ChangeReason) else None,
        override=form.override.data or "",
    )


def _done(fired: Fired) -> str:
    translation = fired.translation
    holder, due_at = translation.translator, translation.due_at
    due = f"due {due_at:%Y-%m-%d %H:%M} UTC" if due_at is not None else "no due date"
    if fired.action == Action.CLAIM:
        return f"It is yours: {due}."
    if fired.action == Action.ASSIGN and holder is not None:
        return f"Assigned to {holder.display_name}, {due}."
    return f"Translation {PAST[fired.action]}."


@bp.route("/translations/<int:translation_id>/actions/<action>", methods=["POST"])
def fire_action(translation_id: int, action: str) -> Response | tuple[str, int]:
    """Every workflow button but assigning, which has its own screen."""
    if action not in set(Action) or action == Action.ASSIGN:
        abort(404)
    chosen = Action(action)
    translation = get_translation(db_session(), translation_id)
    form = TransitionForm()
    if not form.validate():
        return _render_page(translation, form=form, failed=chosen, status=400)
    proposed = _due_at(form.proposed_due_on.data) if chosen == Action.REQUEST_CHANGES else None
    held = _held_by_checks(translation, chosen, form)
    if held is not None:
        return held
    try:
        fired = act(translation, chosen, reason=_request_from(form), proposed_due_at=proposed)
    except TranslateFlowError as error:
        rollback()  # nothing was written; the page reads afresh
        return _render_page(
            translation, form=form, failed=chosen, error=error.message, status=error.status_code
        )
    commit()
    flash(_done(fired), "success")
    return redirect(url_for("translations.show", translation_id=translation.id))


def _held_by_checks(
    translation: Translation, action: Action, form: TransitionForm
) -> tuple[str, int] | None:
    """The page that shows open error-level findings before a submit or an approval: to
    confirm (the form again, with confirm=1), or, for the numbers check on a desk that says
    so, to fix first."""
    if action not in GATED_ACTIONS or not can_fire(current_user, translation, action):
        return None  # the workflow's own refusal comes first
    held = gate(
        db_session(),
        translation,
        action,
        block_numbers=current_app.config["CHECKS_BLOCK_NUMBERS"],
    )
    if not held.blocks and (not held.asks or request.form.get("confirm") == "1"):
        return None
    return render_template(
        "checks/confirm.html",
        translation=translation,
        action=action,
        button=BUTTONS[action],
        gate=held,
        form=form,
    ), 409 if held.blocks else 200


@bp.route("/translations/<int:translation_id>/due-proposal", methods=["POST"])
def decide_due_proposal(translation_id: int) -> Response | tuple[str, int]:
    """A coordinator accepts or declines the due date a reviewer proposed."""
    session = db_session()
    translation = get_translation(session, translation_id)
    form = DueDecisionForm()
    if not form.validate():
        return _render_page(translation, error="Choose accept or decline.", status=400)
    try:
        expected = datetime.fromisoformat(form.proposed_due_at.data or "")
    except ValueError:
        return _render_page(translation, error="The proposal could not be read.", status=400)
    decide = (
        due_dates.accept_proposal if form.decision.data == "accept" else due_dates.decline_proposal
    )
    try:
        proposed = decide(session, current_user, translation, now=utcnow(), expected=expected)
    except TranslateFlowError as error:
        rollback()
        return _render_page(translation, error=error.message, status=error.status_code)
    commit()
    day = f"{proposed:%Y-%m-%d %H:%M} UTC"
    accepted = form.decision.data == "accept"
    flash(f"It is now due {day}." if accepted else "Declined: it stays due as before.", "success")
    return redirect(url_for("translations.show", translation_id=translation.id))


@bp.route("/translations/<int:translation_id>/schedule", methods=["POST"])
def schedule(translation_id: int) -> Response | tuple[str, int]:
    """Plan the publication of an approved translation for a later time (UTC)."""
    session = db_session()
    translation = get_translation(session, translation_id)
    form = ScheduleForm()
    if not form.validate() or form.publish_at.data is None:
        return _render_page(translation, schedule_form=form, status=400)
    when = form.publish_at.data.replace(tzinfo=UTC)
    try:
        publishing.schedule(session, current_user, translation, when, now=utcnow())
    except TranslateFlowError as error:
        rollback()
        form.publish_at.errors = [error.message]
        return _render_page(translation, schedule_form=form, status=error.status_code)
    commit()
    flash(f"It will be published on {when:%Y-%m-%d at %H:%M} UTC.", "success")
    return redirect(url_for("translations.show", translation_id=translation.id))


@bp.route("/translations/<int:translation_id>/unschedule", methods=["POST"])
def unschedule(translation_id: int) -> Response:
    session = db_session()
    translation = get_translation(session, translation_id)
    if not ActionForm().validate():
        abort(400)
    publishing.cancel_schedule(session, current_user, translation)
    commit()
    flash("The planned publication is cancelled.", "success")
    return redirect(url_for("translations.show", translation_id=translation.id))


def _due_at(day: date | None) -> datetime | None:
    """The end of the chosen day, UTC: "due on the 14th" includes the 14th."""
    return datetime.combine(day, time(23, 59), tzinfo=UTC) if day is not None else None


def _assign_form(
    translation: Translation, translators: list[Candidate], reviewers: list[Candidate]
) -> AssignForm:
    """The choices are the ranked candidates: anyone else is "not a valid choice"."""
    form = AssignForm()
    form.translator_id.choices = [_choice(c.user) for c in translators]
    form.reviewer_id.choices = [SelectChoice("", "No reviewer yet")]
    form.reviewer_id.choices += [_choice(c.user) for c in reviewers]
    if request.method == "GET":
        days = current_app.config["CLAIM_DAYS"]
        form.due_on.data = (utcnow() + timedelta(days=days)).date()
        form.translator_id.data = str(translation.translator_id or "")
        form.reviewer_id.data = str(translation.reviewer_id or "")
    return form


def _choice(person: User) -> SelectChoice:
    return SelectChoice(str(person.id), person.display_name)


def _person(value: str | None) -> User | None:
    return db_session().get(User, int(value)) if value else None


@bp.route("/translations/<int:translation_id>/assign", methods=["GET", "POST"])
def assign(translation_id: int) -> Response | tuple[str, int]:
    """Ranked candidates, with why; the coordinator picks a translator, a reviewer, a date."""
    session = db_session()
    translation = get_translation(session, translation_id)
    _coordinators_only()
    translators = rank_candidates(session, translation)
    reviewers = rank_candidates(session, translation, reviewing=True)
    form = _assign_form(translation, translators, reviewers)
    status = 400 if request.method == "POST" else 200
    if form.validate_on_submit():
        try:
            fired = act(
                translation,
                Action.ASSIGN,
                translator=_person(form.translator_id.data),
                reviewer=_person(form.reviewer_id.data),
                due_at=_due_at(form.due_on.data),
            )
        except TranslateFlowError as error:
            rollback()
            form.form_errors.append(error.message)
            status = error.status_code
        else:
            commit()
            flash(_done(fired), "success")
            return redirect(url_for("translations.show", translation_id=translation.id))
    return render_template(
        "workflow/translations/assign.html",
        translation=translation,
        form=form,
        translators=translators,
        reviewers=reviewers,
    ), status


def _filters(form: BoardFilterForm, people: set[int]) -> board_service.BoardFilters:
    """The filters the form accepted; a value it refused (a hand-edited address) is ignored."""
    form.validate()
    pair = form.pair.data if not form.pair.errors else ""
    source, _, target = (pair or "").partition(":")
    outlet = form.outlet.data if not form.outlet.errors else ""
    person = form.person.data or ""
    person_id = whole_number_or_none(person)
    return board_service.BoardFilters(
        pair=(source, target) if source and target else None,
        outlet_id=whole_number_or_none(outlet),
        person_id=person_id if person_id in people else None,
        overdue_only=bool(form.overdue.data),
    )


BOARD_FILTERS = ("pair", "outlet", "person", "overdue")


def _board_column(value: str | None) -> TranslationState | None:
    """The column asked for by `?column=`; None (the whole board) for anything else."""
    try:
        return TranslationState(value or "")
    except ValueError:
        return None


@bp.route("/board/")
def board() -> str:
    """The whole board, or with `?column=<state>&page=<n>` every card of one column, paged."""
    _coordinators_only()
    session = db_session()
    choices = desk_choices.people_and_pairs(session)
    form = BoardFilterForm(request.args)
    # Plain pairs throughout: the template writes these options out itself (pair_select).
    form.pair.choices = [("", "Any pair"), *((f"{s}:{t}", f"{s}→{t}") for s, t in choices.pairs)]
    form.outlet.choices = id_choices(desk_choices.outlets(session), blank="Any outlet")
    form.person.choices = [("", "Anyone"), *((str(i), name) for i, name in choices.people)]
    people = {person_id for person_id, _name in choices.people}
    filters = _filters(form, people)
    # The filters as they came, for the links between the board and a column's pages.
    kept = {name: request.args[name] for name in BOARD_FILTERS if request.args.get(name)}
    column = _board_column(request.args.get("column"))
    if column is not None:
        page = whole_number_or_none(request.args.get("page")) or 1
        return render_template(
            "workflow/translations/board_column.html",
            column_page=board_service.column_page(
                session, column, filters, page=page, people=desk_choices.pair_people(session)
            ),
            filters=form,
            kept=kept,
            now=utcnow(),
        )
    data = board_service.build_board(session, filters, people=desk_choices.pair_people(session))
    return render_template(
        "workflow/translations/board.html", board=data, filters=form, kept=kept, now=utcnow()
    )


@bp.route("/export/wordpress.xml")
def wordpress_export() -> Response:
    """Every live publication as a WordPress export (WXR), to import into a WordPress site."""
    _coordinators_only()
    document = exports.wordpress_export(
        db_session(),
        site_url=site_url(),
        site_name=current_app.config["SITE_NAME"],
        now=utcnow(),
        time_zone=current_app.config["SITE_TIME_ZONE"],
    )
    response = Response(document, content_type="application/xml; charset=utf-8")
    response.headers["Content-Disposition"] = content_disposition("translations-wordpress.xml")
    return response
