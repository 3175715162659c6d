"""Fetching for import: only public addresses, connected to as checked, capped in size and time.

Every refusal asserts that nothing connected anywhere: the `network` fixture records each
connect() of the test (and keeps tests off the real internet), and the recording listener
sits on the loopback port a wrongful connection would have reached.
"""

import ipaddress
import socket
import ssl
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.webserver import LocalSite, RecordingListener, self_signed_certificate
from translate_flow.core.errors import ValidationFailed
from translate_flow.intake.fetching import (
    FetchedPage,
    FetchFailed,
    FetchPolicy,
    FetchRefused,
    fetch,
    is_public_address,
    policy_from_config,
)

PUBLIC_IP = "93.184.216.34"  # a global address; connections to it are refused by `network`
INSIDE = "inside our own network"


@dataclass
class Network:
    """The connect() calls a test made, and where some of them are secretly sent instead."""

    attempts: list[tuple[str, int]] = field(default_factory=list)
    reroute: dict[str, tuple[str, int]] = field(default_factory=dict)


def _stays_on_this_machine(host: str) -> bool:
    address = ipaddress.ip_address(host.split("%", 1)[0])
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_loopback or address.is_unspecified


@pytest.fixture
def network(monkeypatch: pytest.MonkeyPatch) -> Network:
    recorded = Network()
    real_connect = socket.socket.connect

    def connect(sock: socket.socket, address: Any) -> None:
        recorded.attempts.append((address[0], address[1]))
        if address[0] in recorded.reroute:  # like a NAT the lookup knew nothing about
            return real_connect(sock, recorded.reroute[address[0]])
        if not _stays_on_this_machine(address[0]):
            raise ConnectionRefusedError(f"tests do not leave this machine ({address[0]})")
        return real_connect(sock, address)

    monkeypatch.setattr(socket.socket, "connect", connect)
    return recorded


def _answer(ip: str, port: int) -> tuple[Any, ...]:
    if ":" in ip:
        return (socket.AF_INET6, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", (ip, port, 0, 0))
    return (socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", (ip, port))


def resolver(*ips: str) -> Callable[..., list[Any]]:
    """A getaddrinfo that answers `ips` for any name."""

    def resolve(host: str, port: int, *args: Any, **kwargs: Any) -> list[Any]:
        return [_answer(ip, port) for ip in ips]

    return resolve


def allowing(*hosts: str, **limits: Any) -> FetchPolicy:
    return FetchPolicy(allowed_hosts=frozenset(hosts), **limits)


# --- Fetching what is allowed -------------------------------------------------------------------


def test_an_allowed_site_is_fetched_with_type_charset_and_headers(local_site: LocalSite):
    url = local_site.add("/article", "<h1>Grüße</h1>", "Text/HTML; Charset=ISO-8859-1")
    page = fetch(url, allowing(local_site.host))
    assert isinstance(page, FetchedPage)
    assert (page.url, page.status, page.body) == (url, 200, "<h1>Grüße</h1>".encode())
    assert (page.content_type, page.charset) == ("text/html", "iso-8859-1")
    assert page.header("content-type") == "Text/HTML; Charset=ISO-8859-1"


def test_the_request_names_the_host_asks_for_identity_and_says_who_we_are(local_site: LocalSite):
    local_site.add("/a", "ok")
    fetch(local_site.url("/a?b=c d"), allowing(local_site.host), accept="application/rss+xml")
    assert local_site.requests == ["/a?b=c%20d"]
    sent = local_site.request_headers[0]
    assert sent["Host"] == local_site.host
    assert sent["Accept-Encoding"] == "identity"
    assert sent["Accept"] == "application/rss+xml"
    assert sent["User-Agent"] == FetchPolicy().user_agent


def test_a_page_without_content_type_has_an_empty_one(local_site: LocalSite):
    local_site.add("/raw", b"\x00\x01", headers={"Content-Type": ""})
    page = fetch(local_site.url("/raw"), allowing(local_site.host))
    assert (page.content_type, page.charset) == ("", None)


def test_an_allowed_host_name_without_port_allows_every_port(local_site: LocalSite):
    page = fetch(local_site.add("/", "ok"), allowing("127.0.0.1"))
    assert page.body == b"ok"


def test_an_allowed_name_connects_to_the_address_it_resolved_to(local_site: LocalSite):
    local_site.add("/news", "intranet")
    page = fetch(
        f"http://intranet.example:{local_site.port}/news",
        allowing("intranet.example"),
        resolve=resolver("127.0.0.1"),
    )
    assert page.body == b"intranet"
    assert local_site.request_headers[0]["Host"] == f"intranet.example:{local_site.port}"


def test_an_international_name_is_sent_in_its_ascii_form(local_site: LocalSite):
    local_site.add("/", "ok")
    url = f"http://Bücher.example:{local_site.port}/"
    fetch(url, allowing("xn--bcher-kva.example"), resolve=resolver("127.0.0.1"))
    assert local_site.request_headers[0]["Host"] == f"xn--bcher-kva.example:{local_site.port}"


def test_the_local_site_is_refused_unless_allowed(local_site: LocalSite, network: Network):
    with pytest.raises(FetchRefused, match=INSIDE):
        fetch(local_site.add("/", "secret"), FetchPolicy())
    assert local_site.requests == []
    assert network.attempts == []


def test_errors_are_validation_errors_people_can_read():
    assert issubclass(FetchRefused, ValidationFailed)
    assert issubclass(FetchFailed, ValidationFailed)


# --- Refusing our own network -------------------------------------------------------------------


LOOPBACK_HOSTS = [
    "127.0.0.1",
    "localhost",
    "LocalHost",
    "127.0.0.2",
    "[::1]",
    "[::ffff:127.0.0.1]",
    "2130706433",  # decimal
    "0177.0.0.1",  # octal
    "0x7f.1",  # hex, short
    "0x7f000001",  # hex
    "127.1",  # short
    "0.0.0.0",  # noqa: S104 - Linux connects this to loopback
    "0",
]


@pytest.mark.parametrize("scheme", ["http", "https"])
@pytest.mark.parametrize("host", LOOPBACK_HOSTS)
def test_loopback_in_any_spelling_is_refused_without_connecting(
    host: str, scheme: str, recording_listener: RecordingListener, network: Network
):
    with pytest.raises(FetchRefused, match=INSIDE):
        fetch(f"{scheme}://{host}:{recording_listener.port}/", FetchPolicy())
    assert recording_listener.connections == []
    assert network.attempts == []


PRIVATE_ADDRESSES = [
    "10.0.0.5",
    "192.168.1.10",
    "172.16.0.1",
    "172.31.255.254",
    "169.254.169.254",  # cloud metadata
    "100.64.0.1",  # shared address space (carrier-grade NAT)
    "0.0.0.0",  # noqa: S104 - unspecified
    "224.0.0.1",  # multicast
    "239.255.255.250",
    "240.0.0.1",  # reserved
    "255.255.255.255",
    "192.0.0.8",
    "198.18.0.1",
    "fd00::1",  # unique local
    "fe80::1",  # link-local
    "fe80::1%1",
    "ff02::1",  # multicast
    "ff0e::1",  # global-scope multicast, which `is_global` calls global
    "::",
    "::ffff:10.0.0.1",  # IPv4-mapped
    "::ffff:8.8.8.8",  # mapped forms are refused whatever they wrap
    "::10.0.0.1",  # IPv4-compatible
    "64:ff9b::a00:1",  # NAT64 wrapping 10.0.0.1
    "64:ff9b::7f00:1",  # NAT64 wrapping 127.0.0.1
    "64:ff9b:1::808:808",  # local-use NAT64
    "2002:a00:1::1",  # 6to4 wrapping 10.0.0.1
    "2002:7f00:1::1",  # 6to4 wrapping 127.0.0.1
    "2002:808:808::1",  # 6to4 is refused whatever it wraps
    "2001:0:4136:e378:8000:63bf:80ff:fffe",  # Teredo, client 127.0.0.1
    "2001:db8::1",  # documentation
    "3fff::1",  # documentation, newer than Python 3.11's table
]


@pytest.mark.parametrize("ip", PRIVATE_ADDRESSES)
def test_names_resolving_to_private_addresses_are_refused_without_connecting(
    ip: str, recording_listener: RecordingListener, network: Network
):
    with pytest.raises(FetchRefused, match=INSIDE):
        fetch(
            f"http://intranet.example:{recording_listener.port}/",
            FetchPolicy(),
            resolve=resolver(ip),
        )
    assert network.attempts == []
    assert recording_listener.connections == []


def test_every_address_of_a_name_must_be_public(network: Network):
    with pytest.raises(FetchRefused, match=INSIDE):
        fetch("http://mixed.example/", FetchPolicy(), resolve=resolver(PUBLIC_IP, "127.0.0.1"))
    assert network.attempts == []


@pytest.mark.parametrize(
    "ip",
    [PUBLIC_IP, "8.8.8.8", "2606:4700:4700::1111", "64:ff9b::808:808", "192.0.1.1"],
)
def test_public_addresses_are_public(ip: str):
    assert is_public_address(ipaddress.ip_address(ip))


@pytest.mark.parametrize("ip", [ip for ip in PRIVATE_ADDRESSES if "%" not in ip])
def test_private_addresses_are_not_public(ip: str):
    assert not is_public_address(ipaddress.ip_address(ip))


def test_a_rebinding_name_never_leads_to_loopback(
    recording_listener: RecordingListener, network: Network
):
    answers = iter([[PUBLIC_IP], ["127.0.0.1"], ["127.0.0.1"]])

    def rebinding(host: str, port: int, *args: Any, **kwargs: Any) -> list[Any]:
        return [_answer(ip, port) for ip in next(answers)]

    with pytest.raises(FetchFailed, match="could not reach"):
        fetch(f"http://rebind.example:{recording_listener.port}/", FetchPolicy(), resolve=rebinding)
    assert network.attempts == [(PUBLIC_IP, recording_listener.port)]
    assert recording_listener.connections == []


def test_the_connected_address_is_checked_not_only_the_lookup(
    recording_listener: RecordingListener, network: Network
):
    network.reroute[PUBLIC_IP] = ("127.0.0.1", recording_listener.port)
    with pytest.raises(FetchRefused, match=INSIDE):
        fetch(
            f"http://news.example:{recording_listener.port}/",
            FetchPolicy(),
            resolve=resolver(PUBLIC_IP),
        )
    [connection] = recording_listener.connections
    assert connection.received == b""  # hung up before sending a byte


# --- Addresses that are not web pages -----------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("file:///etc/passwd", "Only http:// and https://"),
        ("ftp://example.org/file", "Only http:// and https://"),
        ("gopher://example.org:70/_GET", "Only http:// and https://"),
        ("data:text/html,<h1>hi</h1>", "Only http:// and https://"),
        ("javascript:alert(1)", "Only http:// and https://"),
        ("example.org/article", "Only http:// and https://"),
        ("//example.org/article", "Only http:// and https://"),
        ("http://user:secret@example.org/", "user name or password"),
        ("http://user@127.0.0.1/", "user name or password"),
        ("http:///path-only", "does not name a site"),
        ("http://example.org:99999/", "not a web address"),
        ("http://[::1/", "not a web address"),
    ],
)
def test_only_plain_http_and_https_addresses_are_fetched(url: str, says: str, network: Network):
    with pytest.raises(FetchRefused, match=says):
        fetch(url, FetchPolicy())
    assert network.attempts == []


# --- Redirects ----------------------------------------------------------------------------------


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
def test_redirects_are_followed_to_the_final_url(local_site: LocalSite, status: int):
    local_site.add("/new/article", "moved here")
    local_site.redirect("/old", "new/article", status=status)  # relative, as sites send it
    page = fetch(local_site.url("/old"), allowing(local_site.host))
    assert (page.url, page.body) == (local_site.url("/new/article"), b"moved here")
    assert local_site.requests == ["/old", "/new/article"]


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.2", "localhost", "::1"])
def test_a_redirect_from_an_allowed_site_into_our_network_is_refused(
    host: str, local_site: LocalSite, recording_listener: RecordingListener
):
    local_site.redirect("/go", recording_listener.url(host, "/admin"))
    with pytest.raises(FetchRefused, match=INSIDE):
        fetch(local_site.url("/go"), allowing(local_site.host))
    assert local_site.requests == ["/go"]
    assert recording_listener.connections == []


def test_a_redirect_to_a_file_is_refused(local_site: LocalSite):
    local_site.redirect("/go", "file:///etc/passwd")
    with pytest.raises(FetchRefused, match="Only http"):
        fetch(local_site.url("/go"), allowing(local_site.host))


def test_too_many_redirects_fail(local_site: LocalSite):
    local_site.redirect("/loop", "/loop")
    with pytest.raises(FetchFailed, match="redirected more than 2 times"):
        fetch(local_site.url("/loop"), allowing(local_site.host, max_redirects=2))
    assert local_site.requests == ["/loop"] * 3


def test_a_redirect_without_location_fails(local_site: LocalSite):
    local_site.add("/nowhere", "", status=302)
    with pytest.raises(FetchFailed, match="without saying where"):
        fetch(local_site.url("/nowhere"), allowing(local_site.host))


# --- Size -----------------------------------------------------------------------------------------


def test_a_page_of_exactly_the_limit_is_fetched(local_site: LocalSite):
    page = fetch(local_site.add("/", b"x" * 1000), allowing(local_site.host, max_bytes=1000))
    assert len(page.body) == 1000


@pytest.mark.parametrize("chunked", [False, True], ids=["content-length", "chunked"])
def test_a_page_over_the_limit_fails(local_site: LocalSite, chunked: bool):
    url = local_site.add("/big", b"x" * 50_000, chunked=chunked)
    with pytest.raises(FetchFailed, match="larger than 1000 bytes"):
        fetch(url, allowing(local_site.host, max_bytes=1000))


def test_a_declared_size_over_the_limit_fails_before_reading(local_site: LocalSite):
    # The body is short: reading it would wait for bytes that never come, until the deadline.
    url = local_site.add("/", b"tiny", headers={"Content-Length": str(6 * 1024 * 1024)})
    started = time.monotonic()
    with pytest.raises(FetchFailed, match=r"larger than 5 MB\."):
        fetch(url, allowing(local_site.host, timeout=5))
    assert time.monotonic() - started < 1


def test_a_compressed_answer_is_refused(local_site: LocalSite):
    url = local_site.add("/", b"\x1f\x8b...", headers={"Content-Encoding": "gzip"})
    with pytest.raises(FetchFailed, match="compressed"):
        fetch(url, allowing(local_site.host))


# --- Time ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("head_first", "timeout", "says"),
    [(True, 1.0, "within 1 second."), (False, 0.5, "within 0.5 seconds.")],
    ids=["drip-body", "drip-status-line"],
)
def test_a_slow_drip_ends_at_the_deadline(
    local_site: LocalSite, head_first: bool, timeout: float, says: str
):
    # A byte every 0.05 s is well within any single read's wait; the whole answer takes 3 s,
    # so a fetcher with only per-read timeouts fails here by succeeding, not by hanging.
    url = local_site.slow("/drip", 0.05, head_first=head_first, body=b"x" * 60)
    started = time.monotonic()
    with pytest.raises(FetchFailed, match=says):
        fetch(url, allowing(local_site.host, timeout=timeout))
    assert time.monotonic() - started < timeout + 0.5


def test_a_server_that_never_answers_times_out(recording_listener: RecordingListener):
    with pytest.raises(FetchFailed, match=r"did not answer within 0\.3 seconds"):
        fetch(recording_listener.url(), allowing("127.0.0.1", timeout=0.3))
    [connection] = recording_listener.connections
    assert connection.received.startswith(b"GET / HTTP/1.1\r\n")


# --- Failures -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "says"),
    [(404, "404 Not Found"), (410, "410 Gone"), (500, "500 Internal Server Error")],
)
def test_an_http_error_names_the_status(local_site: LocalSite, status: int, says: str):
    url = local_site.add("/", "no", status=status)
    with pytest.raises(FetchFailed, match=f"The site answered {says}\\."):
        fetch(url, allowing(local_site.host))


def test_an_unknown_path_is_a_404(local_site: LocalSite):
    with pytest.raises(FetchFailed, match="404 Not Found"):
        fetch(local_site.url("/missing"), allowing(local_site.host))


def test_a_closed_port_cannot_be_reached():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(FetchFailed, match=r"could not reach 127\.0\.0\.1"):
        fetch(f"http://127.0.0.1:{port}/", allowing("127.0.0.1"))


def test_a_name_that_does_not_resolve_cannot_be_reached(network: Network):
    def failing(*args: Any, **kwargs: Any) -> list[Any]:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    with pytest.raises(FetchFailed, match=r"could not reach nowhere\.example"):
        fetch("http://nowhere.example/", FetchPolicy(), resolve=failing)
    assert network.attempts == []


# --- HTTPS --------------------------------------------------------------------------------------


@pytest.fixture
def tls_site(tmp_path: Path) -> Iterator[tuple[LocalSite, Path]]:
    """An https site whose certificate names news.example, with the certificate file."""
    cert, key = self_signed_certificate(tmp_path, "news.example")
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    site = LocalSite(tls=context)
    site.add("/", "secure")
    yield site, cert
    site.close()


def test_https_verifies_the_certificate(tls_site: tuple[LocalSite, Path]):
    site, _ = tls_site
    with pytest.raises(FetchFailed, match=r"certificate of news\.example could not be verified"):
        fetch(
            f"https://news.example:{site.port}/",
            allowing("news.example"),
            resolve=resolver("127.0.0.1"),
        )


def test_https_checks_the_name_in_the_url_on_the_pinned_address(
    tls_site: tuple[LocalSite, Path], monkeypatch: pytest.MonkeyPatch
):
    site, cert = tls_site
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))  # create_default_context() trusts it now
    page = fetch(
        f"https://news.example:{site.port}/",
        allowing("news.example"),
        resolve=resolver("127.0.0.1"),
    )
    assert (page.url, page.body) == (f"https://news.example:{site.port}/", b"secure")
    # The same trusted certificate does not vouch for the address it was reached on.
    with pytest.raises(FetchFailed, match="could not be verified"):
        fetch(site.url("/"), allowing(site.host))


# --- Configuration ------------------------------------------------------------------------------


def test_the_policy_comes_from_the_app_settings():
    policy = policy_from_config(
        {
            "FETCH_ALLOWED_HOSTS": ["Intranet.example", " 10.1.2.3:8080 ", ""],
            "FETCH_MAX_BYTES": 1024,
            "FETCH_TIMEOUT_SECONDS": 2.5,
        }
    )
    assert policy.allowed_hosts == {"intranet.example", "10.1.2.3:8080"}
    assert (policy.max_bytes, policy.timeout) == (1024, 2.5)


def test_missing_settings_fall_back_to_the_defaults():
    assert policy_from_config({}) == FetchPolicy()
    assert policy_from_config({"FETCH_ALLOWED_HOSTS": "a.example,b.example"}).allowed_hosts == {
        "a.example",
        "b.example",
    }


@pytest.mark.parametrize("limits", [{"max_bytes": 0}, {"timeout": 0}, {"max_redirects": -1}])
def test_a_policy_without_limits_is_a_mistake(limits: dict[str, Any]):
    with pytest.raises(ValueError, match="FetchPolicy"):
        FetchPolicy(**limits)
