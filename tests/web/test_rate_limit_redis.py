"""With Redis configured, sign-in limits are counted there, shared by every worker process."""

import uuid

import pytest
import redis

from tests.conftest import sign_in
from tests.redis_server import NOT_ANSWERING, REDIS_URL, redis_answers
from translate_flow import create_app


# Without a Redis server there is nothing to count in; every other limit test runs on memory.
@pytest.mark.skipif(not redis_answers(), reason=NOT_ANSWERING)
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
    # Redis outlives the test and is shared by parallel test processes: a client address of
    # this test's own keeps the per-address counter from mixing with theirs.
    address = f"192.0.2.{uuid.uuid4().int % 250 + 1}"

    def client(app):  # type: ignore[no-untyped-def]
        test_client = app.test_client()
        test_client.environ_base["REMOTE_ADDR"] = address
        return test_client

    try:
        for attempt in range(3):
            assert sign_in(client(first), user.email, f"wrong {attempt}").status_code == 401
        for attempt in range(2):
            assert sign_in(client(second), user.email, f"wrong {attempt}").status_code == 401
        assert sign_in(client(first), user.email).status_code == 429
        # The counters live in Redis, where every gunicorn worker reads the same numbers.
        keys = redis.Redis.from_url(REDIS_URL).keys("*login-account*")
        assert any(user.email.encode() in key for key in keys)
    finally:
        first.extensions["translate_flow.db"].dispose()
        second.extensions["translate_flow.db"].dispose()
