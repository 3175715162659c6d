"""The offline part of the OpenAPI document: a translation as a file, and a file back in."""

from typing import Any

from translate_flow.core.api.openapi import error_response, json_response, schema_ref, upload_body
from translate_flow.interchange.formats import formats
from translate_flow.workflow.openapi import CSRF_NOTE, NO_SUCH, NOT_SIGNED_IN, TRANSLATION_ID

NOT_YOURS = error_response("The person may not download (or, for an upload, edit) this translation")


def _unit_note(extra: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "object",
        "required": ["unit_id", "position", "segment_id", "reason"],
        "properties": {
            "unit_id": {"type": "string", "description": "The unit's id as the file has it"},
            "position": {"type": "integer", "minimum": 1},
            "segment_id": {"type": ["integer", "null"]},
            "reason": {"type": "string"},
        }
        | extra,
    }


def interchange_paths() -> dict[str, Any]:
    readable = [f.name for f in formats() if f.read is not None]
    return {
        "/translations/{translation_id}/export": {
            "get": {
                "operationId": "exportTranslation",
                "summary": "The translation as a file to work on offline",
                "description": (
                    "One unit per segment, with a stable id (the translated segment's row), "
                    "the source and target with their languages, inline tags as the format's "
                    "inline codes, the unit's state, notes (open comments, glossary terms; the "
                    "article's details and the coordinator's notes in the header) and the "
                    "segment's version at download (`tf:version`, the base of the save when "
                    "the file comes back). `docx` is a bilingual Word table instead: one row "
                    "per segment (number, source, translation, comments), the source shaded "
                    "and the document protected except the translation and comments cells, "
                    "tags as `{1}…{/1}` text, each row's id and version in a bookmark around "
                    "its number. For who may edit the text, and for the "
                    "translator, reviewer and coordinators while they may not."
                ),
                "parameters": [
                    TRANSLATION_ID,
                    {
                        "name": "format",
                        "in": "query",
                        "required": True,
                        "schema": {"type": "string", "enum": [f.name for f in formats()]},
                    },
                ],
                "responses": {
                    "200": {
                        "description": "The file, as an attachment",
                        "content": {
                            f.mime_type: {"schema": {"type": "string", "format": "binary"}}
                            for f in formats()
                        },
                    },
                    "400": error_response("No such format"),
                    "401": NOT_SIGNED_IN,
                    "403": NOT_YOURS,
                    "404": NO_SUCH,
                },
            }
        },
        "/translations/{translation_id}/imports": {
            "post": {
                "operationId": "importTranslation",
                "summary": "Apply a file downloaded from the translation and worked on offline",
                "description": (
                    f"Formats read back: {', '.join(readable)} (XLIFF 1.1, 1.2 and 2.x are "
                    "told apart by the file; a .docx is its table's translation column, "
                    "tracked changes accepted). Units are matched by id; each whose target "
                    "changed since the download is saved through the editor's versioned save "
                    "with the file's version as its base: saved, merged with a desk edit made "
                    "meanwhile, or a conflict (the file's text kept in the history; "
                    "`chooser_url` shows both). Units whose target is as downloaded, or "
                    "empty, are skipped; units whose source was corrected since, whose ids "
                    "are unknown or whose tags do not fit are refused with a reason. A file "
                    "that is not one the desk reads, malformed, declaring entities, too "
                    "large, or for another translation or language is refused whole with "
                    "400, and nothing is applied. " + CSRF_NOTE
                ),
                "parameters": [TRANSLATION_ID],
                "requestBody": upload_body(),
                "responses": {
                    "200": json_response(schema_ref("OfflineImport"), "What became of each unit"),
                    "400": error_response("The file was refused whole (the message says why)"),
                    "401": NOT_SIGNED_IN,
                    "403": NOT_YOURS,
                    "404": NO_SUCH,
                    "409": error_response("The translation's state does not allow editing now"),
                    "413": error_response("The request is larger than the desk accepts"),
                },
            }
        },
    }


def interchange_schemas() -> dict[str, Any]:
    count = {"type": "integer", "minimum": 0}
    ids = {"type": "array", "items": {"type": "integer"}}
    return {
        "OfflineImport": {
            "type": "object",
            "required": ["format", "saved", "merged", "conflicts", "skipped", "refused"],
            "properties": {
                "format": {"type": "string"},
                "saved": count,
                "merged": count,
                "conflicts": {
                    "type": "array",
                    "items": _unit_note(
                        {
                            "revision_id": {"type": ["integer", "null"]},
                            "chooser_url": {"type": ["string", "null"]},
                        }
                    ),
                },
                "skipped": count,
                "refused": {
                    "type": "array",
                    "items": _unit_note({"text": {"type": ["string", "null"]}}),
                },
                "saved_segments": ids,
                "merged_segments": ids,
            },
        }
    }
