"""The statistics pages and API routes."""

from flask import Flask

from translate_flow import statistics
from translate_flow.statistics import api  # noqa: F401  (registers its API routes)
from translate_flow.statistics.web.views import bp


def init_app(app: Flask) -> None:
    statistics.init_app(app)
    app.register_blueprint(bp)
