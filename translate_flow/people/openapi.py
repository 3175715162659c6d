"""The OpenAPI description of the people's part of API v1: the signed-in person."""

from typing import Any

from translate_flow.core.api.openapi import error_response
from translate_flow.core.api.openapi_values import SOME_TEXT


def people_paths() -> dict[str, Any]:
    return {
        "/me": {
            "get": {
                "operationId": "getMe",
                "summary": "The person the token or session belongs to",
                "responses": {
                    "200": {
                        "description": "The signed-in person",
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/Person"}}
                        },
                    },
                    "401": error_response("No valid token or session"),
                },
            },
            "patch": {
                "operationId": "updateMe",
                "summary": "Change one's own name, e-mail address or bio",
                "description": "With the session cookie, send the X-CSRFToken header too.",
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {
                            "schema": {
                                "type": "object",
                                "additionalProperties": False,
                                "properties": {
                                    "name": SOME_TEXT,
                                    "email": {"type": "string", "format": "email"},
                                    "bio": {"type": "string", "maxLength": 2000},
                                },
                            }
                        }
                    },
                },
                "responses": {
                    "200": {
                        "description": "The updated person",
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/Person"}}
                        },
                    },
                    "400": error_response(
                        "A field is missing, malformed or unknown; nothing changed"
                    ),
                    "401": error_response("No valid token or session"),
                    "409": error_response("The e-mail address belongs to someone else"),
                },
            },
        },
    }


def people_schemas() -> dict[str, Any]:
    return {
        "LanguagePair": {
            "type": "object",
            "required": ["source", "target", "can_review"],
            "properties": {
                "source": {"type": "string", "examples": ["ja"]},
                "target": {"type": "string", "examples": ["en"]},
                "can_review": {"type": "boolean"},
                "can_publish": {"type": "boolean"},
            },
        },
        "Person": {
            "type": "object",
            "required": ["id", "name", "email", "roles", "pairs"],
            "properties": {
                "id": {"type": "integer"},
                "name": {"type": "string"},
                "email": {"type": "string", "format": "email"},
                "roles": {
                    "type": "array",
                    "items": {
                        "type": "string",
                        "enum": ["admin", "coordinator", "reviewer", "translator"],
                    },
                },
                "pairs": {
                    "type": "array",
                    "items": {"$ref": "#/components/schemas/LanguagePair"},
                },
                "capacity": {"type": "integer", "minimum": 0},
                "bio": {"type": "string"},
            },
        },
    }
