"""The OpenAPI 3.1 description of API v1; a test checks that it lists every /api/v1 route."""

from collections.abc import Callable
from typing import Any

Part = Callable[[], dict[str, Any]]
# Each feature's operations and schemas, added by its API module as it registers its routes,
# so that the document and the routes cannot drift apart (a test compares them).
_PARTS: dict[str, tuple[Part, Part]] = {}


def describe(feature: str, paths: Part, schemas: Part) -> None:
    """Adds a feature's paths and component schemas to the document."""
    _PARTS[feature] = (paths, schemas)


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
                "request_id": {
                    "type": "string",
                    "description": "The request's reference, also in the X-Request-ID header: "
                    "quote it when reporting a problem.",
                },
            },
        }
    },
}


def schema_ref(name: str) -> dict[str, str]:
    """A reference to one of the document's component schemas."""
    return {"$ref": f"#/components/schemas/{name}"}


def json_response(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def error_response(description: str) -> dict[str, Any]:
    return json_response(schema_ref("Error"), description)


def json_body(properties: dict[str, Any], required: list[str] | None = None) -> dict[str, Any]:
    """A request body: a JSON object with these properties and no others."""
    schema: dict[str, Any] = {
        "type": "object",
        "additionalProperties": False,
        "properties": properties,
    }
    if required:
        schema["required"] = required
    return {"required": bool(required), "content": {"application/json": {"schema": schema}}}


def upload_body(
    fields: dict[str, Any] | None = None, required: list[str] | None = None
) -> dict[str, Any]:
    """A request body: a multipart form with its `file` and these other fields."""
    return {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["file", *(required or [])],
                    "properties": {
                        "file": {"type": "string", "format": "binary"},
                        **(fields or {}),
                    },
                }
            }
        },
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
            **{path: item for paths, _schemas in _PARTS.values() for path, item in paths().items()},
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
                **{
                    name: schema
                    for _paths, schemas in _PARTS.values()
                    for name, schema in schemas().items()
                },
            },
        },
    }
