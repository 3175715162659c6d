"""The memory part of the OpenAPI document: suggestions, pre-fill, concordance, collections."""

from typing import Any

from translate_flow.core.api.openapi import error_response, json_response, schema_ref
from translate_flow.core.api.openapi_values import LANGUAGE, PAGE, id_in
from translate_flow.workflow.openapi import CSRF_NOTE, NOT_SIGNED_IN, PERSON_OR_NULL, TRANSLATION_ID

SEGMENT_ID = id_in(
    "path", "segment_id", "The source segment's id, as GET /translations/{id} lists."
)
COLLECTION_ID = id_in("path", "collection_id")
UNIT_ID = id_in("path", "unit_id")
FORBIDDEN = error_response("This person may not do this")
NOT_FOUND = error_response("No such translation, segment, unit or collection")
BAD_QUERY = error_response("A query parameter is missing or malformed: the message says which")
DELETED = {"description": "Deleted, index rows included"}


def memory_paths() -> dict[str, Any]:
    return {
        "/translations/{translation_id}/segments/{segment_id}/suggestions": {
            "parameters": [TRANSLATION_ID, SEGMENT_ID],
            "get": {
                "operationId": "getSegmentSuggestions",
                "summary": "One segment's memory matches, terms and machine suggestions",
                "description": (
                    "Up to 5 units of the translation's language pair whose source scores at "
                    "least the threshold (the desk's MEMORY_MATCH_THRESHOLD, 70 by default) "
                    "against this segment's source: 101 the same source after the same "
                    "segment, 100 the same source (whitespace, Unicode form, case of nothing "
                    "changed), below that the word (or, for Chinese, Japanese and Thai, "
                    "character) edit distance as a percentage. `target` has its inline tags "
                    "renumbered to this segment's: insert it as it is, and send "
                    '`suggestion: {"kind": "memory", "unit_id", "score"}` with the save. '
                    "The translation's own units are left out. `terms` lists the approved "
                    "terms of the pair found in the segment's source (`start`/`end` in code "
                    "points of its plain `source` text). `machine` lists each engine's "
                    "suggestion for the segment's source (tags as placeholders), in the "
                    "pair's order, from the desk's cache where it has one (`cached`); insert "
                    'it as it is and send `suggestion: {"kind": "machine", "engine", "text"}` '
                    "with the save. Engines that failed or took longer than the desk's "
                    "MACHINE_WAIT_SECONDS are in `machine_unavailable`, never in `machine`; "
                    "`machine_note` says why there is nothing to ask (no engine serves the "
                    "pair, or the person does not work in it). Engines can take seconds: "
                    "`machine=0` answers without them and `machine=only` with them alone."
                ),
                "parameters": [
                    {
                        "name": "threshold",
                        "in": "query",
                        "schema": {"type": "integer", "minimum": 0, "maximum": 101},
                        "description": "Lowest score listed; the desk's setting when absent.",
                    },
                    {
                        "name": "machine",
                        "in": "query",
                        "schema": {"type": "string", "enum": ["1", "0", "only"], "default": "1"},
                        "description": (
                            "1: everything; 0: no machine suggestions (nothing is sent to an "
                            "engine; `machine…` fields absent); only: machine suggestions "
                            "alone (`memory` and `terms` absent)."
                        ),
                    },
                ],
                "responses": {
                    "200": json_response(schema_ref("Suggestions"), "The segment's matches"),
                    "400": BAD_QUERY,
                    "401": NOT_SIGNED_IN,
                    "403": FORBIDDEN,
                    "404": NOT_FOUND,
                },
            },
        },
        "/translations/{translation_id}/prefill": {
            "parameters": [TRANSLATION_ID],
            "post": {
                "operationId": "prefillTranslation",
                "summary": "Fill the empty segments from 100% and 101% memory matches",
                "description": (
                    "Each empty segment (not set aside, not left untranslated) with an exact "
                    "match gets that match's text as a draft, never marked done; its history "
                    "says `prefilled` with the unit and score. For whoever may edit the "
                    "translation now. " + CSRF_NOTE
                ),
                "responses": {
                    "200": json_response(
                        {
                            "type": "object",
                            "required": ["filled", "segment_ids"],
                            "properties": {
                                "filled": {"type": "integer", "minimum": 0},
                                "segment_ids": {"type": "array", "items": {"type": "integer"}},
                            },
                        },
                        "How many segments were filled, and which",
                    ),
                    "401": NOT_SIGNED_IN,
                    "403": FORBIDDEN,
                    "404": NOT_FOUND,
                    "409": error_response(
                        "Not now: the translation is in a state that allows no edit"
                    ),
                },
            },
        },
        "/memory": {
            "get": {
                "operationId": "searchMemory",
                "summary": "Concordance: units of one pair with every word of a query",
                "description": (
                    "Looks for the words of `q` in the source and in the translation of every "
                    "unit of the pair, as the desk's article search does (case, width, accents "
                    "and Arabic or Hebrew vowel marks aside, a word in another grammatical "
                    "form by its stem, the last word as the start of one; a 2-character "
                    "Chinese or Japanese word works), newest first, 20 to a page. "
                    "`source_html` and `target_html` mark the phrase with <mark> where it "
                    "stands as typed (else the words found) and show inline tags as chips. "
                    "A `q` with nothing to search (only punctuation or emoji) finds nothing, "
                    "and `problem` says why."
                ),
                "parameters": [
                    {
                        "name": "source_language",
                        "in": "query",
                        "required": True,
                        "schema": LANGUAGE,
                    },
                    {
                        "name": "target_language",
                        "in": "query",
                        "required": True,
                        "schema": LANGUAGE,
                    },
                    {
                        "name": "q",
                        "in": "query",
                        "required": True,
                        "schema": {"type": "string", "minLength": 1, "maxLength": 500},
                    },
                    {"name": "page", "in": "query", "schema": PAGE},
                ],
                "responses": {
                    "200": json_response(
                        schema_ref("Concordance"), "One page of units, newest first"
                    ),
                    "400": BAD_QUERY,
                    "401": NOT_SIGNED_IN,
                    "403": FORBIDDEN,
                },
            }
        },
        "/memory/collections": {
            "get": {
                "operationId": "listMemoryCollections",
                "summary": "The memory's collections (imported TMX files), with unit counts",
                "responses": {
                    "200": json_response(
                        {
                            "type": "object",
                            "required": ["items"],
                            "properties": {
                                "items": {"type": "array", "items": schema_ref("MemoryCollection")}
                            },
                        },
                        "Every collection, by name",
                    ),
                    "401": NOT_SIGNED_IN,
                    "403": FORBIDDEN,
                },
            }
        },
        "/memory/collections/{collection_id}": {
            "parameters": [COLLECTION_ID],
            "delete": {
                "operationId": "deleteMemoryCollection",
                "summary": "Forget a collection and all its units (coordinators)",
                "description": CSRF_NOTE,
                "responses": {
                    "204": DELETED,
                    "401": NOT_SIGNED_IN,
                    "403": FORBIDDEN,
                    "404": NOT_FOUND,
                },
            },
        },
        "/memory/units/{unit_id}": {
            "parameters": [UNIT_ID],
            "delete": {
                "operationId": "deleteMemoryUnit",
                "summary": "Forget one unit (coordinators)",
                "description": CSRF_NOTE,
                "responses": {
                    "204": DELETED,
                    "401": NOT_SIGNED_IN,
                    "403": FORBIDDEN,
                    "404": NOT_FOUND,
                },
            },
        },
    }


ORIGIN = {
    "type": "object",
    "required": ["kind", "date", "withdrawn", "label"],
    "properties": {
        "kind": {"type": "string", "enum": ["translation", "collection"]},
        "translation_id": {"type": ["integer", "null"]},
        "segment_id": {"type": ["integer", "null"]},
        "article_title": {"type": ["string", "null"]},
        "collection_id": {"type": ["integer", "null"]},
        "collection_name": {"type": ["string", "null"]},
        "translator": PERSON_OR_NULL,
        "reviewer": PERSON_OR_NULL,
        "date": {"type": "string", "format": "date-time"},
        "withdrawn": {
            "type": "boolean",
            "description": "From a translation since unpublished or withdrawn",
        },
        "label": {"type": "string", "description": "Where it came from, in one line"},
    },
}
UNIT_TEXTS = {
    "unit_id": {"type": "integer"},
    "source": {"type": "string"},
    "target": {"type": "string"},
    "source_html": {"type": "string"},
    "target_html": {"type": "string"},
    "origin": ORIGIN,
}


def memory_schemas() -> dict[str, Any]:
    return {
        "Suggestions": {
            "type": "object",
            "required": ["segment_id", "threshold"],
            "properties": {
                "segment_id": {"type": "integer"},
                "threshold": {"type": "integer"},
                "machine": {
                    "type": "array",
                    "description": "Absent with machine=0",
                    "items": {
                        "type": "object",
                        "required": ["engine", "label", "text", "cached"],
                        "properties": {
                            "engine": {
                                "type": "string",
                                "description": "The engine's name, for the save's suggestion",
                            },
                            "label": {"type": "string", "examples": ["Apertium"]},
                            "text": {"type": "string"},
                            "cached": {
                                "type": "boolean",
                                "description": "From the desk's cache: nothing was sent",
                            },
                        },
                    },
                },
                "machine_unavailable": {
                    "type": "array",
                    "description": "Engines of the pair that failed or took too long",
                    "items": {
                        "type": "object",
                        "required": ["engine", "label", "reason"],
                        "properties": {
                            "engine": {"type": "string"},
                            "label": {"type": "string"},
                            "reason": {"type": "string"},
                        },
                    },
                },
                "machine_note": {
                    "type": ["string", "null"],
                    "description": "Why no engine is asked for this pair, if none is",
                },
                "terms": {
                    "type": "array",
                    "description": "Absent with machine=only",
                    "items": schema_ref("FoundTerm"),
                },
                "memory": {
                    "type": "array",
                    "description": "Absent with machine=only",
                    "maxItems": 5,
                    "items": {
                        "type": "object",
                        "required": ["unit_id", "score", "source", "target", "origin"],
                        "properties": {
                            **UNIT_TEXTS,
                            "score": {"type": "integer", "minimum": 0, "maximum": 101},
                            "source_html": {
                                "type": "string",
                                "description": "The remembered source as a diff against this "
                                "segment's: <del> only there, <ins> only here",
                            },
                        },
                    },
                },
            },
        },
        "Concordance": {
            "type": "object",
            "required": ["items", "page", "has_next", "q"],
            "properties": {
                "q": {"type": "string"},
                "source_language": {"type": "string"},
                "target_language": {"type": "string"},
                "page": {"type": "integer"},
                "has_next": {"type": "boolean"},
                "problem": {
                    "type": "string",
                    "description": "Why nothing was searched for (only punctuation or emoji); "
                    "empty otherwise",
                },
                "items": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["unit_id", "source", "target", "origin"],
                        "properties": UNIT_TEXTS,
                    },
                },
            },
        },
        "MemoryCollection": {
            "type": "object",
            "required": ["id", "name", "source_language", "target_language", "units"],
            "properties": {
                "id": {"type": "integer"},
                "name": {"type": "string"},
                "source_language": {"type": "string"},
                "target_language": {"type": "string"},
                "units": {"type": "integer", "minimum": 0},
                "created_at": {"type": "string", "format": "date-time"},
            },
        },
    }
