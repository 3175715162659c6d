"""Settings from the environment, and the production self-check."""

from pathlib import Path

import pytest

from translate_flow import create_app
from translate_flow.core.config import UnsafeConfiguration, load_settings, settings_for

STRONG = "Zq3-8vLk_2mPw9Rt4yXc7NbV1hGf6JdS0aE5uIoK"


def test_defaults_use_sqlite_under_instance_and_keep_a_generated_secret(tmp_path: Path):
    settings = load_settings({}, tmp_path)
    assert settings["DATABASE_URL"] == f"sqlite:///{tmp_path / 'translate_flow.sqlite3'}"
    assert len(settings["SECRET_KEY"]) >= 32
    assert load_settings({}, tmp_path)["SECRET_KEY"] == settings["SECRET_KEY"]
    assert settings["TARGET_LANGUAGES"] == ["en"]


def test_environment_variables_are_read(tmp_path: Path):
    settings = load_settings(
        {
            "TRANSLATE_FLOW_DATABASE_URL": "postgres://u:p@db/desk",
            "TRANSLATE_FLOW_REDIS_URL": "redis://127.0.0.1:6379/2",
            "TRANSLATE_FLOW_SITE_NAME": "Watching America",
            "TRANSLATE_FLOW_TARGET_LANGUAGES": "en, fr",
            "TRANSLATE_FLOW_SMTP_URL": "smtp://mail:25",
        },
        tmp_path,
    )
    assert settings["DATABASE_URL"] == "postgresql+psycopg://u:p@db/desk"
    assert settings["REDIS_URL"] == "redis://127.0.0.1:6379/2"
    assert settings["SITE_NAME"] == "Watching America"
    assert settings["TARGET_LANGUAGES"] == ["en", "fr"]
    assert settings["SMTP_URL"] == "smtp://mail:25"


def _production(**env: str) -> dict[str, str]:
    return {
        "TRANSLATE_FLOW_ENV": "production",
        **{f"TRANSLATE_FLOW_{k}": v for k, v in env.items()},
    }


@pytest.mark.parametrize(
    ("environ", "says"),
    [
        (_production(), "TRANSLATE_FLOW_SECRET_KEY is not set"),
        (_production(SECRET_KEY="secret"), "too weak"),
        (_production(SECRET_KEY="a" * 64), "too weak"),
        (_production(SECRET_KEY=STRONG, DEBUG="1"), "Debug mode is on"),
        (_production(SECRET_KEY=STRONG) | {"FLASK_DEBUG": "1"}, "Debug mode is on"),
        (_production(SECRET_KEY=STRONG, SECURE_COOKIES="0"), "plain HTTP"),
    ],
)
def test_production_refuses_unsafe_settings(tmp_path: Path, environ, says):
    with pytest.raises(UnsafeConfiguration, match=says):
        settings_for(None, tmp_path, environ)


def test_production_starts_with_safe_settings_and_secure_cookies(tmp_path: Path):
    settings = settings_for(None, tmp_path, _production(SECRET_KEY=STRONG))
    assert settings["SESSION_COOKIE_SECURE"] is True
    assert settings["SESSION_COOKIE_HTTPONLY"] is True
    assert settings["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert not (tmp_path / "secret_key").exists()


def test_create_app_refuses_weak_production_secret(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("TRANSLATE_FLOW_ENV", "production")
    monkeypatch.setenv("TRANSLATE_FLOW_SECRET_KEY", "changeme")
    with pytest.raises(UnsafeConfiguration, match="SECRET_KEY is too weak"):
        create_app({"INSTANCE_PATH": str(tmp_path), "DATABASE_URL": "sqlite://"})
