"""gunicorn with translate_flow/gunicorn_conf.py behind one proxy (TRANSLATE_FLOW_PROXY_COUNT=1),
as the deployment files set it up: the app sees HTTPS and the client's address from the proxy's
X-Forwarded-* headers, and only the last address, the one its own proxy saw. Then the same
through nginx itself with deploy/nginx/translate-flow.conf, where nginx is installed: TLS, the
static files, the body limits, and what the public cannot reach."""

import http.client
import re
import socket
import ssl
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

import pytest
from sqlalchemy import select

from tests.conftest import CSRF_META, FAST_PASSWORDS
from tests.factories import PASSWORD, UserFactory
from tests.gunicorn_server import Served, gunicorn
from tests.nginx_server import NGINX, NOT_INSTALLED, SERVER_NAME, Proxy, nginx
from translate_flow import create_app
from translate_flow.core import migrate
from translate_flow.core.db import Database
from translate_flow.domain.models import LoginSession, Role

Connect = Callable[[], http.client.HTTPConnection]


@dataclass
class Site:
    served: Served
    database: Database
    make_user: UserFactory
    folder: Path


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    folder = tmp_path_factory.mktemp("proxied")
    url = f"sqlite:///{folder / 'desk.sqlite3'}"
    migrate.upgrade(url)
    app = create_app(
        {"DATABASE_URL": url, "INSTANCE_PATH": str(folder / "instance"), **FAST_PASSWORDS}
    )
    env = {
        "TRANSLATE_FLOW_ENV": "production",
        "TRANSLATE_FLOW_PROXY_COUNT": "1",
        # Whatever the machine's environment says: /readyz is asked below.
        "TRANSLATE_FLOW_REDIS_URL": "",
    }
    try:
        with gunicorn(url, folder, workers=1, env=env) as served:
            yield Site(served, app.extensions["translate_flow.db"], UserFactory(app), folder)
    finally:
        app.extensions["translate_flow.db"].dispose()


@dataclass
class Browser:
    """Cookies and fixed headers over connections made by `connect`, one per request."""

    connect: Connect
    headers: dict[str, str] = field(default_factory=dict)
    cookies: dict[str, str] = field(default_factory=dict)

    def request(
        self,
        method: str,
        path: str,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> tuple[http.client.HTTPResponse, bytes]:
        sent = {**self.headers, **(headers or {})}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        connection = self.connect()
        try:
            connection.request(method, path, body=body, headers=sent)
            response = connection.getresponse()
            content = response.read()
        finally:
            connection.close()
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key.strip()] = rest.partition(";")[0]
        return response, content

    def sign_in(self, email: str) -> http.client.HTTPResponse:
        _response, page = self.request("GET", "/login")
        token = CSRF_META.search(page.decode())
        assert token, page[:500]
        form = urlencode({"csrf_token": token.group(1), "email": email, "password": PASSWORD})
        response, _ = self.request(
            "POST",
            "/login",
            form.encode(),
            # Over HTTPS, Flask-WTF wants the form to come from this site's own https:// page.
            {
                "Content-Type": "application/x-www-form-urlencoded",
                "Referer": f"https://{SERVER_NAME}/login",
            },
        )
        return response


def signed_in_from(site: Site, browser: Browser) -> str:
    """The address the app recorded for a new person's sign-in through `browser`."""
    person = site.make_user(Role.TRANSLATOR, email=f"p-{uuid.uuid4().hex[:8]}@example.org")
    response = browser.sign_in(person.email)
    assert response.status == 302, response.status
    with site.database.session(write=False) as session:
        return session.scalars(
            select(LoginSession.ip_address).where(LoginSession.user_id == person.id)
        ).one()


def api_address(browser: Browser) -> str:
    """The API's own address as the app puts it in its OpenAPI document: scheme and host."""
    response, body = browser.request("GET", "/api/v1/openapi.json")
    assert response.status == 200
    match = re.search(rb'"servers":\s*\[\{"url":\s*"([^"]+)"', body)
    assert match, body[:300]
    return match.group(1).decode()


def direct(site: Site) -> Connect:
    return lambda: http.client.HTTPConnection(site.served.host, site.served.port, timeout=60)


# One proxy in front, as nginx would send


def test_the_app_sees_https_and_the_address_its_proxy_saw(site: Site) -> None:
    proxied = Browser(
        direct(site),
        {
            "Host": SERVER_NAME,
            # A client's own claim first, then the address the proxy saw.
            "X-Forwarded-For": "198.51.100.1, 203.0.113.7",
            "X-Forwarded-Proto": "https",
        },
    )
    assert api_address(proxied) == f"https://{SERVER_NAME}/api/v1"
    assert signed_in_from(site, proxied) == "203.0.113.7"


def test_without_the_proxys_headers_the_app_sees_plain_http(site: Site) -> None:
    # The control for the test above: the scheme and address come from the headers.
    plain = Browser(direct(site), {"Host": SERVER_NAME})
    assert api_address(plain) == f"http://{SERVER_NAME}/api/v1"
    assert signed_in_from(site, plain) == "127.0.0.1"


def test_a_body_the_app_refuses_unread_is_read_before_it_answers(site: Site) -> None:
    # A form over MAX_CONTENT_LENGTH is refused on its Content-Length alone. Had gunicorn
    # closed the connection with the rest unread, the kernel would reset it: the client's
    # (or nginx's) sending fails and the app's page is lost.
    body = b"x" * int(10.5 * 1024 * 1024)
    head = (
        f"POST /login HTTP/1.1\r\nHost: {SERVER_NAME}\r\n"
        "Content-Type: application/x-www-form-urlencoded\r\n"
        f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
    ).encode()
    with socket.create_connection((site.served.host, site.served.port), timeout=60) as raw:
        raw.sendall(head + body)
        answer = b""
        while chunk := raw.recv(65536):
            answer += chunk
    assert answer.startswith(b"HTTP/1.1 413"), answer[:200]
    assert b"larger than this site accepts" in answer


# Through nginx


@pytest.fixture(scope="module")
def proxy(site: Site) -> Iterator[Proxy]:
    if NGINX is None:
        pytest.skip(NOT_INSTALLED)
    folder = site.folder / "nginx"
    folder.mkdir()
    with nginx(folder, f"{site.served.host}:{site.served.port}") as running:
        yield running


class _Pinned(http.client.HTTPSConnection):
    """HTTPS to 127.0.0.1 that names SERVER_NAME in the handshake (SNI) and the Host header."""

    def __init__(self, port: int, server_name: str = SERVER_NAME) -> None:
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE  # the test's own self-signed certificate
        super().__init__(server_name, port, timeout=60, context=context)
        self._context = context

    def connect(self) -> None:
        raw = socket.create_connection(("127.0.0.1", self.port), self.timeout)
        self.sock = self._context.wrap_socket(raw, server_hostname=self.host)


def through(proxy: Proxy, headers: dict[str, str] | None = None) -> Browser:
    return Browser(lambda: _Pinned(proxy.https_port), headers or {})


def test_through_nginx_the_app_sees_https_and_the_real_address(site: Site, proxy: Proxy) -> None:
    # A client that claims another address is not believed.
    browser = through(proxy, {"X-Forwarded-For": "203.0.113.66"})
    assert api_address(browser) == f"https://{SERVER_NAME}/api/v1"
    assert signed_in_from(site, browser) == "127.0.0.1"


def test_nginx_passes_the_apps_own_headers_once(proxy: Proxy) -> None:
    response, _ = through(proxy).request("GET", "/login")
    assert response.status == 200
    assert response.headers.get_all("Strict-Transport-Security") == ["max-age=31536000"]
    # nginx's id for the request, which the app logs and sends back.
    assert re.fullmatch(r"[0-9a-f]{32}", response.getheader("X-Request-ID") or "")


def test_plain_http_is_sent_to_https(proxy: Proxy) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", proxy.http_port, timeout=30)
    try:
        connection.request("GET", "/login?next=%2F", headers={"Host": SERVER_NAME})
        response = connection.getresponse()
        response.read()
    finally:
        connection.close()
    assert response.status == 301
    assert response.getheader("Location") == f"https://{SERVER_NAME}/login?next=%2F"


def test_another_host_name_is_refused_in_the_handshake(proxy: Proxy) -> None:
    other = _Pinned(proxy.https_port, server_name="other.example.net")
    try:
        with pytest.raises(ssl.SSLError):
            other.connect()
    finally:
        other.close()


def test_nginx_serves_the_static_files_itself(proxy: Proxy) -> None:
    browser = through(proxy)
    own, body = browser.request("GET", "/static/app/app.css")
    assert own.status == 200 and body
    # Not the app's answer (it would carry a request id and its security headers' CSP).
    assert own.getheader("Content-Security-Policy") is None
    assert own.getheader("Cache-Control") == "no-cache"
    assert own.getheader("ETag")
    again, _ = browser.request(
        "GET", "/static/app/app.css", headers={"If-None-Match": own.getheader("ETag") or ""}
    )
    assert again.status == 304
    vendor, _ = browser.request("GET", "/static/vendor/pico-2.1.1/pico.min.css")
    assert vendor.status == 200
    assert vendor.getheader("Cache-Control") == "public, max-age=31536000, immutable"
    assert vendor.getheader("Content-Type", "").startswith("text/css")


def test_metrics_are_not_public_and_readiness_answers_locally(proxy: Proxy) -> None:
    browser = through(proxy)
    metrics, _ = browser.request("GET", "/metrics")
    assert metrics.status == 404
    assert metrics.getheader("X-Request-ID") is None  # nginx's answer, not the app's
    ready, body = browser.request("GET", "/readyz")
    assert ready.status == 200, body
    assert ready.getheader("X-Request-ID") and b'"status":"ready"' in body.replace(b" ", b"")
    assert ready.getheader("Set-Cookie") is None


@pytest.mark.parametrize(
    ("megabytes", "answered_by_the_app"), [(10.5, True), (12, False)], ids=["app", "nginx"]
)
def test_a_body_too_large_is_refused_by_the_app_first(
    proxy: Proxy, megabytes: float, answered_by_the_app: bool
) -> None:
    body = b"x" * int(megabytes * 1024 * 1024)
    response, page = through(proxy).request(
        "POST", "/login", body, {"Content-Type": "application/x-www-form-urlencoded"}
    )
    assert response.status == 413
    # Just above the app's limit, its own page says what happened; far above, nginx refuses.
    assert (response.getheader("X-Request-ID") is not None) is answered_by_the_app
    assert (b"larger than this site accepts" in page) is answered_by_the_app
