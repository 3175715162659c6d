"""The machine's share of a translation, for the pages: one template global, `machine_share`.

The translation page and the editor's review toolbar both show it; neither view passes it.
"""

from flask import g

from translate_flow.core.web.request_db import db_session
from translate_flow.domain.models import Translation
from translate_flow.editing.machine_share import ShareLine, latest_share


def machine_share(translation: Translation) -> ShareLine | None:
    """The share measured at the latest submit, approval or publication; once per request."""
    cache: dict[int, ShareLine | None] = g.setdefault("machine_shares", {})
    if translation.id not in cache:
        cache[translation.id] = latest_share(db_session(), translation)
    return cache[translation.id]
