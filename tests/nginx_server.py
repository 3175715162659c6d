"""nginx with the project's own site configuration (deploy/nginx/translate-flow.conf), run from a
temporary folder: for `nginx -t` and for requests that go through it to gunicorn."""

import os
import re
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from bench.gunicorn import free_port
from translate_flow import PROJECT_ROOT

NGINX_CONF = PROJECT_ROOT / "deploy" / "nginx" / "translate-flow.conf"
# Where the deployment files expect the checkout.
CHECKOUT = "/opt/translate-flow"
# Debian installs it in /usr/sbin, which a non-root PATH may lack.
NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
NOT_INSTALLED = "nginx is not installed (apt-get install nginx-light)"
SERVER_NAME = "translate.example.org"


def self_signed_certificate(folder: Path) -> tuple[Path, Path]:
    """A certificate and key for SERVER_NAME, valid for a day."""
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            *("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"),
            *("-subj", f"/CN={SERVER_NAME}", "-keyout", str(key), "-out", str(cert)),
        ],
        capture_output=True,
        timeout=60,
        check=True,
    )
    return cert, key


def local_nginx_conf(
    folder: Path, certificate: tuple[Path, Path], *, upstream: str, http_port: int, https_port: int
) -> Path:
    """deploy/nginx/translate-flow.conf inside a main file of its own, run from `folder`: its
    ports, certificate, upstream and static folder replaced, nothing else."""
    cert, key = certificate
    site = NGINX_CONF.read_text()
    replacements = {
        "listen 80;": f"listen 127.0.0.1:{http_port};",
        "listen 443 ssl default_server;": f"listen 127.0.0.1:{https_port} ssl default_server;",
        "listen 443 ssl http2;": f"listen 127.0.0.1:{https_port} ssl http2;",
        f"/etc/letsencrypt/live/{SERVER_NAME}/fullchain.pem": str(cert),
        f"/etc/letsencrypt/live/{SERVER_NAME}/privkey.pem": str(key),
        "server 127.0.0.1:8000;": f"server {upstream};",
        f"{CHECKOUT}/translate_flow/static/": f"{PROJECT_ROOT}/translate_flow/static/",
    }
    for old, new in replacements.items():
        assert old in site, f"deploy/nginx/translate-flow.conf no longer has {old!r}"
        site = site.replace(old, new)
    # IPv6 may be missing in a container; the IPv4 listeners stand for them.
    site = re.sub(r"^\s*listen \[::\].*$", "", site, flags=re.MULTILINE)
    (folder / "translate-flow.conf").write_text(site)
    for temp in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (folder / temp).mkdir(exist_ok=True)
    # As root, workers would switch to `nobody`, who cannot write the temporary folders.
    user = "user root root;" if os.geteuid() == 0 else ""
    main = folder / "nginx.conf"
    main.write_text(
        f"""{user}
daemon off;
worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    access_log {folder}/access.log;
    client_body_temp_path {folder}/body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    include {folder}/translate-flow.conf;
}}
"""
    )
    return main


@dataclass(frozen=True)
class Proxy:
    http_port: int
    https_port: int
    folder: Path


def _listening(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


@contextmanager
def nginx(folder: Path, upstream: str) -> Iterator[Proxy]:
    """nginx in front of `upstream` (host:port) until the block ends; its error log is shown
    if it fails to start."""
    assert NGINX is not None, NOT_INSTALLED
    proxy = Proxy(free_port(), free_port(), folder)
    main = local_nginx_conf(
        folder,
        self_signed_certificate(folder),
        upstream=upstream,
        http_port=proxy.http_port,
        https_port=proxy.https_port,
    )
    error_log = folder / "error.log"
    process = subprocess.Popen(
        [NGINX, "-p", str(folder), "-e", str(error_log), "-c", str(main)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while not (_listening(proxy.http_port) and _listening(proxy.https_port)):
            if process.poll() is not None or time.monotonic() > deadline:
                log = error_log.read_text() if error_log.exists() else ""
                raise AssertionError(f"nginx did not start: {log}")
            time.sleep(0.05)
        yield proxy
    finally:
        process.terminate()
        process.wait(timeout=30)
