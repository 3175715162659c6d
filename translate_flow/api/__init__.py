"""JSON API v1: Bearer tokens or the session cookie, JSON errors, an OpenAPI document."""

from flask import Flask

from translate_flow.api import articles as _articles  # noqa: F401  (registers its routes)
from translate_flow.api import editing as _editing  # noqa: F401  (its routes)
from translate_flow.api import published as _published  # noqa: F401  (its routes)
from translate_flow.api import translations as _translations  # noqa: F401  (its routes)
from translate_flow.api.views import bp
from translate_flow.extensions import csrf


def register_api(app: Flask) -> None:
    # CSRF is checked in the blueprint itself: only cookie-authenticated writes need it.
    csrf.exempt(bp)
    app.register_blueprint(bp)
