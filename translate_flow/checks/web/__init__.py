"""The quality checks' API routes (findings shown in the editor, dismissals)."""

from flask import Flask

from translate_flow.checks import (
    api,  # noqa: F401  (registers POST /checks)
    dismissals_api,  # noqa: F401  (registers its API route)
)


def init_app(app: Flask) -> None:
    """Nothing of its own to register yet: the routes are on the API's blueprint."""
