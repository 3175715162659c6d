"""A list's row addresses (`id_url`) are the ones `url_for` builds, wherever the app is mounted."""

import pytest
from flask import Flask, url_for

from translate_flow.core.web.row_urls import id_url

ROUTES = [
    ("articles.show", "article_id"),
    ("public.outlet", "outlet_id"),
    ("public.translator", "user_id"),
    ("articles.edit", "article_id"),
]


@pytest.mark.parametrize("root", ["", "/desk"])
def test_row_addresses_are_those_url_for_builds(app: Flask, root: str) -> None:
    with app.test_request_context("/", base_url=f"http://localhost{root}/"):
        for endpoint, name in ROUTES:
            for value in (1, 7, 42, 1000, 2**31 - 1):
                assert id_url(endpoint, name, value) == url_for(endpoint, **{name: value})
        assert id_url("articles.show", "article_id", 5).startswith(f"{root}/articles/")


def test_an_id_is_written_as_its_digits(app: Flask) -> None:
    with app.test_request_context("/"):
        assert id_url("articles.show", "article_id", 987) == "/articles/987"
        # The route's placeholder never leaks into a row's address.
        assert "987654321987" not in id_url("articles.edit", "article_id", 3)
