"""The dismissals part of the OpenAPI document, and the schema of a stored segment's finding."""

from typing import Any

from translate_flow.checks.dismissals import MAX_REASON_CHARS
from translate_flow.core.api.openapi import error_response, json_body, json_response, schema_ref
from translate_flow.editing.openapi import MAY_NOT_EDIT, NOT_NOW, SEGMENT_ID
from translate_flow.workflow.openapi import (
    CSRF_NOTE,
    NOT_SIGNED_IN,
    PERSON_OR_NULL,
    TRANSLATION_ID,
)

CHECK_NAME = {
    "name": "check",
    "in": "path",
    "required": True,
    "description": "The check's stable name, as a finding's `check` gives it",
    "schema": {"type": "string", "minLength": 1, "maxLength": 40, "examples": ["numbers"]},
}


def dismissal_paths() -> dict[str, Any]:
    return {
        "/translations/{translation_id}/segments/{segment_id}/findings/{check}/dismissals": {
            "parameters": [TRANSLATION_ID, SEGMENT_ID, CHECK_NAME],
            "post": {
                "operationId": "dismissFinding",
                "summary": "Dismiss a check's finding on the segment's current text, with a reason",
                "description": (
                    "The dismissal holds while the segment keeps the text it was made on; "
                    "any change of the text brings the finding back. Whoever may edit the "
                    "text now (the translator while drafting, the reviewer while reviewing) "
                    "or a coordinator may dismiss. " + CSRF_NOTE
                ),
                "requestBody": json_body(
                    {
                        "reason": {
                            "type": "string",
                            "minLength": 1,
                            "maxLength": MAX_REASON_CHARS,
                            "description": "Why the finding is wrong here (required)",
                        }
                    },
                    ["reason"],
                ),
                "responses": {
                    "201": json_response(schema_ref("FindingDismissal"), "Recorded"),
                    "400": error_response("No reason, or a field that is not reason"),
                    "401": NOT_SIGNED_IN,
                    "403": MAY_NOT_EDIT,
                    "404": error_response("No such translation, segment or check"),
                    "409": NOT_NOW,
                },
            },
        }
    }


def dismissal_schemas() -> dict[str, Any]:
    span = {
        "type": "object",
        "required": ["start", "end"],
        "description": "Code points of the text in placeholder form, end exclusive",
        "properties": {
            "start": {"type": "integer", "minimum": 0},
            "end": {"type": "integer", "minimum": 0},
        },
    }
    dismissed = {
        "type": "object",
        "required": ["reason", "by", "at"],
        "properties": {
            "reason": {"type": "string"},
            "by": PERSON_OR_NULL,
            "at": {"type": "string", "format": "date-time"},
        },
    }
    return {
        "SegmentFinding": {
            "type": "object",
            "required": [
                "check",
                "severity",
                "message",
                "source_spans",
                "target_spans",
                "dismissed",
            ],
            "properties": {
                "check": {"type": "string", "examples": ["numbers"]},
                "severity": {"type": "string", "enum": ["error", "warning"]},
                "message": {"type": "string"},
                "source_spans": {
                    "type": "array",
                    "items": span,
                    "description": "In the source's placeholder form (`source_tagged`)",
                },
                "target_spans": {"type": "array", "items": span},
                "dismissed": {
                    "oneOf": [{"type": "null"}, dismissed],
                    "description": "The dismissal that holds for the segment's current text",
                },
            },
        },
        "FindingDismissal": {
            "type": "object",
            "required": ["check", "reason", "by", "at"],
            "properties": {
                "check": {"type": "string"},
                "reason": {"type": "string"},
                "by": PERSON_OR_NULL,
                "at": {"type": "string", "format": "date-time"},
            },
        },
    }
