"""JSON API v1: Bearer tokens or the session cookie, JSON errors, an OpenAPI document.

Each feature adds its routes to the one blueprint (`views.bp`) when its web package is
loaded; `register_api` then mounts it.
"""

from flask import Flask

from translate_flow.core.api.views import bp
from translate_flow.core.extensions import csrf


def register_api(app: Flask) -> None:
    # CSRF is checked in the blueprint itself: only cookie-authenticated writes need it.
    csrf.exempt(bp)
    app.register_blueprint(bp)
