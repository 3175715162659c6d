"""The termbase's pages and its API routes."""

from flask import Flask

from translate_flow.terms import api, files_api, segment_api  # noqa: F401  (register their API routes)
from translate_flow.terms.rights import may_decide_terms, may_propose_terms
from translate_flow.terms.web.views import bp as terms


def init_app(app: Flask) -> None:
    app.register_blueprint(terms)
    # The editor shows "Add to the glossary" and says what becomes of a term by these.
    app.jinja_env.globals.update(
        may_propose_terms=may_propose_terms, may_decide_terms=may_decide_terms
    )
