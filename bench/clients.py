"""A test client signed in to a synthetic desk as its first coordinator (the board and the
article list are theirs)."""

import re

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from bench.synthetic import PASSWORD
from translate_flow.domain.models import User, UserRole

CSRF_META = re.compile(r'<meta name="csrf-token" content="([^"]+)">')


def coordinator_client(app: Flask) -> FlaskClient:
    with app.extensions["translate_flow.db"].session(write=False) as session:
        email = session.scalar(
            select(User.email)
            .join(UserRole, UserRole.user_id == User.id)
            .where(UserRole.role == "coordinator", User.is_active.is_(True))
            .order_by(User.id)
        )
    client = app.test_client()
    match = CSRF_META.search(client.get("/login").get_data(as_text=True))
    assert match, "the sign-in page carries no CSRF token"
    response = client.post(
        "/login", data={"csrf_token": match.group(1), "email": email, "password": PASSWORD}
    )
    assert response.status_code == 302, f"signing in as {email} failed"
    return client
