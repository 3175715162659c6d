"""The workflow's pages: each person's desk, translations, the board, assigning; its API."""

from flask import Flask

from translate_flow.domain.permissions import can_decide_due_date
from translate_flow.workflow import api  # noqa: F401  (registers its routes on the API)
from translate_flow.workflow.web import review_api  # noqa: F401  (the same, for reviewing)
from translate_flow.workflow.web.home.views import bp as home
from translate_flow.workflow.web.machine_share import machine_share
from translate_flow.workflow.web.review_state import review_state
from translate_flow.workflow.web.translations.views import bp as translations


def init_app(app: Flask) -> None:
    for blueprint in (home, translations):
        app.register_blueprint(blueprint)
    # The editor's review partials (templates/workflow/review/) ask it what to show.
    app.add_template_global(review_state, "review_state")
    app.add_template_global(can_decide_due_date, "can_decide_due_date")
    app.add_template_global(machine_share, "machine_share")
