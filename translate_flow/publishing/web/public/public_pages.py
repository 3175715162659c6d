"""Readers' pages that a proxy, a browser and each worker can keep: a signed-out reader gets no
cookie, and validators derived from the public site's generation; a conditional request is
answered 304 and a repeated one from the worker's last rendering, each after one query."""

from collections.abc import Callable
from datetime import UTC, datetime
from functools import wraps
from hashlib import sha256
from time import time
from typing import ParamSpec
from urllib.parse import urlencode

from flask import current_app, make_response, request, session
from flask.typing import ResponseReturnValue
from werkzeug.http import is_resource_modified
from werkzeug.wrappers import Response

from translate_flow.core.web.request_db import db_session
from translate_flow.publishing import site_generation
from translate_flow.publishing.site_generation import SiteVersion
from translate_flow.publishing.web.public.deploy_stamp import deploy_stamp
from translate_flow.publishing.web.public.page_cache import page_cache

# How stale a page can be after a change the generation did not see (SQL written around the
# ORM, see `site_listener`): its ETag and the workers' copies are renewed this often.
STALE_SECONDS = 300
# Flask-Login's default; the app sets no other, and a remembered person is not a reader.
REMEMBER_COOKIE = "remember_token"

P = ParamSpec("P")


def has_session() -> bool:
    """Whether the request carries a session (a volunteer, or a reader who has commented):
    such a page may differ by person and is neither shared nor kept."""
    config = current_app.config
    names = (config["SESSION_COOKIE_NAME"], config.get("REMEMBER_COOKIE_NAME", REMEMBER_COOKIE))
    return any(name in request.cookies for name in names)


# Where the request keeps the version its page was validated against: in its own environ,
# not in `g`, whose app context may outlive the request (a test's, a command's).
_SITE_VERSION = "translate_flow.site_version"


def site_version() -> SiteVersion | None:
    """The public site's version this signed-out reader's page was validated against (None
    for anyone with a session): what is kept per version can be read without asking again."""
    version: SiteVersion | None = request.environ.get(_SITE_VERSION)
    return version


def cache_control() -> str:
    seconds = int(current_app.config["PUBLIC_CACHE_SECONDS"])
    return f"public, max-age={seconds}" if seconds > 0 else "no-cache"


def _address() -> str:
    """The page's identity: host (links in it are absolute), path and the query, sorted."""
    query = urlencode(sorted(request.args.items(multi=True)))
    return f"{request.host_url}{request.path.lstrip('/')}?{query}"


def _period_start(now: float) -> datetime:
    return datetime.fromtimestamp(now - now % STALE_SECONDS, UTC)


def page_etag(version: SiteVersion, now: float) -> str:
    """Changes with the public site, the release, the address, and every STALE_SECONDS."""
    stamp = deploy_stamp(current_app.root_path, str(current_app.template_folder))
    period = int(now // STALE_SECONDS)
    text = f"{version.tag}|{stamp}|{period}|{_address()}|signed-out"
    return sha256(text.encode()).hexdigest()[:32]


def _validated(response: Response, etag: str, version: SiteVersion) -> Response:
    response.headers["Cache-Control"] = cache_control()
    response.set_etag(etag)
    if version.changed_at is not None:
        response.last_modified = version.changed_at
    response.vary.add("Cookie")
    return response


def _private(response: Response) -> Response:
    response.headers["Cache-Control"] = "private, no-cache"
    response.vary.add("Cookie")
    return response


def _started_session(response: Response) -> bool:
    """A token or a flashed message put in the session: the answer will set a cookie."""
    return session.modified or "Set-Cookie" in response.headers


def _keepable(response: Response) -> bool:
    return request.method == "GET" and response.status_code == 200 and not response.is_streamed


def public_page(view: Callable[P, ResponseReturnValue]) -> Callable[P, Response]:
    """A reader's page: validated, 304 when unchanged, kept per worker for signed-out readers;
    `private, no-cache` for anyone with a session."""

    @wraps(view)
    def page(*args: P.args, **kwargs: P.kwargs) -> Response:
        if has_session():
            return _private(make_response(view(*args, **kwargs)))
        now = time()
        version = request.environ[_SITE_VERSION] = site_generation.current(db_session())
        etag = page_etag(version, now)
        # An If-Modified-Since older than the current period is answered in full: what the
        # generation missed is at most STALE_SECONDS old, for these readers too.
        changed = max(version.changed_at or _period_start(now), _period_start(now))
        if not is_resource_modified(request.environ, etag=etag, last_modified=changed):
            return _validated(Response(status=304), etag, version)
        cache = page_cache(STALE_SECONDS)
        key = _address()
        kept = cache.get(key, etag)
        if kept is not None:
            return _validated(Response(kept.body, headers=list(kept.headers)), etag, version)
        response = make_response(view(*args, **kwargs))
        if _started_session(response):
            return _private(response)
        if _keepable(response):
            headers = tuple(
                (name, value) for name, value in response.headers if name != "Content-Length"
            )
            cache.put(key, etag, response.get_data(), headers)
        return _validated(response, etag, version)

    return page
