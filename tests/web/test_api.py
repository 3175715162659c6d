"""API v1: Bearer tokens, JSON errors, /me and the OpenAPI document."""

import re

from click.testing import Result

from tests.conftest import sign_in
from translate_flow.domain.models import Role


def _token(app, email: str) -> str:
    result: Result = app.test_cli_runner().invoke(args=["users", "token", email])
    assert result.exit_code == 0, result.output
    return result.stdout.strip().splitlines()[-1]


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_cli_token_is_accepted_by_me(app, make_user):
    user = make_user(
        Role.TRANSLATOR, Role.REVIEWER, pairs=["ja:en"], reviews=["zh:en"], name="Dorothy"
    )
    token = _token(app, user.email)
    response = app.test_client().get("/api/v1/me", headers=_bearer(token))
    assert response.status_code == 200
    assert response.get_json() == {
        "id": user.id,
        "name": "Dorothy",
        "email": user.email,
        "roles": ["reviewer", "translator"],
        "pairs": [
            {"source": "ja", "target": "en", "can_review": False, "can_publish": False},
            {"source": "zh", "target": "en", "can_review": True, "can_publish": False},
        ],
        "capacity": 3,
        "bio": "",
    }


def test_token_use_is_recorded_as_last_use(app, make_user, signed_in):
    client, user = signed_in(Role.TRANSLATOR)
    token = _token(app, user.email)
    assert "never" in client.get("/account/tokens").get_data(as_text=True)
    app.test_client().get("/api/v1/me", headers=_bearer(token))
    assert "never" not in client.get("/account/tokens").get_data(as_text=True)


def test_missing_and_bad_tokens_get_json_401(client, make_user):
    for headers in ({}, _bearer("tf_not-a-token"), {"Authorization": "Basic abc"}):
        response = client.get("/api/v1/me", headers=headers)
        assert response.status_code == 401
        assert response.get_json()["error"]["code"] == "unauthorized"
        assert response.get_json()["error"]["message"]


def test_revoked_token_is_refused(app, signed_in):
    client, user = signed_in(Role.TRANSLATOR)
    token = _token(app, user.email)
    page = client.get("/account/tokens").get_data(as_text=True)
    token_id = page.split("/account/tokens/")[1].split("/revoke")[0]
    from tests.conftest import post_form

    assert post_form(client, f"/account/tokens/{token_id}/revoke").status_code == 302
    assert app.test_client().get("/api/v1/me", headers=_bearer(token)).status_code == 401


def test_deactivated_persons_token_stops_working(app, make_user, signed_in):
    person = make_user(Role.TRANSLATOR)
    token = _token(app, person.email)
    coordinator, _ = signed_in(Role.COORDINATOR)
    from tests.conftest import post_form

    assert post_form(coordinator, f"/people/{person.id}/deactivate").status_code == 302
    assert app.test_client().get("/api/v1/me", headers=_bearer(token)).status_code == 401


def test_bearer_write_needs_no_csrf_token(app, make_user):
    user = make_user()
    token = _token(app, user.email)
    response = app.test_client().patch("/api/v1/me", json={"bio": "Hi"}, headers=_bearer(token))
    assert response.status_code == 200
    assert response.get_json()["bio"] == "Hi"


def test_bearer_request_ignores_a_cookie_riding_along(app, make_user):
    """A bad token with a valid cookie is still refused: the token alone decides."""
    user = make_user()
    client = app.test_client()
    sign_in(client, user.email)
    assert client.get("/api/v1/me").status_code == 200
    assert client.get("/api/v1/me", headers=_bearer("tf_wrong")).status_code == 401


def test_bad_json_gets_a_clear_400_and_changes_nothing(app, make_user):
    user = make_user(bio="before")
    token = _token(app, user.email)
    client = app.test_client()
    for body in ([1, 2], {"bio": 5}, {"colour": "red"}):
        response = client.patch("/api/v1/me", json=body, headers=_bearer(token))
        assert response.status_code == 400
        assert response.get_json()["error"]["message"]
    response = client.patch(
        "/api/v1/me",
        data="{not json",
        headers=_bearer(token) | {"Content-Type": "application/json"},
    )
    assert response.status_code == 400
    assert client.get("/api/v1/me", headers=_bearer(token)).get_json()["bio"] == "before"


def test_taken_email_is_a_409(app, make_user):
    make_user(email="taken@example.org")
    user = make_user()
    token = _token(app, user.email)
    response = app.test_client().patch(
        "/api/v1/me", json={"email": "TAKEN@example.org"}, headers=_bearer(token)
    )
    assert response.status_code == 409
    assert response.get_json()["error"]["code"] == "conflict"


def test_unknown_api_path_is_a_json_404(client):
    response = client.get("/api/v1/nothing-here")
    assert response.status_code == 404
    assert response.get_json()["error"]["code"] == "not_found"


def test_openapi_document_describes_every_api_route(app, client):
    document = client.get("/api/v1/openapi.json").get_json()
    assert document["openapi"].startswith("3.")
    described = {
        (path, method.upper())
        for path, operations in document["paths"].items()
        for method in operations
        if method != "parameters"  # shared by the path's operations, not an operation
    }
    routes = set()
    for rule in app.url_map.iter_rules():
        if rule.endpoint.startswith("api."):
            path = rule.rule.removeprefix("/api/v1")
            for method in (rule.methods or set()) - {"HEAD", "OPTIONS"}:
                routes.add((re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", path), method))
    assert routes == described
