"""Working offline's page (download, upload, the summary) and its API routes."""

from flask import Flask

from translate_flow.interchange import api  # noqa: F401  (registers its API routes)
from translate_flow.interchange.web.views import bp as interchange


def init_app(app: Flask) -> None:
    app.register_blueprint(interchange)
