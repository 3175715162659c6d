"""The memory files part of the OpenAPI document: TMX imports and exports."""

from typing import Any

from translate_flow.core.api.openapi import error_response, json_response, schema_ref, upload_body
from translate_flow.core.api.openapi_values import LANGUAGE, id_in
from translate_flow.memory.tmx_writing import MIME_TYPE
from translate_flow.workflow.openapi import CSRF_NOTE, NOT_SIGNED_IN

COORDINATORS_ONLY = error_response("Only coordinators and admins import and export the memory")
# A code's shape (the columns hold 20 characters); a language the memory does not hold
# exports an empty TMX, not an error.
LANGUAGE_FILTER = LANGUAGE | {
    "maxLength": 20,
    # Empty is no filter: a form's unset field sends it so.
    "pattern": "^([A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8})*)?$",
}


def files_paths() -> dict[str, Any]:
    return {
        "/memory/imports": {
            "post": {
                "operationId": "importMemoryTmx",
                "summary": "Import a TMX file into a named collection of the memory",
                "description": (
                    "TMX 1.4b or 1.1, in UTF-8 or UTF-16, up to the desk's "
                    "MEMORY_IMPORT_MAX_BYTES (20 MB unless set). One language pair is "
                    "imported: `source_language` and `target_language` when given, otherwise "
                    "the file's `srclang` and the one other language of its units; codes "
                    "such as `ja-JP` are mapped to the desk's (`ja`). Inline tags are reduced "
                    "to the text a translator sees. A collection name already used in the "
                    "pair adds to that collection, skipping units it already holds. A whole "
                    "file is refused with 400 and nothing kept (no collection, no units) when "
                    "it is not well-formed TMX, declares XML entities, is too large, or holds "
                    "no unit in a language pair of the desk; single units are refused with a "
                    "reason (`refused`) while the rest is imported. " + CSRF_NOTE
                ),
                "requestBody": upload_body(
                    {
                        "collection": {
                            "type": "string",
                            "pattern": r"\S",
                            "maxLength": 200,
                        },
                        "source_language": LANGUAGE_FILTER,
                        "target_language": LANGUAGE_FILTER,
                    },
                    ["collection"],
                ),
                "responses": {
                    "200": json_response(schema_ref("MemoryImport"), "What the file became"),
                    "400": error_response(
                        "The file was refused as a whole (the message says why); nothing kept"
                    ),
                    "401": NOT_SIGNED_IN,
                    "403": COORDINATORS_ONLY,
                    "413": error_response(
                        "The request is larger than the desk accepts; nothing kept"
                    ),
                },
            }
        },
        "/memory/export": {
            "get": {
                "operationId": "exportMemoryTmx",
                "summary": "The memory, one pair of it or one collection, as TMX 1.4b",
                "description": (
                    "Streamed, in unit order. Each `<tu>` has its own `srclang`, its dates "
                    "and a `x-translate_flow-origin` prop; inline-tag placeholders are "
                    "written as `<bpt>`/`<ept>`/`<ph>` holding the placeholder itself."
                ),
                "parameters": [
                    {"name": "source_language", "in": "query", "schema": LANGUAGE_FILTER},
                    {"name": "target_language", "in": "query", "schema": LANGUAGE_FILTER},
                    id_in("query", "collection", "Only this collection's units."),
                ],
                "responses": {
                    "200": {
                        "description": "The TMX document, as an attachment",
                        "content": {MIME_TYPE: {"schema": {"type": "string"}}},
                    },
                    "400": error_response("A query parameter is malformed"),
                    "401": NOT_SIGNED_IN,
                    "403": COORDINATORS_ONLY,
                    "404": error_response("No such collection"),
                },
            }
        },
    }


def files_schemas() -> dict[str, Any]:
    return {
        "MemoryImport": {
            "type": "object",
            "required": ["added", "skipped", "refused", "refused_count", "collection"],
            "properties": {
                "added": {"type": "integer", "minimum": 0},
                "skipped": {
                    "type": "integer",
                    "minimum": 0,
                    "description": "Units the collection already held, or repeated in the file",
                },
                "refused": {
                    "type": "array",
                    "description": "The first 200 units refused, by their position in the file",
                    "items": {
                        "type": "object",
                        "required": ["index", "reason"],
                        "properties": {
                            "index": {"type": "integer", "minimum": 1},
                            "reason": {"type": "string"},
                        },
                    },
                },
                "refused_count": {"type": "integer", "minimum": 0},
                "collection": {
                    "type": "object",
                    "required": ["id", "name", "source_language", "target_language"],
                    "properties": {
                        "id": {"type": "integer"},
                        "name": {"type": "string"},
                        "source_language": {"type": "string"},
                        "target_language": {"type": "string"},
                    },
                },
            },
        }
    }
