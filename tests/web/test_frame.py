"""What every response carries: security headers, error pages without tracebacks."""

import pytest

from tests.conftest import post_form
from translate_flow.domain.models import Role


def test_security_headers_on_every_page(client):
    for url in ("/login", "/api/v1/openapi.json", "/no-such-page"):
        response = client.get(url)
        policy = response.headers["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy
        assert "frame-ancestors 'none'" in policy
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Referrer-Policy"] == "same-origin"


def test_session_cookie_is_httponly_and_samesite(client, make_user):
    user = make_user()
    response = post_form(
        client, "/login", {"email": user.email, "password": "correct horse battery"}
    )
    cookie = next(
        c for c in response.headers.getlist("Set-Cookie") if c.startswith("translate_flow_session=")
    )
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie


def test_pages_load_nothing_from_other_hosts(client):
    page = client.get("/login").get_data(as_text=True)
    assert "http://" not in page.replace("http://localhost", "")
    assert "https://" not in page
    assert "<script>" not in page


@pytest.mark.parametrize(
    ("status", "words"), [(404, "nothing at this address"), (405, "does not accept")]
)
def test_error_pages_are_readable(client, status, words):
    response = client.get("/no-such-page") if status == 404 else client.get("/logout")
    assert response.status_code == status
    assert words in response.get_data(as_text=True)


def test_too_large_request_is_a_413_page(app, client):
    app.config["MAX_CONTENT_LENGTH"] = 1000
    response = client.post("/login", data={"email": "x" * 5000, "password": "y"})
    assert response.status_code == 413
    assert "larger than this site accepts" in response.get_data(as_text=True)


def test_unexpected_error_is_a_500_page_without_traceback(app, signed_in, monkeypatch):
    from translate_flow.workflow.web.home import views

    def explode():
        raise RuntimeError("secret internals")

    # The app is the test process's one app: the view is put back for the tests after this.
    monkeypatch.setitem(app.view_functions, "home.health", explode)
    response = app.test_client().get("/healthz")
    assert response.status_code == 500
    text = response.get_data(as_text=True)
    assert "secret internals" not in text and "Traceback" not in text
    assert "Something went wrong" in text
    assert views.bp.name == "home"


def test_navigation_follows_the_role(signed_in):
    translator, _ = signed_in(Role.TRANSLATOR)
    page = translator.get("/desk/").get_data(as_text=True)
    assert 'href="/people/"' not in page and 'href="/admin/outbox"' not in page
    admin, _ = signed_in(Role.ADMIN)
    page = admin.get("/desk/").get_data(as_text=True)
    assert 'href="/people/"' in page and 'href="/admin/outbox"' in page


def test_the_site_icon_is_served(client):
    response = client.get("/static/app/favicon.svg")
    assert response.status_code == 200
    assert response.mimetype == "image/svg+xml"
    assert b"<svg" in response.data
    response.close()
