"""API v1: saving translated segments, their revisions, diffs, and comments.

A save that lost a race is merged or answered 409 with base, theirs and mine; either way
the text sent is stored as a revision before the answer goes out. A text whose placeholders
do not fit its source segment's tags is a 400 that names the placeholder, and stores nothing.
"""

import re
from typing import Any

from flask import abort, jsonify, request
from flask_login import current_user, login_required
from flask_wtf.csrf import generate_csrf
from sqlalchemy.orm import Session
from werkzeug.wrappers import Response

from translate_flow.checks.segment_findings import saved_row_findings
from translate_flow.core.api.inputs import boolean, identifier, integer, json_object, string
from translate_flow.core.api.openapi import describe
from translate_flow.core.api.views import bp
from translate_flow.core.errors import NotFound, ValidationFailed
from translate_flow.core.input_ranges import MAX_INTEGER
from translate_flow.core.web.request_db import commit, db_session
from translate_flow.domain.models import Comment, SegmentRevision, Translation, User
from translate_flow.domain.permissions import can_view_articles
from translate_flow.editing import comments, comparing
from translate_flow.editing import saving as editing
from translate_flow.editing.comparing import Ref, RevisionDiff, TextDiff
from translate_flow.editing.openapi import editing_paths, editing_schemas
from translate_flow.editing.revisions import revision_rows
from translate_flow.editing.saving import (
    ENGINE_NAME_PATTERN,
    MAX_ENGINE_NAME,
    MAX_SEGMENT_CHARS,
    SUGGESTION_KINDS,
    PlaceholderRefused,
    SaveOutcome,
    SuggestionUsed,
    source_tags,
)
from translate_flow.editing.web.commenting import comment
from translate_flow.markup.placement import missing_tags
from translate_flow.observability.metrics import count_save_conflict
from translate_flow.text.diffing import changed_share, render_inline, render_side_by_side
from translate_flow.workflow import transitions

describe("editing", editing_paths, editing_schemas)

SAVE_FIELDS = {
    "text",
    "base_version",
    "done",
    "leave_untranslated",
    "resolves_conflict",
    "suggestion",
}
# What OpenAPI's REF pattern says, with ASCII digits: `Ref.parse` alone takes any `\d`.
REF = re.compile(r"(?P<kind>snapshot|revision):(?P<id>[0-9]{1,10})|current")


def _viewable(translation_id: int) -> Translation:
    if not can_view_articles(current_user):
        abort(403)
    return transitions.get_translation(db_session(), translation_id)


def save_json(session: Session, outcome: SaveOutcome) -> dict[str, Any]:
    row = outcome.row
    return {
        "segment_id": row.segment_id,
        "text": outcome.text,
        "version": outcome.version,
        "merged": outcome.merged,
        "done": row.is_done,
        "leave_untranslated": row.leave_untranslated,
        "source_changed": row.is_source_changed,
        "revision_id": outcome.revision.id if outcome.revision is not None else None,
        # Allowed in a draft, reported so that a client can point them out.
        "missing_tags": [tag.id for tag in missing_tags(outcome.text, source_tags(row))],
        # The quality checks on the text as saved, each with the dismissal that holds for it;
        # kept with the row, so that the editor page need not run them again.
        "findings": [
            finding.as_json()
            for finding in saved_row_findings(
                session, row.translation, row, text_changed=outcome.revision is not None
            )
        ],
    }


def placeholder_json(error: PlaceholderRefused) -> dict[str, Any]:
    problem = error.problems[0]
    return {
        "error": {
            "code": error.code,
            "message": error.message,
            "placeholder": problem.placeholder,
            "segment_id": problem.segment_id,
        }
    }


def conflict_json(outcome: SaveOutcome) -> dict[str, Any]:
    return {
        "error": {
            "code": "edit_conflict",
            "message": (
                "Someone else changed this segment while you were editing, and the two edits "
                "overlap. Your text is kept in the segment's history; choose which to keep."
            ),
        },
        "segment_id": outcome.row.segment_id,
        "base": outcome.base,
        "theirs": outcome.text,
        "mine": outcome.mine,
        "version": outcome.version,
        "revision_id": outcome.revision.id if outcome.revision is not None else None,
    }


@bp.route("/translations/<int:translation_id>/segments/<int:segment_id>", methods=["PUT"])
@login_required
def save_segment(translation_id: int, segment_id: int) -> tuple[Response, int]:
    session = db_session()
    translation = editing.translation_to_edit(session, translation_id)
    # Who and when first, so that people who may not edit learn nothing about the input.
    editing.check_may_edit(session, current_user, translation)
    data = json_object(SAVE_FIELDS)
    if not isinstance(data.get("text"), str):
        raise ValidationFailed("text is required: the segment's translated text (a string).")
    required = f"base_version is required: a whole number from 0 to {MAX_INTEGER}."
    base_version = integer(data, "base_version", message=required)
    if base_version is None:
        raise ValidationFailed(required)
    try:
        outcome = editing.save_segment(
            session,
            current_user,
            translation,
            segment_id,
            text=data["text"],
            base_version=base_version,
            done=boolean(data, "done"),
            leave_untranslated=boolean(data, "leave_untranslated"),
            resolves_conflict=bool(boolean(data, "resolves_conflict")),
            suggestion=_suggestion(data.get("suggestion")),
        )
    except PlaceholderRefused as error:
        return jsonify(placeholder_json(error)), error.status_code
    if outcome.conflict:
        count_save_conflict()
    body = conflict_json(outcome) if outcome.conflict else save_json(session, outcome)
    commit()  # a refused text is stored too
    return jsonify(body), 409 if outcome.conflict else 200


SUGGESTION_FIELDS = {"kind", "unit_id", "score", "engine", "text"}
ENGINE_NAME = re.compile(ENGINE_NAME_PATTERN)


def _suggestion(value: Any) -> SuggestionUsed | None:
    """The `suggestion` a save names, checked before anything is written."""
    if value is None:
        return None
    shape = (
        'suggestion must be an object such as {"kind": "memory", "unit_id": 12, "score": 97} '
        'or {"kind": "machine", "engine": "apertium", "text": "…"}.'
    )
    if not isinstance(value, dict) or set(value) - SUGGESTION_FIELDS:
        raise ValidationFailed(shape)
    if value.get("kind") not in SUGGESTION_KINDS:
        raise ValidationFailed(f"suggestion.kind must be one of: {', '.join(SUGGESTION_KINDS)}.")
    if value["kind"] == "machine":
        return _machine_suggestion(value)
    if value.get("engine") is not None or value.get("text") is not None:
        raise ValidationFailed(
            "suggestion.engine and suggestion.text belong to a machine suggestion "
            '(kind "machine"), not to a memory match.'
        )
    unit_id = value.get("unit_id")
    if unit_id is not None and (
        not isinstance(unit_id, int) or isinstance(unit_id, bool) or not 1 <= unit_id <= MAX_INTEGER
    ):
        raise ValidationFailed("suggestion.unit_id must be the id of a memory unit.")
    score = value.get("score")
    if score is not None and (
        not isinstance(score, int) or isinstance(score, bool) or not 0 <= score <= 101
    ):
        raise ValidationFailed("suggestion.score must be a whole number from 0 to 101.")
    return SuggestionUsed(value["kind"], unit_id, score)


def _machine_suggestion(value: dict[str, Any]) -> SuggestionUsed:
    """A machine suggestion: the engine's name, and its text as inserted."""
    if value.get("unit_id") is not None or value.get("score") is not None:
        raise ValidationFailed(
            "suggestion.unit_id and suggestion.score belong to a memory match; a machine "
            "suggestion names its engine and its text."
        )
    engine = value.get("engine")
    if not isinstance(engine, str) or not ENGINE_NAME.fullmatch(engine):
        raise ValidationFailed(
            'suggestion.engine must be the name of the engine that made it, such as "apertium": '
            f'letters, digits, ".", "-" or "_", at most {MAX_ENGINE_NAME} characters.'
        )
    text = value.get("text")
    if not isinstance(text, str) or len(text) > MAX_SEGMENT_CHARS:
        raise ValidationFailed(
            "suggestion.text must be the machine's suggestion as it was inserted, placeholders "
            f"included: a string of at most {MAX_SEGMENT_CHARS:,} characters."
        )
    return SuggestionUsed("machine", engine=engine, text=text)


def suggestion_json(revision: SegmentRevision) -> dict[str, Any] | None:
    """What the text was inserted from, in the shape a save sends it."""
    if revision.suggestion_kind is None:
        return None
    if revision.suggestion_kind == "machine":
        return {
            "kind": revision.suggestion_kind,
            "engine": revision.suggestion_engine,
            "text": revision.suggestion_text,
        }
    return {
        "kind": revision.suggestion_kind,
        "unit_id": revision.suggestion_unit_id,
        "score": revision.suggestion_score,
    }


def revision_json(revision: SegmentRevision, names: dict[int, str]) -> dict[str, Any]:
    return {
        "id": revision.id,
        "text": revision.text,
        "origin": revision.origin.value,
        "version": revision.version,
        "base_version": revision.base_version,
        "applied": revision.was_applied,
        "author": {"id": revision.author_id, "name": names.get(revision.author_id, "")}
        if revision.author_id is not None
        else None,
        "restored_from_id": revision.restored_from_id,
        "suggestion": suggestion_json(revision),
        "created_at": revision.created_at.isoformat(),
    }


@bp.route("/translations/<int:translation_id>/segments/<int:segment_id>/revisions")
@login_required
def segment_revisions(translation_id: int, segment_id: int) -> Response:
    translation = _viewable(translation_id)
    session = db_session()
    row = editing.find_row(session, translation, segment_id)
    revisions, names = revision_rows(session, row)
    return jsonify(
        {
            "segment_id": row.segment_id,
            "version": row.version,
            "items": [revision_json(revision, names) for revision in revisions],
        }
    )


def _text_diff_json(diff: TextDiff) -> dict[str, Any]:
    segments = []
    for segment in diff.segments:
        old, new = render_side_by_side(segment.changes)
        segments.append(
            {
                "segment_id": segment.key,
                "position": segment.position,
                "kind": segment.kind,
                "source": segment.source,
                "before": segment.before,
                "after": segment.after,
                "changed": segment.changed,
                "share_changed": round(segment.share, 4),
                "operations": comparing.operations(segment.changes),
                "html": str(render_inline(segment.changes)),
                "html_before": str(old),
                "html_after": str(new),
            }
        )
    return {
        "share_changed": round(diff.share, 4),
        "changed_segments": len(diff.changed),
        "segments": segments,
    }


def _ref(name: str, default: str) -> Ref:
    """A snapshot or revision as the query names it; an id no column holds is not found."""
    text = request.args.get(name, default)
    match = REF.fullmatch(text)
    if match is None:
        raise ValidationFailed(f"{name} must be snapshot:<id>, revision:<id> or current.")
    if match["id"] is not None and int(match["id"]) > MAX_INTEGER:
        raise NotFound(f"There is no {match['kind']} {match['id']} of this translation.")
    return Ref.parse(text, name)


@bp.route("/translations/<int:translation_id>/diff")
@login_required
def translation_diff(translation_id: int) -> Response:
    translation = _viewable(translation_id)
    before = _ref("from", "")
    after = _ref("to", "current")
    diff = comparing.compare(db_session(), translation, before, after)
    body: dict[str, Any] = {"from": str(before), "to": str(after)}
    if isinstance(diff, RevisionDiff):
        old, new = render_side_by_side(diff.changes)
        body |= {
            "share_changed": round(changed_share(diff.changes), 4),
            "operations": comparing.operations(diff.changes),
            "html": str(render_inline(diff.changes)),
            "html_before": str(old),
            "html_after": str(new),
        }
    else:
        body |= _text_diff_json(diff)
    return jsonify(body)


def comment_json(comment: Comment, row_segments: dict[int, int]) -> dict[str, Any]:
    author: User | None = comment.author
    return {
        "id": comment.id,
        "parent_id": comment.parent_id,
        "segment_id": row_segments.get(comment.translation_segment_id)
        if comment.translation_segment_id is not None
        else None,
        "author": {"id": author.id, "name": author.display_name} if author else None,
        "body": comment.body,
        "created_at": comment.created_at.isoformat(),
        "resolved": comment.is_resolved,
        "resolved_at": comment.resolved_at.isoformat() if comment.resolved_at else None,
    }


@bp.route("/translations/<int:translation_id>/comments")
@login_required
def list_comments(translation_id: int) -> Response:
    translation = _viewable(translation_id)
    session = db_session()
    row_segments = comments.row_segments(session, translation)
    items = [
        comment_json(comment, row_segments)
        for thread in comments.threads(session, translation)
        for comment in thread.comments
    ]
    return jsonify({"items": items})


@bp.route("/translations/<int:translation_id>/comments", methods=["POST"])
@login_required
def add_comment(translation_id: int) -> tuple[Response, int]:
    translation = _viewable(translation_id)
    session = db_session()
    data = json_object({"body", "segment_id", "parent_id"})
    segment_id = identifier(data, "segment_id")
    parent_id = identifier(data, "parent_id")
    parent = comments.get_comment(session, translation, parent_id) if parent_id else None
    added = comment(translation, string(data, "body"), segment_id=segment_id, parent=parent)
    body = comment_json(added.comment, comments.row_segments(session, translation))
    body["mentioned"] = [{"id": p.id, "name": p.display_name} for p in added.mentioned]
    commit()
    return jsonify(body), 201


@bp.route("/translations/<int:translation_id>/comments/<int:comment_id>", methods=["PATCH"])
@login_required
def resolve_comment(translation_id: int, comment_id: int) -> Response:
    translation = _viewable(translation_id)
    session = db_session()
    comment = comments.get_comment(session, translation, comment_id)
    data = json_object({"resolved"})
    resolved = boolean(data, "resolved")
    if resolved is None:
        raise ValidationFailed("resolved is required: true or false.")
    root = comments.set_resolved(session, current_user, translation, comment, resolved=resolved)
    body = comment_json(root, comments.row_segments(session, translation))
    commit()
    return jsonify(body)


@bp.route("/csrf-token")
@login_required
def csrf_token() -> Response:
    """A fresh CSRF token for a page open long enough for its own to have gone stale."""
    response = jsonify({"csrf_token": generate_csrf()})
    response.headers["Cache-Control"] = "no-store"
    return response
