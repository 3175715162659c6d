"""Settings from TRANSLATE_FLOW_* environment variables, and the production self-check."""

import os
import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from translate_flow.core.limits import Limit

PREFIX = "TRANSLATE_FLOW_"
MIN_SECRET_LENGTH = 32
# Values people paste from tutorials; a key like these signs cookies anyone can forge.
KNOWN_WEAK_SECRETS = {"dev", "development", "secret", "changeme", "change-me", "password", "test"}


class UnsafeConfiguration(RuntimeError):
    """Production settings that would put the desk at risk; the message says what to set."""


class InvalidConfiguration(ValueError):
    """A setting that cannot mean anything, in any environment; the message says which."""


LIMIT_SETTINGS = ("LOGIN_FAILURE_LIMIT", "PASSWORD_RESET_LIMIT", "READER_COMMENT_LIMIT")


def invalid_settings(config: Mapping[str, Any]) -> list[str]:
    """Settings that make no sense (a limit that is not one, an unknown time zone)."""
    problems = []
    for name in LIMIT_SETTINGS:
        try:
            Limit.parse(str(config[name]))
        except ValueError as error:
            problems.append(f"{PREFIX}{name}: {error}")
    try:
        ZoneInfo(str(config["SITE_TIME_ZONE"]))
    except (ZoneInfoNotFoundError, ValueError):
        problems.append(
            f"{PREFIX}SITE_TIME_ZONE: “{config['SITE_TIME_ZONE']}” is not a time zone; use an "
            "IANA name such as Europe/Berlin, Asia/Tokyo or UTC."
        )
    if config.get("LOG_FORMAT", "text") not in {"json", "text"}:
        problems.append(
            f"{PREFIX}LOG_FORMAT: “{config['LOG_FORMAT']}” is not a log format; use json or text."
        )
    return problems


def _flag(value: str | None, default: bool) -> bool:
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _development_secret(instance_path: Path) -> str:
    """A random key made on first start and kept in instance/, so sign-ins survive restarts."""
    path = instance_path / "secret_key"
    if path.exists():
        return path.read_text().strip()
    instance_path.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48)
    path.write_text(key + "\n")
    path.chmod(0o600)
    return key


def normalise_database_url(url: str) -> str:
    """Use psycopg 3 for PostgreSQL whichever spelling the operator gave."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def load_settings(environ: Mapping[str, str], instance_path: Path) -> dict[str, Any]:
    """Flask config keys built from the environment (an `.env` file is read into it beforehand)."""

    def env(name: str, default: str | None = None) -> str | None:
        value = environ.get(PREFIX + name)
        return value if value not in (None, "") else default

    environment = env("ENV", "development") or "development"
    production = environment == "production"
    database_url = env("DATABASE_URL") or f"sqlite:///{instance_path / 'translate_flow.sqlite3'}"
    secret_key = env("SECRET_KEY")
    if secret_key is None and not production:
        secret_key = _development_secret(instance_path)
    redis_url = env("REDIS_URL")
    target_languages = [
        code.strip() for code in (env("TARGET_LANGUAGES", "en") or "en").split(",") if code.strip()
    ]
    return {
        "ENV_NAME": environment,
        # `flask run --debug` announces itself through FLASK_DEBUG before the app is built.
        "DEBUG": _flag(env("DEBUG"), False) or _flag(environ.get("FLASK_DEBUG"), False),
        "SECRET_KEY": secret_key,
        "DATABASE_URL": normalise_database_url(database_url),
        "REDIS_URL": redis_url,
        "SMTP_URL": env("SMTP_URL", "console://") or "console://",
        "MAIL_FROM": env("MAIL_FROM", "translate_flow <noreply@localhost>"),
        "SITE_NAME": env("SITE_NAME", "translate_flow"),
        # The public site: a line under the name, whether reviewers are credited beside the
        # translator, and how many comments a reader may send.
        "SITE_TAGLINE": env(
            "SITE_TAGLINE", "The world's press on the United States, translated by volunteers"
        ),
        "CREDIT_REVIEWERS": _flag(env("CREDIT_REVIEWERS"), False),
        # Open findings of the numbers check stop a submit or an approval (and the API's
        # transition, 409) instead of asking to confirm: for desks whose figures must be right.
        "CHECKS_BLOCK_NUMBERS": _flag(env("CHECKS_BLOCK_NUMBERS"), False),
        # The site's own clock (an IANA name): exports for WordPress write local post dates in it.
        "SITE_TIME_ZONE": env("SITE_TIME_ZONE", "UTC"),
        "READER_COMMENT_LIMIT": env("READER_COMMENT_LIMIT", "5 per 10 minutes"),
        "TARGET_LANGUAGES": target_languages,
        "BASE_URL": env("BASE_URL"),
        "PROXY_COUNT": int(env("PROXY_COUNT", "0") or 0),
        "SESSION_COOKIE_NAME": "translate_flow_session",
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": _flag(env("SECURE_COOKIES"), production),
        # Sent with Strict-Transport-Security (production over HTTPS): only when every
        # subdomain of the site's host is served over HTTPS too.
        "HSTS_INCLUDE_SUBDOMAINS": _flag(env("HSTS_INCLUDE_SUBDOMAINS"), False),
        "MAX_CONTENT_LENGTH": int(env("MAX_UPLOAD_BYTES", "0") or 0) or 10 * 1024 * 1024,
        # One form field (a pasted article): Werkzeug's 500 KB default answered a long paste
        # with a bare 413 page that lost the form; the intake's own limits (one million
        # characters) then answer in the form's words.
        "MAX_FORM_MEMORY_SIZE": 4 * 1024 * 1024,
        # The lowest score of a memory match shown beside a segment (0–101): CAT tools' 70.
        "MEMORY_MATCH_THRESHOLD": int(env("MEMORY_MATCH_THRESHOLD", "70") or 70),
        # Largest TMX file an import takes: above the upload limit, and bounded so that one
        # import finishes within gunicorn's worker timeout (100,000 units, 44 MB: ~20–40 s).
        "MEMORY_IMPORT_MAX_BYTES": int(env("MEMORY_IMPORT_MAX_BYTES", "0") or 0)
        or 20 * 1024 * 1024,
        # Machine translation (machine/configured.py): one engine per set of variables. Google
        # needs the token and the project; an OpenAI-compatible server the URL and the model.
        "APERTIUM_URL": env("APERTIUM_URL"),
        "DEEPL_KEY": env("DEEPL_KEY"),
        "DEEPL_URL": env("DEEPL_URL"),
        "GOOGLE_TOKEN": env("GOOGLE_TOKEN"),
        "GOOGLE_PROJECT": env("GOOGLE_PROJECT"),
        "GOOGLE_URL": env("GOOGLE_URL"),
        "LIBRETRANSLATE_URL": env("LIBRETRANSLATE_URL"),
        "LIBRETRANSLATE_KEY": env("LIBRETRANSLATE_KEY"),
        "OPENAI_URL": env("OPENAI_URL"),
        "OPENAI_KEY": env("OPENAI_KEY"),
        "OPENAI_MODEL": env("OPENAI_MODEL"),
        # How long an engine's answer is reused, and the longest one engine is waited for.
        "MACHINE_CACHE_DAYS": int(env("MACHINE_CACHE_DAYS", "30") or 30),
        "MACHINE_WAIT_SECONDS": float(env("MACHINE_WAIT_SECONDS", "0") or 0) or 10.0,
        # Largest XLIFF or Word file taken back from offline work (still within the site's
        # upload limit, MAX_UPLOAD_BYTES).
        "OFFLINE_UPLOAD_MAX_BYTES": int(env("OFFLINE_UPLOAD_MAX_BYTES", "0") or 0)
        or 10 * 1024 * 1024,
        # Largest CSV or TBX termbase file an import takes.
        "TERMS_IMPORT_MAX_BYTES": int(env("TERMS_IMPORT_MAX_BYTES", "0") or 0) or 10 * 1024 * 1024,
        # Limits on attempts, counted in the database so that every worker sees them.
        "RATELIMIT_ENABLED": _flag(env("RATELIMIT_ENABLED"), True),
        "LOGIN_FAILURE_LIMIT": env("LOGIN_FAILURE_LIMIT", "5 per 5 minutes"),
        "PASSWORD_RESET_LIMIT": env("PASSWORD_RESET_LIMIT", "10 per hour"),
        "PASSWORD_TIME_COST": int(env("PASSWORD_TIME_COST", "3") or 3),
        "PASSWORD_MEMORY_KIB": int(env("PASSWORD_MEMORY_KIB", "65536") or 65536),
        "INVITE_MAX_AGE_DAYS": int(env("INVITE_MAX_AGE_DAYS", "7") or 7),
        "RESET_MAX_AGE_MINUTES": int(env("RESET_MAX_AGE_MINUTES", "120") or 120),
        # Host names (optionally host:port) that imports may fetch from even though they
        # resolve to private addresses: an intranet, or the local server of the tests.
        "FETCH_ALLOWED_HOSTS": [
            host.strip().lower()
            for host in (env("FETCH_ALLOWED_HOSTS", "") or "").split(",")
            if host.strip()
        ],
        "FETCH_MAX_BYTES": int(env("FETCH_MAX_BYTES", "0") or 0) or 5 * 1024 * 1024,
        "FETCH_TIMEOUT_SECONDS": float(env("FETCH_TIMEOUT_SECONDS", "0") or 0) or 10.0,
        "FEED_POLL_MINUTES": int(env("FEED_POLL_MINUTES", "60") or 60),
        # Claims: how long a translator has, when they are reminded, how long past the
        # due date before the item goes back to the pool.
        "CLAIM_DAYS": int(env("CLAIM_DAYS", "14") or 14),
        "CLAIM_REMINDER_DAYS": int(env("CLAIM_REMINDER_DAYS", "2") or 2),
        "CLAIM_GRACE_DAYS": int(env("CLAIM_GRACE_DAYS", "3") or 3),
        # Operations. /metrics answers only when METRICS_TOKEN is set, and only to a scraper that
        # sends it (Authorization: Bearer); request logs are one JSON line per request in
        # production, plain lines elsewhere (LOG_FORMAT=json|text overrides).
        "METRICS_TOKEN": env("METRICS_TOKEN") or None,
        "LOG_FORMAT": (env("LOG_FORMAT", "") or ("json" if production else "text")).lower(),
        # /readyz fails when the oldest pending e-mail has waited longer than this.
        "READY_OUTBOX_MAX_MINUTES": int(env("READY_OUTBOX_MAX_MINUTES", "30") or 30),
        # How long a proxy may serve a signed-out reader's public page without asking again;
        # a publication, correction or take-down reaches readers within this many seconds.
        "PUBLIC_CACHE_SECONDS": int(env("PUBLIC_CACHE_SECONDS", "60") or 0),
        # Where `translate-flow backup` writes when no --output is given.
        "BACKUP_DIR": env("BACKUP_DIR") or str(instance_path / "backups"),
        "WTF_CSRF_TIME_LIMIT": None,
        "WTF_CSRF_HEADERS": ["X-CSRFToken", "X-CSRF-Token"],
    }


def production_problems(config: Mapping[str, Any]) -> list[str]:
    """What makes this configuration unsafe to serve in production; empty when it is fine."""
    problems = []
    key = config.get("SECRET_KEY") or ""
    if not key:
        problems.append(
            f"{PREFIX}SECRET_KEY is not set. Set it to a random value of at least "
            f"{MIN_SECRET_LENGTH} characters, for example the output of "
            "`python -c 'import secrets; print(secrets.token_urlsafe(48))'`."
        )
    elif len(key) < MIN_SECRET_LENGTH or key.lower() in KNOWN_WEAK_SECRETS or len(set(key)) < 10:
        problems.append(
            f"{PREFIX}SECRET_KEY is too weak: use a random value of at least {MIN_SECRET_LENGTH} "
            "characters (`python -c 'import secrets; print(secrets.token_urlsafe(48))'`)."
        )
    if config.get("DEBUG"):
        problems.append(
            f"Debug mode is on: unset {PREFIX}DEBUG (and FLASK_DEBUG, or drop --debug); it shows "
            "tracebacks and lets code run from the browser."
        )
    if not config.get("SESSION_COOKIE_SECURE"):
        problems.append(
            f"Cookies would travel over plain HTTP: remove {PREFIX}SECURE_COOKIES=0 and serve the "
            "site over HTTPS."
        )
    return problems


def settings_for(
    overrides: Mapping[str, Any] | None,
    instance_path: Path,
    environ: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """Environment settings with explicit overrides on top, checked when the env is production."""
    settings = load_settings(os.environ if environ is None else environ, instance_path)
    settings.update(overrides or {})
    if "DATABASE_URL" in (overrides or {}):
        settings["DATABASE_URL"] = normalise_database_url(settings["DATABASE_URL"])
    invalid = invalid_settings(settings)
    if invalid:
        raise InvalidConfiguration("translate_flow cannot start:\n- " + "\n- ".join(invalid))
    if settings["ENV_NAME"] == "production":
        problems = production_problems(settings)
        if problems:
            raise UnsafeConfiguration(
                "translate_flow refuses to start in production:\n- " + "\n- ".join(problems)
            )
    return settings
