"""What every page shares: the request's database session, error pages, security headers and
template helpers, form fields and the limits on attempts."""

from flask import Flask

from translate_flow.core.web import errors, frame
from translate_flow.core.web.request_db import close_session


def init_app(app: Flask) -> None:
    app.teardown_appcontext(close_session)
    frame.init_app(app)
    errors.init_app(app)
