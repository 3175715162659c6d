"""What an admin and their machines read of the running desk: readiness, metrics, request logs."""

from flask import Flask


def init_app(app: Flask) -> None:
    from translate_flow.observability import health, telemetry
    from translate_flow.observability.blueprint import bp

    health.init_app(app)
    telemetry.init_app(app)
    app.register_blueprint(bp)
