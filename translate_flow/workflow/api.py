"""API v1: translations, their workflow actions and their history.

Every action goes through `translate_flow.workflow.web.acting.act`, the one entry point that also
tells the people concerned; the workflow (`translate_flow.domain.workflow`) decides who may do what.
"""

from datetime import datetime
from typing import Any

from flask import abort, current_app, jsonify, request, url_for
from flask_login import current_user, login_required
from sqlalchemy import Select, select
from sqlalchemy.orm import Session, selectinload
from werkzeug.wrappers import Response

from translate_flow.checks.gate import GATED_ACTIONS, gate
from translate_flow.checks.segment_findings import SegmentFinding, translation_findings
from translate_flow.core.api import inputs
from translate_flow.core.api.inputs import json_object, string
from translate_flow.core.api.openapi import describe
from translate_flow.core.api.references import person_ref
from translate_flow.core.api.views import bp
from translate_flow.core.errors import Conflict, PermissionDenied, ValidationFailed
from translate_flow.core.input_ranges import MAX_INTEGER
from translate_flow.core.paging import paginate
from translate_flow.core.web.request_db import commit, db_session
from translate_flow.domain.models import (
    Event,
    Segment,
    Translation,
    TranslationSegment,
    TranslationState,
    User,
    utcnow,
)
from translate_flow.domain.permissions import can_fire, can_manage_articles, can_view_articles
from translate_flow.domain.workflow import Action, ChangeReason, Request, available_actions, decide
from translate_flow.editing import machine_share
from translate_flow.intake import articles
from translate_flow.markup.source_tags import tag_source
from translate_flow.text.languages import get_language
from translate_flow.workflow import opening, transitions
from translate_flow.workflow.openapi import (
    TRANSITION_ACTIONS,
    translation_paths,
    translation_schemas,
)
from translate_flow.workflow.transitions import Fired
from translate_flow.workflow.web.acting import act

describe("workflow", translation_paths, translation_schemas)

TRANSITION_FIELDS = {"action", "reason", "change_reason", "override", "proposed_due_at"}
ASSIGN_FIELDS = {"translator_id", "reviewer_id", "due_at"}


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None


def translation_summary(translation: Translation) -> dict[str, Any]:
    """The translation without its segments: for lists."""
    article = translation.article
    return {
        "id": translation.id,
        "url": url_for("api.get_translation", translation_id=translation.id),
        "state": translation.state.value,
        "article": {
            "id": article.id,
            "title": article.title,
            "source_language": article.source_language,
            "url": url_for("articles.show", article_id=article.id, _external=True),
        },
        "target_language": translation.target_language,
        "translator": person_ref(translation.translator),
        "reviewer": person_ref(translation.reviewer),
        "due_at": _iso(translation.due_at),
        # A reviewer's proposed new due date, until a coordinator accepts or declines it.
        "proposed_due_at": _iso(translation.proposed_due_at),
        "claimed_at": _iso(translation.claimed_at),
        "submitted_at": _iso(translation.submitted_at),
        "created_at": _iso(translation.created_at),
        "updated_at": _iso(translation.updated_at),
    }


def segment_json(
    row: TranslationSegment, segment: Segment, findings: list[SegmentFinding]
) -> dict[str, Any]:
    tagged = tag_source(segment.html)
    return {
        "segment_id": segment.id,
        "position": segment.position,
        "kind": segment.kind.value,
        "source": segment.text,
        # What a client writes `text` against: the source's links and emphasis as numbered
        # placeholders, and what each number stands for.
        "source_tagged": tagged.text,
        "tags": [tag.as_json() for tag in tagged.tags],
        "text": row.text,
        "version": row.version,
        "leave_untranslated": row.leave_untranslated,
        "source_changed": row.is_source_changed,
        "findings": [finding.as_json() for finding in findings],
    }


def segment_rows(session: Session, translation: Translation) -> list[dict[str, Any]]:
    """The active (not set-aside) segments in reading order, with their checks' findings."""
    pairs = transitions.active_segments(session, translation)
    findings = translation_findings(session, translation, pairs)
    return [segment_json(row, segment, findings[segment.id]) for row, segment in pairs]


def translation_json(session: Session, translation: Translation) -> dict[str, Any]:
    """The translation as the caller sees it: what they may do now, and every segment."""
    actor = transitions.actor_for(session, current_user, translation)
    situation = transitions.situation_of(session, translation)
    return translation_summary(translation) | {
        "available_actions": [a.value for a in available_actions(actor, situation)],
        "segments": segment_rows(session, translation),
        "machine_share": _machine_share_json(session, translation),
    }


def _machine_share_json(session: Session, translation: Translation) -> dict[str, Any] | None:
    """How much of the text was unedited machine output at the latest submit, approval or
    publication; null before the first."""
    line = machine_share.latest_share(session, translation)
    return line.as_json() if line is not None else None


def event_json(event: Event, names: dict[int, str]) -> dict[str, Any]:
    payload = dict(event.payload)
    actor = (
        {"id": event.actor_id, "name": names.get(event.actor_id, "")}
        if event.actor_id is not None
        else None
    )
    return {
        "id": event.id,
        "action": event.action.removeprefix("translation:"),
        "actor": actor,
        "from": payload.pop("from", None),
        "to": payload.pop("to", None),
        "reason": payload.pop("reason", None),
        "change_reason": payload.pop("change_reason", None),
        "override": payload.pop("override", None),
        "at": event.created_at.isoformat(),
        # What else the action recorded, e.g. whom an assignment named and the due date.
        "details": payload,
    }


def _moved(session: Session, fired: Fired) -> dict[str, Any]:
    return {
        "action": fired.action.value,
        "from": fired.from_state.value,
        "state": fired.to_state.value,
        "translation": translation_json(session, fired.translation),
    }


def _no_fields() -> None:
    """Actions without input accept no body or `{}`, and nothing else."""
    if request.get_data():
        json_object(set())


def _person(session: Session, data: dict[str, Any], name: str) -> User | None:
    value = inputs.identifier(data, name, what="a person's id (a whole number)")
    if value is None:
        return None
    person = session.get(User, value)
    if person is None:
        raise ValidationFailed(f"{name}: there is no person with the id {value}.")
    return person


def _action(value: Any) -> Action:
    if value in (Action.CLAIM, Action.ASSIGN):
        raise ValidationFailed(f"To {value}, POST to …/translations/{{id}}/{value} instead.")
    if not isinstance(value, str) or value not in TRANSITION_ACTIONS:
        raise ValidationFailed(f"action must be one of {', '.join(TRANSITION_ACTIONS)}.")
    return Action(value)


def _workflow_request(data: dict[str, Any]) -> Request:
    change_reason = data.get("change_reason")
    if change_reason is not None and (
        not isinstance(change_reason, str) or change_reason not in set(ChangeReason)
    ):
        reasons = ", ".join(r.value for r in ChangeReason)
        raise ValidationFailed(f"change_reason must be one of {reasons}.")
    return Request(
        reason=string(data, "reason"),
        change_reason=ChangeReason(change_reason) if change_reason is not None else None,
        override=string(data, "override"),
    )


def _fire(
    translation: Translation,
    action: Action,
    reason: Request | None = None,
    *,
    proposed_due_at: datetime | None = None,
) -> Fired:
    """`act`, but a claim that finds the item taken names who has it."""
    translator, reviewer = translation.translator, translation.reviewer
    try:
        return act(translation, action, reason=reason, proposed_due_at=proposed_due_at)
    except Conflict as error:
        # The workflow refuses by state ("being translated") or by a guard ("someone
        # else is reviewing"); the person wants to know who, so that they can ask.
        if action == Action.CLAIM and translation.state == TranslationState.DRAFT:
            holder, what = translator, "translating"
        elif action == Action.CLAIM_REVIEW and translation.translator_id != current_user.id:
            holder, what = reviewer, "reviewing"
        else:
            raise
        if holder is None:
            raise
        if holder.id == current_user.id:
            raise Conflict(f"You are already {what} this.") from error
        raise Conflict(f"{holder.display_name} is already {what} this.") from error


def _list_query() -> Select[Translation]:
    """The translations the query string asks for, unordered."""
    args = request.args
    query = select(Translation).options(
        selectinload(Translation.article),
        selectinload(Translation.translator),
        selectinload(Translation.reviewer),
    )
    if args.get("state"):
        if args["state"] not in set(TranslationState):
            states = ", ".join(s.value for s in TranslationState)
            raise ValidationFailed(f"state must be one of {states}.")
        query = query.where(Translation.state == TranslationState(args["state"]))
    if args.get("target_language"):
        code = get_language(args["target_language"]).code
        query = query.where(Translation.target_language == code)
    for name, column in (
        ("translator_id", Translation.translator_id),
        ("article_id", Translation.article_id),
    ):
        value = inputs.query_number(name)
        if value is not None:
            query = query.where(column == value)
    if inputs.query_flag("mine"):
        query = query.where(
            (Translation.translator_id == current_user.id)
            | (Translation.reviewer_id == current_user.id)
        )
    if inputs.query_flag("overdue"):
        # Only work still being translated can be late; due_at is the translator's date.
        query = query.where(
            Translation.state == TranslationState.DRAFT, Translation.due_at < utcnow()
        )
    return query


@bp.route("/articles/<int:article_id>/translations", methods=["POST"])
@login_required
def create_translation(article_id: int) -> tuple[Response, int]:
    if not can_manage_articles(current_user):
        raise PermissionDenied("Only coordinators open translations.")
    session = db_session()
    article = articles.get_article(session, article_id)
    data = json_object({"target_language"})
    target_language = string(data, "target_language").strip()
    if not target_language:
        raise ValidationFailed("target_language is required, e.g. en.")
    translation = opening.create_translation(session, current_user, article, target_language)
    body = translation_json(session, translation)
    commit()
    response = jsonify(body)
    response.headers["Location"] = body["url"]
    return response, 201


@bp.route("/translations")
@login_required
def list_translations() -> Response:
    if not can_view_articles(current_user):
        abort(403)
    page, per_page = inputs.paging(
        f"page and per_page must be whole numbers from 1 to {MAX_INTEGER}."
    )
    result = paginate(
        db_session(),
        _list_query(),
        # Soonest due first, then the longest waiting.
        Translation.due_at.is_(None),
        Translation.due_at,
        Translation.id,
        page=page,
        per_page=per_page,
    )
    return jsonify(
        {
            "items": [translation_summary(t) for t in result.items],
            "page": result.page,
            "per_page": result.per_page,
            "total": result.total,
            "pages": result.pages,
        }
    )


@bp.route("/translations/<int:translation_id>")
@login_required
def get_translation(translation_id: int) -> Response:
    if not can_view_articles(current_user):
        abort(403)
    session = db_session()
    translation = transitions.get_translation(session, translation_id)
    return jsonify(translation_json(session, translation))


@bp.route("/translations/<int:translation_id>/claim", methods=["POST"])
@login_required
def claim_translation(translation_id: int) -> Response:
    session = db_session()
    translation = transitions.get_translation(session, translation_id)
    _no_fields()
    fired = _fire(translation, Action.CLAIM)
    body = _moved(session, fired)
    commit()
    return jsonify(body)


@bp.route("/translations/<int:translation_id>/assign", methods=["POST"])
@login_required
def assign_translation(translation_id: int) -> Response:
    session = db_session()
    translation = transitions.get_translation(session, translation_id)
    # Who and state first, so that only coordinators learn what is wrong with the input.
    decision = decide(
        Action.ASSIGN,
        transitions.actor_for(session, current_user, translation),
        transitions.situation_of(session, translation),
        Request(),
    )
    if not decision.allowed:
        raise transitions.refusal_error(decision)
    data = json_object(ASSIGN_FIELDS)
    translator = _person(session, data, "translator_id")
    if translator is None:
        raise ValidationFailed("translator_id is required: the person to assign.")
    fired = act(
        translation,
        Action.ASSIGN,
        translator=translator,
        reviewer=_person(session, data, "reviewer_id"),
        due_at=inputs.json_moment(data.get("due_at"), "due_at"),
    )
    body = _moved(session, fired)
    commit()
    return jsonify(body)


@bp.route("/translations/<int:translation_id>/transitions", methods=["POST"])
@login_required
def transition_translation(translation_id: int) -> Response | tuple[Response, int]:
    session = db_session()
    translation = transitions.get_translation(session, translation_id)
    data = json_object(TRANSITION_FIELDS)
    action = _action(data.get("action"))
    proposed = inputs.json_moment(data.get("proposed_due_at"), "proposed_due_at")
    if proposed is not None and action != Action.REQUEST_CHANGES:
        raise ValidationFailed("proposed_due_at goes only with request_changes.")
    if action in GATED_ACTIONS and current_app.config["CHECKS_BLOCK_NUMBERS"]:
        blocked = _blocked_by_checks(session, translation, action)
        if blocked is not None:
            return blocked
    fired = _fire(translation, action, reason=_workflow_request(data), proposed_due_at=proposed)
    body = _moved(session, fired)
    commit()
    return jsonify(body)


def _blocked_by_checks(
    session: Session, translation: Translation, action: Action
) -> tuple[Response, int] | None:
    """A desk that blocks on the numbers check answers 409 with its open findings. Without
    the setting the API does not ask: a tool has no one to confirm, and the editor asks
    before it calls."""
    if not can_fire(current_user, translation, action):
        return None  # the workflow's own refusal comes first
    held = gate(session, translation, action, block_numbers=True)
    if not held.blocks:
        return None
    message = (
        "The numbers check has open findings, and this desk does not let a translation go "
        "on with them: correct the figures, or dismiss a finding with a reason."
    )
    body = {
        "error": {"code": "checks_block", "message": message},
        "findings": [item.as_json() for item in held.blocking],
    }
    return jsonify(body), 409


@bp.route("/translations/<int:translation_id>/events")
@login_required
def translation_events(translation_id: int) -> Response:
    if not can_view_articles(current_user):
        abort(403)
    session = db_session()
    events = transitions.history(session, transitions.get_translation(session, translation_id))
    actor_ids = {e.actor_id for e in events if e.actor_id is not None}
    names: dict[int, str] = {}
    if actor_ids:
        query = select(User.id, User.display_name).where(User.id.in_(actor_ids))
        names = dict(session.execute(query).all())
    return jsonify({"items": [event_json(event, names) for event in events]})
