"""An article's address reduced to its identity, so the same article is never imported twice."""

import re
from urllib.parse import SplitResult, unquote_plus, urlsplit

# Parameters that say how a reader arrived, not which article they read. Newsletters, social
# networks and ad platforms append them, so one article reaches us under many addresses.
# Compared case-insensitively; `utm_*` is matched as a prefix (see _is_tracking).
TRACKING_PARAMETERS = frozenset(
    {
        "fbclid",  # Facebook
        "gclid",  # Google Ads
        "dclid",  # Google Display & Video
        "msclkid",  # Microsoft Advertising
        "mc_cid",  # Mailchimp campaign
        "mc_eid",  # Mailchimp subscriber
        "igshid",  # Instagram
        "_ga",  # Google Analytics cross-domain linker
        "_gl",  # Google tag linker
        "yclid",  # Yandex
        "ref_src",  # Twitter/X embeds
        "cmpid",  # campaign id, several publishers
        "ocid",  # Microsoft Start / MSN
        "at_medium",  # AT Internet / Piano Analytics
        "at_campaign",  # AT Internet / Piano Analytics
        "smid",  # New York Times share links
        "sr_share",  # share buttons
    }
)

_DEFAULT_PORTS = {"http": 80, "https": 443}

# RFC 3986 §2.3: these never need escaping, so %41 and A are the same address.
_UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
# What may stand unescaped in a path or query (RFC 3986 §3.3, §3.4); anything else, such as
# spaces or the Japanese of an address copied from the browser bar, is escaped as UTF-8.
_PATH_SAFE = _UNRESERVED | frozenset("!$&'()*+,;=:@/")
_QUERY_SAFE = _PATH_SAFE | frozenset("?")
_ESCAPE = re.compile(r"%([0-9A-Fa-f]{2})")
_HOST = re.compile(r"[a-z0-9_-]+(?:\.[a-z0-9_-]+)*")


def canonical_url(url: str) -> str:
    """The normal form of an http(s) address; raises ValueError for anything else.

    Lower-cases scheme and host, writes an international host in punycode, drops default
    ports, user info, the fragment and tracking parameters, keeps the other parameters in
    their order (some sites read them positionally) and normalises percent-escapes.
    """
    parts = _split(url)
    path = _normalise_escapes(parts.path, _PATH_SAFE) or "/"
    query = "&".join(
        _normalise_escapes(pair, _QUERY_SAFE)
        for pair in parts.query.split("&")
        if pair and not _is_tracking(pair)
    )
    return f"{parts.scheme}://{_authority(parts)}{path}" + (f"?{query}" if query else "")


def url_key(url: str) -> str:
    """The key duplicates are found by: the canonical form without its scheme.

    The scheme stays in canonical_url, because that is the address we link to, but an
    article does not change with it: outlets serve the same page over http and https (and
    redirect one to the other), and older feeds and links still carry http://.
    """
    return canonical_url(url).partition("://")[2]


def is_http_url(url: str) -> bool:
    """Whether `url` is an absolute http(s) address with a host."""
    try:
        canonical_url(url)
    except ValueError:
        return False
    return True


def _split(url: str) -> SplitResult:
    try:
        # Addresses are pasted; a stray space or newline around one is not part of it.
        parts = urlsplit(url.strip())
    except ValueError as error:  # e.g. an unclosed "[" of an IPv6 host
        raise ValueError(f"“{url}” is not a valid web address.") from error
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS:
        raise ValueError(
            f"“{url}” is not a web address: give the whole address, starting with https://."
        )
    if not parts.hostname:
        raise ValueError(f"“{url}” has no host name: give the whole address, e.g. https://…/")
    return parts._replace(scheme=scheme)


def _authority(parts: SplitResult) -> str:
    """Host (punycode, lower case) and port unless it is the scheme's default; no user info."""
    hostname = parts.hostname or ""
    try:
        port = parts.port
    except ValueError as error:
        raise ValueError(f"“{parts.geturl()}” has an invalid port.") from error
    # urlsplit returns an IPv6 literal without its brackets. A trailing dot names the same
    # host ("example.com." is the fully qualified spelling of "example.com").
    is_ipv6 = ":" in hostname
    host = f"[{hostname}]" if is_ipv6 else _punycode(hostname.rstrip("."), parts.geturl())
    if port is not None and port != _DEFAULT_PORTS[parts.scheme]:
        return f"{host}:{port}"
    return host


def _punycode(hostname: str, url: str) -> str:
    # Python's "idna" codec implements IDNA 2003, where browsers follow UTS #46; the two
    # differ only for a few characters ("ß" becomes "ss" here, xn--…-hia there). Every
    # address goes through this one function, so duplicates are still found; only a link to
    # such a rare host could lead elsewhere than the browser would go.
    try:
        host = hostname.encode("idna").decode("ascii").lower()
    except UnicodeError as error:
        raise ValueError(f"“{url}” has an invalid host name.") from error
    if not _HOST.fullmatch(host):
        raise ValueError(f"“{url}” has an invalid host name.")
    return host


def _is_tracking(pair: str) -> bool:
    name = unquote_plus(pair.partition("=")[0]).lower()
    return name.startswith("utm_") or name in TRACKING_PARAMETERS


def _normalise_escapes(text: str, safe: frozenset[str]) -> str:
    """Upper-case hex in escapes, unescape unreserved characters, escape unsafe ones."""
    out: list[str] = []
    index = 0
    while index < len(text):
        char = text[index]
        escape = _ESCAPE.match(text, index) if char == "%" else None
        if escape:
            decoded = chr(int(escape.group(1), 16))
            out.append(decoded if decoded in _UNRESERVED else escape.group(0).upper())
            index += 3
            continue
        if char in safe:
            out.append(char)
        else:
            # A "%" not followed by two hex digits can only mean a literal percent sign;
            # escaping it keeps the result stable when it is normalised again.
            out.extend(f"%{byte:02X}" for byte in char.encode("utf-8", "surrogatepass"))
        index += 1
    return "".join(out)


def web_address(url: str | None) -> str:
    """The address if it is http(s), else nothing: a stored `javascript:` never becomes a link
    (intake refuses such addresses already; this guards every page and export whatever the
    data)."""
    text = (url or "").strip()
    return text if text.lower().startswith(("http://", "https://")) else ""
