"""What the API's file imports share: a larger body limit for one route, and the optional
language codes their forms and queries carry."""

import re
from collections.abc import Callable, Mapping
from typing import Any

from flask import current_app, request

from translate_flow.core.api.openapi_values import LANGUAGE
from translate_flow.core.api.views import bp
from translate_flow.core.errors import ValidationFailed

_LANGUAGE_CODE = re.compile(LANGUAGE["pattern"])
MAX_CODE_LENGTH = 20
# Room in the request for the form around the file (boundaries, the other fields).
FORM_ROOM = 64 * 1024


def allow_large_upload(endpoint: str, limit: Callable[[], int]) -> None:
    """Let `endpoint` take a body of `limit()` bytes (plus the form), above the site's own
    MAX_CONTENT_LENGTH: a memory or a termbase may be larger than the desk's other uploads.

    The limit must be raised before anything reads the body, and the app's own before-request
    checks read the form; URL value preprocessors are the one hook that runs first.
    """

    def _room(called: str | None, _values: dict[str, Any] | None) -> None:
        if called == endpoint:
            request.max_content_length = max(
                limit() + FORM_ROOM, current_app.config.get("MAX_CONTENT_LENGTH") or 0
            )

    bp.url_value_preprocessor(_room)


def optional_language(name: str, values: Mapping[str, str]) -> str | None:
    """A language code's shape, as the document states it; absent or empty is none."""
    code = values.get(name) or None
    if code is not None and not (len(code) <= MAX_CODE_LENGTH and _LANGUAGE_CODE.match(code)):
        raise ValidationFailed(f"{name} must be a language code such as ja, en or pt-BR.")
    return code
