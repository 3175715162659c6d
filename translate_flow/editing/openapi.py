"""The editing part of the OpenAPI document: saving segments, revisions, diffs, comments."""

from typing import Any

from translate_flow.core.api.openapi import error_response, json_body, json_response, schema_ref
from translate_flow.core.api.openapi_values import ID_OR_NULL, SOME_TEXT, VERSION, id_in
from translate_flow.core.input_ranges import MAX_INTEGER
from translate_flow.domain.models import RevisionOrigin
from translate_flow.editing.comments import MAX_COMMENT_CHARS
from translate_flow.editing.saving import (
    ENGINE_NAME_PATTERN,
    MAX_SEGMENT_CHARS,
    SUGGESTION_KINDS,
)
from translate_flow.workflow.openapi import CSRF_NOTE, NOT_SIGNED_IN, PERSON_OR_NULL, TRANSLATION_ID

SEGMENT_ID = id_in(
    "path",
    "segment_id",
    "The source segment's id, as GET /translations/{id} lists them. An id "
    "from before a source correction still finds its segment.",
)
COMMENT_ID = id_in("path", "comment_id")
# ECMAScript's \d, which JSON Schema uses, is ASCII; `api.editing.REF` says the same.
REF = {
    "type": "string",
    "pattern": "^((snapshot|revision):[0-9]{1,10}|current)$",
    "examples": ["snapshot:12", "revision:345", "current"],
}
# Any error but an edit conflict: with EditConflict, one 409 schema that only one matches.
OTHER_ERROR = {
    "allOf": [
        schema_ref("Error"),
        {
            "type": "object",
            "properties": {
                "error": {
                    "type": "object",
                    "properties": {"code": {"not": {"const": "edit_conflict"}}},
                }
            },
        },
    ]
}
SUGGESTION_USED = {
    "type": "object",
    "additionalProperties": False,
    "required": ["kind"],
    "description": (
        "The suggestion the text was inserted from (a memory match: its unit_id and score; a "
        "machine suggestion: its engine and its text as inserted, both required), recorded "
        "with the revision even if the text was edited after the insertion."
    ),
    "properties": {
        "kind": {"type": "string", "enum": list(SUGGESTION_KINDS)},
        "unit_id": {"type": ["integer", "null"], "minimum": 1, "maximum": MAX_INTEGER},
        "score": {"type": ["integer", "null"], "minimum": 0, "maximum": 101},
        "engine": {
            "type": ["string", "null"],
            "pattern": ENGINE_NAME_PATTERN,
            "description": "A machine suggestion's engine, by its name (GET /machine-engines)",
            "examples": ["apertium"],
        },
        "text": {
            "type": ["string", "null"],
            "maxLength": MAX_SEGMENT_CHARS,
            "description": "A machine suggestion's text as inserted, placeholders included",
        },
    },
}
MAY_NOT_EDIT = error_response(
    "This person may not edit the translation (not theirs, not their review)"
)
NOT_NOW = error_response(
    "Not now: the translation is in a state in which this person cannot edit it"
)


def editing_paths() -> dict[str, Any]:
    return {
        "/translations/{translation_id}/segments/{segment_id}": {
            "parameters": [TRANSLATION_ID, SEGMENT_ID],
            "put": {
                "operationId": "saveSegment",
                "summary": "Save one segment's translated text, typed on base_version",
                "description": (
                    "The save is written only if the segment is still at base_version. "
                    "Otherwise it is merged with what was saved since, when the two edits "
                    "are apart (200 with merged: true), or refused with 409 and base, theirs "
                    "and mine. Either way the text sent is kept in the segment's history. "
                    "Sending the text the segment already has is a 200 whatever the version, "
                    "so a save retried after a lost answer is harmless. A change of text "
                    "clears `done` unless `done` is sent.\n\n"
                    "`text` may carry the source segment's inline tags as placeholders "
                    "(`source_tagged` and `tags` in GET /translations/{id}): `{1}` opens pair "
                    "1 and `{/1}` closes it, `{3/}` is a single tag (a line break), `\\{1}` is "
                    "the characters themselves. Tags may go in any order and nesting that stays "
                    "well formed, and may be left out (`missing_tags` says which). Refused with "
                    "400, naming the placeholder in `error.placeholder`, and nothing stored: a "
                    "number the source segment does not have, a pair written as a single tag or "
                    "the other way round, a tag used twice, a closing placeholder without its "
                    "opening, crossing pairs, an opening never closed. A text already stored is "
                    "not checked again unless it changes. Two concurrent edits that would merge "
                    "into a refused placement are a 409 conflict. " + CSRF_NOTE
                ),
                "requestBody": json_body(
                    {
                        "text": {"type": "string", "maxLength": MAX_SEGMENT_CHARS},
                        "base_version": VERSION,
                        "done": {"type": "boolean"},
                        "leave_untranslated": {"type": "boolean"},
                        "resolves_conflict": {
                            "type": "boolean",
                            "description": "The text was chosen after a 409: recorded so.",
                        },
                        "suggestion": {"oneOf": [{"type": "null"}, SUGGESTION_USED]},
                    },
                    ["text", "base_version"],
                ),
                "responses": {
                    "200": json_response(
                        schema_ref("SegmentSaved"), "Saved (or merged); the text and version"
                    ),
                    "400": json_response(
                        schema_ref("SaveRefused"),
                        "A field is missing, malformed or unknown, or too long; or a "
                        "placeholder does not fit the source segment's tags",
                    ),
                    "401": NOT_SIGNED_IN,
                    "403": MAY_NOT_EDIT,
                    "404": error_response("No such translation or segment"),
                    "409": {
                        "description": "A conflicting edit (code edit_conflict: base, theirs, "
                        "mine), or a state in which this person cannot edit",
                        "content": {
                            "application/json": {
                                "schema": {
                                    "oneOf": [schema_ref("EditConflict"), OTHER_ERROR],
                                }
                            }
                        },
                    },
                },
            },
        },
        "/translations/{translation_id}/segments/{segment_id}/revisions": {
            "parameters": [TRANSLATION_ID, SEGMENT_ID],
            "get": {
                "operationId": "listSegmentRevisions",
                "summary": "Every text of one segment, newest first, with who and how",
                "responses": {
                    "200": json_response(
                        {
                            "type": "object",
                            "required": ["segment_id", "version", "items"],
                            "properties": {
                                "segment_id": {"type": "integer"},
                                "version": {"type": "integer"},
                                "items": {"type": "array", "items": schema_ref("SegmentRevision")},
                            },
                        },
                        "The revisions",
                    ),
                    "401": NOT_SIGNED_IN,
                    "404": error_response("No such translation or segment"),
                },
            },
        },
        "/translations/{translation_id}/diff": {
            "parameters": [TRANSLATION_ID],
            "get": {
                "operationId": "diffTranslation",
                "summary": "What changed between two snapshots (or one and now), or two revisions",
                "parameters": [
                    {"name": "from", "in": "query", "required": True, "schema": REF},
                    {
                        "name": "to",
                        "in": "query",
                        "schema": REF | {"default": "current"},
                    },
                ],
                "responses": {
                    "200": json_response(
                        schema_ref("Diff"), "The operations and the rendered HTML"
                    ),
                    "400": error_response(
                        "from/to malformed, or a revision compared with a snapshot"
                    ),
                    "401": NOT_SIGNED_IN,
                    "404": error_response("No such translation, snapshot or revision"),
                },
            },
        },
        "/translations/{translation_id}/comments": {
            "parameters": [TRANSLATION_ID],
            "get": {
                "operationId": "listComments",
                "summary": "Every comment, thread by thread, oldest first",
                "responses": {
                    "200": json_response(
                        {
                            "type": "object",
                            "required": ["items"],
                            "properties": {
                                "items": {"type": "array", "items": schema_ref("Comment")}
                            },
                        },
                        "The comments",
                    ),
                    "401": NOT_SIGNED_IN,
                    "404": error_response("No such translation"),
                },
            },
            "post": {
                "operationId": "addComment",
                "summary": "Comment on the translation or one segment, or reply to a thread",
                "description": 'People named after an @ ("@Dorothy Phoenix") are notified, '
                "and so are the translator, the reviewer and the thread's other writers. "
                + CSRF_NOTE,
                "requestBody": json_body(
                    {
                        "body": SOME_TEXT | {"maxLength": MAX_COMMENT_CHARS},
                        "segment_id": ID_OR_NULL,
                        "parent_id": ID_OR_NULL,
                    },
                    ["body"],
                ),
                "responses": {
                    "201": json_response(
                        schema_ref("Comment"), "The comment, with whom it mentioned"
                    ),
                    "400": error_response("Empty, too long, or a malformed field"),
                    "401": NOT_SIGNED_IN,
                    "404": error_response("No such translation, segment or comment"),
                },
            },
        },
        "/translations/{translation_id}/comments/{comment_id}": {
            "parameters": [TRANSLATION_ID, COMMENT_ID],
            "patch": {
                "operationId": "resolveCommentThread",
                "summary": "Resolve (or reopen) the thread the comment belongs to",
                "description": "The thread's author, the translator, the reviewer and "
                "coordinators may. " + CSRF_NOTE,
                "requestBody": json_body({"resolved": {"type": "boolean"}}, ["resolved"]),
                "responses": {
                    "200": json_response(schema_ref("Comment"), "The thread's first comment"),
                    "400": error_response("resolved missing or not a boolean"),
                    "401": NOT_SIGNED_IN,
                    "403": error_response("This person may not resolve the thread"),
                    "404": error_response("No such translation or comment"),
                },
            },
        },
        "/csrf-token": {
            "get": {
                "operationId": "getCsrfToken",
                "summary": "A fresh CSRF token for the session (pages open for a long time)",
                "description": "Only writes with the session cookie need one; a client with "
                "a token gets one too, and needs it for nothing.",
                "responses": {
                    "200": json_response(
                        {
                            "type": "object",
                            "required": ["csrf_token"],
                            "properties": {"csrf_token": {"type": "string"}},
                        },
                        "The token to send as X-CSRFToken",
                    ),
                    "401": NOT_SIGNED_IN,
                },
            }
        },
    }


def editing_schemas() -> dict[str, Any]:
    person = PERSON_OR_NULL
    operation = {
        "type": "object",
        "required": ["op", "text"],
        "properties": {
            "op": {"type": "string", "enum": ["equal", "insert", "delete"]},
            "text": {"type": "string"},
        },
    }
    html = {
        "html": {"type": "string", "description": "Inline: <del> and <ins>, escaped"},
        "html_before": {"type": "string", "description": "The old text with its deletions"},
        "html_after": {"type": "string", "description": "The new text with its insertions"},
        "operations": {"type": "array", "items": operation},
        "share_changed": {"type": "number", "minimum": 0, "maximum": 1},
    }
    return {
        "SegmentSaved": {
            "type": "object",
            "required": ["segment_id", "text", "version", "merged", "missing_tags", "findings"],
            "properties": {
                "segment_id": {"type": "integer"},
                "text": {"type": "string", "description": "The segment's text now"},
                "version": {"type": "integer"},
                "merged": {"type": "boolean"},
                "done": {"type": "boolean"},
                "leave_untranslated": {"type": "boolean"},
                "source_changed": {"type": "boolean"},
                "revision_id": {"type": ["integer", "null"]},
                "missing_tags": {
                    "type": "array",
                    "items": {"type": "integer", "minimum": 1},
                    "description": "Ids of the source segment's tags the text leaves out "
                    "(allowed, reported); empty when none",
                },
                "findings": {
                    "type": "array",
                    "items": schema_ref("SegmentFinding"),
                    "description": "The quality checks' findings on the text as saved, errors "
                    "first, each with the dismissal that holds for this text (or null)",
                },
            },
        },
        "SaveRefused": {
            "allOf": [
                schema_ref("Error"),
                {
                    "type": "object",
                    "properties": {
                        "error": {
                            "type": "object",
                            "properties": {
                                "placeholder": {
                                    "type": "string",
                                    "description": "For a misplaced tag: the placeholder at "
                                    "fault, as written (e.g. {9} or {/2}); the message says why",
                                    "examples": ["{9}", "{/2}"],
                                },
                                "segment_id": {
                                    "type": "integer",
                                    "description": "For a misplaced tag: the source segment",
                                },
                            },
                        }
                    },
                },
            ]
        },
        "EditConflict": {
            "type": "object",
            "required": ["error", "base", "theirs", "mine", "version"],
            "properties": {
                "error": {
                    "type": "object",
                    "required": ["code", "message"],
                    "properties": {
                        "code": {"type": "string", "const": "edit_conflict"},
                        "message": {"type": "string"},
                    },
                },
                "segment_id": {"type": "integer"},
                "base": {"type": "string", "description": "The text mine was typed on"},
                "theirs": {"type": "string", "description": "The text saved meanwhile"},
                "mine": {"type": "string", "description": "The text sent, kept as a revision"},
                "version": {"type": "integer", "description": "Send this as base_version next"},
                "revision_id": {"type": ["integer", "null"]},
            },
        },
        "SegmentRevision": {
            "type": "object",
            "required": ["id", "text", "origin", "version", "applied", "created_at"],
            "properties": {
                "id": {"type": "integer"},
                "text": {"type": "string"},
                "origin": {"type": "string", "enum": [o.value for o in RevisionOrigin]},
                "version": {"type": ["integer", "null"]},
                "base_version": {"type": "integer"},
                "applied": {"type": "boolean"},
                "author": person,
                "restored_from_id": {"type": ["integer", "null"]},
                "suggestion": {
                    "oneOf": [{"type": "null"}, SUGGESTION_USED],
                    "description": "What the text was inserted from, if a suggestion",
                },
                "created_at": {"type": "string", "format": "date-time"},
            },
        },
        "Diff": {
            "type": "object",
            "required": ["from", "to", "share_changed"],
            "properties": {
                "from": REF,
                "to": REF,
                **html,
                "changed_segments": {"type": "integer"},
                "segments": {
                    "type": "array",
                    "description": "For snapshots: segment by segment",
                    "items": {
                        "type": "object",
                        "properties": {
                            "segment_id": {"type": "integer"},
                            "position": {"type": "integer"},
                            "kind": {"type": "string"},
                            "source": {"type": "string"},
                            "before": {"type": ["string", "null"]},
                            "after": {"type": ["string", "null"]},
                            "changed": {"type": "boolean"},
                            **html,
                        },
                    },
                },
            },
        },
        "Comment": {
            "type": "object",
            "required": ["id", "body", "author", "created_at", "resolved"],
            "properties": {
                "id": {"type": "integer"},
                "parent_id": {"type": ["integer", "null"]},
                "segment_id": {"type": ["integer", "null"]},
                "author": person,
                "body": {"type": "string"},
                "created_at": {"type": "string", "format": "date-time"},
                "resolved": {"type": "boolean"},
                "resolved_at": {"type": ["string", "null"], "format": "date-time"},
                "mentioned": {"type": "array", "items": person},
            },
        },
    }
