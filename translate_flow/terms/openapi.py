"""The termbase part of the OpenAPI document: the CRUD of /terms and a term's decision.

Every bound stated here is one `terms.api` applies to the request as sent (before trimming),
so a request the document refuses is refused, and the server's own rules (a language CLDR
knows, source and target languages apart, at least one target form unless the term keeps its
source form) answer 400 with a sentence.
"""

from typing import Any

from translate_flow.core.api.openapi import error_response, json_body, json_response, schema_ref
from translate_flow.core.api.openapi_values import LANGUAGE, PAGE, id_in, per_page
from translate_flow.domain.models import TermAction, TermCategory, TermStatus
from translate_flow.terms.operations import MAX_FORM_CHARS, MAX_FORMS, MAX_NOTE_CHARS
from translate_flow.workflow.openapi import CSRF_NOTE, NOT_SIGNED_IN, PERSON_OR_NULL

MAX_LANGUAGE_CHARS = 20  # the column's width
MAX_QUERY_CHARS = 500
MAX_COMMENT_CHARS = 1000
CATEGORIES = [category.value for category in TermCategory]
STATUSES = [status.value for status in TermStatus]

TERM_ID = id_in("path", "term_id")
TERM_LANGUAGE = LANGUAGE | {"maxLength": MAX_LANGUAGE_CHARS}
FORM = {"type": "string", "maxLength": MAX_FORM_CHARS}
FORMS = {"type": "array", "maxItems": MAX_FORMS, "items": FORM}
FORBIDDEN_FORM = {
    "type": "object",
    "additionalProperties": False,
    "required": ["form"],
    "properties": {
        "form": FORM | {"pattern": r"\S"},
        "reason": {"type": "string", "maxLength": MAX_COMMENT_CHARS},
    },
}
WRITABLE: dict[str, Any] = {
    "source_language": TERM_LANGUAGE,
    "target_language": TERM_LANGUAGE,
    "source": FORM | {"pattern": r"\S", "description": "The word or name as sources have it"},
    "targets": FORMS | {"description": "Target forms, the preferred first"},
    "variants": FORMS | {"description": "Other source forms that match too (plural, spelling)"},
    "forbidden": {"type": "array", "maxItems": MAX_FORMS, "items": FORBIDDEN_FORM},
    "note": {"type": "string", "maxLength": MAX_NOTE_CHARS},
    "category": {"type": "string", "enum": CATEGORIES, "default": "term"},
    "case_sensitive": {"type": "boolean", "default": False},
    "whole_word": {
        "type": "boolean",
        "default": True,
        "description": "Whole words only in spaced scripts (Chinese, Japanese and Thai "
        "terms are found inside longer runs of characters whatever this says)",
    },
    "do_not_translate": {
        "type": "boolean",
        "default": False,
        "description": "The translation keeps the source form (brand names)",
    },
}
REQUIRED = ["source_language", "target_language", "source"]
FORBIDDEN = error_response("This person may not do this to the pair's terms: the message says why")
NO_TERM = error_response("No such term")
INVALID = error_response(
    "The input is malformed or breaks a rule of the termbase: the message says which"
)
DUPLICATE = error_response(
    "The pair already has a term with this source (case and width aside); "
    "`error.existing_id` names it"
)


def _write_body(required: list[str]) -> dict[str, Any]:
    # A body is always sent, even where no field in it is required.
    return json_body(WRITABLE, required) | {"required": True}


def _filters() -> list[dict[str, Any]]:
    return [
        {
            "name": "source_language",
            "in": "query",
            "schema": TERM_LANGUAGE,
            "description": "The pair's source language; terms filed under its base language "
            "(`es` for `es-AR`) are listed too",
        },
        {"name": "target_language", "in": "query", "schema": TERM_LANGUAGE},
        {
            "name": "q",
            "in": "query",
            "schema": {"type": "string", "maxLength": MAX_QUERY_CHARS},
            "description": "Words in the source (case and width aside), a variant, a target "
            "form or the note",
        },
        {"name": "category", "in": "query", "schema": {"type": "string", "enum": CATEGORIES}},
        {"name": "status", "in": "query", "schema": {"type": "string", "enum": STATUSES}},
        {"name": "page", "in": "query", "schema": PAGE},
        {"name": "per_page", "in": "query", "schema": per_page(50)},
    ]


def term_paths() -> dict[str, Any]:
    term = json_response(schema_ref("Term"), "The term")
    return {
        "/terms": {
            "get": {
                "operationId": "listTerms",
                "summary": "The termbase: terms by source form, with filters",
                "description": "For anyone on the desk; proposals and rejected terms are "
                "listed too (filter by `status`).",
                "parameters": _filters(),
                "responses": {
                    "200": json_response(schema_ref("TermPage"), "One page of terms"),
                    "400": INVALID,
                    "401": NOT_SIGNED_IN,
                    "403": FORBIDDEN,
                },
            },
            "post": {
                "operationId": "createTerm",
                "summary": "Add a term to a pair's termbase",
                "description": "Coordinators and the pair's reviewers add it `approved`; the "
                "pair's translators propose it (`proposed`, waiting for a reviewer). "
                "`targets` needs a form unless `do_not_translate`. " + CSRF_NOTE,
                "requestBody": _write_body(REQUIRED),
                "responses": {
                    "201": json_response(schema_ref("Term"), "The new term, with its id"),
                    "400": INVALID,
                    "401": NOT_SIGNED_IN,
                    "403": FORBIDDEN,
                    "409": DUPLICATE,
                },
            },
        },
        "/terms/{term_id}": {
            "parameters": [TERM_ID],
            "get": {
                "operationId": "getTerm",
                "summary": "A term with its history, newest change first",
                "responses": {
                    "200": json_response(schema_ref("TermWithHistory"), "The term and its history"),
                    "401": NOT_SIGNED_IN,
                    "403": FORBIDDEN,
                    "404": NO_TERM,
                },
            },
            "put": {
                "operationId": "replaceTerm",
                "summary": "Change a term: the whole term as it should be",
                "description": "Fields left out take their defaults. Coordinators and the "
                "pair's reviewers; a translator changes their own proposal while it waits. "
                "The status changes through POST /terms/{term_id}/decision. " + CSRF_NOTE,
                "requestBody": _write_body(REQUIRED),
                "responses": {
                    "200": term,
                    "400": INVALID,
                    "401": NOT_SIGNED_IN,
                    "403": FORBIDDEN,
                    "404": NO_TERM,
                    "409": DUPLICATE,
                },
            },
            "patch": {
                "operationId": "updateTerm",
                "summary": "Change some fields of a term; the others stay as they are",
                "description": "The same rights as PUT. " + CSRF_NOTE,
                "requestBody": _write_body([]),
                "responses": {
                    "200": term,
                    "400": INVALID,
                    "401": NOT_SIGNED_IN,
                    "403": FORBIDDEN,
                    "404": NO_TERM,
                    "409": DUPLICATE,
                },
            },
            "delete": {
                "operationId": "deleteTerm",
                "summary": "Delete a term; its history stays, ending with the deletion",
                "description": "The same rights as PUT. " + CSRF_NOTE,
                "responses": {
                    "204": {"description": "Deleted"},
                    "401": NOT_SIGNED_IN,
                    "403": FORBIDDEN,
                    "404": NO_TERM,
                },
            },
        },
        "/terms/{term_id}/decision": {
            "parameters": [TERM_ID],
            "post": {
                "operationId": "decideTerm",
                "summary": "Approve or reject a term (a proposal, or one approved before)",
                "description": "Coordinators and the pair's reviewers. Approving refuses a "
                "term whose source another live term of the pair has (409). " + CSRF_NOTE,
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {
                            "schema": {
                                "type": "object",
                                "additionalProperties": False,
                                "required": ["approve"],
                                "properties": {
                                    "approve": {"type": "boolean"},
                                    "comment": {
                                        "type": "string",
                                        "maxLength": MAX_COMMENT_CHARS,
                                        "description": "Why; kept in the history",
                                    },
                                },
                            }
                        }
                    },
                },
                "responses": {
                    "200": term,
                    "400": INVALID,
                    "401": NOT_SIGNED_IN,
                    "403": FORBIDDEN,
                    "404": NO_TERM,
                    "409": DUPLICATE,
                },
            },
        },
    }


def _snapshot() -> dict[str, Any]:
    forms = {"type": "array", "items": {"type": "string"}}
    return {
        "type": ["object", "null"],
        "description": "The term as it was (before) or became (after); null when it did not exist",
        "properties": {
            "source": {"type": "string"},
            "variants": forms,
            "targets": forms,
            "forbidden": {"type": "array", "items": {"type": "object"}},
            "note": {"type": "string"},
            "category": {"type": "string", "enum": CATEGORIES},
            "case_sensitive": {"type": "boolean"},
            "whole_word": {"type": "boolean"},
            "do_not_translate": {"type": "boolean"},
            "status": {"type": "string", "enum": STATUSES},
        },
    }


def term_schemas() -> dict[str, Any]:
    moment = {"type": "string", "format": "date-time"}
    term_properties: dict[str, Any] = {
        "id": {"type": "integer"},
        "url": {"type": "string", "description": "This term in the API"},
        "source_language": {"type": "string"},
        "target_language": {"type": "string"},
        "source": {"type": "string"},
        "variants": {"type": "array", "items": {"type": "string"}},
        "targets": {"type": "array", "items": {"type": "string"}},
        "preferred": {
            "type": "string",
            "description": "What the editor inserts: the first target, or the source form "
            "for a term not to translate",
        },
        "forbidden": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["form", "reason"],
                "properties": {"form": {"type": "string"}, "reason": {"type": "string"}},
            },
        },
        "note": {"type": "string"},
        "category": {"type": "string", "enum": CATEGORIES},
        "case_sensitive": {"type": "boolean"},
        "whole_word": {"type": "boolean"},
        "do_not_translate": {"type": "boolean"},
        "status": {"type": "string", "enum": STATUSES},
        "created_by": PERSON_OR_NULL,
        "decided_by": PERSON_OR_NULL,
        "created_at": moment,
        "updated_at": moment,
    }
    term = {
        "type": "object",
        "required": [name for name in term_properties if name != "url"],
        "properties": term_properties,
    }
    change = {
        "type": "object",
        "required": ["id", "action", "actor", "before", "after", "comment", "created_at"],
        "properties": {
            "id": {"type": "integer"},
            "action": {"type": "string", "enum": [action.value for action in TermAction]},
            "actor": PERSON_OR_NULL,
            "before": _snapshot(),
            "after": _snapshot(),
            "comment": {"type": "string"},
            "created_at": moment,
        },
    }
    return {
        "Term": term,
        "TermChange": change,
        "TermWithHistory": {
            "allOf": [
                schema_ref("Term"),
                {
                    "type": "object",
                    "required": ["history"],
                    "properties": {"history": {"type": "array", "items": schema_ref("TermChange")}},
                },
            ]
        },
        "TermPage": {
            "type": "object",
            "required": ["items", "page", "per_page", "total", "pages"],
            "properties": {
                "items": {"type": "array", "items": schema_ref("Term")},
                "page": {"type": "integer"},
                "per_page": {"type": "integer"},
                "total": {"type": "integer"},
                "pages": {"type": "integer"},
            },
        },
    }
