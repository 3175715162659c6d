"""People's pages: signing in, one's own account, managing people; who is asking; its API."""

from flask import Flask

from translate_flow.people import api  # noqa: F401  (registers its routes on the API)
from translate_flow.people.web import login
from translate_flow.people.web.account.views import bp as account
from translate_flow.people.web.auth.views import bp as auth
from translate_flow.people.web.people.views import bp as people


def init_app(app: Flask) -> None:
    login.init_app(app)
    for blueprint in (auth, account, people):
        app.register_blueprint(blueprint)
