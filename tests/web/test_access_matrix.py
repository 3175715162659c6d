"""Every route × every role: allowed, refused (403), or sent to sign in; refusals change nothing."""

from tempfile import TemporaryDirectory

import pytest
from flask import Flask
from sqlalchemy import select
from werkzeug.routing import Rule

from tests.conftest import sign_in
from tests.web.access_policy import ALLOWED, POLICY, ROLES, Access
from tests.web.snapshot import database_snapshot
from translate_flow import create_app
from translate_flow.domain.models import Role, Translation

WRITE_METHODS = ("POST", "PUT", "PATCH", "DELETE")
ROLE_OF = {
    "translator": (Role.TRANSLATOR,),
    "reviewer": (Role.REVIEWER,),
    "coordinator": (Role.COORDINATOR,),
    "admin": (Role.ADMIN,),
}


def _routes() -> list[tuple[str, str, str]]:
    with TemporaryDirectory() as instance:
        app = create_app(
            {"DATABASE_URL": "sqlite://", "SECRET_KEY": "x" * 40, "INSTANCE_PATH": instance}
        )
        rules: list[Rule] = list(app.url_map.iter_rules())
    cases = []
    for rule in rules:
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            cases.append((rule.endpoint, method, rule.rule))
    return cases


ROUTES = _routes()


def test_every_route_is_in_the_policy_table():
    missing = sorted({endpoint for endpoint, _method, _rule in ROUTES} - set(POLICY))
    assert not missing, f"add these endpoints to tests/web/access_policy.py: {missing}"


def _url(app: Flask, endpoint: str, target_id: int, article_id: int) -> str:
    values = {"user_id": target_id, "token_id": 999_999, "message_id": 999_999}
    values |= {"article_id": article_id, "outlet_id": 999_999, "suggestion_id": 999_999}
    with app.extensions["translate_flow.db"].session(write=False) as session:
        translation_id = session.scalar(
            select(Translation.id).where(Translation.article_id == article_id)
        )
    values |= {"translation_id": translation_id or 999_999, "action": "claim"}
    values |= {"notification_id": 999_999, "segment_id": 999_999, "comment_id": 999_999}
    values |= {"revision_id": 999_999, "snapshot_id": 999_999, "slug": "no-such-slug"}
    values |= {"kind": "md", "language": "ja", "decision": "approve"}
    values |= {"token": "not-a-real-token", "filename": "app/app.css"}
    values |= {"collection_id": 999_999, "unit_id": 999_999}
    values |= {"term_id": 999_999}
    values |= {"check": "numbers", "name": "throughput"}
    rule = next(r for r in app.url_map.iter_rules() if r.endpoint == endpoint)
    with app.test_request_context():
        from flask import url_for

        return url_for(endpoint, **{name: values[name] for name in rule.arguments})


def _refused(response, role: str) -> bool:  # type: ignore[no-untyped-def]
    if response.status_code in (401, 403):
        return True
    return role == "anonymous" and response.status_code == 302 and "/login" in response.location


@pytest.mark.parametrize(
    ("endpoint", "method", "rule"), ROUTES, ids=[f"{m} {r}" for _e, m, r in ROUTES]
)
def test_route_answers_each_role_as_the_policy_says(
    app, make_user, make_article, endpoint, method, rule
):
    # CSRF has its own test; here a refusal must come from the permission check.
    app.config["WTF_CSRF_ENABLED"] = False
    target = make_user(Role.TRANSLATOR, pairs=["ja:en"])
    people = {role: make_user(*roles) for role, roles in ROLE_OF.items()}
    article = make_article(people["coordinator"])
    url = _url(app, endpoint, target.id, article.id)
    allowed = ALLOWED[POLICY[endpoint]]
    db = app.extensions["translate_flow.db"]
    for role in ROLES:
        client = app.test_client()
        if role != "anonymous":
            assert sign_in(client, people[role].email).status_code == 302
        before = database_snapshot(db) if method in WRITE_METHODS else None
        response = client.open(url, method=method, json={} if endpoint.startswith("api.") else None)
        response.close()
        if role in allowed and POLICY[endpoint] == Access.WORKFLOW:
            # The workflow tests check who may do what; here only that it is no 500.
            assert response.status_code < 500
        elif role in allowed:
            # Public pages may still send a signed-out visitor on to sign in (e.g. "/").
            refused = (
                response.status_code in (401, 403)
                if role == "anonymous"
                else _refused(response, role)
            )
            assert not refused, f"{role} was refused {method} {url}"
            # The suite's schemas come from create_all, with no Alembic revision stamped, so
            # readiness rightly answers 503 "migrations" here (its own tests build by Alembic).
            not_ready = endpoint == "observability.ready" and response.status_code == 503
            assert response.status_code < 500 or not_ready
        else:
            assert _refused(response, role), (
                f"{role} got {response.status_code} for {method} {url}; expected a refusal"
            )
            if before is not None:
                assert database_snapshot(db) == before, (
                    f"refused {method} {url} changed the database"
                )


def test_policy_table_names_only_real_routes():
    assert set(POLICY) <= {endpoint for endpoint, _m, _r in ROUTES}
