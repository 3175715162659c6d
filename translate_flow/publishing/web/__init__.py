"""Publishing's pages: the public site and the moderation of readers' comments; its API."""

from flask import Flask

from translate_flow.publishing import api  # noqa: F401  (registers its routes on the API)
from translate_flow.publishing.exports import article_count
from translate_flow.publishing.web.moderation.views import bp as moderation
from translate_flow.publishing.web.public.views import bp as public


def init_app(app: Flask) -> None:
    for blueprint in (public, moderation):
        app.register_blueprint(blueprint)
    app.jinja_env.globals["article_count"] = article_count
