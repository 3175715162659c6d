"""The OpenAPI 3.1 description of API v1; a test checks that it lists every /api/v1 route."""

from typing import Any

from translate_flow.api.openapi_articles import article_paths, article_schemas
from translate_flow.api.openapi_editing import editing_paths, editing_schemas
from translate_flow.api.openapi_published import published_paths, published_schemas
from translate_flow.api.openapi_translations import translation_paths, translation_schemas
from translate_flow.api.openapi_values import SOME_TEXT

ERROR_SCHEMA = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["code", "message"],
            "properties": {
                "code": {"type": "string", "examples": ["unauthorized", "not_found"]},
                "message": {"type": "string", "description": "For people to read."},
            },
        }
    },
}


def _error(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    }


def openapi_document(server_url: str) -> dict[str, Any]:
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "translate_flow API",
            "version": "1",
            "description": (
                "Authenticate with `Authorization: Bearer <token>` (create a token on your "
                "account page or with `translate-flow users token EMAIL`). Errors are "
                '`{"error": {"code", "message"}}`.'
            ),
        },
        "servers": [{"url": server_url}],
        "security": [{"bearer": []}, {"session": []}],
        "paths": {
            "/me": {
                "get": {
                    "operationId": "getMe",
                    "summary": "The person the token or session belongs to",
                    "responses": {
                        "200": {
                            "description": "The signed-in person",
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/Person"}
                                }
                            },
                        },
                        "401": _error("No valid token or session"),
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
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/Person"}
                                }
                            },
                        },
                        "400": _error("A field is missing, malformed or unknown; nothing changed"),
                        "401": _error("No valid token or session"),
                        "409": _error("The e-mail address belongs to someone else"),
                    },
                },
            },
            **article_paths(),
            **translation_paths(),
            **editing_paths(),
            **published_paths(),
            "/openapi.json": {
                "get": {
                    "operationId": "getOpenApi",
                    "summary": "This document",
                    "security": [],
                    "responses": {"200": {"description": "The OpenAPI document"}},
                }
            },
        },
        "components": {
            "securitySchemes": {
                "bearer": {"type": "http", "scheme": "bearer"},
                "session": {
                    "type": "apiKey",
                    "in": "cookie",
                    "name": "translate_flow_session",
                    "description": "The app's own pages; writes also need the X-CSRFToken header.",
                },
            },
            "schemas": {
                "Error": ERROR_SCHEMA,
                **article_schemas(),
                **translation_schemas(),
                **editing_schemas(),
                **published_schemas(),
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
            },
        },
    }
