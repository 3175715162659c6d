"""The articles and outlets part of the OpenAPI document."""

from typing import Any

from translate_flow.core.api.openapi import error_response, json_response, schema_ref
from translate_flow.core.api.openapi_values import (
    DATE,
    ID_OR_NULL,
    LANGUAGE,
    PAGE,
    SOME_TEXT,
    WEB_ADDRESS,
    id_in,
    per_page,
)
from translate_flow.intake.articles import MAX_TAG_LENGTH, MAX_TAGS, MAX_TITLE

PRIORITIES = ["low", "normal", "high", "urgent"]
PRIORITY = {"type": "string", "enum": PRIORITIES, "default": "normal"}
# What a client may send: the names, or the numbers 1–4 that older clients send.
PRIORITY_IN = {"enum": [*PRIORITIES, 1, 2, 3, 4], "default": "normal"}

ARTICLE_WRITE_PROPERTIES: dict[str, Any] = {
    "title": SOME_TEXT | {"maxLength": MAX_TITLE},
    "body": SOME_TEXT | {"description": "The article text, in `body_format`."},
    "body_format": {"type": "string", "enum": ["text", "markdown", "html"], "default": "text"},
    "source_language": LANGUAGE,
    "standfirst": {"type": "string"},
    "outlet_id": ID_OR_NULL,
    "author": {"type": "string"},
    "source_url": WEB_ADDRESS,
    "published_on": DATE | {"type": ["string", "null"]},
    "priority": PRIORITY_IN,
    "tags": {
        "type": "array",
        "maxItems": MAX_TAGS,
        "items": {"type": "string", "maxLength": MAX_TAG_LENGTH},
    },
    "notes": {"type": "string", "description": "Notes for translators."},
}

FILTERS = [
    {"name": "q", "in": "query", "schema": {"type": "string"}, "description": "Full-text search"},
    {"name": "language", "in": "query", "schema": {"type": "string"}},
    id_in("query", "outlet_id"),
    {"name": "country", "in": "query", "schema": {"type": "string"}},
    {
        "name": "status",
        "in": "query",
        "schema": {"type": "string", "enum": ["active", "archived", "any"], "default": "active"},
    },
    {
        "name": "priority",
        "in": "query",
        "schema": {"type": "string", "enum": [*PRIORITIES, "1", "2", "3", "4"]},
    },
    {"name": "tag", "in": "query", "schema": {"type": "string"}},
    {"name": "published_from", "in": "query", "schema": DATE},
    {"name": "published_to", "in": "query", "schema": DATE},
    {"name": "page", "in": "query", "schema": PAGE},
    {"name": "per_page", "in": "query", "schema": per_page(25)},
]
ARTICLE_ID = id_in("path", "article_id")


def article_paths() -> dict[str, Any]:
    return {
        "/articles": {
            "post": {
                "operationId": "createArticle",
                "summary": "Bring an article in: it is sanitised, segmented and counted",
                "description": "Coordinators and admins. A duplicate `source_url` answers 409 "
                "with `article_id` of the article already on the desk.",
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {
                            "schema": {
                                "type": "object",
                                "additionalProperties": False,
                                "required": ["title", "body", "source_language"],
                                "properties": ARTICLE_WRITE_PROPERTIES,
                            }
                        }
                    },
                },
                "responses": {
                    "201": json_response(schema_ref("Article"), "The article with its segments"),
                    "400": error_response("A field is missing or invalid; nothing was saved"),
                    "401": error_response("No valid token or session"),
                    "403": error_response("Only coordinators bring articles in"),
                    "409": error_response("An article with this address is already on the desk"),
                    "413": error_response(
                        "The body is larger or more deeply nested than any article; nothing "
                        "was saved"
                    ),
                },
            },
            "get": {
                "operationId": "listArticles",
                "summary": "Articles by priority, then age; filters and full-text search",
                "parameters": FILTERS,
                "responses": {
                    "200": json_response(
                        schema_ref("ArticlePage"), "One page of articles (without segments)"
                    ),
                    "400": error_response("A filter is malformed"),
                    "401": error_response("No valid token or session"),
                },
            },
        },
        "/articles/{article_id}": {
            "parameters": [ARTICLE_ID],
            "get": {
                "operationId": "getArticle",
                "summary": "An article with the segments of its current revision",
                "responses": {
                    "200": json_response(schema_ref("Article"), "The article"),
                    "401": error_response("No valid token or session"),
                    "404": error_response("No such article"),
                },
            },
            "patch": {
                "operationId": "correctArticle",
                "summary": "Correct an article; a changed text becomes a new source revision",
                "description": "Omitted fields stay as they are. Translations are carried "
                "across: unchanged segments keep theirs, changed ones are flagged "
                "“source changed”, removed ones are set aside.",
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {
                            "schema": {
                                "type": "object",
                                "additionalProperties": False,
                                "properties": {
                                    **ARTICLE_WRITE_PROPERTIES,
                                    "note": {
                                        "type": "string",
                                        "description": "What was corrected, for the history.",
                                    },
                                },
                            }
                        }
                    },
                },
                "responses": {
                    "200": json_response(
                        schema_ref("CorrectedArticle"), "The article as it now is"
                    ),
                    "400": error_response("A field is invalid; nothing was saved"),
                    "401": error_response("No valid token or session"),
                    "403": error_response("Only coordinators correct articles"),
                    "404": error_response("No such article"),
                    "409": error_response("Another article already has this address"),
                    "413": error_response(
                        "The body is larger or more deeply nested than any article; nothing "
                        "was saved"
                    ),
                },
            },
        },
        "/outlets": {
            "get": {
                "operationId": "listOutlets",
                "summary": "Every outlet, by name",
                "responses": {
                    "200": json_response(
                        {
                            "type": "object",
                            "properties": {
                                "items": {"type": "array", "items": schema_ref("Outlet")}
                            },
                        },
                        "The outlets",
                    ),
                    "401": error_response("No valid token or session"),
                },
            },
            "post": {
                "operationId": "createOutlet",
                "summary": "Add an outlet",
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {
                            "schema": {
                                "type": "object",
                                "additionalProperties": False,
                                "required": ["name", "language"],
                                "properties": {
                                    "name": SOME_TEXT | {"maxLength": 200},
                                    "language": LANGUAGE,
                                    "country": {
                                        "type": "string",
                                        "pattern": "^([A-Za-z]{2})?$",
                                        "description": "ISO 3166 alpha-2, or empty",
                                        "examples": ["JP"],
                                    },
                                    "homepage": WEB_ADDRESS,
                                    "feed_url": WEB_ADDRESS,
                                    "notes": {"type": "string"},
                                    "is_active": {"type": "boolean", "default": True},
                                },
                            }
                        }
                    },
                },
                "responses": {
                    "201": json_response(schema_ref("Outlet"), "The new outlet"),
                    "400": error_response("A field is invalid"),
                    "401": error_response("No valid token or session"),
                    "403": error_response("Only coordinators manage outlets"),
                    "409": error_response("An outlet with this name exists"),
                },
            },
        },
    }


def article_schemas() -> dict[str, Any]:
    outlet = {
        "type": "object",
        "required": ["id", "name", "language"],
        "properties": {
            "id": {"type": "integer"},
            "name": {"type": "string"},
            "country": {"type": "string"},
            "language": {"type": "string"},
            "homepage": {"type": "string"},
            "feed_url": {"type": "string"},
            "notes": {"type": "string"},
            "is_active": {"type": "boolean"},
        },
    }
    segment = {
        "type": "object",
        "required": ["id", "position", "kind", "text"],
        "properties": {
            "id": {"type": "integer"},
            "position": {"type": "integer", "minimum": 0},
            "kind": {
                "type": "string",
                "enum": [
                    "title",
                    "standfirst",
                    "heading",
                    "paragraph",
                    "quote",
                    "list_item",
                    "caption",
                ],
            },
            "text": {"type": "string"},
            "html": {"type": "string", "description": "Sanitised inline markup"},
            "words": {"type": "integer"},
        },
    }
    article = {
        "type": "object",
        "required": ["id", "title", "source_language", "segment_count", "word_count"],
        "properties": {
            "id": {"type": "integer"},
            "url": {"type": "string", "format": "uri"},
            "title": {"type": "string"},
            "standfirst": {"type": "string"},
            "author": {"type": "string"},
            "outlet": {"oneOf": [schema_ref("Outlet"), {"type": "null"}]},
            "source_url": {"type": ["string", "null"]},
            "source_language": {"type": "string"},
            "published_on": {"type": ["string", "null"], "format": "date"},
            "priority": PRIORITY,
            "status": {"type": "string", "enum": ["active", "archived"]},
            "tags": {"type": "array", "items": {"type": "string"}},
            "notes": {"type": "string"},
            "revision": {"type": ["integer", "null"]},
            "segment_count": {"type": "integer"},
            "word_count": {"type": "integer"},
            "created_at": {"type": "string", "format": "date-time"},
            "updated_at": {"type": "string", "format": "date-time"},
            "segments": {"type": "array", "items": schema_ref("Segment")},
        },
    }
    corrected = {
        "allOf": [
            schema_ref("Article"),
            {
                "type": "object",
                "properties": {
                    "correction": {
                        "type": "object",
                        "properties": {
                            "new_revision": {"type": "boolean"},
                            "changed": {"type": "integer"},
                            "added": {"type": "integer"},
                            "removed": {"type": "integer"},
                            "translations_flagged": {"type": "integer"},
                        },
                    }
                },
            },
        ]
    }
    page = {
        "type": "object",
        "required": ["items", "page", "per_page", "total", "pages"],
        "properties": {
            "items": {"type": "array", "items": schema_ref("Article")},
            "page": {"type": "integer"},
            "per_page": {"type": "integer"},
            "total": {"type": "integer"},
            "pages": {"type": "integer"},
            "search_problem": {
                "type": "string",
                "description": "Why the query found nothing to look for (only punctuation or "
                "emoji); absent otherwise",
            },
        },
    }
    return {
        "Outlet": outlet,
        "Segment": segment,
        "Article": article,
        "CorrectedArticle": corrected,
        "ArticlePage": page,
    }
