"""Fetch a page for import, connecting only to public addresses.

A coordinator types any URL, so the server must not become a way into our own network
(SSRF): every hop is parsed, resolved and checked, the connection is pinned to the address
that was checked, and the connected peer is checked again. Size and time are capped so a
hostile site cannot hold a worker or fill its memory.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urljoin, urlsplit

from translate_flow.core.errors import ValidationFailed

if TYPE_CHECKING:
    from _typeshed import WriteableBuffer

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
DEFAULT_ACCEPT = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"
_CHUNK = 64 * 1024
# The well-known NAT64 prefix (RFC 6052): an IPv6-only network reaches IPv4 through it, so
# what matters is the IPv4 address it carries, not the prefix (which `ipaddress` calls reserved).
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")
# Not global per the IANA registries, yet `is_global` before Python 3.11.10/3.12.4 (the
# CVE-2024-4032 fix) says they are; listed so the rule does not depend on the patch level.
_NOT_GLOBAL = (
    ipaddress.IPv4Network("100.64.0.0/10"),  # shared (carrier-grade NAT)
    ipaddress.IPv4Network("192.0.0.0/24"),  # IETF protocol assignments
    ipaddress.IPv6Network("64:ff9b:1::/48"),  # local-use NAT64
    ipaddress.IPv6Network("3fff::/20"),  # documentation
    ipaddress.IPv6Network("5f00::/16"),  # segment routing
    # Tunnels that carry an IPv4 address: 6to4 and Teredo. No site we import is served from
    # one, and judging them would mean judging what they wrap; refused outright.
    ipaddress.IPv6Network("2002::/16"),
    ipaddress.IPv6Network("2001::/32"),
)


class FetchRefused(ValidationFailed):
    """The destination is not one we may connect to; nothing was sent to it."""

    code = "fetch_refused"


class FetchFailed(ValidationFailed):
    """The destination was allowed but gave no usable answer (unreachable, slow, big, 4xx/5xx)."""

    code = "fetch_failed"


@dataclass(frozen=True)
class FetchPolicy:
    """Limits of one fetch; `allowed_hosts` are `host` or `host:port`, lower-case."""

    # Allowed even though they resolve to private addresses: an intranet, or the tests' server.
    allowed_hosts: frozenset[str] = frozenset()
    max_bytes: int = 5 * 1024 * 1024
    # A deadline for the whole fetch, redirects included: a per-read timeout would let a
    # server that drips one byte a second hold the worker forever.
    timeout: float = 10.0
    max_redirects: int = 5
    user_agent: str = "translate_flow/0.1 (+article import)"

    def __post_init__(self) -> None:
        if self.max_bytes <= 0 or self.timeout <= 0 or self.max_redirects < 0:
            raise ValueError(
                "FetchPolicy needs a positive size, a positive timeout and redirects ≥ 0"
            )


@dataclass(frozen=True)
class FetchedPage:
    """What one fetch brought back."""

    url: str  # after redirects
    status: int
    content_type: str  # lower-case, without parameters; "" when the site did not say
    charset: str | None
    body: bytes
    headers: tuple[tuple[str, str], ...]  # as sent, repeated headers kept

    def header(self, name: str) -> str | None:
        """The first value of a header, whatever its case."""
        wanted = name.lower()
        return next((value for key, value in self.headers if key.lower() == wanted), None)


def policy_from_config(config: Mapping[str, Any]) -> FetchPolicy:
    """The policy the app's settings (FETCH_* keys) describe."""
    defaults = FetchPolicy()
    hosts = config.get("FETCH_ALLOWED_HOSTS") or ()
    if isinstance(hosts, str):  # a comma-separated string set by hand is a list, not characters
        hosts = hosts.split(",")
    return FetchPolicy(
        allowed_hosts=frozenset(host.strip().lower() for host in hosts if host.strip()),
        max_bytes=int(config.get("FETCH_MAX_BYTES") or defaults.max_bytes),
        timeout=float(config.get("FETCH_TIMEOUT_SECONDS") or defaults.timeout),
    )


# --- Which addresses are public ------------------------------------------------------------


def is_public_address(address: IPAddress) -> bool:
    """True when `address` is on the public internet, including what an IPv6 form wraps."""
    if isinstance(address, ipaddress.IPv6Address):
        # Mapped and compatible forms reach the IPv4 network on a dual-stack socket; no public
        # site publishes them in DNS, so they are refused whatever they wrap.
        if address.ipv4_mapped is not None or (int(address) >> 32 == 0):
            return False
        if address in _NAT64:
            return is_public_address(ipaddress.IPv4Address(int(address) & 0xFFFFFFFF))
    if any(address in network for network in _NOT_GLOBAL):
        return False
    return address.is_global and not (
        address.is_loopback
        or address.is_private
        or address.is_link_local
        or address.is_unspecified
        or address.is_multicast  # `is_global` is true for 224/4 and ff0e::/16
        or address.is_reserved
    )


# --- One hop: where to connect ----------------------------------------------------------------


@dataclass(frozen=True)
class _Target:
    url: str
    scheme: str
    host: str  # ASCII (IDNA) name or IP literal, without brackets
    port: int
    request_path: str

    @property
    def host_header(self) -> str:
        name = f"[{self.host}]" if ":" in self.host else self.host
        default = 443 if self.scheme == "https" else 80
        return name if self.port == default else f"{name}:{self.port}"

    def is_allowed_by(self, policy: FetchPolicy) -> bool:
        name = f"[{self.host}]" if ":" in self.host else self.host
        return self.host in policy.allowed_hosts or f"{name}:{self.port}" in policy.allowed_hosts


def _parse(url: str) -> _Target:
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as error:
        raise FetchRefused(f"“{url}” is not a web address we can read ({error}).") from error
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise FetchRefused("Only http:// and https:// addresses can be imported.")
    if "@" in parts.netloc:
        # user:password@ in a shared link leaks credentials and hides the real host from readers.
        raise FetchRefused("Addresses with a user name or password in them cannot be imported.")
    if not parts.hostname:
        raise FetchRefused(f"“{url}” does not name a site.")
    try:
        host = parts.hostname.encode("idna").decode("ascii")
    except UnicodeError as error:
        raise FetchRefused(f"“{parts.hostname}” is not a valid site name.") from error
    # Non-ASCII paths are legal in links people paste; the request line must be ASCII.
    path = quote(parts.path or "/", safe="/%:@!$&'()*+,;=-._~")
    query = quote(parts.query, safe="/%:@!$&'()*+,;=-._~?")
    return _Target(
        url=url.strip(),
        scheme=scheme,
        host=host.lower(),
        port=port if port is not None else (443 if scheme == "https" else 80),
        request_path=path + (f"?{query}" if query else ""),
    )


_Resolved = tuple[int, int, int, tuple[Any, ...]]  # family, type, proto, socket address


def _resolve(
    target: _Target, policy: FetchPolicy, resolve: Callable[..., list[Any]]
) -> list[_Resolved]:
    """The addresses to connect to; every one must be public unless the host is allowed."""
    try:
        answers = resolve(target.host, target.port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as error:
        raise FetchFailed(
            f"We could not reach {target.host}: the name does not resolve."
        ) from error
    addresses = [(family, kind, proto, sockaddr) for family, kind, proto, _, sockaddr in answers]
    if not addresses:
        raise FetchFailed(f"We could not reach {target.host}: the name does not resolve.")
    if not target.is_allowed_by(policy):
        # Every address, not just the first: the connection may fall back to any of them.
        for *_, sockaddr in addresses:
            _ensure_public(sockaddr[0])
    return addresses


def _ensure_public(ip_text: str) -> None:
    try:
        address = ipaddress.ip_address(ip_text.split("%", 1)[0])  # drop an IPv6 zone
    except ValueError as error:
        raise FetchRefused(f"“{ip_text}” is not an address we can check.") from error
    if not is_public_address(address):
        raise FetchRefused("That address points inside our own network, so it cannot be imported.")


# --- The deadline, enforced on every read -----------------------------------------------------


class _Deadline:
    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._at = time.monotonic() + seconds

    def remaining(self) -> float:
        """Seconds left; raises TimeoutError once there are none."""
        left = self._at - time.monotonic()
        if left <= 0:
            raise TimeoutError("fetch deadline passed")
        return left


class _DeadlineSocket(socket.socket):
    """A TCP socket whose every read waits only until the fetch's deadline."""

    deadline: _Deadline

    def recv_into(self, buffer: WriteableBuffer, nbytes: int = 0, flags: int = 0) -> int:
        # http.client reads through makefile(), which calls recv_into: the one place to hook.
        self.settimeout(self.deadline.remaining())
        return super().recv_into(buffer, nbytes, flags)


class _DeadlineSSLSocket(ssl.SSLSocket):
    """The TLS counterpart of `_DeadlineSocket`."""

    deadline: _Deadline

    def recv_into(self, buffer: WriteableBuffer, nbytes: int | None = None, flags: int = 0) -> int:
        self.settimeout(self.deadline.remaining())
        return super().recv_into(buffer, nbytes, flags)


# --- The pinned connection --------------------------------------------------------------------


class _PinnedConnection(http.client.HTTPConnection):
    """HTTP to the addresses already checked, never to a fresh lookup of the name."""

    def __init__(
        self,
        target: _Target,
        addresses: list[_Resolved],
        deadline: _Deadline,
        *,
        check_peer: bool,
    ) -> None:
        super().__init__(target.host, target.port, timeout=deadline.remaining())
        self._target = target
        self._addresses = addresses
        self._deadline = deadline
        self._check_peer = check_peer

    def connect(self) -> None:
        sock = self._connect_pinned()
        try:
            if self._check_peer:
                # Defence in depth: checked on the connected address, not only the lookup.
                _ensure_public(sock.getpeername()[0])
            self.sock = self._secure(sock)
        except BaseException:
            sock.close()
            raise

    def _connect_pinned(self) -> _DeadlineSocket:
        last_error: OSError | None = None
        for family, kind, proto, sockaddr in self._addresses:
            sock = _DeadlineSocket(family, kind, proto)
            sock.deadline = self._deadline
            try:
                sock.settimeout(self._deadline.remaining())
                sock.connect(sockaddr)
            except TimeoutError:
                sock.close()
                raise  # the deadline is spent: no time left to try another address
            except OSError as error:
                sock.close()
                last_error = error
                continue
            return sock
        assert last_error is not None  # _resolve never returns an empty list
        raise last_error

    def _secure(self, sock: _DeadlineSocket) -> socket.socket:
        return sock


class _PinnedTLSConnection(_PinnedConnection):
    default_port = http.client.HTTPS_PORT

    def _secure(self, sock: _DeadlineSocket) -> socket.socket:
        context = ssl.create_default_context()
        context.sslsocket_class = _DeadlineSSLSocket
        # The certificate is verified against the name in the URL, not the pinned address.
        tls = context.wrap_socket(
            sock, server_hostname=self._target.host, do_handshake_on_connect=False
        )
        assert isinstance(tls, _DeadlineSSLSocket)
        tls.deadline = self._deadline
        try:
            # CPython bounds the whole handshake by this timeout, not each read within it.
            tls.settimeout(self._deadline.remaining())
            tls.do_handshake()
        except BaseException:
            tls.close()
            raise
        return tls


# --- The fetch --------------------------------------------------------------------------------


def fetch(
    url: str,
    policy: FetchPolicy,
    *,
    accept: str = DEFAULT_ACCEPT,
    resolve: Callable[..., list[Any]] = socket.getaddrinfo,
) -> FetchedPage:
    """GET `url`, following redirects, within `policy`; raises FetchRefused or FetchFailed.

    `resolve` has the signature of `socket.getaddrinfo` (tests pass a fake one). Name
    resolution itself is not bounded by the deadline: `getaddrinfo` cannot be interrupted.
    """
    deadline = _Deadline(policy.timeout)
    current = url
    for _hop in range(policy.max_redirects + 1):
        page = _fetch_hop(_parse(current), policy, accept, resolve, deadline)
        if page.status not in REDIRECT_STATUSES:
            return page
        location = (page.header("Location") or "").strip()
        if not location:
            raise FetchFailed(f"The site redirected ({page.status}) without saying where to.")
        current = urljoin(page.url, location)
    raise FetchFailed(f"The page redirected more than {policy.max_redirects} times.")


def _fetch_hop(
    target: _Target,
    policy: FetchPolicy,
    accept: str,
    resolve: Callable[..., list[Any]],
    deadline: _Deadline,
) -> FetchedPage:
    """One request to one URL, every check from scratch; a redirect comes back unread."""
    allowed = target.is_allowed_by(policy)
    try:
        addresses = _resolve(target, policy, resolve)
        kind = _PinnedTLSConnection if target.scheme == "https" else _PinnedConnection
        connection = kind(target, addresses, deadline, check_peer=not allowed)
        try:
            connection.request(
                "GET",
                target.request_path,
                headers={
                    "Host": target.host_header,
                    "User-Agent": policy.user_agent,
                    "Accept": accept,
                    # Only uncompressed answers, so max_bytes caps what we hold (no zip bombs).
                    "Accept-Encoding": "identity",
                    "Connection": "close",
                },
            )
            response = connection.getresponse()
            try:
                return _read_answer(target, response, policy)
            finally:
                response.close()
        finally:
            connection.close()
    except TimeoutError as error:
        raise FetchFailed(
            f"The page did not answer within {_describe_seconds(deadline.seconds)}."
        ) from error
    except ssl.SSLCertVerificationError as error:
        raise FetchFailed(f"The certificate of {target.host} could not be verified.") from error
    except ssl.SSLError as error:
        raise FetchFailed(f"We could not open a secure connection to {target.host}.") from error
    except http.client.HTTPException as error:
        raise FetchFailed(f"{target.host} sent an answer we could not read.") from error
    except OSError as error:  # refused, unreachable, reset before answering
        raise FetchFailed(f"We could not reach {target.host}.") from error


def _read_answer(
    target: _Target, response: http.client.HTTPResponse, policy: FetchPolicy
) -> FetchedPage:
    status = response.status
    if status >= 400:
        answered = f"{status} {response.reason or _standard_reason(status)}".strip()
        raise FetchFailed(f"The site answered {answered}.")
    encoding = (response.getheader("Content-Encoding") or "identity").strip().lower()
    if encoding != "identity":
        # We asked for identity; a compressed body would not be what max_bytes measured.
        raise FetchFailed(f"The site sent a compressed page ({encoding}) although we asked not to.")
    body = bytearray()
    if status not in REDIRECT_STATUSES:  # a redirect's body is never read
        too_large = f"The page is larger than {_describe_size(policy.max_bytes)}."
        if response.length is not None and response.length > policy.max_bytes:
            raise FetchFailed(too_large)  # refused before reading a byte of it
        while chunk := response.read(min(_CHUNK, policy.max_bytes + 1 - len(body))):
            body += chunk
            if len(body) > policy.max_bytes:  # no or a lying Content-Length
                raise FetchFailed(too_large)
    raw_type = response.getheader("Content-Type") or ""
    return FetchedPage(
        url=target.url,
        status=status,
        headers=tuple(response.getheaders()),
        content_type=raw_type.split(";", 1)[0].strip().lower(),
        charset=response.headers.get_content_charset() if raw_type else None,
        body=bytes(body),
    )


def _standard_reason(status: int) -> str:
    try:
        return http.HTTPStatus(status).phrase
    except ValueError:
        return ""


def _describe_seconds(seconds: float) -> str:
    return "1 second" if seconds == 1 else f"{seconds:g} seconds"


def _describe_size(size: int) -> str:
    for unit, scale in (("MB", 1024 * 1024), ("KB", 1024)):
        if size >= scale:
            return f"{size / scale:.1f}".removesuffix(".0") + f" {unit}"
    return f"{size} bytes"
