"""API v1 of machine translation: texts translated by one engine, the engines listed, and a
whole-article machine draft.

Translating is for the people who work in the pair (its translators and reviewers),
coordinators and admins, and only with an engine that is on for the pair. The request's own
transaction ends before any engine is called: no one waits on SQLite's write lock for a
provider's answer.
"""

import math
from typing import Any

from flask import abort, current_app, jsonify, make_response
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from translate_flow.core.api import inputs
from translate_flow.core.api.openapi import describe
from translate_flow.core.api.views import bp
from translate_flow.core.errors import NotFound, PermissionDenied, ValidationFailed
from translate_flow.core.web.errors import error_response
from translate_flow.core.web.request_db import (
    commit,
    database,
    db_session,
    release_before_slow_io,
)
from translate_flow.domain.models import MachineMode
from translate_flow.domain.permissions import can_view_articles
from translate_flow.machine import drafting
from translate_flow.machine.configured import covers, find_engine, supported_pairs
from translate_flow.machine.engine import MachineError
from translate_flow.machine.openapi import (
    MAX_ENGINE_CHARS,
    MAX_LANGUAGE_CHARS,
    MAX_TEXT_CHARS,
    MAX_TEXTS,
    machine_paths,
    machine_schemas,
)
from translate_flow.machine.overview import EngineLine, engine_lines
from translate_flow.machine.pair_settings import mode_for
from translate_flow.machine.rights import may_use_machine
from translate_flow.machine.suggesting import cache_days, translate_cached, wait_seconds
from translate_flow.workflow.transitions import get_translation

describe("machine", machine_paths, machine_schemas)

FIELDS = {"engine", "source_language", "target_language", "texts"}


def _texts(data: dict[str, Any]) -> list[str]:
    texts = data.get("texts")
    if not isinstance(texts, list) or not texts:
        raise ValidationFailed("texts is required: a list of 1 to 50 strings to translate.")
    if len(texts) > MAX_TEXTS:
        raise ValidationFailed(f"texts holds at most {MAX_TEXTS} strings; send the rest after.")
    for index, text in enumerate(texts):
        if not isinstance(text, str):
            raise ValidationFailed(f"texts[{index}] must be a string.")
        if len(text) > MAX_TEXT_CHARS:
            raise ValidationFailed(
                f"texts[{index}] holds {len(text):,} characters; at most {MAX_TEXT_CHARS:,}: "
                "split it into paragraphs."
            )
    return texts


def _engine_name(data: dict[str, Any]) -> str:
    if "engine" not in data:
        raise ValidationFailed("engine is required: a name GET /api/v1/machine-engines lists.")
    name = inputs.string(data, "engine").strip()
    if not name or len(name) > MAX_ENGINE_CHARS:
        raise ValidationFailed("engine must be a name GET /api/v1/machine-engines lists.")
    return name


def _unavailable(error: MachineError) -> Response:
    body, status = error_response(503, error.message, "machine_unavailable")
    response = make_response(body, status)
    if error.retry_after is not None:
        response.headers["Retry-After"] = str(max(1, math.ceil(error.retry_after)))
    return response


@bp.route("/machine-translations", methods=["POST"])
@login_required
def translate_with_machine() -> Response:
    data = inputs.json_object(FIELDS)
    name = _engine_name(data)
    config = current_app.config
    engine = find_engine(db_session(), config, name)
    if engine is None:
        raise NotFound(
            f"There is no engine named “{name}”: GET /api/v1/machine-engines lists them."
        )
    source_language = inputs.language(data, "source_language", MAX_LANGUAGE_CHARS)
    target_language = inputs.language(data, "target_language", MAX_LANGUAGE_CHARS)
    texts = _texts(data)
    if source_language == target_language:
        raise ValidationFailed("source_language and target_language must differ.")
    pair = f"{source_language} → {target_language}"
    if not may_use_machine(current_user, source_language, target_language):
        raise PermissionDenied(
            f"Only the people who translate or review {pair}, coordinators and admins may "
            "have its text machine-translated."
        )
    # What follows may wait seconds on a provider: hold no write lock meanwhile.
    release_before_slow_io()
    with database().session(write=False) as reading:
        if mode_for(reading, engine, source_language, target_language) is MachineMode.OFF:
            raise PermissionDenied(
                f"{engine.label} is off for {pair} on this desk: no text of the pair is sent "
                "to it. An admin can turn it on (Admin → Machine translation)."
            )
        try:
            if not covers(supported_pairs(engine), source_language, target_language):
                raise ValidationFailed(f"{engine.label} does not translate {pair}.")
            results = translate_cached(
                reading,
                database(),
                engine,
                source_language,
                target_language,
                texts,
                days=cache_days(config),
                wait=wait_seconds(config),
            )
        except MachineError as error:
            return _unavailable(error)
    return jsonify(
        {
            "engine": engine.name,
            "translations": [{"text": r.text, "cached": r.cached} for r in results],
        }
    )


def engine_json(line: EngineLine) -> dict[str, Any]:
    engine = line.engine
    return {
        "name": engine.name,
        "label": engine.label,
        "kind": engine.kind,
        "origin": "environment" if engine.from_environment else "admin",
        "enabled": engine.enabled,
        "receives_text": line.receives_text,
        "pairs_error": line.pairs_error,
        "pairs": [
            {
                "source_language": pair.source_language,
                "target_language": pair.target_language,
                "mode": pair.mode.value,
                "priority": pair.priority,
            }
            for pair in line.pairs
        ],
    }


@bp.route("/machine-engines")
@login_required
def list_machine_engines() -> Response:
    if not can_view_articles(current_user):
        abort(403)
    lines = engine_lines(db_session(), current_app.config)
    return jsonify({"engines": [engine_json(line) for line in lines]})


def draft_translation(translation_id: int) -> drafting.DraftOutcome:
    """Fill the translation's empty segments from the pair's draft engine, and commit.

    Raises PermissionDenied where the person or the pair may not have a draft, MachineError
    where the engine fails (then nothing is written).
    """
    session = db_session()
    translation = get_translation(session, translation_id)
    config = current_app.config
    plan = drafting.plan(session, config, current_user, translation)
    # The engine may take a minute on a long article: hold no write lock meanwhile.
    release_before_slow_io()
    with database().session(write=False) as reading:
        engine = drafting.engine_for(reading, config, plan)
        if engine is None:
            raise PermissionDenied(
                f"No engine that may draft {plan.source_language}→{plan.target_language} "
                "serves the pair now."
            )
        texts = (
            drafting.translate(reading, database(), config, engine, plan) if plan.segments else []
        )
    session = db_session()
    translation = get_translation(session, translation_id)
    outcome = drafting.fill(session, current_user, translation, engine, plan.segments, texts)
    commit()
    return outcome


@bp.route("/translations/<int:translation_id>/machine-draft", methods=["POST"])
@login_required
def machine_draft(translation_id: int) -> Response:
    try:
        outcome = draft_translation(translation_id)
    except MachineError as error:
        return _unavailable(error)
    return jsonify(
        {"filled": outcome.filled, "segment_ids": outcome.segment_ids, "engine": outcome.engine}
    )
