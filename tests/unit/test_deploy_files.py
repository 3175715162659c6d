"""The deployment files in deploy/: the systemd units pass `systemd-analyze verify` and keep
their sandbox, the example settings cover every setting and start nothing unsafe, and the nginx
configuration parses (`nginx -t`) and matches the app's limits.

In a container without a running systemd, `verify` still parses each unit in full (an unknown
key or a value it cannot parse is a warning on stderr, which fails here) and checks that each
Exec* command exists and is executable, which is why the checkout's paths are rewritten to this
virtualenv's. It cannot check what only a running system has: the user, the environment file,
the working directory, whether the sandbox lets the service run. `security --offline` scores
the sandbox from the files alone.
"""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import gunicorn.config
import pytest
from dotenv import dotenv_values

from bench.gunicorn import free_port
from tests.nginx_server import (
    CHECKOUT,
    NGINX,
    NGINX_CONF,
    NOT_INSTALLED,
    local_nginx_conf,
    self_signed_certificate,
)
from translate_flow import PROJECT_ROOT, create_app
from translate_flow.core.config import (
    InvalidConfiguration,
    UnsafeConfiguration,
    load_settings,
    settings_for,
)

DEPLOY = PROJECT_ROOT / "deploy"
UNITS = DEPLOY / "systemd"
SERVICES = sorted(UNITS.glob("*.service"))
VENV_BIN = Path(sys.executable).parent
SYSTEMD_ANALYZE = shutil.which("systemd-analyze")
# Sandboxing a compromised web process: systemd's own scale, 0 (locked down) to 10 (none).
MOST_EXPOSURE = 2.0


def unit_values(path: Path) -> dict[str, list[str]]:
    """Each key's values in a unit file, in order (a key may be given more than once)."""
    values: dict[str, list[str]] = {}
    for line in path.read_text().splitlines():
        line = line.strip()
        if not line or line.startswith(("#", ";", "[")):
            continue
        key, _, value = line.partition("=")
        values.setdefault(key.strip(), []).append(value.strip())
    return values


def hardening(path: Path) -> list[str]:
    lines = path.read_text().splitlines()
    start = next(n for n, line in enumerate(lines) if line.startswith("NoNewPrivileges="))
    end = next(n for n, line in enumerate(lines) if line.startswith("UMask="))
    return lines[start : end + 1]


@pytest.fixture(scope="module")
def runnable_units(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The units with the checkout's virtualenv replaced by this one, whose commands exist."""
    folder = tmp_path_factory.mktemp("units")
    for path in UNITS.iterdir():
        (folder / path.name).write_text(
            path.read_text().replace(f"{CHECKOUT}/.venv/bin/", f"{VENV_BIN}/")
        )
    return folder


# systemd


def test_the_three_services_and_the_timer_are_there() -> None:
    assert {path.name for path in UNITS.iterdir()} == {
        "translate-flow-web.service",
        "translate-flow-worker.service",
        "translate-flow-tick.service",
        "translate-flow-tick.timer",
    }


@pytest.mark.skipif(SYSTEMD_ANALYZE is None, reason="systemd-analyze is not installed")
def test_systemd_analyze_verify_finds_nothing(runnable_units: Path) -> None:
    assert SYSTEMD_ANALYZE is not None
    done = subprocess.run(
        [SYSTEMD_ANALYZE, "verify", "--man=no", *sorted(map(str, runnable_units.iterdir()))],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    # Unknown keys and values it cannot parse are only warnings to verify; here they fail.
    assert done.stderr == "" and done.stdout == ""


@pytest.mark.skipif(SYSTEMD_ANALYZE is None, reason="systemd-analyze is not installed")
def test_verify_would_catch_a_mistake(runnable_units: Path, tmp_path: Path) -> None:
    # So that the test above can fail: a misspelt value, and a command that is not there.
    broken = tmp_path / "translate-flow-web.service"
    text = (runnable_units / broken.name).read_text()
    broken.write_text(text.replace("ProtectHome=yes", "ProtectHome=bogus"))
    warned = subprocess.run(
        [str(SYSTEMD_ANALYZE), "verify", "--man=no", str(broken)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert "bogus" in warned.stderr
    broken.write_text(text.replace(f"{VENV_BIN}/gunicorn", f"{VENV_BIN}/no-such-gunicorn"))
    missing = subprocess.run(
        [str(SYSTEMD_ANALYZE), "verify", "--man=no", str(broken)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert missing.returncode != 0 and "no-such-gunicorn" in missing.stderr


@pytest.mark.skipif(SYSTEMD_ANALYZE is None, reason="systemd-analyze is not installed")
@pytest.mark.parametrize("name", [path.name for path in SERVICES])
def test_each_service_is_sandboxed(runnable_units: Path, name: str) -> None:
    done = subprocess.run(
        [
            str(SYSTEMD_ANALYZE),
            "security",
            "--offline=true",
            "--no-pager",
            str(runnable_units / name),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    found = re.search(r"Overall exposure level for \S+: ([0-9.]+)", done.stdout)
    assert found, done.stdout + done.stderr
    assert float(found.group(1)) <= MOST_EXPOSURE, done.stdout


def test_the_services_share_one_sandbox_user_and_settings() -> None:
    first = hardening(SERVICES[0])
    for path in SERVICES:
        values = unit_values(path)
        assert hardening(path) == first, f"{path.name}'s sandbox differs from {SERVICES[0].name}'s"
        assert values["User"] == ["translate-flow"] and values["Group"] == ["translate-flow"]
        assert values["EnvironmentFile"] == ["/etc/translate-flow/env"]
        assert values["WorkingDirectory"] == [CHECKOUT]
        # What the app writes: instance/ beside translate_flow/ in the checkout (README,
        # "Configuration"), the default home of the SQLite database and the backups.
        assert values["ReadWritePaths"] == [f"{CHECKOUT}/instance"]
        assert values["ProtectSystem"] == ["strict"] and values["NoNewPrivileges"] == ["yes"]
        assert values["PrivateTmp"] == ["yes"]
    assert Path(PROJECT_ROOT / "instance").name == "instance"


def test_each_service_runs_the_command_it_is_for() -> None:
    commands = {path.name: unit_values(path)["ExecStart"] for path in SERVICES}
    assert commands == {
        "translate-flow-web.service": [
            f"{CHECKOUT}/.venv/bin/gunicorn -c python:translate_flow.gunicorn_conf"
        ],
        "translate-flow-worker.service": [f"{CHECKOUT}/.venv/bin/translate-flow worker"],
        "translate-flow-tick.service": [f"{CHECKOUT}/.venv/bin/translate-flow tick"],
    }
    for name, restart in (("web", ["on-failure"]), ("worker", ["on-failure"])):
        assert unit_values(UNITS / f"translate-flow-{name}.service")["Restart"] == restart


def test_the_commands_the_units_run_exist(tmp_path: Path) -> None:
    app = create_app(
        {"DATABASE_URL": f"sqlite:///{tmp_path / 'x.sqlite3'}", "INSTANCE_PATH": str(tmp_path)}
    )
    assert {"worker", "tick"} <= set(app.cli.list_commands(None))  # type: ignore[arg-type]
    for binary in ("gunicorn", "translate-flow"):
        assert (VENV_BIN / binary).exists(), binary
    settings = subprocess.run(
        [sys.executable, "-c", "import translate_flow.gunicorn_conf as c; print(c.wsgi_app)"],
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
        timeout=60,
        check=True,
    )
    assert settings.stdout.strip() == "translate_flow:create_app()"


def test_a_worker_freezes_what_it_loaded_out_of_the_garbage_collectors_walks() -> None:
    # In a process of its own: importing the settings sets the metrics directory.
    script = (
        "import gc, translate_flow, translate_flow.gunicorn_conf as settings\n"
        "before = gc.get_freeze_count()\n"
        "settings.post_worker_init(None)\n"
        "print(before, gc.get_freeze_count(), len(gc.get_objects()))\n"
    )
    frozen = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
        timeout=60,
        check=True,
    )
    # The name is gunicorn's: a hook it does not know would be an unused function.
    assert "post_worker_init" in {setting.name for setting in gunicorn.config.KNOWN_SETTINGS}
    before, after, still_walked = map(int, frozen.stdout.split())
    assert before == 0
    assert after > 10_000  # the app's modules and what they hold
    assert still_walked < after // 10


def test_the_timer_starts_the_tick_and_the_tick_steps_aside_for_the_worker() -> None:
    timer = unit_values(UNITS / "translate-flow-tick.timer")
    # verify does not look for the unit a timer starts.
    assert timer["Unit"] == ["translate-flow-tick.service"]
    assert (UNITS / timer["Unit"][0]).exists()
    assert timer["OnCalendar"] == ["minutely"]
    assert timer["WantedBy"] == ["timers.target"]
    tick = unit_values(UNITS / "translate-flow-tick.service")
    assert tick["Type"] == ["oneshot"]
    # The worker's ticker already runs the duties every minute.
    assert tick["ExecCondition"] == [
        "/bin/sh -c '! systemctl is-active --quiet translate-flow-worker.service'"
    ]
    # Started by the timer alone, never at boot on its own.
    assert "[Install]" not in (UNITS / "translate-flow-tick.service").read_text()


def test_the_web_server_tells_systemd_when_it_serves() -> None:
    web = unit_values(UNITS / "translate-flow-web.service")
    # gunicorn's arbiter sends READY=1 (gunicorn/systemd.py) once its workers are forked.
    assert web["Type"] == ["notify"]
    assert web["ExecReload"] == ["/bin/kill -HUP $MAINPID"]


# The example settings


def example_settings() -> dict[str, str]:
    values = dotenv_values(DEPLOY / "env.example")
    return {key: value or "" for key, value in values.items()}


def settings_read() -> set[str]:
    """Every environment variable the desk's settings read."""
    seen: set[str] = set()

    class Recording(dict[str, str]):
        def get(self, key: str, default: object = None) -> object:  # type: ignore[override]
            seen.add(key)
            return default

    load_settings(Recording(), PROJECT_ROOT / "instance")
    return seen


def test_the_example_names_every_setting_and_no_other() -> None:
    text = (DEPLOY / "env.example").read_text()
    named = set(re.findall(r"^#? ?(TRANSLATE_FLOW_[A-Z0-9_]+)=", text, flags=re.MULTILINE))
    read = {name for name in settings_read() if name.startswith("TRANSLATE_FLOW_")}
    assert read - named == set(), "settings missing from deploy/env.example"
    assert named - read == set(), "deploy/env.example names settings the desk does not read"


def test_the_example_behind_nginx_trusts_one_proxy() -> None:
    settings = example_settings()
    assert settings["TRANSLATE_FLOW_PROXY_COUNT"] == "1"
    assert settings["TRANSLATE_FLOW_ENV"] == "production"
    assert settings["TRANSLATE_FLOW_BASE_URL"].startswith("https://")


def test_the_example_refuses_to_start_until_its_secret_is_replaced(tmp_path: Path) -> None:
    settings = example_settings()
    with pytest.raises(UnsafeConfiguration, match="SECRET_KEY is too weak"):
        settings_for(None, tmp_path, environ=settings)
    settings["TRANSLATE_FLOW_SECRET_KEY"] = "k7Qz2-pW9xL4mN8vB3cR6tY1uJ5hG0fD2sA8qE4wZ7"
    try:
        accepted = settings_for(None, tmp_path, environ=settings)
    except (InvalidConfiguration, UnsafeConfiguration) as error:
        pytest.fail(f"the example, secret set, does not start: {error}")
    assert accepted["PROXY_COUNT"] == 1
    assert accepted["SESSION_COOKIE_SECURE"] is True
    assert "connect_timeout=5" in accepted["DATABASE_URL"]


# nginx


def nginx_directives(name: str) -> list[str]:
    return re.findall(rf"^\s*{name}\s+([^;]+);", NGINX_CONF.read_text(), flags=re.MULTILINE)


def test_nginx_passes_the_headers_the_app_reads() -> None:
    headers = dict(value.split(None, 1) for value in nginx_directives("proxy_set_header"))
    assert headers["X-Forwarded-For"] == "$proxy_add_x_forwarded_for"
    assert headers["X-Forwarded-Proto"] == "$scheme"
    assert headers["Host"] == "$host"
    assert headers["X-Forwarded-Host"] == "$host"
    assert headers["X-Request-ID"] == "$request_id"


def _megabytes(value: str) -> int:
    assert value.endswith("m"), value
    return int(value[:-1]) * 1024 * 1024


def test_nginx_takes_what_the_app_takes(tmp_path: Path) -> None:
    config = load_settings({}, tmp_path)
    general, *imports = (_megabytes(value) for value in nginx_directives("client_max_body_size"))
    # Above the app's limit, so that the app's own message answers a file just too large.
    assert config["MAX_CONTENT_LENGTH"] < general <= config["MAX_CONTENT_LENGTH"] + 2**20
    assert len(imports) == 2
    largest_import = max(config["MEMORY_IMPORT_MAX_BYTES"], config["TERMS_IMPORT_MAX_BYTES"])
    assert all(size > largest_import for size in imports)


def test_nginx_serves_the_packages_static_folder() -> None:
    aliases = nginx_directives("alias")
    assert f"{CHECKOUT}/translate_flow/static/" in aliases
    for alias in aliases:
        # The same folder in this checkout has what the alias promises.
        local = PROJECT_ROOT / alias.removeprefix(f"{CHECKOUT}/")
        assert local.is_dir() and any(local.iterdir()), alias
    assert (PROJECT_ROOT / "translate_flow" / "static" / "app" / "app.css").exists()


def test_nginx_keeps_metrics_off_the_public_site() -> None:
    text = NGINX_CONF.read_text()
    assert re.search(r"location = /metrics \{\s*return 404;\s*\}", text)
    assert "add_header Strict-Transport-Security" not in text  # the app sends it


@pytest.mark.skipif(NGINX is None, reason=NOT_INSTALLED)
def test_nginx_accepts_the_configuration(tmp_path: Path) -> None:
    main = local_nginx_conf(
        tmp_path,
        self_signed_certificate(tmp_path),
        upstream="127.0.0.1:8000",
        http_port=free_port(),
        https_port=free_port(),
    )
    assert NGINX is not None
    done = subprocess.run(
        [NGINX, "-t", "-p", str(tmp_path), "-e", str(tmp_path / "error.log"), "-c", str(main)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "test is successful" in done.stderr
    # nginx 1.25 and later warn of `listen … http2`; any other warning is a mistake here.
    warnings = [line for line in done.stderr.splitlines() if "[warn]" in line]
    assert all("http2" in line for line in warnings), warnings
