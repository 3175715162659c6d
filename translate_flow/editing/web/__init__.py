"""Editing's pages: the side-by-side editor, history, compare, the reviewer's changes; its API."""

from flask import Flask

from translate_flow.editing import api  # noqa: F401  (registers its routes on the API)
from translate_flow.editing.web.editor.views import bp as editor


def init_app(app: Flask) -> None:
    app.register_blueprint(editor)
