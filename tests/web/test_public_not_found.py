"""A dead public link: the public site's own "not found", with search and the latest
translations, never the desk's error page."""

import pytest
from flask.testing import FlaskClient

from tests.desk import Desk
from translate_flow.domain.workflow import Action


@pytest.fixture
def reader(app) -> FlaskClient:  # type: ignore[no-untyped-def]
    return app.test_client()


@pytest.mark.parametrize(
    "path",
    [
        "/read/no-such-translation",
        "/read/no-such-translation/and-more",
        "/read/no-such-translation.pdf",
        "/translators/999999",
        "/translators/somebody",
        "/sources/999999",
        "/sources/a/b",
    ],
)
def test_a_dead_public_link_gets_the_public_sites_not_found_page(reader, desk: Desk, path):
    desk.publish()
    response = reader.get(path)
    assert response.status_code == 404
    html = response.get_data(as_text=True)
    assert 'data-testid="public-not-found"' in html
    assert 'class="public"' in html
    assert 'role="search"' in html and 'aria-label="Search instead"' in html
    assert "Before lamenting the weak yen" in html  # the latest translations
    assert '<meta name="robots" content="noindex">' in html
    assert "Go to the start page" not in html  # the desk's error page


def test_a_taken_down_translation_is_410_on_the_public_page(reader, desk: Desk):
    desk.publish()
    desk.act(desk.coordinator, Action.UNPUBLISH, reason="Rights withdrawn.")
    response = reader.get("/read/before-lamenting-the-weak-yen")
    assert response.status_code == 410
    html = response.get_data(as_text=True)
    assert "taken down" in html
    assert 'data-testid="public-not-found"' in html
    assert "Nothing has been published yet." in html


def test_the_desk_keeps_its_own_not_found_page(reader):
    response = reader.get("/no/such/desk/page")
    assert response.status_code == 404
    assert 'data-testid="public-not-found"' not in response.get_data(as_text=True)
