"""The local Redis the tests use when it answers (they skip, saying so, when it does not)."""

import redis

# Database 15 for limits and the job queue; the outbox kill test takes 14 of its own.
REDIS_URL = "redis://127.0.0.1:6379/15"
NOT_ANSWERING = "Redis does not answer on 127.0.0.1:6379"


def redis_answers(url: str = REDIS_URL) -> bool:
    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False
