"""The load generator: N clients in threads of a process of its own, each sending one kind of
request in a loop for a fixed time, recording every latency.

    python -m bench.load --plan plan.json --clients 8 --seconds 10 > figures.json

The plan names the server, each case's requests, and how clients sign in; the answer is one
JSON object per case: requests, errors, seconds, latencies' percentiles.
"""

import argparse
import http.client
import json
import os
import re
import statistics
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

CSRF_META = re.compile(r'<meta name="csrf-token" content="([^"]+)">')
# Django's form token (the peer, Weblate): any masked copy is good for the whole session.
CSRF_DJANGO = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass
class Client:
    host: str
    port: int
    cookie: str = ""
    csrf: str = ""
    bearer: str = ""
    versions: dict[str, int] = field(default_factory=dict)

    def request(
        self,
        method: str,
        path: str,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> tuple[int, bytes, http.client.HTTPResponse]:
        connection = http.client.HTTPConnection(self.host, self.port, timeout=60)
        all_headers = {"Connection": "close", **(headers or {})}
        if self.cookie:
            all_headers["Cookie"] = self.cookie
        if self.bearer:
            all_headers["Authorization"] = f"Bearer {self.bearer}"
        connection.request(method, path, body=body, headers=all_headers)
        response = connection.getresponse()
        data = response.read()
        connection.close()
        return response.status, data, response

    def sign_in(self, email: str, password: str) -> None:
        _status, page, response = self.request("GET", "/login")
        self.cookie = _cookie(response) or self.cookie
        match = CSRF_META.search(page.decode())
        assert match, "no CSRF token on the sign-in page"
        body = urlencode({"csrf_token": match.group(1), "email": email, "password": password})
        status, _data, response = self.request(
            "POST",
            "/login",
            body.encode(),
            {"Content-Type": "application/x-www-form-urlencoded"},
        )
        assert status == 302, f"sign-in failed: {status}"
        self.cookie = _cookie(response) or self.cookie

    def sign_in_django(self, username: str, password: str, csrf_from: str) -> None:
        """Sign in to a Django app (the peer, Weblate) and keep a form token for later POSTs,
        read from `csrf_from` after signing in (Django rotates the token at sign-in)."""
        _status, page, response = self.request("GET", "/accounts/login/")
        self.cookie = _cookie(response) or self.cookie
        match = CSRF_DJANGO.search(page.decode())
        assert match, "no CSRF token on Weblate's sign-in page"
        body = urlencode(
            {"csrfmiddlewaretoken": match.group(1), "username": username, "password": password}
        )
        status, _data, response = self.request(
            "POST",
            "/accounts/login/",
            body.encode(),
            {"Content-Type": "application/x-www-form-urlencoded"},
        )
        assert status == 302, f"Weblate sign-in failed: {status}"
        self.cookie = _cookie(response) or self.cookie
        status, page, _response = self.request("GET", csrf_from)
        match = CSRF_DJANGO.search(page.decode())
        assert status == 200 and match, f"no CSRF token on {csrf_from}: {status}"
        self.csrf = match.group(1)


def _cookie(response: http.client.HTTPResponse) -> str:
    cookies = [h.split(";", 1)[0] for k, h in response.getheaders() if k.lower() == "set-cookie"]
    return "; ".join(cookies)


def _multipart(client: Client, source: str) -> tuple[bytes, str]:
    """The file at `source` (downloaded once, before the clock starts) as the form field
    "file" of a multipart/form-data body."""
    status, document, _response = client.request("GET", source)
    assert status == 200, f"could not download {source}: {status}"
    return _form_multipart({}, "file", "offline.xlf", document)


def _form_multipart(
    fields: dict[str, str], file_field: str, filename: str, data: bytes
) -> tuple[bytes, str]:
    """A browser's multipart/form-data body: the form's fields and one file."""
    boundary = "bench-form-boundary-3b9e"
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        for name, value in fields.items()
    ]
    parts.append(
        (
            f"--{boundary}\r\n"
            f'Content-Disposition: form-data; name="{file_field}"; filename="{filename}"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n"
        ).encode()
        + data
        + b"\r\n"
    )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def _django_post(client: Client, path: str, fields: dict[str, str]) -> tuple[int, bytes]:
    body = urlencode({"csrfmiddlewaretoken": client.csrf, **fields}).encode()
    headers = {"Content-Type": "application/x-www-form-urlencoded", "X-CSRFToken": client.csrf}
    status, data, _response = client.request("POST", path, body, headers)
    return status, data


def _zen_save(client: Client, case: dict[str, Any], number: int) -> int:
    """Weblate's save of one unit as its zen editor sends it: the unit's checksums and the
    text; the answer's translationsum is the unit's next one (empty when the save failed)."""
    unit = case["segments"][number % len(case["segments"])]
    text = f"Autosaved text, edit {number + 1}, typed by a benchmark client."
    fields = {
        "unit_id": str(unit["id"]),
        "checksum": unit["checksum"],
        "contentsum": unit["contentsum"],
        "translationsum": unit["translationsum"],
        "target_0": text,
    }
    status, data = _django_post(client, case["path"], fields)
    if status != 200:
        return status
    translationsum = json.loads(data).get("translationsum", "")
    if not translationsum:
        return 422  # Weblate answers 200 with its error messages: counted as an error
    unit["translationsum"] = translationsum
    return status


def _one(client: Client, case: dict[str, Any], number: int) -> int:
    """Send the case's request once; its HTTP status."""
    if case["kind"] == "zen_save":
        return _zen_save(client, case, number)
    if case["kind"] == "post_each":  # a Django form POST per item (Weblate's machinery)
        item = str(case["segments"][number % len(case["segments"])])
        status, _data = _django_post(client, case["path"].replace("SEGMENT", item), {})
        return status
    if case["kind"] == "save":
        segment = str(case["segments"][number % len(case["segments"])])
        path = case["path"].replace("SEGMENT", segment)
        version = client.versions.get(segment, 0)
        text = f"Autosaved text, edit {version + 1}, typed by a benchmark client."
        body = json.dumps({"text": text, "base_version": version}).encode()
        status, data, _response = client.request(
            "PUT", path, body, {"Content-Type": "application/json"}
        )
        if status == 200 or status == 409:
            client.versions[segment] = json.loads(data)["version"]
        return status
    if case["kind"] in ("upload", "form_upload"):
        # A file sent back, as a volunteer's offline work comes back; or a form with its file
        # and the page's CSRF token, as a coordinator's browser sends it.
        body, content_type = case["upload"]
        status, _data, _response = client.request(
            "POST", case["path"], body, {"Content-Type": content_type}
        )
        return status
    path = case["path"]
    if case["kind"] == "get_each":  # one request per item, in turn (a segment's suggestions)
        path = path.replace("SEGMENT", str(case["segments"][number % len(case["segments"])]))
    status, _data, _response = client.request("GET", path)
    return status


def run_case(
    plan: dict[str, Any], case: dict[str, Any], clients: int, seconds: float
) -> dict[str, Any]:
    host, port = plan["host"], plan["port"]
    people = []
    for index in range(clients):
        client = Client(host, port)
        auth = case.get("auth")
        if auth == "session":
            client.sign_in(plan["email"], plan["password"])
        elif auth == "token":
            client.bearer = plan["token"]
        elif auth == "django_session":
            client.sign_in_django(plan["username"], plan["password"], plan["csrf_from"])
        people.append((index, client))
    if case["kind"] == "upload":
        case = case | {"upload": _multipart(people[0][1], case["file_from"])}
    # The form's CSRF token belongs to the session, and each client has its own: one body each.
    bodies: dict[int, tuple[bytes, str]] = {}
    if case["kind"] == "form_upload":
        data = Path(case["file_path"]).read_bytes()
        for index, client in people:
            _status, page, response = client.request("GET", case["csrf_from"])
            # The first form a session shows stores its token in the session's cookie.
            client.cookie = _cookie(response) or client.cookie
            match = CSRF_META.search(page.decode())
            assert match, f"no CSRF token on {case['csrf_from']}"
            fields = case["fields"] | {"csrf_token": match.group(1)}
            bodies[index] = _form_multipart(fields, case["file_field"], case["filename"], data)
    latencies: list[list[float]] = [[] for _ in range(clients)]
    errors = [0] * clients
    start = threading.Barrier(clients + 1)
    warm_until = [0.0]
    stop_at = [0.0]

    def work(index: int, client: Client) -> None:
        # Each client saves its own segments: as people do, each on their own paragraph.
        mine = dict(case)
        if case["kind"] in ("save", "get_each", "post_each", "zen_save"):
            mine["segments"] = case["segments"][index::clients] or case["segments"]
        if case["kind"] == "zen_save":  # each client's own copy of its units' checksums
            mine["segments"] = [dict(unit) for unit in mine["segments"]]
        if case["kind"] == "form_upload":
            mine["upload"] = bodies[index]
        number = 0
        start.wait()
        while True:
            began = time.perf_counter()
            if began >= stop_at[0]:
                return
            status = _one(client, mine, number)
            number += 1
            ended = time.perf_counter()
            # Counted when it ends after the warm-up: a page slower than the warm-up itself
            # (the harness's half-second run on a busy machine) is then still measured.
            if ended >= warm_until[0]:
                if status >= 400 and status != 409:
                    errors[index] += 1
                latencies[index].append(ended - began)

    threads = [threading.Thread(target=work, args=person) for person in people]
    for thread in threads:
        thread.start()
    now = time.perf_counter()
    warm_until[0] = now + min(1.0, seconds / 5)
    stop_at[0] = warm_until[0] + seconds
    cpu_pids = plan.get("cpu_pids", [])
    cpu_start = [0.0]

    def sample_cpu() -> None:  # the server's CPU from the end of the warm-up
        time.sleep(max(0.0, warm_until[0] - time.perf_counter()))
        cpu_start[0] = _cpu_seconds(cpu_pids)

    sampler = threading.Thread(target=sample_cpu)
    if cpu_pids:
        sampler.start()
    start.wait()
    for thread in threads:
        thread.join()
    cpu_used = None
    if cpu_pids:
        sampler.join()
        cpu_used = _cpu_seconds(cpu_pids) - cpu_start[0]
    times = sorted(t for per_client in latencies for t in per_client)
    measured = stop_at[0] - warm_until[0]

    def percentile(share: float) -> float:
        if not times:
            return float("nan")
        return times[min(len(times) - 1, int(share * len(times)))] * 1000

    return {
        "name": case["name"],
        "requests": len(times),
        "errors": sum(errors),
        "seconds": round(measured, 2),
        "rps": round(len(times) / measured, 1),
        "p50_ms": round(percentile(0.50), 1),
        "p95_ms": round(percentile(0.95), 1),
        "p99_ms": round(percentile(0.99), 1),
        "mean_ms": round(statistics.fmean(times) * 1000, 1) if times else None,
    } | _cpu_figures(cpu_used, len(times))


def _cpu_seconds(pids: list[int]) -> float:
    """User and system CPU seconds the processes have used (their /proc stat)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / ticks


def _cpu_figures(cpu_used: float | None, requests: int) -> dict[str, Any]:
    """Worker-milliseconds per request, when the plan named the workers (`cpu_pids`)."""
    if cpu_used is None:
        return {}
    return {
        "worker_cpu_s": round(cpu_used, 2),
        "worker_ms_per_request": round(cpu_used * 1000 / requests, 1) if requests else None,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plan", required=True)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=10.0)
    arguments = parser.parse_args()
    with open(arguments.plan, encoding="utf-8") as file:
        plan = json.load(file)
    results = []
    for case in plan["cases"]:
        results.append(run_case(plan, case, arguments.clients, arguments.seconds))
        print(json.dumps(results[-1]), file=sys.stderr, flush=True)
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main()
