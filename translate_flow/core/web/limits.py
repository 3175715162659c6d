"""Which requests count against a limit, and by which keys: the account and the client address."""

from flask import current_app, request
from sqlalchemy.orm import Session

from translate_flow.core import limits
from translate_flow.core.limits import Limit


def client_address() -> str:
    # After ProxyFix (TRANSLATE_FLOW_PROXY_COUNT) this is the address the proxies saw.
    return request.remote_addr or "unknown"


def _configured(setting: str) -> Limit | None:
    if not current_app.config["RATELIMIT_ENABLED"]:
        return None
    return Limit.parse(current_app.config[setting])


def refuse_when_reached(
    session: Session, setting: str, counters: dict[str, str], message: str
) -> None:
    limit = _configured(setting)
    if limit is not None:
        limits.refuse_when_reached(session, counters, limit, message)


def record_attempt(session: Session, setting: str, counters: dict[str, str]) -> None:
    limit = _configured(setting)
    if limit is not None:
        limits.record_attempt(session, counters, limit)
