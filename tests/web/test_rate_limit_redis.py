"""With Redis configured, sign-in limits are counted there, shared by every worker process."""

import uuid

import pytest
import redis

from tests.conftest import sign_in
from translate_flow import create_app
from translate_flow.extensions import limiter

REDIS_URL = "redis://127.0.0.1:6379/15"


def _redis_answers() -> bool:
    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


@pytest.mark.skipif(not _redis_answers(), reason="Redis does not answer on 127.0.0.1:6379")
def test_failures_are_counted_in_redis(app, make_user):
    user = make_user(email=f"shared-{uuid.uuid4().hex[:8]}@example.org")
    config = {
        **app.config,
        "RATELIMIT_STORAGE_URI": REDIS_URL,
        "REDIS_URL": REDIS_URL,
        "JOBS_INLINE": True,
    }
    config["DATABASE_URL"] = app.config["DATABASE_URL"]
    first, second = create_app(config), create_app(config)
    try:
        for attempt in range(3):
            assert sign_in(first.test_client(), user.email, f"wrong {attempt}").status_code == 401
        for attempt in range(2):
            assert sign_in(second.test_client(), user.email, f"wrong {attempt}").status_code == 401
        assert sign_in(first.test_client(), user.email).status_code == 429
        # The counters live in Redis, where every gunicorn worker reads the same numbers.
        keys = redis.Redis.from_url(REDIS_URL).keys("*login-account*")
        assert any(user.email.encode() in key for key in keys)
    finally:
        limiter.reset()
        first.extensions["translate_flow.db"].dispose()
        second.extensions["translate_flow.db"].dispose()
