"""The published part of the OpenAPI document: what the public site shows, for anyone."""

from typing import Any

from translate_flow.core.api.openapi import error_response, json_response, schema_ref
from translate_flow.core.api.openapi_values import PAGE, id_in, per_page
from translate_flow.publishing.public_site import PER_PAGE

PUBLIC: dict[str, list[Any]] = {"security": []}
SLUG = {"name": "slug", "in": "path", "required": True, "schema": {"type": "string"}}

# Said beside an empty page when a query holds only punctuation or emoji.
SEARCH_PROBLEM = "Why the query found nothing to look for; absent otherwise"


def published_paths() -> dict[str, Any]:
    query = [
        {
            "name": "language",
            "in": "query",
            "schema": {"type": "string"},
            "description": "Source language, e.g. ja; es also finds es-AR",
        },
        {
            "name": "country",
            "in": "query",
            "schema": {"type": "string"},
            "description": "The outlet's country (ISO 3166)",
        },
        id_in("query", "outlet_id"),
        {"name": "tag", "in": "query", "schema": {"type": "string"}},
        {
            "name": "q",
            "in": "query",
            "schema": {"type": "string"},
            "description": "Full-text search",
        },
        {"name": "page", "in": "query", "schema": PAGE},
        {"name": "per_page", "in": "query", "schema": per_page(PER_PAGE)},
    ]
    return {
        "/published": {
            "get": {
                "operationId": "listPublished",
                "summary": "Published translations, newest first (no authentication)",
                **PUBLIC,
                "parameters": query,
                "responses": {
                    "200": json_response(
                        {
                            "type": "object",
                            "required": ["items", "page", "per_page", "total", "pages"],
                            "properties": {
                                "items": {"type": "array", "items": schema_ref("Published")},
                                "page": {"type": "integer"},
                                "per_page": {"type": "integer"},
                                "total": {"type": "integer"},
                                "pages": {"type": "integer"},
                                "search_problem": {
                                    "type": "string",
                                    "description": SEARCH_PROBLEM,
                                },
                            },
                        },
                        "One page of published translations",
                    ),
                    "400": error_response("A malformed number"),
                },
            }
        },
        "/published/{slug}": {
            "parameters": [SLUG],
            "get": {
                "operationId": "getPublished",
                "summary": "One published translation with its text (no authentication)",
                **PUBLIC,
                "responses": {
                    "200": json_response(
                        schema_ref("Published"), "The translation, with blocks and html"
                    ),
                    "404": error_response("No translation at this slug"),
                    "410": error_response("Taken down"),
                },
            },
        },
    }


def published_schemas() -> dict[str, Any]:
    text = {"type": "string"}
    return {
        "Published": {
            "type": "object",
            "required": ["slug", "url", "title", "source", "published_at", "translator"],
            "properties": {
                "slug": text,
                "url": {"type": "string", "format": "uri", "description": "Its public page"},
                "title": text,
                "summary": text,
                "language": text,
                "published_at": {"type": "string", "format": "date-time"},
                "updated_at": {"type": ["string", "null"], "format": "date-time"},
                "word_count": {"type": "integer"},
                "source": {
                    "type": "object",
                    "properties": {
                        "title": text,
                        "author": text,
                        "language": text,
                        "outlet": {"type": ["object", "null"]},
                        "published_on": {"type": ["string", "null"], "format": "date"},
                        "url": {"type": ["string", "null"]},
                        "tags": {"type": "array", "items": text},
                    },
                },
                "translator": {
                    "type": ["object", "null"],
                    "properties": {
                        "name": text,
                        "published_count": {"type": "integer"},
                        "url": {"type": "string", "format": "uri"},
                    },
                },
                "reviewer": {
                    "type": ["object", "null"],
                    "description": "When reviewers are credited",
                },
                "title_html": {
                    "type": "string",
                    "description": "The title as HTML: the source's emphasis around the words",
                },
                "standfirst": {"type": "string", "description": "Plain words"},
                "standfirst_html": {"type": "string", "description": "The standfirst as HTML"},
                "blocks": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "properties": {
                            "kind": text,
                            "texts": {
                                "type": "array",
                                "items": text,
                                "description": "Plain words, without the source's links",
                            },
                            "lang": {"type": ["string", "null"]},
                            "html": {
                                "type": "string",
                                "description": "The block as HTML, with the source's links "
                                "and emphasis around the translated words (sanitised)",
                            },
                        },
                    },
                },
                "html": {
                    "type": "string",
                    "description": "The body as HTML: text escaped, the source's links and "
                    "emphasis around the translated words (sanitised)",
                },
            },
        }
    }
