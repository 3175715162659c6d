"""An article's address reduced to its identity: canonical_url, url_key, is_http_url."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from translate_flow.text.urls import TRACKING_PARAMETERS, canonical_url, is_http_url, url_key


@pytest.mark.parametrize(
    ("given_url", "canonical"),
    [
        # scheme and host in lower case; the path keeps its case
        ("HTTPS://WWW.Example.COM/News/Story", "https://www.example.com/News/Story"),
        # an international host in punycode, lower case
        ("https://Bücher.example/", "https://xn--bcher-kva.example/"),
        ("https://例え.テスト/記事", "https://xn--r8jz45g.xn--zckzah/%E8%A8%98%E4%BA%8B"),
        # default ports dropped, others kept
        ("http://example.com:80/a", "http://example.com/a"),
        ("https://example.com:443/a", "https://example.com/a"),
        ("https://example.com:80/a", "https://example.com:80/a"),
        ("http://example.com:8080/a", "http://example.com:8080/a"),
        # fragment and user info dropped
        ("https://example.com/a#comments", "https://example.com/a"),
        ("https://reader:secret@example.com/a", "https://example.com/a"),
        # an empty path is "/", a trailing "?" goes, a trailing dot on the host goes
        ("https://example.com", "https://example.com/"),
        ("https://example.com/a?", "https://example.com/a"),
        ("https://example.com./a", "https://example.com/a"),
        # percent-escapes: hex in upper case, unreserved characters unescaped
        ("https://example.com/a%2fb%3a", "https://example.com/a%2Fb%3A"),
        ("https://example.com/%7Euser/%41%2D%5F%2E", "https://example.com/~user/A-_."),
        # what may not stand unescaped is escaped as UTF-8; a lone "%" is a percent sign
        ("https://example.com/año 2024", "https://example.com/a%C3%B1o%202024"),
        ("https://example.com/100%", "https://example.com/100%25"),
        ("https://example.com/s?q=東京", "https://example.com/s?q=%E6%9D%B1%E4%BA%AC"),
        # an IPv6 literal keeps its brackets
        ("http://[2001:DB8::1]:80/a", "http://[2001:db8::1]/a"),
        # surrounding white space from a paste is not part of the address
        ("  https://example.com/a\n", "https://example.com/a"),
    ],
)
def test_canonical_form(given_url, canonical):
    assert canonical_url(given_url) == canonical


@pytest.mark.parametrize("name", sorted(TRACKING_PARAMETERS))
def test_each_tracking_parameter_is_removed(name):
    assert canonical_url(f"https://example.com/a?id=7&{name}=x") == "https://example.com/a?id=7"


@pytest.mark.parametrize(
    "query", ["utm_source=rss", "UTM_Medium=feed", "utm_content", "utm%5Fcampaign=x", "FBCLID=1"]
)
def test_tracking_parameters_match_in_any_case_and_spelling(query):
    assert canonical_url(f"https://example.com/a?{query}") == "https://example.com/a"


def test_other_parameters_keep_their_order_and_spelling():
    url = "https://example.com/a?z=1&utm_source=x&a=2&a=1&flag&q=a+b&fbclid=y"
    assert canonical_url(url) == "https://example.com/a?z=1&a=2&a=1&flag&q=a+b"


def test_parameters_that_only_look_like_tracking_are_kept():
    url = "https://example.com/a?ref=home&utm=1&source=rss&my_utm_source=x"
    assert canonical_url(url) == url


@pytest.mark.parametrize(
    "url",
    [
        "ftp://example.com/a",
        "mailto:desk@example.com",
        "javascript:alert(1)",
        "example.com/a",
        "/relative/path",
        "",
        "https://",
        "http:///a",
        "https://a..b/",
        "https://exa mple.com/",
        "https://example.com:99999/",
        "http://[::1/",
    ],
)
def test_anything_but_an_absolute_http_address_is_refused(url):
    with pytest.raises(ValueError, match="“"):
        canonical_url(url)
    assert not is_http_url(url)


@pytest.mark.parametrize("url", ["http://example.com", "HTTPS://例え.テスト/記事?utm_source=x"])
def test_is_http_url(url):
    assert is_http_url(url)


def test_http_and_https_are_one_article_but_keep_their_scheme():
    assert url_key("http://example.com/a?utm_source=x") == url_key("https://EXAMPLE.com:443/a#top")
    assert url_key("https://example.com/a") == "example.com/a"
    assert canonical_url("http://example.com/a").startswith("http://")


def test_other_hosts_ports_and_paths_are_other_articles():
    keys = {
        url_key(url)
        for url in [
            "https://example.com/a",
            "https://www.example.com/a",
            "https://example.com:8443/a",
            "https://example.com/a/",
            "https://example.com/A",
            "https://example.com/a?id=2",
        ]
    }
    assert len(keys) == 6


@pytest.mark.parametrize(
    "url",
    [
        "HTTPS://user@Bücher.example:443/%7ea/%e6%97%a5 x?utm_source=1&b=%2f&a#f",
        "http://example.com/100%%41b",
        "https://example.com/?&&a=1&&",
    ],
)
def test_canonical_form_is_stable(url):
    once = canonical_url(url)
    assert canonical_url(once) == once
    assert url_key(once) == url_key(url)


# Addresses as they arrive: mixed-case and international hosts, odd ports, escapes valid and
# not, non-ASCII, reserved characters, tracking and ordinary parameters, fragments.
_label = st.from_regex(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,8}[A-Za-z0-9])?", fullmatch=True)
# One script per label: IDNA refuses a label that mixes right-to-left and left-to-right.
_idn_label = st.sampled_from(["äöüßéñ", "あいう漢字", "中文報紙", "صحيفة"]).flatmap(
    lambda alphabet: st.text(st.sampled_from(alphabet), min_size=1, max_size=5)
)
_host = (
    st.lists(st.one_of(_label, _idn_label), min_size=1, max_size=3)
    .map(".".join)
    .map(lambda host: f"{host}.example")
)
_piece = st.lists(
    st.one_of(
        st.sampled_from(list("aZ09-._~!$&'()*+,;=:@/ %?")),
        st.sampled_from(["%41", "%7e", "%2F", "%e6%97%a5", "%zz", "%"]),
        st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]),
    ),
    max_size=12,
).map("".join)
_parameter = st.one_of(
    st.sampled_from(sorted(TRACKING_PARAMETERS)),
    st.sampled_from(["utm_source", "UTM_Campaign", "id", "page", "q", "ref"]),
    _piece,
).flatmap(lambda name: st.one_of(st.just(name), _piece.map(lambda value: f"{name}={value}")))


@st.composite
def http_urls(draw: st.DrawFn) -> str:
    scheme = draw(st.sampled_from(["http", "https", "HTTP", "Https"]))
    userinfo = draw(st.sampled_from(["", "user@", "user:pw@"]))
    port = draw(st.sampled_from(["", ":80", ":443", ":8080"]))
    path = draw(st.lists(_piece, max_size=4).map(lambda parts: "/" + "/".join(parts)))
    path = path.replace("?", "%3F").replace("#", "%23")
    params = draw(st.lists(_parameter, max_size=5).map("&".join)).replace("#", "%23")
    query = draw(st.sampled_from(["", "?"])) + params if params else ""
    fragment = draw(st.sampled_from(["", "#", "#section-2"]))
    return f"{scheme}://{userinfo}{draw(_host)}{port}{path}{query}{fragment}"


@given(http_urls())
def test_canonical_url_is_idempotent(url):
    once = canonical_url(url)
    assert canonical_url(once) == once
    assert url_key(once) == url_key(url)


@given(http_urls())
def test_canonical_url_has_no_tracking_parameters_fragment_or_user(url):
    canonical = canonical_url(url)
    _, _, query = canonical.partition("?")
    names = {pair.partition("=")[0].lower() for pair in query.split("&") if pair}
    assert not names & TRACKING_PARAMETERS
    assert not any(name.startswith("utm_") for name in names)
    assert "#" not in canonical
    assert "@" not in canonical.split("/")[2]
