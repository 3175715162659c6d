"""API v1 of the memory: suggestions beside a segment, pre-fill, the concordance, collections.

A segment's suggestions gather what every feature offers for it: the memory's matches, the
termbase's terms and the engines' machine suggestions. The engines come last and are waited
for at most MACHINE_WAIT_SECONDS, after the request's transaction has ended; a client that
will not wait for them asks `machine=0` for the rest, then `machine=only` for them.

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
from translate_flow.core.web.request_db import (
    commit,
    database,
    db_session,
    release_before_slow_io,
)
from translate_flow.domain.models import MachineMode, Translation, TranslationSegment
from translate_flow.domain.models.memory import MemoryCollection, MemoryUnit
from translate_flow.domain.permissions import can_manage_articles, can_view_articles
from translate_flow.editing.saving import find_row
from translate_flow.machine.configured import configured_engines
from translate_flow.machine.pair_settings import engines_for_pair
from translate_flow.machine.rights import may_use_machine
from translate_flow.machine.suggesting import machine_suggestions
from translate_flow.markup.source_tags import tag_source
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


# `machine`: with the engines' suggestions (1), without them (0), or them alone (only).
MACHINE_CHOICES = ("1", "0", "only")


def _machine_choice() -> str:
    value = request.args.get("machine", "1")
    if value not in MACHINE_CHOICES:
        raise ValidationFailed(
            "machine must be 1 (machine suggestions too), 0 (none: memory and terms only) "
            "or only (machine suggestions alone)."
        )
    return value


def _machine_part(translation: Translation, row: TranslationSegment) -> dict[str, Any]:
    """The engines' suggestions for the row's source, its tags as placeholders; those that
    failed or took too long apart, so that `machine` always holds text."""
    source_language, target_language = translation.source_language, translation.target_language
    pair = f"{source_language}→{target_language}"
    part: dict[str, Any] = {"machine": [], "machine_unavailable": [], "machine_note": None}
    if not may_use_machine(current_user, source_language, target_language):
        part["machine_note"] = (
            f"Machine suggestions for {pair} are for the people who translate or review "
            "it, coordinators and admins."
        )
        return part
    text = tag_source(row.segment.html).text
    config = current_app.config
    # Engines may take seconds: no transaction is held meanwhile, and a fresh read sees
    # the cache rows other requests stored since this one began.
    release_before_slow_io()
    with database().session(write=False) as reading:
        served = engines_for_pair(
            reading,
            configured_engines(reading, config),
            source_language,
            target_language,
            at_least=MachineMode.SUGGESTIONS,
        )
        if not served:
            part["machine_note"] = f"No machine translation engine serves {pair}."
            return part
        found = machine_suggestions(
            reading, (source_language, target_language), text, database=database(), config=config
        )
    for entry in found:
        if "unavailable" in entry:
            part["machine_unavailable"].append(
                {"engine": entry["engine"], "label": entry["label"], "reason": entry["unavailable"]}
            )
        else:
            part["machine"].append(entry)
    return part


@bp.route("/translations/<int:translation_id>/segments/<int:segment_id>/suggestions")
@login_required
def segment_suggestions(translation_id: int, segment_id: int) -> Response:
    _may_view()
    choice = _machine_choice()
    session = db_session()
    translation = transitions.get_translation(session, translation_id)
    row = find_row(session, translation, segment_id)
    wanted = threshold()
    body: dict[str, Any] = {"segment_id": row.segment_id, "threshold": wanted}
    if choice != "only":
        found = memory_suggestions(session, translation, row, threshold=wanted)
        body["terms"] = [term.as_json() for term in segment_terms(session, translation, row)]
        body["memory"] = [
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
        ]
    if choice != "0":
        body.update(_machine_part(translation, row))
    return jsonify(body)


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
            "problem": result.problem,
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
