"""The site's public address, for links that leave the page (e-mail, exports, feeds)."""

from flask import current_app, request


def site_url() -> str:
    return str(current_app.config.get("BASE_URL") or request.host_url).rstrip("/")
