"""The workflow's pages: each person's desk, translations, the board, assigning; its API."""

from flask import Flask

from translate_flow.workflow import api  # noqa: F401  (registers its routes on the API)
from translate_flow.workflow.web.home.views import bp as home
from translate_flow.workflow.web.translations.views import bp as translations


def init_app(app: Flask) -> None:
    for blueprint in (home, translations):
        app.register_blueprint(blueprint)
