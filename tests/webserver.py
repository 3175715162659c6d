"""Local network peers for tests that fetch: a small web site, and a listener that only records.

`LocalSite` serves canned answers on 127.0.0.1 (any port, so `pytest -n` workers never clash).
`RecordingListener` accepts TCP connections on loopback addresses and answers nothing: a test
that must not connect somewhere points there and asserts the listener saw no one.
"""

import shutil
import socket
import ssl
import subprocess
import sys
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

_DRIP_LIMIT = 100_000  # a slow route stops by itself eventually, even if no one hangs up


@dataclass(frozen=True)
class _Route:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    chunked: bool = False
    seconds_per_byte: float | None = None
    head_first: bool = False


class _Server(ThreadingHTTPServer):
    # Join the handler threads on close, so no test leaves a thread writing to a socket.
    daemon_threads = False
    block_on_close = True

    def __init__(self, site: "LocalSite", tls: ssl.SSLContext | None) -> None:
        self.site = site
        self.tls = tls
        super().__init__(("127.0.0.1", 0), _Handler)

    def get_request(self) -> tuple[Any, Any]:
        sock, address = super().get_request()
        if self.tls is None:
            return sock, address
        # The handshake happens on the handler's first read, in its thread, not in the loop.
        return self.tls.wrap_socket(sock, server_side=True, do_handshake_on_connect=False), address

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client that hangs up early (size cap, deadline, refused certificate) is the point
        # of many tests, not a server fault worth a traceback.
        if isinstance(sys.exc_info()[1], ConnectionError | ssl.SSLError | TimeoutError):
            return
        super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server
    timeout = 5  # a client that connects and never sends must not hold close() forever

    def do_GET(self) -> None:
        site = self.server.site
        route = site._record(self.path, dict(self.headers.items()))
        if route is None:
            route = _Route(status=404, body=b"not here", headers={"Content-Type": "text/plain"})
        if route.seconds_per_byte is not None:
            self._drip(route)
            return
        headers = {"Content-Type": "text/html; charset=utf-8", "Connection": "close"}
        if route.chunked:
            headers["Transfer-Encoding"] = "chunked"
        else:
            headers["Content-Length"] = str(len(route.body))
        headers.update(route.headers)  # a route may lie about Content-Length on purpose
        self.send_response(route.status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        if not route.chunked:
            self.wfile.write(route.body)
            return
        for start in range(0, len(route.body), 4096):
            piece = route.body[start : start + 4096]
            self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
        self.wfile.write(b"0\r\n\r\n")

    def _drip(self, route: _Route) -> None:
        head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n\r\n"
        if route.head_first:
            self.wfile.write(head)
            head = b""
        stream = head + route.body
        stopping = self.server.site._stopping
        for index in range(len(stream)):
            if stopping.wait(route.seconds_per_byte):
                return
            self.wfile.write(stream[index : index + 1])

    def log_message(self, format: str, *args: Any) -> None:
        pass  # the test output is for failures, not an access log


class LocalSite:
    """A web site on 127.0.0.1 whose pages the test defines; `requests` lists what was asked.

    `request_headers` holds the headers of each request, in the same order as `requests`.
    """

    def __init__(self, *, tls: ssl.SSLContext | None = None) -> None:
        self.requests: list[str] = []
        self.request_headers: list[dict[str, str]] = []
        self._routes: dict[str, _Route] = {}
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._server = _Server(self, tls)
        self._scheme = "https" if tls else "http"
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.01},  # close() waits up to one interval
            name=f"local-site-{self.port}",
        )
        self._thread.start()

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    @property
    def host(self) -> str:
        return f"127.0.0.1:{self.port}"

    @property
    def base_url(self) -> str:
        return f"{self._scheme}://{self.host}"

    def url(self, path: str) -> str:
        return self.base_url + path

    def add(
        self,
        path: str,
        body: bytes | str,
        content_type: str = "text/html; charset=utf-8",
        status: int = 200,
        headers: dict[str, str] | None = None,
        *,
        chunked: bool = False,
    ) -> str:
        """Serve `body` at `path`; `chunked` sends it without a Content-Length. Returns its URL."""
        data = body.encode() if isinstance(body, str) else body
        route = _Route(status, data, {"Content-Type": content_type, **(headers or {})}, chunked)
        with self._lock:
            self._routes[path] = route
        return self.url(path)

    def redirect(self, path: str, location: str, status: int = 302) -> str:
        return self.add(path, b"", status=status, headers={"Location": location})

    def slow(
        self,
        path: str,
        seconds_per_byte: float,
        *,
        head_first: bool = False,
        body: bytes = b"x" * _DRIP_LIMIT,
    ) -> str:
        """Drip the answer one byte at a time: the status line too, unless `head_first`."""
        with self._lock:
            self._routes[path] = _Route(
                body=body, seconds_per_byte=seconds_per_byte, head_first=head_first
            )
        return self.url(path)

    def _record(self, path: str, headers: dict[str, str]) -> _Route | None:
        with self._lock:
            self.requests.append(path)
            self.request_headers.append(headers)
            return self._routes.get(path) or self._routes.get(urlsplit(path).path)

    def close(self) -> None:
        self._stopping.set()  # ends drips at their next byte
        self._server.shutdown()
        self._server.server_close()  # also joins the handler threads
        self._thread.join()


@dataclass(frozen=True)
class Connection:
    local: tuple[str, int]  # which of the listener's addresses was reached
    peer: str
    received: bytes  # what the client sent before hanging up


class RecordingListener:
    """Listens on one port on several loopback addresses; records who connected, says nothing.

    Connections are accepted when `connections` is read, not by a background thread: the kernel
    queues a connection as soon as the client's connect() returns, so reading the list after
    the code under test returned sees every connection it made, without a race.
    """

    def __init__(self, addresses: Sequence[str] = ("127.0.0.1", "127.0.0.2", "::1")) -> None:
        self._lock = threading.Lock()
        self._seen: list[Connection] = []
        self._sockets: list[socket.socket] = []
        for attempt in range(5):
            try:
                self._bind_all(addresses)
                return
            except OSError:
                # Another test process took this port on one of the other addresses first.
                self.close()
                self._sockets = []
                if attempt == 4:
                    raise

    def _bind_all(self, addresses: Sequence[str]) -> None:
        # All addresses share one port, so a test can change only the host part of a URL.
        first, *others = addresses
        self.port = self._listen(first, 0)
        for address in others:
            if ":" in address and not socket.has_ipv6:
                continue
            try:
                self._listen(address, self.port)
            except OSError:
                if ":" in address:
                    continue  # no IPv6 loopback on this machine
                raise

    def _listen(self, address: str, port: int) -> int:
        family = socket.AF_INET6 if ":" in address else socket.AF_INET
        sock = socket.socket(family, socket.SOCK_STREAM)
        self._sockets.append(sock)
        sock.bind((address, port))
        sock.listen(16)
        sock.setblocking(False)
        return int(sock.getsockname()[1])

    @property
    def addresses(self) -> list[str]:
        return [sock.getsockname()[0] for sock in self._sockets]

    def url(self, host: str = "127.0.0.1", path: str = "/") -> str:
        name = f"[{host}]" if ":" in host else host
        return f"http://{name}:{self.port}{path}"

    @property
    def connections(self) -> list[Connection]:
        with self._lock:
            for listening in self._sockets:
                self._accept_pending(listening)
            return list(self._seen)

    def _accept_pending(self, listening: socket.socket) -> None:
        while True:
            try:
                sock, peer = listening.accept()
            except BlockingIOError:
                return
            with sock:
                sock.settimeout(0.2)
                received = b""
                try:
                    while chunk := sock.recv(4096):
                        received += chunk
                except TimeoutError:
                    pass  # the client is still connected and silent
                local = sock.getsockname()
                self._seen.append(Connection((local[0], local[1]), peer[0], received))

    def close(self) -> None:
        for sock in self._sockets:
            sock.close()


def self_signed_certificate(directory: Path, name: str) -> tuple[Path, Path]:
    """A certificate for `name` (DNS and, if it is one, IP) with its key, made with openssl."""
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("openssl is not installed")
    cert, key = directory / f"{name}.crt", directory / f"{name}.key"
    kind = "IP" if name.replace(".", "").isdigit() or ":" in name else "DNS"
    command = [openssl, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1"]
    command += ["-nodes", "-days", "1", "-keyout", str(key), "-out", str(cert)]
    command += ["-subj", f"/CN={name}", "-addext", f"subjectAltName={kind}:{name}"]
    subprocess.run(command, check=True, capture_output=True)
    return cert, key


@pytest.fixture
def local_site() -> Iterator[LocalSite]:
    site = LocalSite()
    yield site
    site.close()


@pytest.fixture
def recording_listener() -> Iterator[RecordingListener]:
    listener = RecordingListener()
    yield listener
    listener.close()
