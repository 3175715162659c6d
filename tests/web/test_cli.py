"""The `translate-flow` command line: people, tokens, demo data."""

from tests.conftest import sign_in
from translate_flow.domain.models import Role


def test_users_create_makes_a_person_who_can_sign_in(app):
    result = app.test_cli_runner().invoke(
        args=[
            "users", "create", "--email", "Yuki@Example.org", "--name", "Yuki Tanaka",
            "--role", "translator", "--role", "reviewer", "--pair", "ja:en", "--reviews", "ja:en",
            "--password", "a long enough password",
        ]
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    client = app.test_client()
    assert sign_in(client, "yuki@example.org", "a long enough password").status_code == 302
    me = client.get("/api/v1/me").get_json()
    assert me["roles"] == ["reviewer", "translator"]
    assert me["pairs"] == [
        {"source": "ja", "target": "en", "can_review": True, "can_publish": False}
    ]


def test_users_create_explains_bad_input(app, make_user):
    make_user(email="taken@example.org")
    runner = app.test_cli_runner()
    cases = [
        (["--email", "taken@example.org"], "already on the desk"),
        (["--email", "new@example.org", "--pair", "xx:en"], "not a language code"),
        (["--email", "new@example.org", "--password", "short"], "at least 10"),
    ]
    for extra, message in cases:
        args = [
            "users",
            "create",
            "--name",
            "N",
            "--role",
            "translator",
            "--password",
            "long enough pw",
            *extra,
        ]
        result = runner.invoke(args=args)
        assert result.exit_code != 0
        assert message in result.output


def test_users_token_refuses_unknown_people(app):
    result = app.test_cli_runner().invoke(args=["users", "token", "ghost@example.org"])
    assert result.exit_code != 0
    assert "No active person" in result.output


def test_demo_loads_every_role_once(app):
    runner = app.test_cli_runner()
    first = runner.invoke(args=["demo"])
    assert first.exit_code == 0
    assert "translator@example.org" in first.output
    again = runner.invoke(args=["demo"])
    assert "no demo people were added" in again.output
    client = app.test_client()
    assert sign_in(client, "admin@example.org", "translate-flow-demo").status_code == 302
    assert set(client.get("/api/v1/me").get_json()["roles"]) == {Role.ADMIN, Role.COORDINATOR}
