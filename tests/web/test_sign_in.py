"""Signing in and out through the real form."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from tests.conftest import csrf_token, post_form, sign_in
from translate_flow.domain.models import LimitedAttempt, Role

MALICIOUS_NEXT = [
    # Django's list from tests/auth_tests/test_views.py (LoginTest.test_security_check),
    # plus a few of its url_has_allowed_host_and_scheme cases.
    "http://example.com",
    "http:///example.com",
    "https://example.com",
    "ftp://example.com",
    "///example.com",
    "//example.com",
    'javascript:alert("XSS")',
    "\\\\example.com",
    "\\//example.com",
    "/\\/example.com",
    "\\\\\\example.com",
    "\\/example.com",
    "\\\\example.com",
    "http:\\\\example.com",
    "http:/\\//example.com",
    "http:\\/example.com",
    "http:/\\example.com",
    "javascript:alert('XSS')",
    "\njavascript:alert(x)",
    "\x08//example.com",
    "http://testserver@example.com",
    "https://testserver@example.com",
    " //example.com",
    "//testserver/",
    "http://localhost/desk/",
    "java\nscript:alert(1)",
]


def test_person_signs_in_and_lands_on_their_desk(client, make_user):
    make_user(Role.TRANSLATOR, email="dorothy@example.org", name="Dorothy Phoenix")
    response = sign_in(client, "Dorothy@Example.org")
    assert response.status_code == 302
    assert response.location == "/desk/"
    page = client.get("/desk/").get_data(as_text=True)
    assert "Hello, Dorothy Phoenix" in page
    assert 'id="translator-home"' in page


def test_wrong_password_is_refused_with_a_message(client, make_user):
    user = make_user()
    response = sign_in(client, user.email, "not the password")
    assert response.status_code == 401
    assert "do not match" in response.get_data(as_text=True)
    assert client.get("/desk/").status_code == 302


def test_deactivated_person_cannot_sign_in(client, make_user):
    user = make_user(active=False)
    response = sign_in(client, user.email)
    assert response.status_code == 401
    assert "deactivated" in response.get_data(as_text=True)
    assert client.get("/desk/").status_code == 302


def test_invited_person_without_password_cannot_sign_in(client, make_user):
    user = make_user(password=None)
    assert sign_in(client, user.email, "").status_code == 400
    assert sign_in(client, user.email, "anything at all").status_code == 401


def test_sign_out_revokes_the_captured_cookie(app, make_user):
    user = make_user()
    browser = app.test_client()
    sign_in(browser, user.email)
    captured = browser.get_cookie("translate_flow_session").value
    assert post_form(browser, "/logout").status_code == 302
    thief = app.test_client()
    thief.set_cookie("translate_flow_session", captured)
    response = thief.get("/desk/")
    assert response.status_code == 302
    assert response.location.startswith("/login")


def test_sign_in_changes_the_session_cookie(app, make_user):
    """Session fixation: a cookie planted before sign-in is not the one that is signed in."""
    user = make_user()
    client = app.test_client()
    token = csrf_token(client)
    before = client.get_cookie("translate_flow_session").value
    client.post(
        "/login",
        data={"csrf_token": token, "email": user.email, "password": "correct horse battery"},
    )
    assert client.get_cookie("translate_flow_session").value != before


def test_next_path_on_this_site_is_followed(client, make_user):
    user = make_user(Role.COORDINATOR)
    token = csrf_token(client)
    response = client.post(
        "/login?next=/people/%3Fq%3Dann",
        data={"csrf_token": token, "email": user.email, "password": "correct horse battery"},
    )
    assert response.location == "/people/?q=ann"


@pytest.mark.parametrize("target", MALICIOUS_NEXT)
def test_next_never_leads_off_the_site(client, make_user, target):
    user = make_user()
    token = csrf_token(client)
    response = client.post(
        "/login",
        query_string={"next": target},
        data={"csrf_token": token, "email": user.email, "password": "correct horse battery"},
    )
    assert response.status_code == 302
    assert response.location == "/desk/"


def test_login_locks_after_five_failures_per_account(app, make_user):
    user = make_user()
    for attempt in range(5):
        client = app.test_client()  # a new "address" each time would not help: per account
        assert sign_in(client, user.email, f"wrong {attempt}").status_code == 401
    response = sign_in(app.test_client(), user.email)
    assert response.status_code == 429
    assert "Too many failed sign-ins" in response.get_data(as_text=True)


def test_login_locks_after_five_failures_per_address(app, make_user):
    client = app.test_client()
    for number in range(5):
        assert sign_in(client, f"nobody{number}@example.org", "wrong password").status_code == 401
    someone = make_user()
    assert sign_in(client, someone.email).status_code == 429


def test_the_right_password_is_refused_while_limited_and_taken_once_the_window_passed(
    app, db, make_user
):
    user = make_user()
    for attempt in range(5):
        assert sign_in(app.test_client(), user.email, f"wrong {attempt}").status_code == 401
    refused = sign_in(app.test_client(), user.email)
    assert refused.status_code == 429
    assert 0 < int(refused.headers["Retry-After"]) <= 300
    assert "Too many failed sign-ins" in refused.get_data(as_text=True)
    # Five minutes later the failures no longer count.
    with db.transaction() as session:
        for attempt in session.scalars(select(LimitedAttempt)):
            attempt.attempted_at -= timedelta(minutes=5, seconds=1)
    assert sign_in(app.test_client(), user.email).status_code == 302


def test_reset_requests_are_limited_per_address_and_per_account(app, make_user):
    person = make_user()
    one_address = app.test_client()
    for number in range(10):
        asked = post_form(one_address, "/forgot", {"email": f"n{number}@example.org"})
        assert asked.status_code == 302
    refused = post_form(one_address, "/forgot", {"email": person.email})
    assert refused.status_code == 429
    assert "Too many reset requests" in refused.get_data(as_text=True)
    for number in range(10):
        client = app.test_client()
        client.environ_base["REMOTE_ADDR"] = f"192.0.2.{number + 1}"
        assert post_form(client, "/forgot", {"email": person.email}).status_code == 302
    elsewhere = app.test_client()
    elsewhere.environ_base["REMOTE_ADDR"] = "192.0.2.99"
    assert post_form(elsewhere, "/forgot", {"email": person.email}).status_code == 429


def test_successful_sign_ins_do_not_count_as_failures(app, make_user):
    user = make_user()
    for _ in range(7):
        client = app.test_client()
        assert sign_in(client, user.email).status_code == 302
