"""What only a real server shows, checked through gunicorn in production mode: downloads named in
any script, the headers it sends, and limits that hold across worker processes.

The Flask test client accepts a header value in any script; gunicorn answers 500 when a
header is not Latin-1, so these run against two gunicorn processes (one worker each, so that
alternating between them is certain to cross processes) on one SQLite file built by the real
migrations.
"""

import http.client
import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import quote, unquote, urlencode

import pytest
from flask import Flask
from sqlalchemy import select

from tests.conftest import CSRF_META, FAST_PASSWORDS
from tests.desk import build_desk
from tests.factories import PASSWORD, ArticleFactory, UserFactory
from tests.gunicorn_server import SECRET, Served, gunicorn
from translate_flow import create_app
from translate_flow.core import migrate
from translate_flow.domain.models import Publication, Role, User

TITLES = {
    "Japanese": "円安を嘆く前に",
    "Chinese": "美国经济政策的代价",
    "Arabic": "ترميم السوق القديم",
    "Cyrillic": "Слабый рубль и санкции",
    "Greek": "Η Ελλάδα και οι ΗΠΑ",
}
PARAGRAPHS = ["One.", "Two.", "Three."]


@dataclass
class Visitor:
    """A client with its own cookies and client address, speaking HTTP/1.1 to one server."""

    # 24 random bits: the site's database (and its counts of attempts) is shared by the whole
    # module, and 250 addresses gave two visitors the same one often enough to fail a test.
    address: str = field(
        default_factory=lambda: "10." + ".".join(str(b) for b in uuid.uuid4().bytes[:3])
    )
    cookies: dict[str, str] = field(default_factory=dict)

    def request(
        self, served: Served, method: str, path: str, form: dict[str, str] | None = None
    ) -> tuple[http.client.HTTPResponse, bytes]:
        headers = {"X-Forwarded-For": self.address}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection = http.client.HTTPConnection(served.host, served.port, timeout=60)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            content = response.read()
        finally:
            connection.close()
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                cookie, _, _ = value.partition(";")
                key, _, cookie_value = cookie.partition("=")
                self.cookies[key.strip()] = cookie_value.strip()
        return response, content

    def post_form(
        self, served: Served, path: str, form: dict[str, str]
    ) -> http.client.HTTPResponse:
        _page_response, page = self.request(served, "GET", path)
        token = CSRF_META.search(page.decode())
        assert token, f"no CSRF token on {path}"
        response, _ = self.request(served, "POST", path, {"csrf_token": token.group(1), **form})
        return response


@dataclass
class Site:
    first: Served
    second: Served
    app: Flask
    slugs: dict[str, str]
    coordinator: User


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    folder = tmp_path_factory.mktemp("gunicorn")
    database = f"sqlite:///{folder / 'desk.sqlite3'}"
    migrate.upgrade(database)
    app = create_app(
        {
            "DATABASE_URL": database,
            "SECRET_KEY": SECRET,
            "INSTANCE_PATH": str(folder / "instance"),
            **FAST_PASSWORDS,
        }
    )
    make_user, make_article = UserFactory(app), ArticleFactory(app)
    slugs = {}
    for script, title in TITLES.items():
        desk = build_desk(app, make_user, make_article)
        desk.publish([title, *PARAGRAPHS])
        with desk.session() as session:
            slugs[script] = session.scalars(
                select(Publication.slug).where(Publication.translation_id == desk.translation_id)
            ).one()
    coordinator = make_user(Role.COORDINATOR, email=f"boss-{uuid.uuid4().hex[:6]}@example.org")
    env = {"TRANSLATE_FLOW_ENV": "production", "TRANSLATE_FLOW_PROXY_COUNT": "1"}
    try:
        with (
            gunicorn(database, folder, workers=1, env=env) as first,
            gunicorn(database, folder, workers=1, env=env) as second,
        ):
            yield Site(first, second, app, slugs, coordinator)
    finally:
        app.extensions["translate_flow.db"].dispose()


def saved_name(response: http.client.HTTPResponse) -> str | None:
    """The file name a browser saves under: RFC 6266 §4.3 prefers filename* to filename."""
    header = response.getheader("Content-Disposition")
    assert header is not None
    extended = re.search(r"filename\*=UTF-8''([^;\s]+)", header, re.IGNORECASE)
    if extended:
        return unquote(extended.group(1), encoding="utf-8", errors="strict")
    plain = re.search(r'filename="([^"]*)"', header)
    return plain.group(1) if plain else None


def test_most_slugs_here_are_not_ascii(site: Site) -> None:
    # Otherwise the download test below would not test what it is for.
    assert sum(not slug.isascii() for slug in site.slugs.values()) >= 4, site.slugs


@pytest.mark.parametrize("script", list(TITLES))
@pytest.mark.parametrize("kind", ["html", "md", "json"])
def test_a_translation_downloads_under_its_own_name_in_any_script(
    site: Site, script: str, kind: str
) -> None:
    slug = site.slugs[script]
    response, body = Visitor().request(site.first, "GET", f"/read/{quote(slug)}.{kind}")
    assert response.status == 200, body[:500]
    assert saved_name(response) == f"{slug}.{kind}"
    header = response.getheader("Content-Disposition") or ""
    assert header.startswith("inline; ")
    assert header.isascii()
    fallback = header.split('filename="', 1)[1].split('"', 1)[0]
    assert fallback.endswith(f".{kind}") and fallback.isascii()
    if kind == "html":
        assert TITLES[script] in body.decode()


def test_the_wordpress_export_downloads_as_an_attachment(site: Site) -> None:
    visitor = Visitor()
    signed_in = visitor.post_form(
        site.first, "/login", {"email": site.coordinator.email, "password": PASSWORD}
    )
    assert signed_in.status == 302
    response, body = visitor.request(site.first, "GET", "/export/wordpress.xml")
    assert response.status == 200
    assert saved_name(response) == "translations-wordpress.xml"
    assert (response.getheader("Content-Disposition") or "").startswith("attachment; ")
    assert TITLES["Greek"].encode() in body


def test_production_over_https_is_announced_and_the_server_software_is_not(site: Site) -> None:
    response, _ = Visitor().request(site.first, "GET", "/")
    assert response.status == 200
    assert response.getheader("Strict-Transport-Security") == "max-age=31536000"
    assert not response.getheader("Server")
    assert "gunicorn" not in str(response.headers).lower()


def test_once_an_account_is_limited_every_process_refuses_even_the_right_password(
    site: Site,
) -> None:
    person = UserFactory(site.app)(Role.TRANSLATOR, email=f"p-{uuid.uuid4().hex[:8]}@example.org")
    servers = [site.first, site.second]
    for attempt in range(5):
        # A new address each time: only the account's counter can stop the sixth.
        failed = Visitor().post_form(
            servers[attempt % 2], "/login", {"email": person.email, "password": f"wrong {attempt}"}
        )
        assert failed.status == 401
    for served in servers:
        refused = Visitor().post_form(
            served, "/login", {"email": person.email, "password": PASSWORD}
        )
        assert refused.status == 429
        assert 0 < int(refused.getheader("Retry-After") or 0) <= 300


def test_once_an_address_is_limited_every_process_refuses_it(site: Site) -> None:
    visitor = Visitor()
    servers = [site.first, site.second]
    for attempt in range(5):
        failed = visitor.post_form(
            servers[attempt % 2],
            "/login",
            {"email": f"nobody{attempt}@example.org", "password": "wrong"},
        )
        assert failed.status == 401
    someone = UserFactory(site.app)(Role.TRANSLATOR, email=f"s-{uuid.uuid4().hex[:8]}@example.org")
    for served in servers:
        refused = visitor.post_form(
            served, "/login", {"email": someone.email, "password": PASSWORD}
        )
        assert refused.status == 429


def test_reset_requests_for_one_account_are_limited_across_processes(site: Site) -> None:
    email = f"r-{uuid.uuid4().hex[:8]}@example.org"
    UserFactory(site.app)(Role.TRANSLATOR, email=email)
    servers = [site.first, site.second]
    for attempt in range(10):
        asked = Visitor().post_form(servers[attempt % 2], "/forgot", {"email": email})
        assert asked.status == 302
    refused = Visitor().post_form(site.second, "/forgot", {"email": email})
    assert refused.status == 429
