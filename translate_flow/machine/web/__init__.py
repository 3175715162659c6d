"""Machine translation's admin page, its API routes, and its part of the editor."""

from flask import Flask

from translate_flow.machine import api  # noqa: F401  (registers its API routes)
from translate_flow.machine.web.admin.views import bp as machine_admin
from translate_flow.machine.web.editor import bp as machine_editor
from translate_flow.machine.web.editor import machine_in_editor


def init_app(app: Flask) -> None:
    app.register_blueprint(machine_admin)
    app.register_blueprint(machine_editor)
    app.add_template_global(machine_in_editor, "machine_in_editor")
