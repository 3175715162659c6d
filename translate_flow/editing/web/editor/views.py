"""The side-by-side editor and what hangs off it: comments, a segment's history, diffs
between versions, and the reviewer's changes.

Autosave talks to the API (`PUT /api/v1/translations/{id}/segments/{segment_id}`); the
editor's own form saves the whole translation when JavaScript is off.
"""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from jinja2.utils import htmlsafe_json_dumps
from werkzeug.wrappers import Response
from wtforms.fields.choices import SelectChoice

from translate_flow.checks.segment_findings import keep_findings, translation_findings
from translate_flow.core.errors import TranslateFlowError, ValidationFailed
from translate_flow.core.input_ranges import whole_number_or_none
from translate_flow.core.web.forms import ActionForm
from translate_flow.core.web.request_db import commit, db_session, rollback
from translate_flow.domain.models import Translation
from translate_flow.domain.permissions import can_read_review_changes, can_view_articles
from translate_flow.editing import comments, comparing, revisions
from translate_flow.editing import saving as editing
from translate_flow.editing.comparing import Ref, RevisionDiff, TextDiff
from translate_flow.editing.saving import PlaceholderRefused, SaveOutcome, SegmentEdit
from translate_flow.editing.web.commenting import comment
from translate_flow.editing.web.editor.forms import (
    CommentForm,
    CompareForm,
    EditorForm,
    ResolveForm,
    RestoreForm,
)
from translate_flow.editing.workspace import STATUS_WORDS, workspace
from translate_flow.text.languages import get_language
from translate_flow.text.wordcount import count_unit
from translate_flow.workflow.desk import snapshot_list
from translate_flow.workflow.transitions import get_translation

bp = Blueprint("editor", __name__)


@bp.before_request
@login_required
def _desk_only() -> None:
    if not can_view_articles(current_user):
        abort(403)


def _editor_url(translation: Translation, segment_id: int | None = None) -> str:
    anchor = f"seg-{segment_id}" if segment_id else None
    return url_for("editor.edit", translation_id=translation.id, _anchor=anchor)


def _render_editor(
    translation: Translation,
    *,
    conflicts: dict[int, SaveOutcome] | None = None,
    sent: dict[int, str] | None = None,
    misplaced: dict[int, str] | None = None,
    status: int = 200,
) -> tuple[str, int]:
    session = db_session()
    ws = workspace(session, translation)
    # Read with the page (the rows already read; each row's own checks as its last save kept
    # them, where they still hold): the toolbar counts open findings and the page lists them
    # per row without JavaScript.
    findings = translation_findings(session, translation, [(r.row, r.segment) for r in ws.rows])
    conflicts = conflicts or {}
    decision = editing.edit_decision(session, current_user, translation)
    return render_template(
        "editing/editor/edit.html",
        translation=translation,
        ws=ws,
        # A conflicting or refused segment's box keeps the text the person sent.
        texts=(sent or {})
        | {segment_id: outcome.mine for segment_id, outcome in conflicts.items()},
        # Per segment: why its placeholders were refused.
        misplaced=misplaced or {},
        max_chars=editing.MAX_SEGMENT_CHARS,
        decision=decision,
        source=get_language(translation.article.source_language),
        target=get_language(translation.target_language),
        status_words=STATUS_WORDS,
        findings=findings,
        # Written here, and only for rows with findings (the template's default is "[]"):
        # `tojson` on each of 150 rows was a fiftieth of the page.
        findings_json={
            sid: htmlsafe_json_dumps([f.as_json() for f in items])
            for sid, items in findings.items()
            if items
        },
        open_findings=sum(1 for items in findings.values() for f in items if f.is_open),
        source_unit=count_unit(translation.article.source_language),
        target_unit=count_unit(translation.target_language),
        conflicts=conflicts,
        comment_form=CommentForm(formdata=None),
        resolve_form=ResolveForm(formdata=None),
        unseen_review=comparing.unseen_decisions(session, current_user, translation)
        if translation.translator_id == current_user.id
        else [],
    ), status


@bp.route("/translations/<int:translation_id>/edit")
def edit(translation_id: int) -> tuple[str, int]:
    return _render_editor(get_translation(db_session(), translation_id))


@bp.route("/translations/<int:translation_id>/edit", methods=["POST"])
def save_all(translation_id: int) -> Response | tuple[str, int]:
    """The whole translation at once: the editor without JavaScript."""
    session = db_session()
    translation = get_translation(session, translation_id)
    editing.check_may_edit(session, current_user, translation)
    form = EditorForm()
    if not form.validate():
        messages = sorted(
            {m for entry in form.segments for ms in entry.errors.values() for m in ms}
        )
        raise ValidationFailed(
            "The form was incomplete; nothing was saved. " + " ".join(messages or ["Reload it."])
        )
    edits = [
        SegmentEdit(
            segment_id=entry.form.segment_id.data,
            base_version=entry.form.version.data,
            text=entry.form.text.data or "",
            done=bool(entry.form.done.data),
            leave_untranslated=bool(entry.form.leave_untranslated.data),
        )
        for entry in form.segments
    ]
    try:
        outcomes = editing.save_many(session, current_user, translation, edits)
    except PlaceholderRefused as error:
        rollback()
        return _refused_tags(translation, edits, error)
    # The page that follows reads the saved rows' findings: kept now, with the save.
    keep_findings(session, translation, {o.row.segment_id for o in outcomes if not o.conflict})
    commit()  # refused texts are stored as revisions too
    conflicts = {o.row.segment_id: o for o in outcomes if o.conflict}
    if conflicts:
        return _render_editor(translation, conflicts=conflicts, status=409)
    merged = sum(1 for o in outcomes if o.merged)
    message = f"Saved {len(outcomes)} segment(s)." if outcomes else "Nothing had changed."
    if merged:
        message += f" {merged} merged with someone else’s edits."
    flash(message, "success")
    return redirect(_editor_url(translation))


def _refused_tags(
    translation: Translation, edits: list[SegmentEdit], error: PlaceholderRefused
) -> tuple[str, int]:
    """The editor again, every box as sent, with each misplaced tag named by segment."""
    numbers = {edit.segment_id: number for number, edit in enumerate(edits, start=1)}
    lines = [f"Segment {numbers.get(p.segment_id, '?')}: {p.message}" for p in error.problems]
    flash("Nothing was saved: some tags are not placed right. " + " ".join(lines), "error")
    return _render_editor(
        translation,
        sent={edit.segment_id: edit.text for edit in edits},
        misplaced={p.segment_id: p.message for p in error.problems},
        status=error.status_code,
    )


@bp.route("/translations/<int:translation_id>/comments", methods=["POST"])
def add_comment(translation_id: int) -> Response:
    session = db_session()
    translation = get_translation(session, translation_id)
    form = CommentForm()
    segment_id = whole_number_or_none(form.segment_id.data)
    if not form.validate():
        flash(" ".join(form.body.errors) or "The comment could not be read.", "error")
        return redirect(_editor_url(translation, segment_id))
    parent_id = whole_number_or_none(form.parent_id.data)
    parent = (
        comments.get_comment(session, translation, parent_id) if parent_id is not None else None
    )
    added = comment(translation, form.body.data or "", segment_id=segment_id, parent=parent)
    commit()
    told = ", ".join(p.display_name for p in added.mentioned)
    flash("Comment added." + (f" {told} will be told." if told else ""), "success")
    return redirect(_editor_url(translation, segment_id))


@bp.route("/translations/<int:translation_id>/comments/<int:comment_id>/resolve", methods=["POST"])
def resolve_comment(translation_id: int, comment_id: int) -> Response:
    session = db_session()
    translation = get_translation(session, translation_id)
    comment = comments.get_comment(session, translation, comment_id)
    form = ResolveForm()
    if not form.validate():
        raise ValidationFailed("The form was incomplete; reload the page and try again.")
    resolved = form.resolved.data == "1"
    root = comments.set_resolved(session, current_user, translation, comment, resolved=resolved)
    commit()
    flash("Thread resolved." if resolved else "Thread reopened.", "success")
    segment_id = None
    if root.translation_segment_id is not None:
        segment_id = comments.row_segments(session, translation).get(root.translation_segment_id)
    return redirect(_editor_url(translation, segment_id))


@bp.route("/translations/<int:translation_id>/segments/<int:segment_id>/history")
def history(translation_id: int, segment_id: int) -> str:
    session = db_session()
    translation = get_translation(session, translation_id)
    row = editing.find_row(session, translation, segment_id)
    lines = revisions.revision_lines(session, row)
    by_id = {line.revision.id: line for line in lines}
    diff = None
    chosen = (request.args.get("from", ""), request.args.get("to", ""))
    if all(whole_number_or_none(value) in by_id for value in chosen):
        old, new = (by_id[int(value)].revision for value in chosen)
        diff = comparing.compare(
            session, translation, Ref("revision", old.id), Ref("revision", new.id)
        )
    elif len(lines) >= 2:  # the latest change, to start with
        diff = comparing.compare(
            session,
            translation,
            Ref("revision", lines[1].revision.id),
            Ref("revision", lines[0].revision.id),
        )
    return render_template(
        "editing/editor/history.html",
        translation=translation,
        row=row,
        lines=lines,
        diff=diff if isinstance(diff, RevisionDiff) else None,
        restore_form=RestoreForm(formdata=None, data={"base_version": row.version}),
        target=get_language(translation.target_language),
        source=get_language(translation.article.source_language),
    )


@bp.route(
    "/translations/<int:translation_id>/revisions/<int:revision_id>/restore", methods=["POST"]
)
def restore(translation_id: int, revision_id: int) -> Response | tuple[str, int]:
    session = db_session()
    translation = get_translation(session, translation_id)
    form = RestoreForm()
    if not form.validate():
        raise ValidationFailed("The form was incomplete; reload the page and try again.")
    try:
        outcome = revisions.restore_revision(
            session, current_user, translation, revision_id, base_version=form.base_version.data
        )
    except PlaceholderRefused as error:
        # An old text may hold tags its source no longer has (a correction since).
        rollback()
        flash(f"That text was not restored: {error.message}", "error")
        segment_id = error.problems[0].segment_id
        return redirect(
            url_for("editor.history", translation_id=translation.id, segment_id=segment_id)
        )
    commit()
    segment_id = outcome.row.segment_id
    if outcome.conflict:
        flash(
            "Someone changed this segment since you opened its history, so the old text was "
            "not restored (it is kept in the history). Look at the current text and try again.",
            "error",
        )
    else:
        flash("The earlier text is back, as a new revision.", "success")
    return redirect(url_for("editor.history", translation_id=translation.id, segment_id=segment_id))


def _choices(translation: Translation) -> list[SelectChoice]:
    rows = snapshot_list(db_session(), translation)
    choices = [
        SelectChoice(
            f"snapshot:{s.id}",
            f"As {s.label} — {s.at:%Y-%m-%d %H:%M} UTC by {s.actor or 'someone'}",
        )
        for s in rows
    ]
    return [*choices, SelectChoice("current", "As it is now")]


@bp.route("/translations/<int:translation_id>/compare")
def compare(translation_id: int) -> tuple[str, int]:
    """Two versions of the whole translation: snapshots, or a snapshot and now."""
    session = db_session()
    translation = get_translation(session, translation_id)
    form = CompareForm(request.args)
    form.before.choices = _choices(translation)
    form.after.choices = form.before.choices
    values = [choice.value for choice in form.before.choices]
    before = form.before.data if form.before.data in values else None
    after = form.after.data if form.after.data in values else "current"
    opening = comparing.opening_comparison(session, translation) if before is None else None
    if opening is not None:
        before = str(opening.before)
    form.before.data, form.after.data = before, after
    diff: TextDiff | None = None
    status = 200
    if before is not None:
        try:
            result = comparing.compare(
                session, translation, Ref.parse(before, "from"), Ref.parse(after, "to")
            )
        except TranslateFlowError as error:
            rollback()
            flash(error.message, "error")
            status = error.status_code
        else:
            diff = result if isinstance(result, TextDiff) else None
    return render_template(
        "editing/editor/compare.html",
        translation=translation,
        form=form,
        diff=diff,
        view=form.view.data if form.view.data in ("inline", "side") else "inline",
        target=get_language(translation.target_language),
        source=get_language(translation.article.source_language),
        only_changed=request.args.get("changed", "") in ("1", "on", "yes"),
        opening=opening,
    ), status


@bp.route("/translations/<int:translation_id>/review-changes")
def review_changes(translation_id: int) -> str:
    """What the reviewer changed against the text as submitted, round by round."""
    session = db_session()
    translation = get_translation(session, translation_id)
    if not can_read_review_changes(current_user, translation):
        abort(
            403,
            "The reviewer’s changes are shown to the translator, the reviewer and coordinators.",
        )
    rounds = comparing.review_rounds(session, translation)
    wanted = request.args.get("round", "")
    current = next((r for r in rounds if str(r.number) == wanted), rounds[-1] if rounds else None)
    diff = comparing.review_changes(session, translation, current) if current else None
    seen = (
        comparing.has_seen(session, current_user, current.decided)
        if current and current.decided
        else False
    )
    return render_template(
        "editing/editor/review_changes.html",
        translation=translation,
        rounds=rounds,
        current=current,
        diff=diff,
        seen=seen,
        target=get_language(translation.target_language),
    )


@bp.route(
    "/translations/<int:translation_id>/review-changes/<int:snapshot_id>/seen", methods=["POST"]
)
def mark_seen(translation_id: int, snapshot_id: int) -> Response:
    session = db_session()
    translation = get_translation(session, translation_id)
    if not ActionForm().validate():
        raise ValidationFailed("The form was incomplete; reload the page and try again.")
    snapshot = comparing.get_snapshot(session, translation, snapshot_id)
    comparing.mark_seen(session, current_user, translation, snapshot)
    commit()
    flash("Marked as seen.", "success")
    number = request.args.get("round", "")
    return redirect(
        url_for("editor.review_changes", translation_id=translation.id, round=number or None)
    )
