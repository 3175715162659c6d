"""The termbase files part of the OpenAPI document: CSV and TBX imports and exports."""

from typing import Any

from translate_flow.core.api.openapi import error_response, json_response, schema_ref, upload_body
from translate_flow.core.api.openapi_values import LANGUAGE
from translate_flow.terms.csv_files import MIME_TYPE as CSV_MIME_TYPE
from translate_flow.terms.tbx_files import MIME_TYPE as TBX_MIME_TYPE
from translate_flow.workflow.openapi import CSRF_NOTE, NOT_SIGNED_IN

# A code's shape (the columns hold 20 characters); empty is no filter, as a form sends it.
LANGUAGE_FILTER = LANGUAGE | {
    "maxLength": 20,
    "pattern": "^([A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8})*)?$",
}
ROW_ERRORS = {
    "type": "array",
    "description": "Every row (CSV, as a spreadsheet numbers it) or entry (TBX, from 1) refused",
    "items": {
        "type": "object",
        "required": ["row", "message"],
        "properties": {
            "row": {"type": "integer", "minimum": 1},
            "message": {"type": "string"},
        },
    },
}
COUNTS = {
    "added": {"type": "integer", "minimum": 0},
    "updated": {"type": "integer", "minimum": 0},
    "skipped": {
        "type": "integer",
        "minimum": 0,
        "description": "Terms the termbase already had as the file has them, and TBX "
        "entries without the pair's languages",
    },
}


def files_paths() -> dict[str, Any]:
    return {
        "/terms/imports": {
            "post": {
                "operationId": "importTermsFile",
                "summary": "Import a CSV or TBX termbase, all of it or nothing",
                "description": (
                    "For coordinators and the reviewers of each pair in the file. CSV: a "
                    "header row naming the columns (`source_language`, `target_language`, "
                    "`source`, `target`, `variants`, `note`, `category`, `case_sensitive`, "
                    "`whole_word`, `do_not_translate`, `forbidden`, or their aliases, or "
                    "columns named by language such as `ja` and `en`), UTF-8 or UTF-16, "
                    "separated by commas, semicolons or tabs; list cells separated by `|`, "
                    "forbidden forms as `form: reason`. TBX: TBX-Basic and TBX v2 `martif` "
                    "files as terminology tools export them, and TBX v3. Up to the desk's "
                    "TERMS_IMPORT_MAX_BYTES (10 MB unless set) and 20,000 terms. Language "
                    "codes are mapped to the desk's (`ja-JP` → `ja`). The imported terms are "
                    "approved; a term the pair already has is updated from the file. Any "
                    "problem refuses the whole file with 400, every refused row listed in "
                    "`errors`, and nothing is kept. " + CSRF_NOTE
                ),
                "requestBody": upload_body(
                    {
                        "format": {
                            "type": "string",
                            "enum": ["csv", "tbx"],
                            "description": "Else from the file's name or content",
                        },
                        "source_language": LANGUAGE_FILTER,
                        "target_language": LANGUAGE_FILTER,
                    }
                ),
                "responses": {
                    "200": json_response(schema_ref("TermsImport"), "What the file became"),
                    "400": json_response(
                        schema_ref("TermsImportRefused"),
                        "The file was refused (the message says why; rows in `errors` when "
                        "rows were at fault); nothing kept",
                    ),
                    "401": NOT_SIGNED_IN,
                    "403": error_response(
                        "Only coordinators and the reviewers of the file's pairs import terms"
                    ),
                    "413": error_response(
                        "The request is larger than the desk accepts; nothing kept"
                    ),
                },
            }
        },
        "/terms/export": {
            "get": {
                "operationId": "exportTermsFile",
                "summary": "The termbase, or one pair of it, as TBX-Basic or CSV",
                "description": (
                    "TBX-Basic (TBX v2 `martif`, which MultiTerm, memoQ, OmegaT, "
                    "translate-toolkit and Weblate read) or CSV in UTF-8 with the header the "
                    "import reads. Approved terms unless `status` says otherwise."
                ),
                "parameters": [
                    {
                        "name": "format",
                        "in": "query",
                        "schema": {"type": "string", "enum": ["tbx", "csv"], "default": "tbx"},
                    },
                    {"name": "source_language", "in": "query", "schema": LANGUAGE_FILTER},
                    {"name": "target_language", "in": "query", "schema": LANGUAGE_FILTER},
                    {
                        "name": "status",
                        "in": "query",
                        "schema": {
                            "type": "string",
                            "enum": ["approved", "proposed", "all"],
                            "default": "approved",
                        },
                        "description": "`all` is every term but the rejected",
                    },
                ],
                "responses": {
                    "200": {
                        "description": "The file, as an attachment",
                        "content": {
                            TBX_MIME_TYPE: {"schema": {"type": "string"}},
                            CSV_MIME_TYPE: {"schema": {"type": "string"}},
                        },
                    },
                    "400": error_response("A query parameter is malformed"),
                    "401": NOT_SIGNED_IN,
                    "403": error_response("This person may not read the desk's termbase"),
                },
            }
        },
    }


def files_schemas() -> dict[str, Any]:
    return {
        "TermsImport": {
            "type": "object",
            "required": ["added", "updated", "skipped", "errors"],
            "properties": {
                **COUNTS,
                "errors": {**ROW_ERRORS, "maxItems": 0},
                "format": {"type": "string", "enum": ["csv", "tbx"]},
                "pairs": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["source_language", "target_language"],
                        "properties": {
                            "source_language": {"type": "string"},
                            "target_language": {"type": "string"},
                        },
                    },
                },
            },
        },
        "TermsImportRefused": {
            "type": "object",
            "required": ["error"],
            "properties": {
                "error": {
                    "type": "object",
                    "required": ["code", "message"],
                    "properties": {"code": {"type": "string"}, "message": {"type": "string"}},
                },
                **COUNTS,
                "errors": ROW_ERRORS,
            },
        },
    }
