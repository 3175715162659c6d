"""Intake's pages: articles, outlets and the feed inbox; its API routes join the API."""

from flask import Flask

from translate_flow.intake import api  # noqa: F401  (registers its routes on the API)
from translate_flow.intake.web.articles.views import bp as articles
from translate_flow.intake.web.feeds.views import bp as feeds
from translate_flow.intake.web.outlets.views import bp as outlets


def init_app(app: Flask) -> None:
    for blueprint in (articles, outlets, feeds):
        app.register_blueprint(blueprint)
