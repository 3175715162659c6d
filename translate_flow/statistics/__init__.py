"""Statistics: how the desk is doing and what each volunteer has given, from the event history.

`figures` computes every figure from the rollup tables that `rollup` derives from the history;
`listeners` keeps those current as events are written.
"""

from flask import Flask

from translate_flow.statistics import listeners


def init_app(app: Flask) -> None:
    """Keep the rollups current in every session of the app's process."""
    del app
    listeners.install()
