"""The statistics' share of the periodic tick: take in what the listener did not see."""

import logging

from flask import Flask

from translate_flow.core.db import Database
from translate_flow.statistics import rollup

log = logging.getLogger(__name__)


def catch_up_rollups(app: Flask) -> None:
    """Events written without the ORM since the mark, and the segment saves of the last tick."""
    db: Database = app.extensions["translate_flow.db"]
    with db.transaction() as session:
        log.info("statistics: %s", rollup.catch_up(session).summary())
