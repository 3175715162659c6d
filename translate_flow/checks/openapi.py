"""The stateless checks part of the OpenAPI document: POST /checks and the Finding schema."""

from typing import Any

from translate_flow.core.api.openapi import error_response, json_body, json_response, schema_ref
from translate_flow.core.api.openapi_values import LANGUAGE
from translate_flow.workflow.openapi import CSRF_NOTE, NOT_SIGNED_IN

MAX_TEXT_CHARS = 20_000
MAX_LANGUAGE_CHARS = 35

_SPAN = {
    "type": "object",
    "required": ["start", "end"],
    "description": "Code points of the text as sent (NFC), end exclusive",
    "properties": {
        "start": {"type": "integer", "minimum": 0},
        "end": {"type": "integer", "minimum": 0},
    },
}


def _text(description: str) -> dict[str, Any]:
    return {"type": "string", "maxLength": MAX_TEXT_CHARS, "description": description}


def checks_paths() -> dict[str, Any]:
    language = LANGUAGE | {"maxLength": MAX_LANGUAGE_CHARS}
    return {
        "/checks": {
            "post": {
                "operationId": "runChecks",
                "summary": "Run the quality checks on one source text and its translation",
                "description": (
                    "Stateless: nothing is stored. Both texts may carry inline-tag "
                    "placeholders (`{1}…{/1}`, `{3/}`); spans refer to the texts as sent "
                    "(after NFC). The desk's approved terms of the pair are used for the "
                    "glossary check; what needs an article around the segment (consistency, "
                    "the desk's own length ratios) is not. Errors come first. "
                    "For anyone who may view the desk's articles. " + CSRF_NOTE
                ),
                "requestBody": json_body(
                    {
                        "source_language": language,
                        "target_language": language,
                        "source": _text("The source text"),
                        "target": _text("Its translation"),
                    },
                    ["source_language", "target_language", "source", "target"],
                ),
                "responses": {
                    "200": json_response(
                        {
                            "type": "object",
                            "required": ["findings"],
                            "properties": {
                                "findings": {"type": "array", "items": schema_ref("Finding")}
                            },
                        },
                        "What the checks found; an empty list when nothing",
                    ),
                    "400": error_response(
                        "A field is missing or malformed: the message says which"
                    ),
                    "401": NOT_SIGNED_IN,
                    "403": error_response("This person may not read the desk's articles"),
                },
            }
        }
    }


def checks_schemas() -> dict[str, Any]:
    return {
        "Finding": {
            "type": "object",
            "required": ["check", "severity", "message", "source_spans", "target_spans"],
            "properties": {
                "check": {"type": "string", "examples": ["numbers", "glossary"]},
                "severity": {"type": "string", "enum": ["error", "warning"]},
                "message": {"type": "string", "description": "For the translator to read"},
                "source_spans": {"type": "array", "items": _SPAN},
                "target_spans": {"type": "array", "items": _SPAN},
            },
        }
    }
