"""The translations part of the OpenAPI document: the workflow through the API."""

from typing import Any

from translate_flow.core.api.openapi import error_response, json_body, json_response, schema_ref
from translate_flow.core.api.openapi_values import (
    ID,
    ID_OR_NULL,
    LANGUAGE,
    MOMENT,
    PAGE,
    id_in,
    per_page,
)
from translate_flow.domain.models import TranslationState
from translate_flow.domain.workflow import Action, ChangeReason

STATES = [state.value for state in TranslationState]
# What POST /translations/{id}/transitions fires (claim and assign have their own endpoints):
# the issue's list first, then the workflow's other moves.
TRANSITION_ACTIONS = [
    Action.SUBMIT.value,
    Action.REQUEST_CHANGES.value,
    Action.APPROVE.value,
    Action.PUBLISH.value,
    Action.UNPUBLISH.value,
    Action.REOPEN.value,
    Action.WITHDRAW.value,
    Action.RELEASE.value,
    Action.CLAIM_REVIEW.value,
    Action.RELEASE_REVIEW.value,
    Action.RESTORE.value,
]
ARTICLE_ID = id_in("path", "article_id")
TRANSLATION_ID = id_in("path", "translation_id")
NOT_SIGNED_IN = error_response("No valid token or session")
NO_SUCH = error_response("No such translation")
MOVED = json_response(
    schema_ref("TranslationMove"), "The new state and the translation as it now is"
)
CSRF_NOTE = "With the session cookie, send the X-CSRFToken header too."
FILTERS = [
    {"name": "state", "in": "query", "schema": {"type": "string", "enum": STATES}},
    {"name": "target_language", "in": "query", "schema": {"type": "string", "examples": ["en"]}},
    id_in("query", "translator_id"),
    id_in("query", "article_id"),
    {
        "name": "mine",
        "in": "query",
        "schema": {"type": "boolean", "default": False},
        "description": "Only those the caller translates or reviews",
    },
    {
        "name": "overdue",
        "in": "query",
        "schema": {"type": "boolean", "default": False},
        "description": "Only drafts past their due date",
    },
    {"name": "page", "in": "query", "schema": PAGE},
    {"name": "per_page", "in": "query", "schema": per_page(25)},
]


def translation_paths() -> dict[str, Any]:
    return {
        "/articles/{article_id}/translations": {
            "parameters": [ARTICLE_ID],
            "post": {
                "operationId": "createTranslation",
                "summary": "Open a translation of the article into another language",
                "description": "Coordinators and admins. It starts `open`, in the pool, with "
                "an empty text per segment. " + CSRF_NOTE,
                "requestBody": json_body({"target_language": LANGUAGE}, ["target_language"]),
                "responses": {
                    "201": json_response(schema_ref("Translation"), "The new translation"),
                    "400": error_response("No or an unknown language, or the article's own"),
                    "401": NOT_SIGNED_IN,
                    "403": error_response("Only coordinators open translations"),
                    "404": error_response("No such article"),
                    "409": error_response(
                        "The article already has a translation into this language"
                    ),
                },
            },
        },
        "/translations": {
            "get": {
                "operationId": "listTranslations",
                "summary": "Translations, soonest due first, then the longest waiting",
                "parameters": FILTERS,
                "responses": {
                    "200": json_response(
                        schema_ref("TranslationPage"), "One page (without segments)"
                    ),
                    "400": error_response("A filter is malformed"),
                    "401": NOT_SIGNED_IN,
                },
            }
        },
        "/translations/{translation_id}": {
            "parameters": [TRANSLATION_ID],
            "get": {
                "operationId": "getTranslation",
                "summary": "A translation with its segments and what the caller may do now",
                "responses": {
                    "200": json_response(schema_ref("Translation"), "The translation"),
                    "401": NOT_SIGNED_IN,
                    "404": NO_SUCH,
                },
            },
        },
        "/translations/{translation_id}/claim": {
            "parameters": [TRANSLATION_ID],
            "post": {
                "operationId": "claimTranslation",
                "summary": "Take an open translation from the pool",
                "description": "Translators of the language pair, within their capacity. Of "
                "two people claiming at once exactly one wins; the other is told who has it. "
                "No body, or `{}`. " + CSRF_NOTE,
                "responses": {
                    "200": MOVED,
                    "400": error_response("A body with fields"),
                    "401": NOT_SIGNED_IN,
                    "403": error_response("Not a translator of this language pair"),
                    "404": NO_SUCH,
                    "409": error_response("Someone has it already, or the caller is at capacity"),
                },
            },
        },
        "/translations/{translation_id}/assign": {
            "parameters": [TRANSLATION_ID],
            "post": {
                "operationId": "assignTranslation",
                "summary": "Give an open or draft translation to a translator, with a due date",
                "description": "Coordinators and admins. Without `due_at` it is due after "
                "the configured claim period. " + CSRF_NOTE,
                "requestBody": json_body(
                    {
                        "translator_id": ID,
                        "reviewer_id": ID_OR_NULL,
                        "due_at": MOMENT
                        | {
                            "type": ["string", "null"],
                            "description": "RFC 3339 with a time zone; in the future",
                            "examples": ["2026-11-25T17:00:00Z"],
                        },
                    },
                    ["translator_id"],
                ),
                "responses": {
                    "200": MOVED,
                    "400": error_response(
                        "An unknown person, one without the pair or role, the same person as "
                        "translator and reviewer, or a due date without a zone or in the past"
                    ),
                    "401": NOT_SIGNED_IN,
                    "403": error_response("Only coordinators assign"),
                    "404": NO_SUCH,
                    "409": error_response("The translation is past translating"),
                },
            },
        },
        "/translations/{translation_id}/transitions": {
            "parameters": [TRANSLATION_ID],
            "post": {
                "operationId": "moveTranslation",
                "summary": "Fire a workflow action: submit, review decisions, publishing, …",
                "description": "Who may fire what, and from which states, is the workflow's "
                "transition table. Checks run in order: who (403), the state (409), then "
                "the rules (400 for missing input, 409 for a rule of the desk). A refused "
                "action changes nothing. The quality checks' findings do not stop a submit "
                "or an approval here (the editor asks its person to confirm them), unless the "
                "desk sets TRANSLATE_FLOW_CHECKS_BLOCK_NUMBERS: then open findings of the "
                "numbers check are a 409 (code checks_block) that lists them under "
                "`findings`. " + CSRF_NOTE,
                "requestBody": json_body(
                    {
                        "action": {"type": "string", "enum": TRANSITION_ACTIONS},
                        "reason": {
                            "type": "string",
                            "description": "Required to unpublish, reopen and withdraw, and "
                            "with change_reason `other`",
                        },
                        "change_reason": {
                            "type": ["string", "null"],
                            "enum": [*(r.value for r in ChangeReason), None],
                            "description": "Required to request changes",
                        },
                        "override": {
                            "type": "string",
                            "description": "A coordinator approving their own translation: "
                            "why; it stays visible in the history",
                        },
                        "proposed_due_at": {
                            **MOMENT,
                            "description": "With request_changes only, and only when the due "
                            "date has passed or is less than 48 hours away: a new due date the "
                            "reviewer proposes. The due date stays until a coordinator accepts "
                            "it (POST …/due-proposal); requesting changes never moves it",
                        },
                    },
                    ["action"],
                ),
                "responses": {
                    "200": MOVED,
                    "400": error_response(
                        "An unknown action or field, or a required reason missing"
                    ),
                    "401": NOT_SIGNED_IN,
                    "403": error_response(
                        "The caller may not fire this action on this translation"
                    ),
                    "404": NO_SUCH,
                    "409": error_response(
                        "Not from the current state, or a rule refuses it (e.g. empty segments)"
                    ),
                },
            },
        },
        **_review_paths(),
        "/translations/{translation_id}/events": {
            "parameters": [TRANSLATION_ID],
            "get": {
                "operationId": "listTranslationEvents",
                "summary": "The translation's history, oldest first",
                "responses": {
                    "200": json_response(
                        {
                            "type": "object",
                            "required": ["items"],
                            "properties": {
                                "items": {"type": "array", "items": schema_ref("TranslationEvent")}
                            },
                        },
                        "Every event",
                    ),
                    "401": NOT_SIGNED_IN,
                    "404": NO_SUCH,
                },
            },
        },
    }


SEGMENT_ID = id_in(
    "path", "segment_id", "The source segment's id, as GET /translations/{id} lists them."
)
REVIEW_PROGRESS = {
    "type": "object",
    "required": ["checked", "total"],
    "properties": {"checked": {"type": "integer"}, "total": {"type": "integer"}},
}
CHECK_ANSWER = json_response(
    {
        "type": "object",
        "required": ["segment_id", "checked", "progress"],
        "properties": {
            "segment_id": {"type": "integer"},
            "checked": {"type": "boolean"},
            "progress": REVIEW_PROGRESS,
        },
    },
    "The segment's mark and the review's progress",
)
CHECK_REFUSED = {
    "401": NOT_SIGNED_IN,
    "403": error_response("Only the reviewer who took the review checks its segments"),
    "404": error_response("No such translation, or no such segment in it"),
    "409": error_response("The translation is not in review"),
}


def _review_paths() -> dict[str, Any]:
    """Per-segment "checked" marks, a review's progress, and deciding a proposed due date."""
    return {
        "/translations/{translation_id}/segments/{segment_id}/check": {
            "parameters": [TRANSLATION_ID, SEGMENT_ID],
            "put": {
                "operationId": "checkSegment",
                "summary": "Mark a segment checked, as its text stands now",
                "description": "A mark counts while the segment keeps the text that was "
                "checked: a save that changes the text leaves it uncounted. Marks survive a "
                "return and a resubmission, so a reviewer re-reads only what changed. " + CSRF_NOTE,
                "responses": {"200": CHECK_ANSWER, **CHECK_REFUSED},
            },
            "delete": {
                "operationId": "uncheckSegment",
                "summary": "Take a segment's checked mark off (no error when there is none)",
                "description": CSRF_NOTE,
                "responses": {"200": CHECK_ANSWER, **CHECK_REFUSED},
            },
        },
        "/translations/{translation_id}/review": {
            "parameters": [TRANSLATION_ID],
            "get": {
                "operationId": "getReviewProgress",
                "summary": "How many segments carry a checked mark that still counts",
                "responses": {
                    "200": json_response(
                        {
                            "type": "object",
                            "required": ["checked", "total", "checked_segment_ids"],
                            "properties": {
                                "checked": {"type": "integer"},
                                "total": {"type": "integer"},
                                "checked_segment_ids": {
                                    "type": "array",
                                    "items": {"type": "integer"},
                                },
                            },
                        },
                        "The review's progress",
                    ),
                    "401": NOT_SIGNED_IN,
                    "404": NO_SUCH,
                },
            },
        },
        "/translations/{translation_id}/due-proposal": {
            "parameters": [TRANSLATION_ID],
            "post": {
                "operationId": "decideDueProposal",
                "summary": "A coordinator accepts or declines a reviewer's proposed due date",
                "description": "Accepting moves due_at to the proposed date; declining keeps "
                "it. Either way the proposal is gone and the history records the decision. "
                + CSRF_NOTE,
                "requestBody": json_body(
                    {
                        "decision": {"type": "string", "enum": ["accept", "decline"]},
                        "proposed_due_at": {
                            **MOMENT,
                            "description": "The proposal the coordinator saw: when another "
                            "came meanwhile, the answer is 409 and nothing changes",
                        },
                    },
                    ["decision"],
                ),
                "responses": {
                    "200": json_response(
                        {
                            "type": "object",
                            "required": ["decision", "proposed_due_at", "due_at"],
                            "properties": {
                                "decision": {"type": "string", "enum": ["accept", "decline"]},
                                "proposed_due_at": {"type": "string", "format": "date-time"},
                                "due_at": {"type": ["string", "null"], "format": "date-time"},
                            },
                        },
                        "The decision and the due date now",
                    ),
                    "400": error_response(
                        "An unknown decision, or an accepted date that has passed"
                    ),
                    "401": NOT_SIGNED_IN,
                    "403": error_response("Only coordinators decide on proposed due dates"),
                    "404": NO_SUCH,
                    "409": error_response(
                        "No proposal to decide on, or a different one than was seen"
                    ),
                },
            },
        },
    }


# Someone named in an answer (translator, author…), or null.
PERSON_OR_NULL = {
    "oneOf": [
        {
            "type": "object",
            "required": ["id", "name"],
            "properties": {"id": {"type": "integer"}, "name": {"type": "string"}},
        },
        {"type": "null"},
    ]
}


def translation_schemas() -> dict[str, Any]:
    moment = {"type": ["string", "null"], "format": "date-time"}
    person = PERSON_OR_NULL
    summary = {
        "type": "object",
        "required": ["id", "state", "article", "target_language", "translator", "reviewer"],
        "properties": {
            "id": {"type": "integer"},
            "url": {"type": "string", "description": "This translation in the API"},
            "state": {"type": "string", "enum": STATES},
            "article": {
                "type": "object",
                "required": ["id", "title", "source_language", "url"],
                "properties": {
                    "id": {"type": "integer"},
                    "title": {"type": "string"},
                    "source_language": {"type": "string"},
                    "url": {"type": "string", "format": "uri"},
                },
            },
            "target_language": {"type": "string"},
            "translator": person,
            "reviewer": person,
            "due_at": moment,
            "proposed_due_at": {
                **moment,
                "description": "A reviewer's proposed new due date, until a coordinator "
                "accepts or declines it",
            },
            "claimed_at": moment,
            "submitted_at": moment,
            "created_at": {"type": "string", "format": "date-time"},
            "updated_at": {"type": "string", "format": "date-time"},
        },
    }
    segment = {
        "type": "object",
        "required": [
            "segment_id",
            "position",
            "kind",
            "source",
            "source_tagged",
            "tags",
            "text",
            "version",
            "leave_untranslated",
            "source_changed",
            "findings",
        ],
        "properties": {
            "segment_id": {"type": "integer", "description": "The source segment"},
            "position": {"type": "integer", "minimum": 0},
            "kind": {"type": "string"},
            "source": {"type": "string", "description": "The source's words, without markup"},
            "source_tagged": {
                "type": "string",
                "description": "The source with its inline elements as numbered placeholders: "
                "`{1}the report{/1}` for a pair (a link, an emphasis), `{3/}` for a single tag "
                "(a line break); braces meant as characters are written `\\{1}`. `text` may "
                "carry the same placeholders; the same as `source` when `tags` is empty and "
                "the source has no such braces",
            },
            "tags": {
                "type": "array",
                "items": schema_ref("InlineTag"),
                "description": "The source segment's inline elements, numbered in reading order",
            },
            "text": {
                "type": "string",
                "description": "The translation; empty until written. May carry the "
                "placeholders of `source_tagged`",
            },
            "version": {"type": "integer", "description": "Send it back with an edit"},
            "leave_untranslated": {"type": "boolean"},
            "source_changed": {
                "type": "boolean",
                "description": "The source was corrected since this text was written",
            },
            "findings": {
                "type": "array",
                "items": schema_ref("SegmentFinding"),
                "description": "The quality checks' findings on the text, errors first, each "
                "with the dismissal that holds for this text (or null); empty for an empty or "
                "left-untranslated segment",
            },
        },
    }
    inline_tag = {
        "type": "object",
        "required": ["id", "kind", "element"],
        "properties": {
            "id": {"type": "integer", "minimum": 1, "description": "The number in `{1}`"},
            "kind": {
                "type": "string",
                "enum": ["paired", "single"],
                "description": "paired: `{1}…{/1}` around words; single: `{1/}` alone",
            },
            "element": {"type": "string", "examples": ["a", "em", "strong", "br"]},
            "href": {"type": "string", "description": "A link's address"},
            "title": {
                "type": "string",
                "description": "What the tag means, for people: link to …, emphasis, line break",
            },
        },
    }
    translation = {
        "allOf": [
            schema_ref("TranslationSummary"),
            {
                "type": "object",
                "required": ["available_actions", "segments"],
                "properties": {
                    "available_actions": {
                        "type": "array",
                        "items": {"type": "string", "enum": [a.value for a in Action]},
                        "description": "What the caller may fire from this state; a rule "
                        "(e.g. empty segments) may still refuse, with a reason",
                    },
                    "segments": {
                        "type": "array",
                        "items": schema_ref("TranslationSegment"),
                        "description": "Active segments in reading order",
                    },
                    "machine_share": {
                        "oneOf": [{"type": "null"}, schema_ref("MachineShare")],
                        "description": "How much of the text was unedited machine output at "
                        "the latest submit, approval or publication; null before the first",
                    },
                },
            },
        ]
    }
    machine_share = {
        "type": "object",
        "required": [
            "share",
            "machine_tokens",
            "total_tokens",
            "machine_segments",
            "untouched_segments",
            "total_segments",
            "snapshot_id",
            "action",
            "measured_at",
        ],
        "properties": {
            "share": {
                "type": "number",
                "minimum": 0,
                "maximum": 1,
                "description": "machine_tokens / total_tokens (0 for a text without words)",
            },
            "machine_tokens": {
                "type": "integer",
                "minimum": 0,
                "description": "Words (characters in Chinese, Japanese, Thai…) left exactly as "
                "a machine suggestion had them",
            },
            "total_tokens": {"type": "integer", "minimum": 0},
            "machine_segments": {
                "type": "integer",
                "minimum": 0,
                "description": "Segments whose text came from a machine suggestion",
            },
            "untouched_segments": {
                "type": "integer",
                "minimum": 0,
                "description": "… of which still read exactly as the machine wrote them",
            },
            "total_segments": {
                "type": "integer",
                "minimum": 0,
                "description": "Segments counted: those not left untranslated",
            },
            "snapshot_id": {"type": "integer"},
            "action": {"type": "string", "enum": ["submit", "approve", "publish"]},
            "measured_at": {"type": "string", "format": "date-time"},
        },
    }
    move = {
        "type": "object",
        "required": ["action", "from", "state", "translation"],
        "properties": {
            "action": {"type": "string", "enum": [a.value for a in Action]},
            "from": {"type": "string", "enum": STATES},
            "state": {"type": "string", "enum": STATES},
            "translation": schema_ref("Translation"),
        },
    }
    event = {
        "type": "object",
        "required": ["id", "action", "actor", "at"],
        "properties": {
            "id": {"type": "integer"},
            "action": {"type": "string", "examples": ["created", "claim", "submit"]},
            "actor": person,
            "from": {"type": ["string", "null"], "enum": [*STATES, None]},
            "to": {"type": ["string", "null"], "enum": [*STATES, None]},
            "reason": {"type": ["string", "null"]},
            "change_reason": {
                "type": ["string", "null"],
                "enum": [*(r.value for r in ChangeReason), None],
            },
            "override": {"type": ["string", "null"]},
            "at": {"type": "string", "format": "date-time"},
            "details": {
                "type": "object",
                "description": "What else was recorded, e.g. an assignment's people and date",
            },
        },
    }
    page = {
        "type": "object",
        "required": ["items", "page", "per_page", "total", "pages"],
        "properties": {
            "items": {"type": "array", "items": schema_ref("TranslationSummary")},
            "page": {"type": "integer"},
            "per_page": {"type": "integer"},
            "total": {"type": "integer"},
            "pages": {"type": "integer"},
        },
    }
    return {
        "TranslationSummary": summary,
        "TranslationSegment": segment,
        "InlineTag": inline_tag,
        "Translation": translation,
        "MachineShare": machine_share,
        "TranslationMove": move,
        "TranslationEvent": event,
        "TranslationPage": page,
    }
