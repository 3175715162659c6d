"""translate_flow: a desk for volunteer translations of foreign-press articles."""

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from dotenv import load_dotenv
from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from translate_flow.core.config import settings_for
from translate_flow.core.db import Database
from translate_flow.core.passwords import PasswordPolicy, Passwords

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build the app: settings (environment, `.env`, `config`), database, extensions, routes."""
    # Imported here because each of them imports Flask-bound modules that read the app
    # through current_app; keeping them out of import time lets the domain and the features'
    # operations be used without Flask at all (CLI scripts, workers, tests of the domain).
    from translate_flow import cli, jobs
    from translate_flow.checks import web as checks
    from translate_flow.core import web
    from translate_flow.core.api import register_api
    from translate_flow.core.extensions import csrf, login_manager
    from translate_flow.core.web import input_guard
    from translate_flow.core.web.converters import IdConverter
    from translate_flow.core.web.unread_body import ReadsUnreadBody, read_at_most
    from translate_flow.editing import web as editing
    from translate_flow.intake import web as intake
    from translate_flow.interchange import web as interchange
    from translate_flow.machine import web as machine
    from translate_flow.memory import web as memory
    from translate_flow.notifications import web as notifications
    from translate_flow.observability import init_app as observability_init_app
    from translate_flow.people import web as people
    from translate_flow.publishing import web as publishing
    from translate_flow.statistics import web as statistics
    from translate_flow.terms import web as terms
    from translate_flow.workflow import web as workflow

    load_dotenv(Path.cwd() / ".env", override=False)
    instance_path = (config or {}).get("INSTANCE_PATH") or str(PROJECT_ROOT / "instance")
    app = Flask(
        __name__,
        template_folder=str(PROJECT_ROOT / "templates"),
        instance_path=str(instance_path),
    )
    app.config.update(settings_for(config, Path(app.instance_path)))
    if app.config["PROXY_COUNT"]:
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            app.wsgi_app, x_for=app.config["PROXY_COUNT"], x_proto=app.config["PROXY_COUNT"]
        )
    app.wsgi_app = ReadsUnreadBody(  # type: ignore[method-assign]
        app.wsgi_app, read_at_most(app.config)
    )

    app.extensions["translate_flow.db"] = Database(app.config["DATABASE_URL"])
    app.extensions["translate_flow.jobs"] = jobs.JOBS
    app.extensions["translate_flow.passwords"] = Passwords(
        PasswordPolicy(
            time_cost=app.config["PASSWORD_TIME_COST"],
            memory_cost_kib=app.config["PASSWORD_MEMORY_KIB"],
        )
    )
    # Before any route is added: a route's converters are chosen when it is added.
    app.url_map.converters["int"] = IdConverter
    # First, so that its request hooks see every request, including the ones refused early.
    observability_init_app(app)
    login_manager.init_app(app)
    csrf.init_app(app)
    web.init_app(app)
    # Each feature's pages, in the order their blueprints were registered before the regroup.
    for feature in (
        workflow,
        people,
        notifications,
        intake,
        editing,
        publishing,
        memory,
        terms,
        checks,
        interchange,
        machine,
        statistics,
    ):
        feature.init_app(app)
    input_guard.init_app(app)
    register_api(app)
    cli.init_app(app)
    return app
