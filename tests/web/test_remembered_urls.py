"""Templates' remembered `url_for` gives the addresses `url_for` builds, wherever the app is
mounted, and builds each only once."""

from typing import Any

import pytest
from flask import Flask, url_for
from flask.testing import FlaskClient

from translate_flow.core.web import remembered_urls

CALLS: list[tuple[str, dict[str, Any]]] = [
    ("articles.index", {}),
    ("static", {"filename": "app/app.css"}),
    ("articles.show", {"article_id": 7}),
    ("articles.index", {"q": "岸田", "page": 2}),
    ("articles.index", {"page": 1}),
    ("articles.index", {"page": True}),
    ("public.index", {"q": None}),
    ("auth.login", {"_external": True}),
    ("public.index", {"_anchor": "results"}),
    ("articles.index", {"tag": ["a", "b"]}),
]


@pytest.mark.parametrize("root", ["", "/desk"])
def test_addresses_are_those_url_for_builds(app: Flask, root: str) -> None:
    remembered = remembered_urls.remembering_url_for()
    for _twice in range(2):  # the second time, from what was remembered
        with app.test_request_context("/", base_url=f"http://localhost{root}/"):
            for endpoint, values in CALLS:
                assert remembered(endpoint, **values) == url_for(endpoint, **values)


def test_one_store_serves_two_roots(app: Flask) -> None:
    """An address remembered under one root is not given under another (a proxy's prefix)."""
    remembered = remembered_urls.remembering_url_for()
    with app.test_request_context("/"):
        assert remembered("articles.index") == "/articles/"
    with app.test_request_context("/", base_url="http://localhost/desk/"):
        assert remembered("articles.index") == "/desk/articles/"


def test_each_address_is_built_once(app: Flask, monkeypatch: pytest.MonkeyPatch) -> None:
    built: list[str] = []

    def counting_url_for(endpoint: str, **values: Any) -> str:
        built.append(endpoint)
        return url_for(endpoint, **values)

    monkeypatch.setattr(remembered_urls, "url_for", counting_url_for)
    remembered = remembered_urls.remembering_url_for()
    with app.test_request_context("/"):
        for _ in range(3):
            remembered("articles.index")
            remembered("static", filename="app/app.css")
    assert built == ["articles.index", "static"]


def test_the_store_starts_again_when_full(app: Flask, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(remembered_urls, "MOST_REMEMBERED", 3)
    remembered = remembered_urls.remembering_url_for()
    with app.test_request_context("/"):
        for article_id in range(10):
            assert remembered("articles.show", article_id=article_id) == f"/articles/{article_id}"
        assert remembered("articles.show", article_id=2) == "/articles/2"


def test_pages_link_under_the_proxys_prefix(app: Flask, client: FlaskClient) -> None:
    """The frame's links follow the root each request comes under, one after the other."""
    plain = client.get("/login").get_data(as_text=True)
    mounted = client.get("/login", environ_overrides={"SCRIPT_NAME": "/desk"}).get_data(
        as_text=True
    )
    assert 'href="/static/app/app.css' in plain
    assert 'href="/desk/static/app/app.css' in mounted
    assert 'href="/static/app/app.css' not in mounted
