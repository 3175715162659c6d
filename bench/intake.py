"""The worst intake time per way in: hostile inputs at the size limits, in CPU seconds.

    .venv/bin/python -m bench.intake [--all]

Every way in (paste, upload, API, URL import, feed poll) must refuse or finish within 2 s of CPU
on this machine for any input within the size limits. Each case goes through the real path:
a request to the app (a test client on a temporary SQLite desk), a page or feed served by a
local HTTP server for imports and polls. CPU time is the whole process's (client, server and
the app alike), so it errs on the high side. Prints a Markdown table; `--all` adds every case.
"""

import argparse
import io
import json
import re
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import update

from bench import hostile
from bench.synthetic import PASSWORD
from translate_flow import create_app
from translate_flow.domain.models import Base, Outlet, Role
from translate_flow.intake.outlets import OutletInput, create_outlet
from translate_flow.jobs import poll_feeds
from translate_flow.people.members import create_user

BUDGET_SECONDS = 2.0
CSRF_META = re.compile(r'<meta name="csrf-token" content="([^"]+)">')
ERROR_TEXT = re.compile(
    r'class="form-errors" role="alert">\s*(.*?)\s*</div>|"message": ?"(.*?)"', re.S
)

# The article form as a coordinator previews an uploaded file: nothing typed, nothing stored.
UPLOAD_PREVIEW = {
    "title": "Titular",
    "body": "",
    "body_format": "text",
    "source_language": "es",
    "priority": "2",
    "action": "preview",
}


@dataclass(frozen=True)
class Case:
    path: str
    name: str
    status: int
    seconds: float
    said: str


class _Site(BaseHTTPRequestHandler):
    """Serves what `pages` holds, from memory."""

    pages: dict[str, tuple[str, bytes]] = {}

    def do_GET(self) -> None:
        content_type, body = self.pages.get(self.path, ("text/plain", b"not here"))
        self.send_response(200 if self.path in self.pages else 404)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def local_site() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Site)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _timed(call: Callable[[], Any]) -> tuple[float, Any]:
    start = time.process_time()
    result = call()
    return time.process_time() - start, result


def _said(page: str) -> str:
    match = ERROR_TEXT.search(page)
    text = next((group for group in match.groups() if group), "") if match else ""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", text))[:90]


def desk(folder: Path) -> tuple[Flask, FlaskClient, int]:
    app = create_app(
        {
            "DATABASE_URL": f"sqlite:///{folder / 'intake.sqlite3'}",
            "SECRET_KEY": "bench-intake-secret-key-long-enough-0123456789",
            "INSTANCE_PATH": str(folder / "instance"),
            "SMTP_URL": "console://",
            "PASSWORD_TIME_COST": 1,
            "PASSWORD_MEMORY_KIB": 64,
            "RATELIMIT_ENABLED": False,
        }
    )
    db = app.extensions["translate_flow.db"]
    Base.metadata.create_all(db.engine)
    with db.transaction() as session:
        user = create_user(
            session,
            app.extensions["translate_flow.passwords"],
            email="coordinator@example.org",
            display_name="Coordinator",
            roles=[Role.COORDINATOR],
            password=PASSWORD,
        )
        outlet = create_outlet(session, user, OutletInput(name="Diario", language="es"))
        outlet_id = outlet.id
    client = app.test_client()
    token = CSRF_META.search(client.get("/login").get_data(as_text=True))
    assert token, "no CSRF token on the sign-in page"
    signed = client.post(
        "/login",
        data={
            "csrf_token": token.group(1),
            "email": "coordinator@example.org",
            "password": PASSWORD,
        },
    )
    assert signed.status_code == 302, "could not sign in"
    return app, client, outlet_id


def _csrf(client: FlaskClient) -> str:
    match = CSRF_META.search(client.get("/articles/new").get_data(as_text=True))
    assert match, "no CSRF token on the article form"
    return match.group(1)


def _form(client: FlaskClient, csrf: str, url: str, fields: dict[str, Any]) -> tuple[int, str]:
    response = client.post(url, data={"csrf_token": csrf, **fields})
    return response.status_code, _said(response.get_data(as_text=True))


def paste_cases(client: FlaskClient, csrf: str) -> Iterator[Case]:
    size = hostile.PASTE_LIMIT - 1_000  # the field, with the form's other fields beside it
    builders = (hostile.html_bodies, hostile.markdown_bodies, hostile.text_bodies)
    inputs = [
        (name, body_format, body)
        for builder, body_format in zip(builders, ("html", "markdown", "text"), strict=True)
        for name, body in builder(size).items()
    ] + [
        (name, body_format, body)
        for name, (body_format, body) in hostile.largest_accepted_bodies().items()
        if len(body.encode()) <= size
    ]
    for name, body_format, body in inputs:
        fields = {
            "title": "Titular",
            "body": body,
            "body_format": body_format,
            "source_language": "es",
            "priority": "2",
            "action": "preview",
        }
        seconds, (status, said) = _timed(lambda f=fields: _form(client, csrf, "/articles/new", f))
        yield Case("paste (preview)", f"{body_format}: {name}", status, seconds, said)


def upload_cases(client: FlaskClient, csrf: str) -> Iterator[Case]:
    size = hostile.UPLOAD_LIMIT
    files = [
        *((f"{name}.html", body.encode()) for name, body in hostile.html_bodies(size).items()),
        *((f"{name}.md", body.encode()) for name, body in hostile.markdown_bodies(size).items()),
        *((f"{name}.txt", body.encode()) for name, body in hostile.text_bodies(size).items()),
        *((f"{name}.docx", data) for name, data in hostile.docx_files().items()),
        *((f"{name}.docx", data) for name, data in hostile.largest_accepted_docx().items()),
        *(
            (
                f"{name}.{ {'html': 'html', 'markdown': 'md', 'text': 'txt'}[body_format] }",
                body.encode(),
            )
            for name, (body_format, body) in hostile.largest_accepted_bodies().items()
        ),
    ]
    for filename, data in files:
        assert len(data) <= size, filename
        fields = {**UPLOAD_PREVIEW, "upload": (io.BytesIO(data), filename)}
        seconds, (status, said) = _timed(lambda f=fields: _form(client, csrf, "/articles/new", f))
        yield Case("upload (preview)", filename, status, seconds, said)


def api_cases(client: FlaskClient, csrf: str) -> Iterator[Case]:
    size = hostile.API_LIMIT - 10_000  # the JSON around the body
    builders = (hostile.html_bodies, hostile.markdown_bodies, hostile.text_bodies)
    inputs = [
        (name, body_format, body)
        for builder, body_format in zip(builders, ("html", "markdown", "text"), strict=True)
        for name, body in builder(size).items()
    ] + [
        (name, body_format, body)
        for name, (body_format, body) in hostile.largest_accepted_bodies().items()
    ]
    for name, body_format, body in inputs:
        payload = json.dumps(
            {"title": "Titular", "body": body, "body_format": body_format, "source_language": "es"}
        )

        def post(payload: str = payload) -> tuple[int, str]:
            response = client.post(
                "/api/v1/articles",
                data=payload,
                content_type="application/json",
                headers={"X-CSRFToken": csrf},
            )
            return response.status_code, _said(response.get_data(as_text=True))

        seconds, (status, said) = _timed(post)
        yield Case("API (saves)", f"{body_format}: {name}", status, seconds, said)


def import_cases(client: FlaskClient, csrf: str, app: Flask, site: str) -> Iterator[Case]:
    app.config["FETCH_ALLOWED_HOSTS"] = [site]
    pages = {**hostile.pages(hostile.FETCH_LIMIT), **hostile.largest_accepted_pages()}
    for number, (name, page) in enumerate(pages.items()):
        path = f"/page/{number}.html"
        _Site.pages[path] = ("text/html; charset=utf-8", page.encode())
        seconds, (status, said) = _timed(
            lambda p=path: _form(client, csrf, "/articles/import", {"url": f"http://{site}{p}"})
        )
        yield Case("URL import", name, status, seconds, said)


def feed_cases(app: Flask, site: str, outlet_id: int) -> Iterator[Case]:
    app.config["FETCH_ALLOWED_HOSTS"] = [site]
    db = app.extensions["translate_flow.db"]
    feeds = {**hostile.feeds(hostile.FETCH_LIMIT), **hostile.largest_accepted_feeds()}
    for number, (name, data) in enumerate(feeds.items()):
        path = f"/feed/{number}.xml"
        _Site.pages[path] = ("application/rss+xml", data)
        with db.transaction() as session:
            session.execute(
                update(Outlet).where(Outlet.id == outlet_id).values(feed_url=f"http://{site}{path}")
            )
        seconds, report = _timed(lambda: poll_feeds(app))
        failure = next(iter(report.failures.values()), "")
        found = sum(report.new_entries.values())
        yield Case(
            "feed poll",
            name,
            422 if failure else 200,
            seconds,
            failure[:90] or f"{found} new entries",
        )


def run() -> list[Case]:
    with tempfile.TemporaryDirectory() as folder, local_site() as site:
        app, client, outlet_id = desk(Path(folder))
        csrf = _csrf(client)
        cases = [
            *paste_cases(client, csrf),
            *upload_cases(client, csrf),
            *api_cases(client, csrf),
            *import_cases(client, csrf, app, site),
            *feed_cases(app, site, outlet_id),
        ]
        app.extensions["translate_flow.db"].dispose()
    return cases


def table(cases: list[Case], *, every: bool) -> str:
    lines = [
        "| Way in | Inputs | Worst input | Answer | CPU s | Within 2 s |",
        "|---|---:|---|---:|---:|---|",
    ]
    for path in dict.fromkeys(case.path for case in cases):
        mine = [case for case in cases if case.path == path]
        worst = max(mine, key=lambda case: case.seconds)
        ok = "yes" if worst.seconds <= BUDGET_SECONDS else "**no**"
        lines.append(
            f"| {path} | {len(mine)} | {worst.name} | {worst.status} | {worst.seconds:.2f} | {ok} |"
        )
    if every:
        lines += [
            "",
            "| Way in | Input | Answer | CPU s | What it said |",
            "|---|---|---:|---:|---|",
        ]
        lines += [
            f"| {c.path} | {c.name} | {c.status} | {c.seconds:.2f} | {c.said.replace('|', '/')} |"
            for c in cases
        ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--all", action="store_true", help="list every case, not only the worst")
    arguments = parser.parse_args()
    print(table(run(), every=arguments.all))


if __name__ == "__main__":
    main()
