"""A test client signed in to a synthetic desk as its first coordinator (the board and the
article list are theirs), and the page tools' shared command line."""

import argparse
import logging
import re

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from bench.synthetic import PASSWORD
from translate_flow import create_app
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


def page_arguments(description: str, repeat: int) -> argparse.Namespace:
    """A page tool's command line: the path, the database, how many requests, who asks."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("path")
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--repeat", type=int, default=repeat)
    parser.add_argument("--anonymous", action="store_true", help="a reader, not signed in")
    return parser.parse_args()


def warmed_client(arguments: argparse.Namespace) -> FlaskClient:
    """The app on the database, a client for the path (signed in unless anonymous), and the
    path requested a few times so that caches and imports are behind it."""
    app = create_app(
        {
            "DATABASE_URL": arguments.database_url,
            "SECRET_KEY": "profile-secret-key-that-is-long-enough-0123456789",
            "RATELIMIT_ENABLED": False,
        }
    )
    logging.disable(logging.CRITICAL)  # one request line each would bury the figures
    client = app.test_client() if arguments.anonymous else coordinator_client(app)
    for _ in range(3):
        assert client.get(arguments.path).status_code == 200
    return client
