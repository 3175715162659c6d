"""The machine-translation part of the OpenAPI document: translating texts, listing engines."""

from typing import Any

from translate_flow.core.api.openapi import error_response, json_body, json_response, schema_ref
from translate_flow.core.api.openapi_values import LANGUAGE
from translate_flow.workflow.openapi import CSRF_NOTE, NOT_SIGNED_IN, TRANSLATION_ID

MAX_TEXTS = 50
MAX_TEXT_CHARS = 5_000
MAX_LANGUAGE_CHARS = 35
MAX_ENGINE_CHARS = 40
MODES = ["off", "suggestions", "drafts"]


def machine_paths() -> dict[str, Any]:
    language = LANGUAGE | {"maxLength": MAX_LANGUAGE_CHARS}
    return {
        "/machine-translations": {
            "post": {
                "operationId": "translateWithMachine",
                "summary": "Translate texts with one of the desk's engines",
                "description": (
                    "For the people who translate or review the pair, coordinators and admins. "
                    "The engine must be on for the pair (GET /machine-engines says where). "
                    "Each text is sent as its normalised form (NFC, whitespace collapsed); "
                    "one the desk has had translated in the last 30 days comes from the cache "
                    "(`cached`: true) and is not sent again. Inline-tag placeholders "
                    "(`{1}…{/1}`, `{3/}`), addresses and handles come back as they went. "
                    "An empty text comes back empty and is not sent. " + CSRF_NOTE
                ),
                "requestBody": json_body(
                    {
                        "engine": {
                            "type": "string",
                            "minLength": 1,
                            "maxLength": MAX_ENGINE_CHARS,
                            "description": "The engine's name, as GET /machine-engines lists",
                        },
                        "source_language": language,
                        "target_language": language,
                        "texts": {
                            "type": "array",
                            "minItems": 1,
                            "maxItems": MAX_TEXTS,
                            "items": {"type": "string", "maxLength": MAX_TEXT_CHARS},
                        },
                    },
                    ["engine", "source_language", "target_language", "texts"],
                ),
                "responses": {
                    "200": json_response(
                        schema_ref("MachineTranslations"), "One translation per text, in order"
                    ),
                    "400": error_response(
                        "A field is missing or malformed, or the engine does not translate "
                        "the pair: the message says which"
                    ),
                    "401": NOT_SIGNED_IN,
                    "403": error_response(
                        "The person does not work in the pair, or the engine is off for it"
                    ),
                    "404": error_response("No engine has that name"),
                    "503": error_response(
                        "The engine failed, took too long or is over its quota; nothing is "
                        "cached. Retry-After says when to try again where the engine said"
                    ),
                },
            }
        },
        "/translations/{translation_id}/machine-draft": {
            "parameters": [TRANSLATION_ID],
            "post": {
                "operationId": "draftTranslationWithMachine",
                "summary": "Fill every empty segment from the pair's draft engine",
                "description": (
                    "Only where an admin allows drafts for the pair (an engine's mode "
                    "`drafts`, GET /machine-engines), and for whoever writes the text now "
                    "(the translator, or a coordinator), not the reviewer. Each empty segment "
                    "(not set aside, not left untranslated) gets the engine's translation of "
                    "its source as a draft, never marked done; its history says "
                    "`machine_draft` with the engine and its text, so that the machine's "
                    "share counts it. Segments written meanwhile, and texts whose tags the "
                    "engine misplaced, are left empty. No body. " + CSRF_NOTE
                ),
                "responses": {
                    "200": json_response(
                        {
                            "type": "object",
                            "required": ["filled", "segment_ids", "engine"],
                            "properties": {
                                "filled": {"type": "integer", "minimum": 0},
                                "segment_ids": {"type": "array", "items": {"type": "integer"}},
                                "engine": {
                                    "type": "string",
                                    "description": "The engine the draft came from",
                                },
                            },
                        },
                        "How many segments were filled, which, and by which engine",
                    ),
                    "401": NOT_SIGNED_IN,
                    "403": error_response(
                        "Drafts are not allowed for the pair, or this person may not have one"
                    ),
                    "404": error_response("No such translation"),
                    "409": error_response(
                        "Not now: the translation is in a state that allows no edit"
                    ),
                    "503": error_response(
                        "The engine failed or took too long; nothing was written. "
                        "Retry-After says when to try again where the engine said"
                    ),
                },
            },
        },
        "/machine-engines": {
            "get": {
                "operationId": "listMachineEngines",
                "summary": "The desk's engines, the pairs they serve and what each may do there",
                "description": (
                    "For everyone on the desk. Each engine lists the desk's pairs it serves "
                    "with its mode in each: `off` (no text of the pair is ever sent to it), "
                    "`suggestions` (beside each segment in the editor), `drafts` (also a "
                    "whole-article machine draft). `receives_text` says whether any of the "
                    "desk's text may go to it now. Keys are never shown."
                ),
                "responses": {
                    "200": json_response(
                        {
                            "type": "object",
                            "required": ["engines"],
                            "properties": {
                                "engines": {"type": "array", "items": schema_ref("MachineEngine")}
                            },
                        },
                        "Every engine, the environment's first",
                    ),
                    "401": NOT_SIGNED_IN,
                    "403": error_response("This person may not do this"),
                },
            }
        },
    }


def machine_schemas() -> dict[str, Any]:
    return {
        "MachineTranslations": {
            "type": "object",
            "required": ["engine", "translations"],
            "properties": {
                "engine": {"type": "string"},
                "translations": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["text", "cached"],
                        "properties": {
                            "text": {"type": "string"},
                            "cached": {
                                "type": "boolean",
                                "description": "From the desk's cache: nothing was sent",
                            },
                        },
                    },
                },
            },
        },
        "MachineEngine": {
            "type": "object",
            "required": [
                "name",
                "label",
                "kind",
                "origin",
                "enabled",
                "receives_text",
                "pairs",
            ],
            "properties": {
                "name": {"type": "string", "description": "What POST /machine-translations takes"},
                "label": {"type": "string"},
                "kind": {"type": "string", "examples": ["apertium", "deepl"]},
                "origin": {
                    "type": "string",
                    "enum": ["environment", "admin"],
                    "description": "Configured by an environment variable, or on the admin page",
                },
                "enabled": {"type": "boolean"},
                "receives_text": {"type": "boolean"},
                "pairs_error": {
                    "type": ["string", "null"],
                    "description": "Why the engine's own pairs could not be read",
                },
                "pairs": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["source_language", "target_language", "mode", "priority"],
                        "properties": {
                            "source_language": {"type": "string"},
                            "target_language": {"type": "string"},
                            "mode": {"type": "string", "enum": MODES},
                            "priority": {
                                "type": "integer",
                                "description": "Lower first among the pair's engines",
                            },
                        },
                    },
                },
            },
        },
    }
