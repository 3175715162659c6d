"""The statistics part of the OpenAPI document: the desk's figures as JSON."""

from typing import Any

from translate_flow.core.api.openapi import error_response, json_response, schema_ref
from translate_flow.core.api.openapi_values import DATE, ID, LANGUAGE
from translate_flow.workflow.openapi import NOT_SIGNED_IN

NUMBER_OR_NULL: dict[str, Any] = {"type": ["number", "null"]}
COUNT: dict[str, Any] = {"type": "integer", "minimum": 0}
STRETCHES = (
    "intake_to_claim",
    "claim_to_submit",
    "submit_to_decision",
    "approve_to_publish",
    "intake_to_publish",
)


def _query(name: str, schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {
        "name": name,
        "in": "query",
        "required": False,
        "schema": schema,
        "description": description,
    }


def statistics_paths() -> dict[str, Any]:
    return {
        "/statistics": {
            "get": {
                "operationId": "getStatistics",
                "summary": "The desk's statistics for a period: throughput, turnaround, review",
                "description": (
                    "For coordinators and admins. The figures of the statistics page, from the "
                    "event history: each stretch and event counts in the period in which it "
                    "ended (UTC days, both ends included); each review round counts. Hours are "
                    "unrounded; a median or share is null where nothing was counted. Without "
                    "`from`, the 13 weeks up to `to` (default today)."
                ),
                "parameters": [
                    _query("from", DATE, "The period's first day (ISO 8601)"),
                    _query("to", DATE, "The period's last day (ISO 8601)"),
                    _query("source_language", LANGUAGE, "Only translations from this language"),
                    _query("target_language", LANGUAGE, "Only translations into this language"),
                    _query("outlet", ID, "Only articles of this outlet (its id)"),
                    _query("translator", ID, "Only this translator's work (their id)"),
                ],
                "responses": {
                    "200": json_response(schema_ref("Statistics"), "The period's figures"),
                    "400": error_response("A parameter cannot be read; the message names it"),
                    "401": NOT_SIGNED_IN,
                    "403": error_response("Only coordinators and admins see the desk's figures"),
                },
            }
        }
    }


def _object(properties: dict[str, Any]) -> dict[str, Any]:
    return {"type": "object", "required": list(properties), "properties": properties}


def _stretch() -> dict[str, Any]:
    return _object(
        {
            "label": {"type": "string"},
            "count": COUNT,
            "median_hours": NUMBER_OR_NULL,
            "p90_hours": NUMBER_OR_NULL,
            "weekly": {
                "type": "array",
                "items": _object(
                    {
                        "week": DATE,
                        "count": COUNT,
                        "median_hours": NUMBER_OR_NULL,
                        "p90_hours": NUMBER_OR_NULL,
                    }
                ),
            },
        }
    )


def statistics_schemas() -> dict[str, Any]:
    language_or_null = {"type": ["string", "null"]}
    id_or_null = {"type": ["integer", "null"]}
    return {
        "Statistics": _object(
            {
                "from": DATE,
                "to": DATE,
                "source_language": language_or_null,
                "target_language": language_or_null,
                "outlet": id_or_null,
                "translator": id_or_null,
                "generated_at": {"type": "string", "format": "date-time"},
                "taken_in": COUNT,
                "submitted": COUNT,
                "approved": COUNT,
                "published": COUNT,
                "words": COUNT,
                "weeks": {
                    "type": "array",
                    "items": _object(
                        {
                            "week": DATE,
                            "taken_in": COUNT,
                            "submitted": COUNT,
                            "approved": COUNT,
                            "published": COUNT,
                            "words": COUNT,
                        }
                    ),
                },
                "turnaround": _object({key: _stretch() for key in STRETCHES}),
                "turnaround_by_pair": {
                    "type": "array",
                    "items": _object(
                        {
                            "source_language": {"type": "string"},
                            "target_language": {"type": "string"},
                            **{
                                key: _object(
                                    {
                                        "count": COUNT,
                                        "median_hours": NUMBER_OR_NULL,
                                        "p90_hours": NUMBER_OR_NULL,
                                    }
                                )
                                for key in STRETCHES
                            },
                        }
                    ),
                },
                "review": _object(
                    {
                        "rounds_per_translation": NUMBER_OR_NULL,
                        "approvals_by_rounds": {
                            "type": "object",
                            "additionalProperties": COUNT,
                        },
                        "changed_share": NUMBER_OR_NULL,
                        "sent_back": COUNT,
                        "sent_back_by_reason": {"type": "object", "additionalProperties": COUNT},
                    }
                ),
                "reliability": _object(
                    {
                        "submissions_with_due_date": COUNT,
                        "on_time": COUNT,
                        "on_time_share": NUMBER_OR_NULL,
                        "claims": COUNT,
                        "claims_expired": COUNT,
                        "claims_released": COUNT,
                    }
                ),
                "capacity": {
                    "type": "array",
                    "items": _object(
                        {
                            "source_language": {"type": "string"},
                            "target_language": {"type": "string"},
                            "open_items": COUNT,
                            "oldest_open_hours": NUMBER_OR_NULL,
                            "median_open_hours": NUMBER_OR_NULL,
                            "in_draft": COUNT,
                            "in_review": COUNT,
                            "translators": COUNT,
                            "reviewers": COUNT,
                            "active_translators": COUNT,
                        }
                    ),
                },
                "near_capacity_count": COUNT,
                "near_capacity": {
                    "type": "array",
                    "items": _object(
                        {
                            "user_id": {"type": "integer"},
                            "display_name": {"type": "string"},
                            "open_items": COUNT,
                            "capacity": COUNT,
                        }
                    ),
                },
                "machine_and_memory": _object(
                    {
                        "published_words": COUNT,
                        "machine_words": COUNT,
                        "machine_share": NUMBER_OR_NULL,
                        "memory_insertions": COUNT,
                        "machine_insertions": COUNT,
                        "segment_saves": COUNT,
                    }
                ),
            }
        )
    }
