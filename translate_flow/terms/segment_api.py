"""API v1: the terms found in a translation's source, for the editor to mark after the page."""

from typing import Any

from flask import abort, jsonify
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from translate_flow.core.api.openapi import describe, error_response, json_response, schema_ref
from translate_flow.core.api.views import bp
from translate_flow.core.web.request_db import db_session
from translate_flow.domain.permissions import can_view_articles
from translate_flow.terms.segments import translation_terms
from translate_flow.workflow import transitions
from translate_flow.workflow.openapi import NOT_SIGNED_IN, TRANSLATION_ID

FLAGS = {
    "type": "object",
    "required": ["case_sensitive", "whole_word", "do_not_translate"],
    "properties": {
        "case_sensitive": {"type": "boolean"},
        "whole_word": {"type": "boolean"},
        "do_not_translate": {"type": "boolean"},
    },
}


def _paths() -> dict[str, Any]:
    return {
        "/translations/{translation_id}/terms": {
            "parameters": [TRANSLATION_ID],
            "get": {
                "operationId": "getTranslationTerms",
                "summary": "The approved terms found in each source segment of a translation",
                "description": (
                    "For each active segment with at least one term: the terms in order, "
                    "overlaps resolved (the longest wins), with `start`/`end` in code points "
                    "of the segment's plain `source` text. The editor loads this after the "
                    "page to mark terms in the source."
                ),
                "responses": {
                    "200": json_response(
                        {
                            "type": "object",
                            "required": ["segments"],
                            "properties": {
                                "segments": {
                                    "type": "array",
                                    "items": {
                                        "type": "object",
                                        "required": ["segment_id", "terms"],
                                        "properties": {
                                            "segment_id": {"type": "integer"},
                                            "terms": {
                                                "type": "array",
                                                "items": schema_ref("FoundTerm"),
                                            },
                                        },
                                    },
                                }
                            },
                        },
                        "The terms, segment by segment",
                    ),
                    "401": NOT_SIGNED_IN,
                    "403": error_response("This person may not read the desk's articles"),
                    "404": error_response("No such translation"),
                },
            },
        }
    }


def _schemas() -> dict[str, Any]:
    return {
        "FoundTerm": {
            "type": "object",
            "required": ["term_id", "source", "targets", "note", "flags", "start", "end"],
            "properties": {
                "term_id": {"type": "integer"},
                "source": {"type": "string", "description": "The term's source form"},
                "found": {"type": "string", "description": "The text as the source has it"},
                "targets": {"type": "array", "items": {"type": "string"}},
                "preferred": {"type": "string", "description": "What a key inserts"},
                "forbidden": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["form"],
                        "properties": {"form": {"type": "string"}, "reason": {"type": "string"}},
                    },
                },
                "note": {"type": "string"},
                "category": {"type": "string"},
                "flags": FLAGS,
                "start": {"type": "integer", "minimum": 0},
                "end": {"type": "integer", "minimum": 1},
            },
        }
    }


describe("terms-in-sources", _paths, _schemas)


@bp.route("/translations/<int:translation_id>/terms")
@login_required
def translation_terms_api(translation_id: int) -> Response:
    if not can_view_articles(current_user):
        abort(403)
    session = db_session()
    translation = transitions.get_translation(session, translation_id)
    found = translation_terms(session, translation)
    return jsonify(
        {
            "segments": [
                {"segment_id": segment_id, "terms": [term.as_json() for term in terms]}
                for segment_id, terms in found.items()
            ]
        }
    )
