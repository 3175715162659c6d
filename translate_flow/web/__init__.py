"""The browser-facing side: blueprints, error pages, security headers, template helpers."""

from flask import Flask

from translate_flow.web import errors, frame, login
from translate_flow.web.account.views import bp as account_bp
from translate_flow.web.admin.views import bp as admin_bp
from translate_flow.web.articles.views import bp as articles_bp
from translate_flow.web.auth.views import bp as auth_bp
from translate_flow.web.editor.views import bp as editor_bp
from translate_flow.web.feeds.views import bp as feeds_bp
from translate_flow.web.home.views import bp as home_bp
from translate_flow.web.moderation.views import bp as moderation_bp
from translate_flow.web.notifications.views import bp as notifications_bp
from translate_flow.web.outlets.views import bp as outlets_bp
from translate_flow.web.people.views import bp as people_bp
from translate_flow.web.public.views import bp as public_bp
from translate_flow.web.request_db import close_session
from translate_flow.web.translations.views import bp as translations_bp


def init_app(app: Flask) -> None:
    app.teardown_appcontext(close_session)
    login.init_app(app)
    frame.init_app(app)
    errors.init_app(app)
    for blueprint in (
        home_bp,
        auth_bp,
        account_bp,
        people_bp,
        admin_bp,
        articles_bp,
        outlets_bp,
        feeds_bp,
        notifications_bp,
        translations_bp,
        editor_bp,
        public_bp,
        moderation_bp,
    ):
        app.register_blueprint(blueprint)
