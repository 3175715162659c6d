"""Write the peer's Django settings module: Weblate's own settings_example.py, imported whole,
with only what a benchmark on this machine must change. Nothing of Weblate is committed; the
module goes under the peer's git-ignored state directory.

    python -m bench.peer.configure STATE_DIR

Tasks in the request or deferred is chosen per process by WEBLATE_PEER_TASKS (eager|deferred),
so one settings module serves both measurements.
"""

import sys
from pathlib import Path

DATABASE = "weblate_bench"
REDIS_DB = 11  # a database number of its own: nothing else on the machine uses it
MODULE = "weblate_peer_settings"

TEMPLATE = '''"""Weblate's settings for `make bench-peer`, written by bench/peer/configure.py."""

import os

from weblate.settings_example import *  # noqa: F403 -- Weblate's documented starting point
from weblate.settings_example import CACHES, DATABASES, LOGGING, STORAGES

DEBUG = False
DATA_DIR = {data_dir!r}
CACHE_DIR = os.path.join(DATA_DIR, "cache")
MEDIA_ROOT = os.path.join(DATA_DIR, "media")
STATIC_ROOT = os.path.join(CACHE_DIR, "static")
SECRET_KEY = "peer-benchmark-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz"
SITE_DOMAIN = "localhost"
SITE_URL = "http://localhost"
# Passkeys need a relying party; a loopback benchmark never uses them.
OTP_WEBAUTHN_RP_ID = "localhost"
OTP_WEBAUTHN_ALLOWED_ORIGINS = ["http://localhost"]
ALLOWED_HOSTS = ["*"]

DATABASES["default"].update(
    NAME={database!r}, USER="postgres", PASSWORD="", HOST="127.0.0.1", PORT=5432
)
CACHES["default"]["LOCATION"] = "redis://127.0.0.1:6379/{redis_db}"
CACHES["avatar"]["LOCATION"] = os.path.join(CACHE_DIR, "avatar")

# Tasks in the request (eager) or deferred to the broker (measured without a worker draining
# it, so the requests pay only for queueing: Weblate's best case).
CELERY_TASK_ALWAYS_EAGER = os.environ.get("WEBLATE_PEER_TASKS", "eager") == "eager"
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_BROKER_URL = "redis://127.0.0.1:6379/{redis_db}"
CELERY_RESULT_BACKEND = CELERY_BROKER_URL

# Static files served by nobody: pages only link to them, so no collectstatic is needed.
STORAGES["staticfiles"] = {{"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}

# Eight clients of one account sign in and save many times a minute: Weblate's rate limits
# (5 sign-ins, 30 saves a minute) would answer them with refusals, not work.
RATELIMIT_ATTEMPTS = 1_000_000
RATELIMIT_TRANSLATE_ATTEMPTS = 1_000_000
RATELIMIT_SEARCH_ATTEMPTS = 1_000_000
RATELIMIT_COMMENT_ATTEMPTS = 1_000_000
WEBSITE_ALERTS_ENABLED = False

# Warnings and errors only: settings_example.py logs at DEBUG when DEBUG was True at import.
LOGGING["handlers"]["console"]["level"] = "WARNING"
for _logger in LOGGING["loggers"].values():
    _logger["handlers"] = [h for h in _logger["handlers"] if h != "syslog"] or ["console"]
    _logger["level"] = "WARNING"
'''


def write(state: Path) -> Path:
    state.mkdir(parents=True, exist_ok=True)
    (state / "data").mkdir(exist_ok=True)
    path = state / f"{MODULE}.py"
    path.write_text(
        TEMPLATE.format(data_dir=str(state / "data"), database=DATABASE, redis_db=REDIS_DB)
    )
    return path


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit("usage: python -m bench.peer.configure STATE_DIR")
    print(write(Path(sys.argv[1]).resolve()))


if __name__ == "__main__":
    main()
