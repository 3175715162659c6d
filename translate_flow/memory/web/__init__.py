"""The memory's pages (concordance, collections) and its API routes."""

from flask import Flask

from translate_flow.memory import api, files_api  # noqa: F401  (register their API routes)
from translate_flow.memory.web.views import bp as memory


def init_app(app: Flask) -> None:
    app.register_blueprint(memory)
