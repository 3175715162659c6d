"""Every state-changing request from a browser needs the CSRF token; Bearer API calls do not."""

import pytest

from tests.conftest import csrf_token, sign_in
from tests.web.snapshot import database_snapshot
from tests.web.test_access_matrix import ROUTES, WRITE_METHODS, _url
from translate_flow.domain.models import Role

WRITES = [(endpoint, method, rule) for endpoint, method, rule in ROUTES if method in WRITE_METHODS]


@pytest.mark.parametrize(
    ("endpoint", "method", "rule"), WRITES, ids=[f"{m} {r}" for _e, m, r in WRITES]
)
def test_write_without_csrf_token_is_refused_and_changes_nothing(
    app, make_user, make_article, endpoint, method, rule
):
    target = make_user(Role.TRANSLATOR)
    admin = make_user(Role.ADMIN, Role.COORDINATOR)
    client = app.test_client()
    assert sign_in(client, admin.email).status_code == 302
    url = _url(app, endpoint, target.id, make_article(admin).id)
    db = app.extensions["translate_flow.db"]
    before = database_snapshot(db)
    body = (
        {"json": {"bio": "forged"}}
        if endpoint.startswith("api.")
        else {"data": {"email": "x@example.org"}}
    )
    response = client.open(url, method=method, **body)
    assert response.status_code == 400
    text = response.get_data(as_text=True)
    assert "did not come from this site" in text or "csrf" in text.lower()
    assert database_snapshot(db) == before


def test_write_with_a_token_from_another_session_is_refused(app, make_user):
    user = make_user(bio="mine")
    victim, attacker = app.test_client(), app.test_client()
    sign_in(victim, user.email)
    foreign_token = csrf_token(attacker)
    response = victim.post(
        "/account/",
        data={
            "csrf_token": foreign_token,
            "display_name": "X",
            "email": user.email,
            "bio": "owned",
        },
    )
    assert response.status_code == 400


def test_json_write_with_session_cookie_needs_the_header_token(app, make_user):
    user = make_user()
    client = app.test_client()
    sign_in(client, user.email)
    assert client.patch("/api/v1/me", json={"bio": "no token"}).status_code == 400
    response = client.patch(
        "/api/v1/me", json={"bio": "with token"}, headers={"X-CSRFToken": csrf_token(client)}
    )
    assert response.status_code == 200
    assert response.get_json()["bio"] == "with token"
