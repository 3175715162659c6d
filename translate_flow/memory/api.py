"""API v1 of the memory: suggestions beside a segment, pre-fill, the concordance, collections.

A segment's suggestions gather what every feature offers for it: the memory's matches and
the termbase's terms (and, with machine translation, the engines' proposals).

Reading is for anyone on the desk who may view articles (translators look up how a phrase
was translated before); forgetting units and collections is for those who manage articles.
"""

import re
from typing import Any

from flask import abort, current_app, jsonify, request
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from translate_flow.core.api import inputs
from translate_flow.core.api.openapi import describe
from translate_flow.core.api.openapi_values import LANGUAGE
from translate_flow.core.api.views import bp
from translate_flow.core.errors import NotFound, ValidationFailed
from translate_flow.core.web.request_db import commit, db_session
from translate_flow.domain.models.memory import MemoryCollection, MemoryUnit
from translate_flow.domain.permissions import can_manage_articles, can_view_articles
from translate_flow.editing.saving import find_row
from translate_flow.memory import operations
from translate_flow.memory.collection_list import collections
from translate_flow.memory.concordance_view import search
from translate_flow.memory.openapi import memory_paths, memory_schemas
from translate_flow.memory.origins import origin_json
from translate_flow.memory.prefill import prefill
from translate_flow.memory.suggestions import DEFAULT_THRESHOLD, memory_suggestions
from translate_flow.terms.segments import segment_terms
from translate_flow.text.languages import normalise_code
from translate_flow.workflow import transitions

describe("memory", memory_paths, memory_schemas)

# What the OpenAPI document's LANGUAGE says a code looks like.
LANGUAGE_CODE = re.compile(LANGUAGE["pattern"])
# A phrase longer than a paragraph is not a concordance search.
MAX_PHRASE_CHARS = 500


def _may_view() -> None:
    if not can_view_articles(current_user):
        abort(403)


def threshold() -> int:
    """The desk's threshold (MEMORY_MATCH_THRESHOLD), or the `threshold` a client asks for."""
    configured = int(current_app.config.get("MEMORY_MATCH_THRESHOLD", DEFAULT_THRESHOLD))
    asked = inputs.query_number(
        "threshold",
        configured,
        minimum=0,
        message="threshold must be a whole number from 0 to 101.",
    )
    assert asked is not None
    if asked > 101:
        raise ValidationFailed("threshold must be a whole number from 0 to 101.")
    return asked


@bp.route("/translations/<int:translation_id>/segments/<int:segment_id>/suggestions")
@login_required
def segment_suggestions(translation_id: int, segment_id: int) -> Response:
    _may_view()
    session = db_session()
    translation = transitions.get_translation(session, translation_id)
    row = find_row(session, translation, segment_id)
    wanted = threshold()
    found = memory_suggestions(session, translation, row, threshold=wanted)
    return jsonify(
        {
            "segment_id": row.segment_id,
            "threshold": wanted,
            "terms": [term.as_json() for term in segment_terms(session, translation, row)],
            "memory": [
                {
                    "unit_id": match.unit_id,
                    "score": match.score,
                    "source": match.source,
                    "target": match.target,
                    "source_html": str(match.source_html),
                    "target_html": str(match.target_html),
                    "origin": origin_json(match.origin),
                }
                for match in found
            ],
        }
    )


@bp.route("/translations/<int:translation_id>/prefill", methods=["POST"])
@login_required
def prefill_translation(translation_id: int) -> Response:
    session = db_session()
    translation = transitions.get_translation(session, translation_id)
    outcome = prefill(session, current_user, translation)
    commit()
    return jsonify({"filled": outcome.filled, "segment_ids": outcome.segment_ids})


def _language(name: str) -> str:
    """A language code as the pair's units are stored (`ja`, `pt-BR`). A well-formed code no
    unit has is no error: the pair simply holds nothing yet."""
    code = request.args.get(name, "").strip()
    if not code:
        raise ValidationFailed(
            f"{name} is required: the language code of the pair to search, e.g. ja or en."
        )
    if not LANGUAGE_CODE.fullmatch(code):
        raise ValidationFailed(f"{name} must be a language code such as ja, en or zh-Hant.")
    return normalise_code(code)


@bp.route("/memory")
@login_required
def memory_concordance() -> Response:
    _may_view()
    source_language, target_language = _language("source_language"), _language("target_language")
    phrase = request.args.get("q", "").strip()
    if not phrase:
        raise ValidationFailed("q is required: the word or phrase to look for.")
    if len(phrase) > MAX_PHRASE_CHARS:
        raise ValidationFailed(f"q holds at most {MAX_PHRASE_CHARS} characters.")
    page = inputs.query_number("page", 1)
    assert page is not None
    result = search(db_session(), source_language, target_language, phrase, page)
    return jsonify(
        {
            "q": phrase,
            "source_language": source_language,
            "target_language": target_language,
            "page": result.page,
            "has_next": result.has_next,
            "items": [
                {
                    "unit_id": item.unit_id,
                    "source": item.source,
                    "target": item.target,
                    "source_html": str(item.source_html),
                    "target_html": str(item.target_html),
                    "origin": origin_json(item.origin),
                }
                for item in result.items
            ],
        }
    )


def collection_json(collection: MemoryCollection, units: int) -> dict[str, Any]:
    return {
        "id": collection.id,
        "name": collection.name,
        "source_language": collection.source_language,
        "target_language": collection.target_language,
        "units": units,
        "created_at": collection.created_at.isoformat(),
    }


@bp.route("/memory/collections")
@login_required
def list_collections() -> Response:
    _may_view()
    return jsonify(
        {
            "items": [
                collection_json(line.collection, line.units) for line in collections(db_session())
            ]
        }
    )


def _may_forget() -> None:
    if not can_manage_articles(current_user):
        abort(403)


@bp.route("/memory/collections/<int:collection_id>", methods=["DELETE"])
@login_required
def delete_collection(collection_id: int) -> tuple[str, int]:
    _may_forget()
    session = db_session()
    collection = session.get(MemoryCollection, collection_id)
    if collection is None:
        raise NotFound("There is no such memory collection (deleted already?).")
    operations.delete_collection(session, collection)
    commit()
    return "", 204


@bp.route("/memory/units/<int:unit_id>", methods=["DELETE"])
@login_required
def delete_unit(unit_id: int) -> tuple[str, int]:
    _may_forget()
    session = db_session()
    unit = session.get(MemoryUnit, unit_id)
    if unit is None:
        raise NotFound("There is no such memory unit (deleted already?).")
    operations.delete_unit(session, unit)
    commit()
    return "", 204
