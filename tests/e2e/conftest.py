"""End-to-end fixtures: the real app on a live port, driven by Debian's Chromium through Playwright.

Playwright cannot download its own browsers here, so the system Chromium is launched.
Every test gets a fresh SQLite database (a copy of the empty schema) with the demo people in it.
"""

import contextlib
import json
import logging
import os
import re
import signal
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from wsgiref.types import StartResponse, WSGIApplication, WSGIEnvironment

import pytest
from flask import Flask
from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Locator,
    Page,
    expect,
    sync_playwright,
)
from werkzeug.serving import BaseWSGIServer, make_server

from tests.compiled_once import share_compiled_templates
from tests.conftest import test_config
from tests.databases import copy_sqlite_schema
from tests.factories import PASSWORD
from translate_flow import PROJECT_ROOT, create_app
from translate_flow.demo.people import DEMO_PASSWORD, load_demo
from translate_flow.observability.metrics import KNOWN_METHODS
from translate_flow.observability.request_id import SAFE as SAFE_REQUEST_ID
from translate_flow.observability.request_log import FIELDS, LOGGER_NAME
from translate_flow.people.signin import TOKEN_PREFIX

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
# Failures should show quickly; everything here answers in milliseconds.
ACTION_TIMEOUT_MS = 10_000
VIEWPORT = {"width": 1280, "height": 800}
ARTIFACTS = PROJECT_ROOT / "test-artifacts"
DESK_URL = re.compile(r"/desk/$")
LOGIN_URL = re.compile(r"/login$")

# What every e2e module puts in its `pytestmark`: one xdist group, so that a single
# worker (and so a single Chromium) runs them all.
E2E_MARKS = [pytest.mark.e2e, pytest.mark.xdist_group("e2e")]


@dataclass
class LiveServer:
    url: str
    app: Flask


FAILED_LOAD = "Failed to load resource"


@dataclass
class BrowserProblems:
    """Console errors and uncaught exceptions seen by the pages of a test; a clean run has none.

    A "Failed to load resource" error is not a problem when the test itself expects the
    page to answer with that status (`allow_status`), such as 401 for a wrong password.
    """

    messages: list[str] = field(default_factory=list)
    allowed_statuses: set[int] = field(default_factory=set)

    def watch(self, page: Page) -> None:
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.messages.append(f"pageerror: {error}"))

    def allow_status(self, status: int) -> None:
        self.allowed_statuses.add(status)

    def _console(self, message: ConsoleMessage) -> None:
        if message.type != "error":
            return
        url = message.location.get("url", "")
        if message.text.startswith(FAILED_LOAD) and any(
            f"status of {status} " in message.text for status in self.allowed_statuses
        ):
            return
        self.messages.append(f"console error: {message.text} ({url})")


def _read_whole(app: WSGIApplication) -> WSGIApplication:
    """The app with each body read and its iterator closed before the server writes it.

    Chromium drops requests it no longer needs (a stylesheet or icon when the page moves on,
    everything when a context closes). Werkzeug's development server then skips closing the
    response's iterator, so a static file stays open until garbage collection, and the
    ResourceWarning fails whichever test happens to be tearing down. Gunicorn closes it.
    """

    def read_whole(environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        body = app(environ, start_response)
        try:
            return [b"".join(body)]
        finally:
            close = getattr(body, "close", None)
            if close is not None:
                close()

    return read_whole


@contextmanager
def serving(app: Flask) -> Iterator[str]:
    """Serves the app on 127.0.0.1 at a free port (its address is given) until the block ends;
    then closes the app's database connections too."""
    server: BaseWSGIServer = make_server("127.0.0.1", 0, _read_whole(app), threaded=True)
    thread = threading.Thread(
        # A short poll makes shutdown quick; the default half second adds up over the tests.
        target=server.serve_forever,
        kwargs={"poll_interval": 0.05},
        name="e2e-live-server",
        daemon=True,
    )
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join()
        server.server_close()
        app.extensions["translate_flow.db"].dispose()


class _RequestLines(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


# What must never be in a request log line, whatever the test typed: the passwords people
# sign in with, API tokens, and the cookie and form field that carry secrets (named as they
# are sent: a route such as /api/v1/csrf-token is one of the app's own and may be logged).
NEVER_LOGGED = (
    DEMO_PASSWORD,
    PASSWORD,
    "Bearer",
    TOKEN_PREFIX,
    "session=",
    "translate_flow_session",
    "csrf_token",
)


def check_request_log(lines: list[str], routes: set[str]) -> None:
    """Each line is JSON with exactly the request log's fields, each of its own plain kind
    (so no typed text, header or form value can be among them), and names nothing secret."""
    assert lines, "the live server wrote no request log line"
    for text in lines:
        line = json.loads(text)
        assert tuple(line) == FIELDS, text
        assert SAFE_REQUEST_ID.fullmatch(line["request_id"]), text
        assert line["person_id"] is None or type(line["person_id"]) is int, text
        assert line["method"] in KNOWN_METHODS | {"OTHER"}, text
        assert line["route"] is None or line["route"] in routes, text
        assert type(line["status"]) is int and type(line["queries"]) is int, text
        assert isinstance(line["duration_ms"], int | float), text
        assert re.fullmatch(r"[0-9T:.+-]+", line["time"]), text
        for secret in NEVER_LOGGED:
            assert secret not in text, f"{secret!r} in the request log: {text}"


@contextmanager
def request_log() -> Iterator[list[str]]:
    """The request log lines written in the block."""
    logger = logging.getLogger(LOGGER_NAME)
    handler = _RequestLines()
    logger.addHandler(handler)
    try:
        yield handler.lines
    finally:
        logger.removeHandler(handler)


@pytest.fixture
def live_server(tmp_path: Path, sqlite_schema_file: Path) -> Iterator[LiveServer]:
    """The app on 127.0.0.1 at a free port, on its own SQLite file holding the demo people.
    Its request log is JSON, as in production, and is checked once the server has stopped
    (`check_request_log`): every browser test is also a test of what the log keeps out."""
    url = copy_sqlite_schema(sqlite_schema_file, tmp_path / "e2e.sqlite3")
    config = test_config(url, tmp_path / "instance") | {"LOG_FORMAT": "json"}
    app = share_compiled_templates(create_app(config))
    with app.extensions["translate_flow.db"].transaction() as session:
        load_demo(session, app.extensions["translate_flow.passwords"], DEMO_PASSWORD)
    with request_log() as lines, serving(app) as address:
        yield LiveServer(url=address, app=app)
    check_request_log(lines, {rule.rule for rule in app.url_map.iter_rules()})


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.skip(
            f"{CHROMIUM} is missing: the e2e tests drive Debian's Chromium "
            "(`apt-get install chromium`)."
        )
    # Full runs used to stop inside Playwright with Chromium idle. The cause found: a test held
    # a request with `page.route` and then slept outside Playwright, so the sync API never ran
    # the handler, and closing the context waited on it for ever (tests/e2e/
    # test_review_in_editor_browser.py now waits through the page). Should anything like it
    # come back, a watchdog ends Chromium and Playwright's driver if closing takes more than a
    # minute, so that the run fails rather than waiting out CI's limit.
    watchdog = threading.Timer(60.0, _end_browser_processes)
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            try:
                yield chromium
            finally:
                watchdog.start()
                chromium.close()
    finally:
        watchdog.cancel()


def _descendants(root: int) -> list[int]:
    """The processes below `root`, read from /proc (Linux)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    found, frontier = [], [root]
    while frontier:
        parent = frontier.pop()
        children = [pid for pid, ppid in parents.items() if ppid == parent]
        found += children
        frontier += children
    return found


def _end_browser_processes() -> None:
    for pid in _descendants(os.getpid()):
        try:
            name = Path(f"/proc/{pid}/comm").read_text().strip()
        except OSError:
            continue
        if name in ("chromium", "node"):
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)


@pytest.fixture
def new_context(
    browser: Browser, live_server: LiveServer
) -> Iterator[Callable[[], BrowserContext]]:
    """`new_context()` → a fresh, signed-out browser context; all are closed after the test.

    It asks for `live_server` so that the contexts close (and drop their keep-alive
    connections) before the server shuts down.
    """
    contexts: list[BrowserContext] = []

    def _new_context() -> BrowserContext:
        context = browser.new_context(viewport=VIEWPORT, base_url=live_server.url)
        context.set_default_timeout(ACTION_TIMEOUT_MS)
        contexts.append(context)
        return context

    yield _new_context
    # The same bound as the browser's (see `browser`): a close that waits on a request a route
    # handler never finished fails the run instead of hanging it.
    watchdog = threading.Timer(60.0, _end_browser_processes)
    watchdog.start()
    try:
        for context in contexts:
            context.close()
    finally:
        watchdog.cancel()


@pytest.fixture
def problems() -> BrowserProblems:
    return BrowserProblems()


@pytest.fixture
def page(new_context: Callable[[], BrowserContext], problems: BrowserProblems) -> Page:
    """A page in its own context (1280×800), whose console errors are collected in `problems`."""
    page = new_context().new_page()
    problems.watch(page)
    return page


@pytest.fixture
def artifacts() -> Path:
    """Where screenshots go for a human to look at (gitignored)."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


def labelled(scope: Page | Locator, label: str) -> Locator:
    """The field with exactly this label, whether or not it is marked required (" *")."""
    return scope.get_by_label(re.compile(rf"^{re.escape(label)}(\s*\*)?$"))


def page_width(page: Page) -> int:
    """How wide the page lays out, once every style sheet has arrived: a page's own sheet (the
    desk's, the statistics') can still be loading when its text is already there."""
    page.wait_for_load_state("load")
    width: int = page.evaluate("document.documentElement.scrollWidth")
    return width


def sign_in(page: Page, email: str, password: str = DEMO_PASSWORD) -> None:
    """Signs in through the real form, as a person would, and waits for the desk."""
    page.goto("/login")
    labelled(page, "E-mail address").fill(email)
    labelled(page, "Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(DESK_URL)
